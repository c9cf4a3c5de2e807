//! The components of one year's ties, source by source: what each dataset
//! and the knowledge base say about two states, with the rows behind it.

use hegemony_data::structural::obligation;
use hegemony_kb::model::{Consent, Detail, ProvisionKind};

use super::Inputs;
use super::network::{Builder, Kind, arms_shares, code, provisions_of};
use super::prepare::{DEFENCE_COOPERATION, Prepared, atop_value, cow};

/// The military-political sector's components of `year`. `within` says
/// whether two states are in direct contact (`Some(true)`) or within reach
/// (`Some(false)`): the UN votes of every pair are read only for states in
/// contact (agreement in votes says something about a region only among
/// neighbours; a power's reach is for its military ties).
pub(crate) fn military(
    prep: &Prepared<'_>,
    inputs: &Inputs<'_>,
    year: i32,
    within: &dyn Fn(u16, u16) -> Option<bool>,
    b: &mut Builder<'_>,
    carried: &mut Vec<String>,
) {
    alliances(prep, inputs, year, b, carried);
    knowledge_base(prep, inputs, year, b);
    us_troops(inputs, year, b, carried);
    arms(inputs, year, b, carried);
    un_votes(prep, inputs, year, within, b, carried);
    enmity(prep, inputs, year, b, carried);
}

fn mask_words(mask: u8) -> String {
    let names = [
        (obligation::DEFENCE, "defence"),
        (obligation::OFFENCE, "offence"),
        (obligation::NEUTRALITY, "neutrality"),
        (obligation::NON_AGGRESSION, "non-aggression"),
        (obligation::CONSULTATION, "consultation"),
    ];
    names.iter().filter(|(bit, _)| mask & bit != 0).map(|(_, n)| *n).collect::<Vec<_>>().join(", ")
}

/// ATOP to its last year. After it, a dyad with a state whose military
/// alliances the knowledge base carries takes them from the knowledge base
/// and keeps ATOP's last lesser obligations (non-aggression, neutrality,
/// consultation: the knowledge base does not carry those); other dyads keep
/// ATOP's last year whole.
fn alliances(prep: &Prepared<'_>, inputs: &Inputs<'_>, year: i32, b: &mut Builder<'_>, carried: &mut Vec<String>) {
    let w = inputs.settings.amity.alliance;
    let past = prep.atop_last.is_none_or(|l| year > l);
    for &((x, y), mask) in prep.atop_in(year) {
        let mask = if past && (prep.kb_carried.contains(&x) || prep.kb_carried.contains(&y)) {
            mask & !obligation::MILITARY
        } else {
            mask
        };
        if mask == 0 {
            continue;
        }
        let y_atop = prep.atop_last.map_or(year, |l| year.min(l));
        let detail = format!("ATOP {y_atop}: {}", mask_words(mask));
        b.add(
            x,
            y,
            Kind::Alliance,
            atop_value(mask),
            w,
            past,
            detail,
            vec![format!("ps_atop_alliance:{x}-{y}/{y_atop}")],
        );
    }
    if !past {
        return;
    }
    match prep.atop_last {
        Some(l) => carried.push(format!(
            "ATOP ends in {l}: alliances of the states the knowledge base carries come from it, the other states' {l} obligations are carried"
        )),
        None => carried.push("no ATOP in the data folder: alliances from the knowledge base alone".into()),
    }
    for f in &prep.agreements {
        let Detail::Agreement(a) = &f.detail else { continue };
        if !a.in_force_in(year) {
            continue;
        }
        let value = if a.has(ProvisionKind::MutualDefence) || a.has(ProvisionKind::SecurityGuarantee) {
            1.0
        } else if a.has(ProvisionKind::NonAggression) || a.has(ProvisionKind::NoHostileAlliance) {
            0.5
        } else if a.has(ProvisionKind::Consultation) {
            0.25
        } else {
            continue;
        };
        for ((x, y), _, _) in Prepared::agreement_pairs(inputs.kb, f, year) {
            if prep.atop_last.is_none() || prep.kb_carried.contains(&x) || prep.kb_carried.contains(&y) {
                b.add(
                    x,
                    y,
                    Kind::Alliance,
                    value,
                    w,
                    false,
                    format!("knowledge base: {}", f.title),
                    vec![format!("kb:{}", f.id)],
                );
            }
        }
    }
}

