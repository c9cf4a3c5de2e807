//! `hegemony report`: one self-contained HTML file — the chart inline (SVG),
//! the measures by year, the phases and their breaks, the key facts and the
//! list of sources — that can be mailed or archived. It loads nothing from
//! anywhere: no script, no external style, font or image.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use hegemony_engine::citation::Citation;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::catalogue::{self, TABLE};
use hegemony_engine::profile::{Headline, Measure, Profile};

use crate::{chart, esc, name_of};

/// The policy the server sends with a report: its own inline style, nothing else.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = "body{font-family:Georgia,serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}table{border-collapse:collapse;font-size:13px;margin:1em 0}\
td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:right}td{white-space:nowrap}td:first-child,th:first-child{text-align:left}\
.nc{color:#999}.about{color:#444;font-size:14px}.src{font-size:12px;color:#333}.moved{color:#444;font-size:13px}svg{max-width:100%;height:auto}\
.meta{color:#666;font-size:13px}td.wrap{white-space:normal;text-align:left}\
.headline{font-family:Helvetica,Arial,sans-serif;background:#f4f6f9;border-left:4px solid #1d2b3a;padding:.6em 1em;margin:1em 0}\
.headline .big{font-size:26px;font-weight:bold}.est{color:#555;font-style:italic}\
.panels{display:flex;flex-wrap:wrap;gap:8px}.panels svg{flex:1 1 300px;max-width:330px}.cite{font-size:12px;color:#444}";

const NOT_COVERED: &str = r#"<span class="nc">n/c</span>"#;

/// The report of one relation, with the citation of what it was computed on
/// (program, knowledge base and data versions with their SHA-256, the date).
pub fn render(p: &Profile, kb: &KnowledgeBase, citation: &Citation) -> String {
    let (sub, dom) = (name_of(&p.subordinate), name_of(&p.dominant));
    let title = format!("{sub} under {dom}, {}–{}", p.years.0, p.years.1);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        esc(&title)
    );
    let _ = write!(s, "<h1>{}</h1>", esc(&title));
    let _ = write!(
        s,
        "<p class=\"meta\">Hierarchy profile made on {} by hegemony {}. 0 = no hierarchy, 1 = the most among {}'s subordinates; n/c = no source covers the year; {}.</p>",
        esc(&citation.made),
        esc(citation.version),
        esc(&dom),
        esc(crate::MARKERS)
    );
    for w in &p.warnings {
        let _ = write!(s, "<p class=\"meta\"><b>Warning:</b> {}.</p>", esc(w));
    }
    headline(&mut s, &Headline::of(p));
    s.push_str(&chart::profile_chart(p, None, &[], kb));
    s.push_str("<h2>The four parts and their indicators</h2><div class=\"panels\">");
    for name in crate::panels::PANELS {
        s.push_str(&crate::panels::panel(p, name).unwrap_or_default());
    }
    s.push_str("</div>");
    about(&mut s, p);
    table(&mut s, p);
    phases(&mut s, p);
    facts(&mut s, p);
    sources(&mut s, p, kb);
    cite(&mut s, citation);
    s.push_str("</body></html>\n");
    s
}

fn about(s: &mut String, p: &Profile) {
    s.push_str("<h2>What the measures mean</h2><dl class=\"about\">");
    for m in &p.measures {
        let plain = catalogue::spec(m.name).map_or(m.about, |spec| spec.plain);
        let _ = write!(s, "<dt><b>{}</b></dt><dd>{}</dd>", esc(m.label), esc(plain));
    }
    s.push_str("</dl>");
}

fn table(s: &mut String, p: &Profile) {
    s.push_str("<h2>By year</h2><table><tr><th>year</th>");
    for n in TABLE {
        let label = p.measure(n).map_or(n, |m| m.label);
        let _ = write!(s, "<th>{}</th>", esc(label));
    }
    s.push_str("<th>rank</th></tr>");
    for y in p.years.0..=p.years.1 {
        let _ = write!(s, "<tr><td>{y}</td>");
        for n in TABLE {
            let cell = crate::cell(p.measure(n), y, NOT_COVERED);
            let basis = p.measure(n).and_then(|m| m.at(y)).map_or("", |pt| pt.marker_word());
            match basis {
                "predicted" | "carried" => {
                    let _ = write!(s, "<td class=\"est\" title=\"{basis}\">{cell}</td>");
                }
                _ => {
                    let _ = write!(s, "<td>{cell}</td>");
                }
            }
        }
        let rank = p.rank(y).map(|r| format!("{} of {}", r.sensitivity.rank, r.of));
        let _ = write!(s, "<td>{}</td></tr>", rank.unwrap_or_default());
    }
    s.push_str("</table>");
}

fn phases(s: &mut String, p: &Profile) {
    s.push_str("<h2>Phases</h2><p class=\"about\">Change points on the path institutionalisation × alignment; each new phase lists the facts dated that year or the year before.</p><ul>");
    for ph in &p.periods {
        let means: Vec<String> = ph.means.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
        let _ = write!(s, "<li><b>{}–{}</b>: {}", ph.from, ph.to, esc(&means.join(", ")));
        if !ph.moved.is_empty() {
            let _ = write!(s, "<div class=\"moved\">What moved: {}</div>", esc(&ph.moved.join(" · ")));
        }
        let facts: Vec<String> = p
            .breaks
            .iter()
            .filter(|b| b.year == ph.from)
            .flat_map(|b| b.facts.iter())
            .filter(|f| !f.id.starts_with("claim"))
            .map(|f| format!("{} {} [{}]", f.date, f.text, f.id))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(6)
            .collect();
        if !facts.is_empty() {
            s.push_str("<ul>");
            for f in facts {
                let _ = write!(s, "<li>{}</li>", esc(&f));
            }
            s.push_str("</ul>");
        }
        s.push_str("</li>");
    }
    s.push_str("</ul>");
    if !p.source_changes.is_empty() {
        s.push_str("<p class=\"about\">Source changes (not breaks):</p><ul>");
        for c in &p.source_changes {
            let _ = write!(s, "<li>{} {}: {} → {}</li>", c.year, esc(c.measure), esc(&c.from), esc(&c.to));
        }
        s.push_str("</ul>");
    }
}

fn facts(s: &mut String, p: &Profile) {
    s.push_str("<h2>Key facts</h2><p class=\"about\">Numbered as on the chart.</p><table><tr><th>no.</th><th>date</th><th>fact</th><th>id</th></tr>");
    for (n, f) in chart::numbered_key_facts(p) {
        let _ = write!(
            s,
            "<tr><td>{n}</td><td>{}</td><td class=\"wrap\">{}</td><td>{}</td></tr>",
            esc(&f.date.to_string()),
            esc(&f.text),
            esc(&f.fact_id)
        );
    }
    s.push_str("</table>");
}

fn sources(s: &mut String, p: &Profile, kb: &KnowledgeBase) {
    let mut used = BTreeSet::new();
    let mut datasets = BTreeSet::new();
    fn walk(m: &Measure, used: &mut BTreeSet<String>, datasets: &mut BTreeSet<String>) {
        for pt in &m.series {
            for src in &pt.sources {
                match src.strip_prefix("kb:") {
                    Some(id) => used.insert(id.to_string()),
                    None => datasets.insert(src.split(':').next().unwrap_or(src).to_string()),
                };
            }
        }
        for c in &m.components {
            walk(c, used, datasets);
        }
    }
    for m in &p.measures {
        walk(m, &mut used, &mut datasets);
    }
    for f in &p.facts {
        used.insert(f.fact_id.clone());
    }
    s.push_str("<h2>Sources</h2>");
    if !datasets.is_empty() {
        s.push_str("<h3>Datasets</h3><ul class=\"src\">");
        for d in &datasets {
            let _ = write!(s, "<li>{}</li>", esc(d));
        }
        s.push_str("</ul>");
    }
    s.push_str("<h3>Knowledge-base facts and their sources</h3><ul class=\"src\">");
    for id in &used {
        let Some(f) = kb.get(id) else { continue };
        let refs: Vec<String> = f
            .sources
            .iter()
            .map(|src| {
                let mut parts: Vec<String> = vec![src.kind.clone()];
                parts.extend(src.title.clone());
                parts.extend(src.publisher.clone());
                parts.extend(src.date.map(|d| d.to_string()));
                parts.extend(src.page.as_ref().map(|pg| format!("p. {pg}")));
                parts.extend(src.url.clone());
                parts.extend(src.file.clone());
                parts.join(", ")
            })
            .collect();
        let _ = write!(
            s,
            "<li><b>{}</b> — {} (confidence {:.2}): {}</li>",
            esc(id),
            esc(&f.title),
            f.confidence,
            esc(&refs.join("; "))
        );
    }
    s.push_str("</ul>");
}

/// The headline, as in the terminal report and on the dashboard.
fn headline(s: &mut String, h: &Headline) {
    s.push_str("<div class=\"headline\">");
    let mut text = String::new();
    crate::text::headline(&mut text, h);
    let mut lines = text.lines().map(str::trim);
    if let (Some(year), Some(v)) = (h.year, h.composite) {
        let _ = write!(s, "<div><span class=\"big\">{v:.2}</span> hierarchy (composite) in {year}</div>");
    }
    if let Some(first) = lines.next() {
        let _ = write!(s, "<div>{}</div>", esc(first));
    }
    for l in lines {
        let _ = write!(s, "<div class=\"meta\">{}</div>", esc(l));
    }
    s.push_str("</div>");
}

/// How to cite the report: program, knowledge base and data versions.
fn cite(s: &mut String, c: &Citation) {
    let _ = write!(
        s,
        "<h2>How to cite</h2><p class=\"cite\">{}</p><table class=\"cite\"><tr><th>data file</th><th>SHA-256</th><th>rows</th></tr>",
        esc(&c.text)
    );
    for d in &c.data {
        let _ = write!(s, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(&d.file), esc(&d.sha256), d.rows);
    }
    let _ = write!(
        s,
        "<tr><td>knowledge base ({} facts)</td><td>{}</td><td></td></tr></table>",
        c.knowledge_base.facts,
        esc(&c.knowledge_base.sha256)
    );
}
