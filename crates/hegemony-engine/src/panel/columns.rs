//! The column groups' values for a block of rows (see [`super::GROUPS`]
//! for what each column means and how it is joined).

use super::sources::Sources;
use super::universe::Rows;
use super::{Group, key};
use crate::table::{ColumnData, Table};

/// Per row: the two COW codes and the year, or `None` when a code has no
/// COW state to join on (a Gleditsch–Ward state COW does not list).
fn joins(rows: &Rows) -> impl Iterator<Item = Option<(u16, u16, i32)>> + '_ {
    (0..rows.len()).map(|i| Some((rows.cow_a[i]?, rows.cow_b[i]?, rows.year[i])))
}

/// A 0/1 column per bit of `bits` (null where `bits` gives `None`).
fn flag_columns(t: &mut Table, names: &[&str], bits: &[Option<u8>]) {
    for (k, name) in names.iter().enumerate() {
        t.push(name, ColumnData::Small(bits.iter().map(|b| b.map(|b| ((b >> k) & 1) as i8)).collect()));
    }
}

/// Adds the columns of group `g` to `t`.
pub(super) fn add(t: &mut Table, g: &Group, rows: &Rows, s: &Sources) {
    let covered = |y: i32, (lo, hi): (i32, i32)| (lo..=hi).contains(&y);
    match g.name {
        "atop" => {
            let Some((m, span)) = &s.atop else { return };
            let bits: Vec<Option<u8>> = joins(rows)
                .map(|j| j.filter(|j| covered(j.2, *span)).map(|(a, b, y)| m.get(&(a, b, y)).copied().unwrap_or(0)))
                .collect();
            flag_columns(t, g.columns, &bits);
        }
        "cow_alliance" => {
            let Some(c) = &s.cow_alliance else { return };
            let bits: Vec<Option<u8>> = joins(rows).map(|j| j.and_then(|(a, b, y)| c.types(a, b, y))).collect();
            flag_columns(t, g.columns, &bits);
        }
        "mids" => mids(t, rows, s),
        "rivalries" => {
            let Some((m, td_last, tss_last)) = &s.rivalries else { return };
            let r: Vec<_> = joins(rows).map(|j| j.map(|(a, b, y)| (y, m.get(&key(a, b, y)).copied()))).collect();
            let col = |last: i32, f: fn(&super::sources::RivalryYear) -> bool| {
                ColumnData::Small(
                    r.iter()
                        .map(|x| x.filter(|(y, _)| *y <= last).map(|(_, v)| v.as_ref().map_or(0, |v| i8::from(f(v)))))
                        .collect(),
                )
            };
            t.push("td_rivalry", col(*td_last, |v| v.td));
            t.push("tss_rivalry", col(*tss_last, |v| v.tss));
            t.push("tss_principal", col(*tss_last, |v| v.principal));
        }
        "contiguity" => {
            let Some((m, last)) = &s.contiguity else { return };
            let v = joins(rows)
                .map(|j| j.filter(|j| j.2 <= *last).map(|(a, b, y)| m.get(&key(a, b, y)).map_or(0, |&k| k as i8)))
                .collect();
            t.push("conttype", ColumnData::Small(v));
        }
        "cinc" => capabilities(t, rows, s),
        "majors" => {
            let Some(p) = &s.majors else { return };
            let side = |code: &[Option<u16>]| {
                let v = (0..rows.len())
                    .map(|i| {
                        let y = rows.year[i];
                        code[i]
                            .filter(|_| p.covers(y))
                            .map(|c| i8::from(p.spells.iter().any(|s| s.ccode == c && s.from <= y && y <= s.to)))
                    })
                    .collect();
                ColumnData::Small(v)
            };
            t.push("cowmaj1", side(&rows.cow_a));
            t.push("cowmaj2", side(&rows.cow_b));
        }
        "trade" => {
            let Some(tr) = &s.trade else { return };
            let f: Vec<_> = joins(rows).map(|j| j.and_then(|(a, b, y)| tr.between(a, b, y))).collect();
            t.push("flow1", ColumnData::Float(f.iter().map(|x| x.and_then(|x| x.flow1)).collect()));
            t.push("flow2", ColumnData::Float(f.iter().map(|x| x.and_then(|x| x.flow2)).collect()));
            t.push("smoothflow1", ColumnData::Float(f.iter().map(|x| x.and_then(|x| x.smoothflow1)).collect()));
            t.push("smoothflow2", ColumnData::Float(f.iter().map(|x| x.and_then(|x| x.smoothflow2)).collect()));
        }
        "igo" => {
            let Some(i) = &s.igo else { return };
            let v = joins(rows).map(|j| j.and_then(|(a, b, y)| i.shared(a, b, y)).map(i32::from)).collect();
            t.push("dyadigos", ColumnData::Int32(v));
        }
        "unvotes" => {
            let Some(m) = &s.votes else { return };
            let v: Vec<_> = joins(rows).map(|j| j.and_then(|(a, b, y)| m.get(&key(a, b, y)).copied())).collect();
            t.push("un_n", ColumnData::Int32(v.iter().map(|x| x.map(|x| x.n as i32)).collect()));
            t.push("un_agree", ColumnData::Float(v.iter().map(|x| x.and_then(|x| x.agree)).collect()));
            t.push("un_kappa", ColumnData::Float(v.iter().map(|x| x.and_then(|x| x.kappa)).collect()));
        }
        "idealpoints" => {
            let Some(p) = &s.ideal else { return };
            let theta = |code: &[Option<u16>], i: usize| code[i].and_then(|c| p.get(c, rows.year[i])).map(|x| x.0);
            let one: Vec<Option<f64>> = (0..rows.len()).map(|i| theta(&rows.cow_a, i)).collect();
            let two: Vec<Option<f64>> = (0..rows.len()).map(|i| theta(&rows.cow_b, i)).collect();
            let dist = one.iter().zip(&two).map(|(a, b)| Some((a.as_ref()? - b.as_ref()?).abs())).collect();
            t.push("idealpoint1", ColumnData::Float(one));
            t.push("idealpoint2", ColumnData::Float(two));
            t.push("idealpoint_distance", ColumnData::Float(dist));
        }
        "hierarchy" => {
            let Some(h) = &s.hierarchy else { return };
            let v: Vec<_> = joins(rows).map(|j| j.and_then(|(a, b, y)| h.values.get(&key(a, b, y)))).collect();
            t.push("hier_dominant", ColumnData::Int32(v.iter().map(|x| x.map(|x| i32::from(x.0))).collect()));
            for (k, name) in g.columns[1..].iter().enumerate() {
                t.push(name, ColumnData::Float(v.iter().map(|x| x.and_then(|x| x.1[k])).collect()));
            }
        }
        other => unreachable!("column group {other} has no columns"),
    }
}