/// Shared security organisations, defence cooperation, and forces stationed
/// with or against the host's consent, from the knowledge base.
fn knowledge_base(prep: &Prepared<'_>, inputs: &Inputs<'_>, year: i32, b: &mut Builder<'_>) {
    let s = inputs.settings;
    for (org, value) in &s.options.organisations {
        let members = prep.members_in(org, year);
        let abbrev = inputs.kb.organisation(org).map_or(org.clone(), |(_, o)| o.abbrev.clone());
        for (k, (x, fx)) in members.iter().enumerate() {
            for (y, fy) in &members[k + 1..] {
                let sources = vec![format!("kb:{}", fx.id), format!("kb:{}", fy.id)];
                b.add(
                    *x,
                    *y,
                    Kind::Organisation,
                    *value,
                    s.amity.organisation,
                    false,
                    format!("both in the {abbrev}"),
                    sources,
                );
            }
        }
    }
    for f in &prep.agreements {
        let Detail::Agreement(a) = &f.detail else { continue };
        let dc = provisions_of(f, &DEFENCE_COOPERATION);
        if dc.is_empty() || !a.in_force_in(year) {
            continue;
        }
        let detail = format!("{} ({})", f.title, dc.join(", "));
        for ((x, y), _, _) in Prepared::agreement_pairs(inputs.kb, f, year) {
            b.add(
                x,
                y,
                Kind::DefenceCooperation,
                1.0,
                s.amity.defence_cooperation,
                false,
                detail.clone(),
                vec![format!("kb:{}", f.id)],
            );
        }
    }
    for (f, consent, dom, host) in prep.presences_in(year) {
        let place = match &f.detail {
            Detail::Presence(p) => format!("{} {} in {}", p.dominant, p.facility.replace('_', " "), p.host),
            _ => f.title.clone(),
        };
        let detail = format!("{place} ({})", consent.as_str());
        let sources = vec![format!("kb:{}", f.id)];
        match consent {
            Consent::Consented => b.add(dom, host, Kind::Basing, 1.0, s.amity.basing, false, detail, sources),
            Consent::Contested => b.add(dom, host, Kind::Occupation, 0.5, s.enmity.occupation, false, detail, sources),
            Consent::Occupation => b.add(dom, host, Kind::Occupation, 1.0, s.enmity.occupation, false, detail, sources),
        }
    }
}

/// US troops abroad (troopdata): 1 from 1,000 troops, 0.5 from 100.
fn us_troops(inputs: &Inputs<'_>, year: i32, b: &mut Builder<'_>, carried: &mut Vec<String>) {
    let Some(t) = &inputs.data.us_troops else { return };
    if year < t.first_year {
        return;
    }
    let y = year.min(t.last_year);
    if year > t.last_year {
        carried.push(format!("US troops (troopdata) end in {}: its {} figures are carried", t.last_year, t.last_year));
    }
    let hosts: Vec<u16> = b.nodes().collect();
    for host in hosts {
        let Some(n) = t.get(host, y).filter(|&n| n >= 100.0) else { continue };
        let v = if n >= 1000.0 { 1.0 } else { 0.5 };
        let source = vec![format!("troopdata_us_troops_legacy:{host}/{y}")];
        b.add(
            2,
            host,
            Kind::Basing,
            v,
            inputs.settings.amity.basing,
            year > t.last_year,
            format!("{n:.0} US troops ({y})"),
            source,
        );
    }
}

/// The suppliers of each state's arms imports over the window.
fn arms(inputs: &Inputs<'_>, year: i32, b: &mut Builder<'_>, carried: &mut Vec<String>) {
    let Some(a) = &inputs.data.arms else { return };
    if year < a.first_year {
        return;
    }
    if year > a.last_year {
        carried
            .push(format!("SIPRI transfers end in {}: the window ending in {} is carried", a.last_year, a.last_year));
    }
    let o = &inputs.settings.options;
    let recipients: Vec<u16> = b.nodes().collect();
    for r in recipients {
        let Some((from, to, suppliers, past)) = arms_shares(inputs, year, r) else { continue };
        for (s, _, share) in suppliers.into_iter().filter(|x| x.2 >= o.arms_min_share) {
            let detail = format!(
                "{} supplied {:.0}% of {}'s arms imports {from}–{to} (SIPRI TIV)",
                code(s),
                share * 100.0,
                code(r)
            );
            let source = vec![format!("sipri_tiv_transfers_1950_2021:{s}>{r}/{from}-{to}")];
            b.add(s, r, Kind::Arms, share, inputs.settings.amity.arms, past, detail, source);
        }
    }
}

/// Kappa of the dyad's UN votes in the session year (the record's last year after it ends).
fn un_votes(
    prep: &Prepared<'_>,
    inputs: &Inputs<'_>,
    year: i32,
    within: &dyn Fn(u16, u16) -> Option<bool>,
    b: &mut Builder<'_>,
    carried: &mut Vec<String>,
) {
    let Some((first, last)) = prep.un_years else { return };
    if year < first {
        return;
    }
    if year > last {
        carried.push(format!("the UN vote record ends in {last}: its {last} agreement is carried"));
    }
    let y = year.min(last);
    let o = &inputs.settings.options;
    for &((x, z), kappa, n) in prep.un.get(&y).map(Vec::as_slice).unwrap_or(&[]) {
        if n >= o.un_min_votes && kappa > 0.0 && within(x, z) == Some(true) {
            let detail = format!("UN votes {y}: kappa {kappa:.2} over {n} joint votes");
            b.add(
                x,
                z,
                Kind::UnVotes,
                kappa,
                inputs.settings.amity.un_votes,
                year > last,
                detail,
                vec![format!("un_votes:{x}-{z}/{y}")],
            );
        }
    }
}

