//! The complexes found in the data beside those of *Regions and Powers*
//! (Buzan & Wæver 2003): the adjusted Rand index over the states both place
//! in a complex, the insulators, the post-Soviet subcomplexes, and every
//! disagreement with its reason (the ties that placed the state where the
//! data put it). The book's complexes are a fixture,
//! `regions_and_powers_2003.toml`, each placement with its source.

use std::collections::BTreeMap;

use hegemony_core::Registry;
use hegemony_measures::rsc::{RandIndex, adjusted_rand_index, match_one_to_one};
use serde::{Deserialize, Serialize};

use super::prepare::Prepared;
use super::views::{Computed, YearView, compute, view_of};
use super::{Inputs, Sector};
use crate::EngineError;
use crate::table::{ColumnData, Table};

const FIXTURE: &str = include_str!("regions_and_powers_2003.toml");

/// The book's complexes, insulators and proto-complexes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Book {
    /// The complexes.
    pub complex: Vec<BookComplex>,
    /// The insulators.
    pub insulator: Vec<BookInsulator>,
    /// Regions the book does not count as complexes yet.
    pub proto: Vec<BookProto>,
}

/// One of the book's complexes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct BookComplex {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub centre: Option<String>,
    pub members: Vec<String>,
    /// `doc-003`, `secondary`, `frontmatter` or `recall` (see the fixture's header).
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub subcomplexes: Vec<BookGroup>,
}

/// A subcomplex of the book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct BookGroup {
    pub name: String,
    pub members: Vec<String>,
    pub source: String,
}

/// One of the book's insulators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct BookInsulator {
    pub state: String,
    pub between: Vec<String>,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A proto-complex of the book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct BookProto {
    pub name: String,
    pub members: Vec<String>,
    pub source: String,
}

/// The least Jaccard similarity for one of our complexes to count as one of the book's.
const MIN_MATCH: f64 = 0.25;

/// The sources counted as checked (not our recall of the book).
const CHECKED: [&str; 3] = ["doc-003", "secondary", "frontmatter"];

impl Book {
    /// The fixture, with every state code checked against the registry.
    pub fn load() -> Result<Book, EngineError> {
        let book: Book =
            toml::from_str(FIXTURE).map_err(|e| EngineError::Request(format!("regions_and_powers_2003.toml: {e}")))?;
        let reg = Registry::global();
        let codes = book
            .complex
            .iter()
            .flat_map(|c| c.members.iter().chain(c.subcomplexes.iter().flat_map(|s| &s.members)))
            .chain(book.insulator.iter().map(|i| &i.state))
            .chain(book.proto.iter().flat_map(|p| &p.members));
        for code in codes {
            let s =
                reg.resolve(code).map_err(|e| EngineError::Request(format!("regions_and_powers_2003.toml: {e}")))?;
            if s.code() != code {
                return Err(EngineError::Request(format!(
                    "regions_and_powers_2003.toml: write {} as {}",
                    code,
                    s.code()
                )));
            }
        }
        Ok(book)
    }

    /// The book's placement of `state`: (kind, complex id or name, source).
    fn placement(&self, state: &str) -> Option<(&'static str, String, String)> {
        if let Some(c) = self.complex.iter().find(|c| c.members.iter().any(|m| m == state)) {
            return Some(("complex", c.id.clone(), c.source.clone()));
        }
        if let Some(i) = self.insulator.iter().find(|i| i.state == state) {
            return Some(("insulator", format!("between {}", i.between.join(", ")), i.source.clone()));
        }
        self.proto
            .iter()
            .find(|p| p.members.iter().any(|m| m == state))
            .map(|p| ("proto", p.name.clone(), p.source.clone()))
    }
}

/// One state the data and the book place differently.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    /// The state.
    pub state: String,
    /// Where the data put it.
    pub ours: String,
    /// Where the book puts it.
    pub book: String,
    /// The source of the book's placement.
    pub book_source: String,
    /// Why the data put it there: its strongest ties and their components.
    pub reason: String,
}

