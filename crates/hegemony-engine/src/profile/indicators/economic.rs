//! Economic hierarchy's indicators: the dominant state's share of the
//! subordinate's arms imports (and how concentrated its suppliers are), of
//! its trade, and the strategic sectors its firms control.

use hegemony_core::State;
use hegemony_kb::model::{Dependence, Detail, Fact};
use hegemony_measures::dependence::supplier_shares;

use super::{Indicators, code_of, kb_ref};
use crate::profile::{Coverage, Point};

impl Indicators<'_> {
    /// The dominant state's share of the subordinate's arms imports, and the
    /// concentration of all its suppliers, over a trailing window (SIPRI TIV;
    /// knowledge-base figures where the register is not in the data folder).
    pub(super) fn arms(&self, sub: &State, year: i32) -> (Point, Point) {
        let window = self.inputs.settings.settings.arms_window;
        let mut from = year - window + 1;
        match (&self.inputs.data.arms, sub.cow, self.dom_cow) {
            (Some(arms), Some(s), Some(d)) if year <= arms.last_year && from >= arms.first_year => {
                let rows = arms.to(s);
                // Deliveries are lumpy: a window with too little volume for a
                // share to mean anything is widened, up to three times its length.
                let min_tiv = self.inputs.settings.settings.arms_min_tiv;
                let delivered = |from: i32| {
                    rows.iter().filter(|t| (from..=year).contains(&t.year)).map(|t| t.tiv).sum::<f64>() >= min_tiv
                };
                while !delivered(from) && year - from + 1 < 3 * window && from > arms.first_year {
                    from -= 1;
                }
                let used: Vec<String> = rows
                    .iter()
                    .filter(|t| (from..=year).contains(&t.year) && t.tiv > 0.0)
                    .map(|t| format!("sipri:{}-{s}/{}", t.supplier, t.year))
                    .collect();
                let shares = supplier_shares(rows.iter().map(|t| (t.supplier, t.year, t.tiv)), from, year);
                let Some(share) = shares.share_of(d) else {
                    let none = format!("no arms imports recorded {from}–{year}");
                    return (
                        Point::absent(year, Coverage::Missing, &none),
                        Point::absent(year, Coverage::Missing, none),
                    );
                };
                let dom_tiv = shares.suppliers.iter().find(|x| x.0 == d).map_or(0.0, |x| x.1);
                let share_p = Point::covered(year, share, "sipri", used.clone())
                    .with_note(format!("{from}–{year}: {dom_tiv:.0} of {:.0} TIV", shares.total));
                let top: Vec<String> =
                    shares.suppliers.iter().take(3).map(|x| format!("{} {:.0}%", code_of(x.0), 100.0 * x.2)).collect();
                let hhi_p = Point::covered(year, shares.hhi_normalised.unwrap_or(0.0), "sipri", used)
                    .with_note(format!("{} suppliers {from}–{year}: {}", shares.suppliers.len(), top.join(", ")));
                (share_p, hhi_p)
            }
            _ => {
                let figure = self.kb_figure(sub, "arms_import_share", year);
                let hhi = Point::absent(year, Coverage::NotCovered, "needs the SIPRI register for this window");
                match figure {
                    Some((f, d)) => {
                        let v = if d.unit == "percent" { d.value / 100.0 } else { d.value };
                        let p = Point::covered(year, v, "kb", vec![kb_ref(&f.id)]).with_note(format!(
                            "knowledge-base figure for {}–{}",
                            d.window_from.unwrap_or(year),
                            d.window_to.unwrap_or(year)
                        ));
                        (p, hhi)
                    }
                    None => (Point::absent(year, Coverage::NotCovered, "no SIPRI data or figure for this window"), hhi),
                }
            }
        }
    }

    /// The dominant state's share of the subordinate's total trade (COW).
    pub(super) fn trade(&self, sub: &State, year: i32) -> Point {
        if let (Some(trade), Some(s), Some(d)) = (&self.inputs.data.trade, sub.cow, self.dom_cow)
            && year <= trade.last_year
        {
            let (Some(with), Some(total)) = (trade.between(s, d, year), trade.total(s, year)) else {
                return Point::absent(year, Coverage::Missing, "no COW trade figure");
            };
            if total <= 0.0 {
                return Point::absent(year, Coverage::Missing, "total trade recorded as 0");
            }
            // Between a subordinate and its dominant state, no trade at all in
            // either direction is a gap in the record (COW fills unreported
            // flows with 0, as for intra-Soviet trade in 1992), not a fact.
            if with <= 0.0 {
                return Point::absent(
                    year,
                    Coverage::Missing,
                    format!(
                        "COW records 0 in both directions (of {total:.0} million US$ in all): read as not recorded"
                    ),
                );
            }
            let sources = vec![format!("ps_cow_trade_ndy:{s}-{d}/{year}"), format!("ps_cow_trade_sy:{s}/{year}")];
            return Point::covered(year, (with / total).min(1.0), "cow_trade", sources)
                .with_note(format!("{with:.0} of {total:.0} million US$"));
        }
        let figure = self.kb_figure(sub, "trade_share", year);
        match figure {
            Some((f, d)) => {
                let v = if d.unit == "percent" { d.value / 100.0 } else { d.value };
                Point::covered(year, v, "kb", vec![kb_ref(&f.id)])
            }
            None => Point::absent(year, Coverage::NotCovered, "COW trade ends 2014; no knowledge-base figure"),
        }
    }

    /// Share of the strategic sectors in which the dominant state's firms
    /// control an asset in the subordinate.
    pub(super) fn assets(&self, sub: &State, year: i32) -> Point {
        let sectors = &self.inputs.settings.settings.strategic_sectors;
        let mut held: Vec<String> = Vec::new();
        let mut sources = Vec::new();
        for f in self.inputs.kb.assets(self.dominant.code(), sub.code(), year) {
            if let Detail::Asset(a) = &f.detail
                && sectors.contains(&a.sector)
            {
                if !held.contains(&a.sector) {
                    held.push(a.sector.clone());
                }
                sources.push(kb_ref(&f.id));
            }
        }
        let v = held.len() as f64 / sectors.len().max(1) as f64;
        let note = if held.is_empty() { "none recorded".to_string() } else { held.join(", ") };
        Point::covered(year, v, "kb", sources).with_note(note)
    }

    /// The knowledge-base figure of `indicator` for `sub` whose window holds
    /// `year`: the narrowest such window (a year's figure before a five-year
    /// average), then the surest, then by id, so the choice never depends on
    /// the order of the files.
    fn kb_figure(&self, sub: &State, indicator: &str, year: i32) -> Option<(&Fact, &Dependence)> {
        let covering = |d: &Dependence| {
            d.indicator == indicator
                && d.window_from.is_some_and(|f| f <= year)
                && d.window_to.is_some_and(|t| t >= year)
        };
        self.inputs.kb.dependence(sub.code(), self.dominant.code()).into_iter().filter(|(_, d)| covering(d)).min_by(
            |(fa, a), (fb, b)| {
                let width = |d: &Dependence| d.window_to.unwrap_or(year) - d.window_from.unwrap_or(year);
                width(a).cmp(&width(b)).then(fb.confidence.total_cmp(&fa.confidence)).then(fa.id.cmp(&fb.id))
            },
        )
    }
}
