//! Partial dates in serde form (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), and today's date.

use hegemony_core::Date;

/// Serde helpers for [`PartialDate`](hegemony_core::PartialDate) as a string.
pub mod pdate {
    use hegemony_core::PartialDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(d: &PartialDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }
    /// Reads a date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Serde helpers for `Option<PartialDate>` as an optional string.
pub mod opt_pdate {
    use hegemony_core::PartialDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the date as a string, or nothing.
    pub fn serialize<S: Serializer>(d: &Option<PartialDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
    /// Reads an optional date string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PartialDate>, D::Error> {
        let s = Option::<String>::deserialize(d)?;
        s.map(|s| s.parse().map_err(serde::de::Error::custom)).transpose()
    }
}

/// Today's date from the system clock (UTC).
pub fn today() -> Date {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    civil_from_days(secs.div_euclid(86_400))
}

/// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = if m <= 2 { y + 1 } else { y } as i32;
    Date::new(y, m, d).expect("civil_from_days yields valid dates")
}