/// The comparison for one year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BookComparison {
    /// The year of our complexes.
    pub year: i32,
    /// The modularity resolution used.
    pub resolution: f64,
    /// The book, cited.
    pub citation: &'static str,
    /// ARI over every state both place in a complex.
    pub complexes: RandIndex,
    /// ARI over those states whose placement in the book rests on a checked source.
    pub complexes_checked: RandIndex,
    /// Which of our complexes matches which of the book's, one to one by
    /// Jaccard similarity of at least 0.25 (our id → book id).
    pub matched: BTreeMap<String, Option<String>>,
    /// The book's insulators, and ours.
    pub insulators: (Vec<String>, Vec<String>),
    /// ARI of the post-Soviet subcomplexes over the states both place in one.
    pub post_soviet_subcomplexes: RandIndex,
    /// Our post-Soviet subcomplexes.
    pub post_soviet_ours: Vec<Vec<String>>,
    /// Every state placed differently, with the reason.
    pub disagreements: Vec<Disagreement>,
}

/// The citation of the book.
pub const CITATION: &str = "Buzan, B., & Wæver, O. (2003). Regions and Powers: The Structure of International Security. \
                            Cambridge University Press (map 2, p. xxvi; chapters 4–13)";

/// Our complexes of `year` beside the book's.
pub fn compare_with_book(inputs: &Inputs<'_>, year: i32) -> Result<BookComparison, EngineError> {
    inputs.check()?;
    super::coverage(inputs).check(year, Sector::MilitaryPolitical)?;
    let book = Book::load()?;
    let prep = Prepared::new(inputs, year, year)?;
    let c = compute(&prep, inputs, year, Sector::MilitaryPolitical);
    let view = view_of(&prep, inputs, &c, false);
    Ok(compare(&book, &c, &view, inputs))
}

fn compare(book: &Book, c: &Computed, view: &YearView, inputs: &Inputs<'_>) -> BookComparison {
    let ours_groups: Vec<Vec<String>> = view.complexes.iter().map(|x| x.members.clone()).collect();
    let book_groups: Vec<Vec<String>> = book.complex.iter().map(|x| x.members.clone()).collect();
    let matched_idx = match_one_to_one(&ours_groups, &book_groups, MIN_MATCH);
    let matched: BTreeMap<String, Option<String>> = view
        .complexes
        .iter()
        .zip(&matched_idx)
        .map(|(x, m)| (x.id.clone(), m.map(|i| book.complex[i].id.clone())))
        .collect();
    let our_complex = |s: &str| view.complexes.iter().position(|x| x.members.iter().any(|m| m == s));
    // Both labelings over the states of the book's complexes.
    let states: Vec<(&String, usize, &str)> = book
        .complex
        .iter()
        .enumerate()
        .flat_map(|(k, x)| x.members.iter().map(move |m| (m, k, x.source.as_str())))
        .collect();
    let ari_over = |only_checked: bool| {
        let keep: Vec<&(&String, usize, &str)> =
            states.iter().filter(|s| !only_checked || CHECKED.contains(&s.2)).collect();
        let a: Vec<Option<usize>> = keep.iter().map(|s| Some(s.1)).collect();
        let b: Vec<Option<usize>> = keep.iter().map(|s| our_complex(s.0)).collect();
        adjusted_rand_index(&a, &b)
    };
    let (complexes, complexes_checked) = (ari_over(false), ari_over(true));
    let (ps_ari, ps_ours) = post_soviet(book, view);
    let mut disagreements = Vec::new();
    let mut all: Vec<&String> = states.iter().map(|s| s.0).collect();
    all.extend(book.insulator.iter().map(|i| &i.state));
    all.extend(book.proto.iter().flat_map(|p| &p.members));
    for state in all {
        let Some((kind, place, source)) = book.placement(state) else { continue };
        let ours = our_complex(state);
        let agrees = match (kind, ours) {
            ("complex", Some(o)) => matched_idx[o].is_some_and(|b| book.complex[b].id == place),
            ("insulator", None) => view.insulators.iter().any(|i| i == state),
            ("proto", None) => true,
            _ => false,
        };
        if !agrees {
            let (ours_words, reason) = reason(c, view, inputs, state);
            let book_words = match kind {
                "complex" => book.complex.iter().find(|x| x.id == place).map_or(place.clone(), |x| x.name.clone()),
                "insulator" => format!("insulator {place}"),
                _ => place.clone(),
            };
            disagreements.push(Disagreement {
                state: state.clone(),
                ours: ours_words,
                book: book_words,
                book_source: source,
                reason,
            });
        }
    }
    BookComparison {
        year: view.year,
        resolution: inputs.settings.structure.resolution,
        citation: CITATION,
        complexes,
        complexes_checked,
        matched,
        insulators: (book.insulator.iter().map(|i| i.state.clone()).collect(), view.insulators.clone()),
        post_soviet_subcomplexes: ps_ari,
        post_soviet_ours: ps_ours,
        disagreements,
    }
}