/// Rivalries, disputes and wars.
fn enmity(prep: &Prepared<'_>, inputs: &Inputs<'_>, year: i32, b: &mut Builder<'_>, carried: &mut Vec<String>) {
    let w = &inputs.settings.enmity;
    let rel = &inputs.relations;
    for r in [&rel.tss, &rel.td].into_iter().flatten() {
        // Thompson & Dreyer end in 2010, where TSS continues them: read each within its own years;
        // past the newest set's end, its ongoing rivalries are carried.
        let newest = rel.tss.as_ref().map_or(r.last_year, |t| t.last_year);
        let past = year > r.last_year;
        if past && r.last_year < newest {
            continue;
        }
        if past {
            carried.push(format!("{} ends in {}: rivalries ongoing then are carried", r.source.stem(), r.last_year));
        }
        for x in r.items.iter().filter(|x| if past { r.ongoing_at_end(x) } else { x.in_year(year) }) {
            let kinds: Vec<String> = x.kinds.iter().map(|k| format!("{k:?}").to_lowercase()).collect();
            let detail =
                format!("rivalry {} ({}{})", x.name, kinds.join(", "), if x.principal { "; principal" } else { "" });
            b.add(x.a, x.b, Kind::Rivalry, 1.0, w.rivalry, past, detail, vec![x.source_key()]);
        }
    }
    if let Some(m) = &rel.disputes {
        // A dispute is remembered: its level counts in its year and, halved each year, in the
        // `dispute_memory` − 1 years after (complexes are durable patterns, not single incidents).
        let memory = inputs.settings.options.dispute_memory.max(1);
        if year > m.last_year {
            carried.push(format!(
                "MIDs end in {}: disputes are not covered after (the knowledge base's wars are, for the states it covers){}",
                m.last_year,
                if year - m.last_year < memory { "; the last ones fade out" } else { "" }
            ));
        }
        for back in 0..memory {
            let y = year - back;
            if !m.covers(y) {
                continue;
            }
            let fade = 0.5f64.powi(back);
            for d in m.in_year(y) {
                let (v, word) = match d.hostility {
                    Some(5) => (1.0, "war"),
                    Some(4) => (0.75, "use of force"),
                    Some(3) => (0.5, "display of force"),
                    Some(2) => (0.25, "threat"),
                    _ => continue,
                };
                let when = if back == 0 { String::new() } else { format!(" in {y}, halved {back}×") };
                let detail = format!("MID {}: {word}{when}", d.dispute);
                b.add(d.a, d.b, Kind::Dispute, v * fade, w.dispute, false, detail, vec![d.source_key()]);
            }
        }
    }
    // The knowledge base does not say who fought whom, and lists mediators and
    // allies among a war's actors: two actors count as enemies when the data
    // record them as adversaries — for a war of two actors, a rivalry or a
    // dispute at any time; of more actors, a strategic rivalry.
    for f in prep.wars.iter().filter(|f| f.touches_year(year)) {
        let actors: Vec<u16> = f.actors.iter().filter_map(|a| cow(a)).collect();
        let known = if actors.len() == 2 { &prep.adversaries } else { &prep.rivals };
        for (k, &x) in actors.iter().enumerate() {
            for &y in &actors[k + 1..] {
                if known.contains(&super::prepare::pair(x, y)) {
                    b.add(
                        x,
                        y,
                        Kind::War,
                        1.0,
                        w.war,
                        false,
                        format!("war: {}", f.title),
                        vec![format!("kb:{}", f.id)],
                    );
                }
            }
        }
    }
}

/// The economic sector: trade interdependence, the mean of the two states'
/// shares of their total trade with each other.
pub(crate) fn economic(
    inputs: &Inputs<'_>,
    year: i32,
    cows: &[u16],
    within: &dyn Fn(u16, u16) -> Option<bool>,
    b: &mut Builder<'_>,
) {
    let Some(t) = &inputs.data.trade else { return };
    for (k, &x) in cows.iter().enumerate() {
        for &y in &cows[k + 1..] {
            if within(x, y).is_none() {
                continue;
            }
            let (Some(v), Some(tx), Some(ty)) = (t.between(x, y, year), t.total(x, year), t.total(y, year)) else {
                continue;
            };
            if v <= 0.0 || tx <= 0.0 || ty <= 0.0 {
                continue;
            }
            let (sx, sy) = ((v / tx).min(1.0), (v / ty).min(1.0));
            let detail = format!(
                "trade {year}: {:.1}% of {}'s and {:.1}% of {}'s trade",
                sx * 100.0,
                code(x),
                sy * 100.0,
                code(y)
            );
            let source = vec![format!("ps_cow_trade_ndy:{}-{}/{year}", x.min(y), x.max(y))];
            b.add(x, y, Kind::Trade, (sx + sy) / 2.0, inputs.settings.economic.trade, false, detail, source);
        }
    }
}
