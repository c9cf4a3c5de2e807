//! Names for complexes and subcomplexes: the region (by COW code ranges) of
//! the strongest member. Names are for
//! people; a complex's id is `rsc-` and its strongest member's code.

/// The region of a COW code: the COW numbering groups states by region
/// (2–95 North and Central America and the Caribbean, 100–165 South America,
/// 200–395 Europe, 402–591 Africa south of the Sahara, 600–698 North Africa
/// and the Middle East, 700–990 Asia and Oceania); the successor states of
/// the USSR are their own region.
pub fn region(cow: u16) -> &'static str {
    match cow {
        365..=373 | 359 | 701..=705 => "Post-Soviet space",
        2 | 20 | 70 => "North America",
        31..=95 => "Central America and the Caribbean",
        100..=165 => "South America",
        200..=395 => "Europe",
        402..=480 | 483 => "West Africa",
        481..=482 | 484..=499 => "Central Africa",
        500..=539 => "East Africa and the Horn",
        540..=599 => "Southern Africa",
        600..=626 => "North Africa",
        630..=698 => "Middle East",
        700 | 750..=799 => "South Asia",
        710..=749 => "Northeast Asia",
        800..=899 => "Southeast Asia",
        900..=999 => "Oceania",
        _ => "Other",
    }
}

/// A finer region, for subcomplexes.
pub fn subregion(cow: u16) -> &'static str {
    match cow {
        366..=368 => "Baltic",
        359 | 369 | 370 => "Western CIS",
        371..=373 => "Caucasus",
        701..=705 => "Central Asia",
        365 => "Russia",
        600..=620 => "Maghreb",
        625 | 626 | 651 | 652 | 660..=669 => "Levant and Nile",
        630 | 645 | 670..=699 => "Gulf",
        640 => "Anatolia",
        200..=235 => "Western Europe",
        255..=317 => "Central Europe",
        325..=338 | 350..=352 => "Southern Europe",
        339..=349 | 355..=360 => "Balkans",
        375..=395 => "Nordic",
        100 | 101 | 130 | 135 | 145 => "Andean North",
        140 | 150..=165 => "Southern Cone",
        _ => region(cow),
    }
}

/// The name of a group: the region of its strongest member (`strongest`,
/// by COW code; `label` its name), with the member's name when another group
/// of the year already has that region, and "centred on" when it is centred.
pub fn name(
    strongest: u16,
    label: &str,
    region_of: fn(u16) -> &'static str,
    centred: bool,
    taken: &[String],
) -> String {
    let top = region_of(strongest);
    let base = if taken.iter().any(|t| t.starts_with(top)) { format!("{top}: {label}") } else { top.to_string() };
    if centred { format!("{base} (centred on {label})") } else { base }
}