/// The ARI of the post-Soviet subcomplexes, and ours (those of the complex holding Russia).
fn post_soviet(book: &Book, view: &YearView) -> (RandIndex, Vec<Vec<String>>) {
    let Some(bc) = book.complex.iter().find(|c| c.id == "post-soviet") else {
        return (adjusted_rand_index(&[], &[]), vec![]);
    };
    let ours: Vec<Vec<String>> = view
        .complexes
        .iter()
        .find(|c| c.members.iter().any(|m| m == "RUS"))
        .map(|c| c.subcomplexes.iter().map(|s| s.members.clone()).collect())
        .unwrap_or_default();
    let states: Vec<(&String, usize)> =
        bc.subcomplexes.iter().enumerate().flat_map(|(k, s)| s.members.iter().map(move |m| (m, k))).collect();
    let a: Vec<Option<usize>> = states.iter().map(|s| Some(s.1)).collect();
    let b: Vec<Option<usize>> = states.iter().map(|s| ours.iter().position(|g| g.contains(s.0))).collect();
    (adjusted_rand_index(&a, &b), ours)
}

/// Where the data put `state`, and why: its strongest ties with their components.
fn reason(c: &Computed, view: &YearView, inputs: &Inputs<'_>, state: &str) -> (String, String) {
    let net = &c.net;
    let Some(i) = net.states.iter().position(|s| s.code() == state) else {
        return ("absent".into(), format!("not in the state system in {} (COW)", view.year));
    };
    let ties: Vec<String> = net
        .ties_of(i)
        .into_iter()
        .filter(|(_, e)| e.amity + e.enmity > 0.0)
        .take(3)
        .map(|(j, e)| {
            let main = e.components.iter().max_by(|a, b| (a.value * a.weight).total_cmp(&(b.value * b.weight)));
            format!(
                "{} {:.2} ({})",
                net.states[j].code(),
                e.amity + e.enmity,
                main.map_or(String::new(), |m| m.detail.clone())
            )
        })
        .collect();
    let ties =
        if ties.is_empty() { "no tie within reach".to_string() } else { format!("strongest ties {}", ties.join("; ")) };
    if let Some(x) = view.complexes.iter().find(|x| x.members.iter().any(|m| m == state)) {
        let share = c.structure.shares[i]
            .iter()
            .find(|(k, _)| c.structure.complexes[*k].members.contains(&i))
            .map_or(0.0, |s| s.1);
        return (
            format!("{} ({})", x.name, x.id),
            format!("{:.0}% of its interdependence inside; {ties}", share * 100.0),
        );
    }
    if let Some(ins) = view.insulators_between.iter().find(|x| x.state == state) {
        let between: Vec<String> = ins.between.iter().map(|(id, s)| format!("{id} {:.0}%", s * 100.0)).collect();
        return (format!("insulator between {}", between.join(", ")), ties);
    }
    let strength: f64 = net.ties_of(i).iter().map(|(_, e)| e.amity + e.enmity).sum();
    let contact = net.edges.iter().any(|(&(a, b), e)| (a == i || b == i) && e.contact.is_some());
    let why = if !contact && strength == 0.0 {
        "no state within 400 miles of water in COW contiguity and no tie within reach".to_string()
    } else {
        format!(
            "its interdependence totals {strength:.2}, below {}; {ties}",
            inputs.settings.structure.unstructured_below
        )
    };
    ("unstructured".into(), why)
}

impl BookComparison {
    /// One row per disagreement.
    pub fn to_table(&self) -> Table {
        let mut t = Table::default();
        let col = |f: fn(&Disagreement) -> &String| {
            ColumnData::Text(self.disagreements.iter().map(|d| Some(f(d).clone())).collect())
        };
        t.push("state", col(|d| &d.state));
        t.push("ours", col(|d| &d.ours));
        t.push("book", col(|d| &d.book));
        t.push("book_source", col(|d| &d.book_source));
        t.push("reason", col(|d| &d.reason));
        t
    }
}