fn mids(t: &mut Table, rows: &Rows, s: &Sources) {
    let Some((m, (first, last))) = &s.disputes else { return };
    let d: Vec<_> = joins(rows)
        .map(|j| j.filter(|j| (*first..=*last).contains(&j.2)).map(|(a, b, y)| m.get(&key(a, b, y)).copied()))
        .collect();
    t.push("cowmidongoing", ColumnData::Small(d.iter().map(|x| x.map(|x| i8::from(x.is_some()))).collect()));
    t.push(
        "cowmidonset",
        ColumnData::Small(d.iter().map(|x| x.map(|x| i8::from(x.is_some_and(|x| x.onset)))).collect()),
    );
    t.push("dispnum", ColumnData::Int32(d.iter().map(|x| x.flatten().map(|x| x.number as i32)).collect()));
    t.push(
        "hostlev_dyad",
        ColumnData::Small(d.iter().map(|x| x.flatten().and_then(|x| x.hostility).map(|v| v as i8)).collect()),
    );
    t.push(
        "fatality_dyad",
        ColumnData::Small(d.iter().map(|x| x.flatten().and_then(|x| x.fatality).map(|v| v as i8)).collect()),
    );
}

fn capabilities(t: &mut Table, rows: &Rows, s: &Sources) {
    let Some(nmc) = &s.capabilities else { return };
    type Part = fn(&hegemony_data::relations::Capability) -> Option<f64>;
    let parts: [(&str, Part); 7] = [
        ("milex", |x| x.milex),
        ("milper", |x| x.milper),
        ("irst", |x| x.irst),
        ("pec", |x| x.pec),
        ("tpop", |x| x.tpop),
        ("upop", |x| x.upop),
        ("cinc", |x| x.cinc),
    ];
    for (side, code) in [("1", &rows.cow_a), ("2", &rows.cow_b)] {
        let caps: Vec<_> = (0..rows.len()).map(|i| code[i].and_then(|c| nmc.get(c, rows.year[i]))).collect();
        for (name, part) in parts {
            t.push(&format!("{name}{side}"), ColumnData::Float(caps.iter().map(|x| x.and_then(part)).collect()));
        }
    }
}
