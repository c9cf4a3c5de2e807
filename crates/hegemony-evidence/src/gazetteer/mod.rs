//! The gazetteer: every name of an actor the engine knows, matched over
//! tokens (longest match first).
//!
//! Built from three places: the state registry (names, aliases, capitals and
//! metonyms such as "the Kremlin", Russian names), the knowledge base
//! (organisations with their abbreviations, firms owning assets, the speakers
//! of claims and their affiliations) and `data/gazetteer.tsv` (places,
//! military units, agencies, people, and the adjectives of states).

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use hegemony_core::Registry;
use hegemony_kb::{Detail, KnowledgeBase};
use serde::Serialize;

mod tokens;
mod translit;
mod user;

pub use tokens::{TokKind, Token, tokenize};
pub use user::user_file;

/// What kind of actor a name denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state (or a name standing for one: a capital, an adjective).
    State,
    /// An international organisation (`org:csto`).
    Organisation,
    /// A place (`place:gyumri`).
    Place,
    /// A military unit or base (`unit:102nd-base`).
    Unit,
    /// A state agency (`agency:fsb`).
    Agency,
    /// A firm (`company:gazprom`).
    Company,
    /// A person (`person:putin`).
    Person,
    /// A newspaper, journal, news agency or broadcaster (`org:kommersant`):
    /// an organisation that speaks for itself in claims.
    Media,
}

impl ActorKind {
    /// The name in details and the interfaces (`state`, `organisation` …).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organisation => "organisation",
            ActorKind::Place => "place",
            ActorKind::Unit => "unit",
            ActorKind::Agency => "agency",
            ActorKind::Company => "company",
            ActorKind::Person => "person",
            ActorKind::Media => "media",
        }
    }
}

/// How a name relates to its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The official or common name, or an abbreviation.
    Name,
    /// A capital or seat standing for the state ("Moscow", "the Kremlin").
    Metonym,
    /// An adjective ("Russian", "Armenia's").
    Adjective,
}

/// One actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actor {
    /// What kind of actor.
    pub kind: ActorKind,
    /// `RUS` for a state; `org:csto`, `place:gyumri`, `unit:102nd-base`,
    /// `person:putin` … otherwise.
    pub id: String,
    /// The state it belongs to or stands for, if any.
    pub state: Option<String>,
    /// Its name for people ("Armenia", "Collective Security Treaty Organization").
    pub label: String,
}

#[derive(Clone, Debug)]
struct Entry {
    actor: usize,
    name_kind: NameKind,
    /// Acronyms match only as written.
    exact_case: bool,
    surface: String,
}

/// A node of the names' trie: the next tokens, and the names that end here.
#[derive(Clone, Debug, Default)]
struct Node {
    next: HashMap<String, usize>,
    entries: Vec<Entry>,
}

/// Names of actors, matched over token sequences.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    actors: Vec<Arc<Actor>>,
    by_id: HashMap<String, usize>,
    /// The names as a trie over their folded tokens ("collective" →
    /// "security" → "treaty" …); node 0 is the root.
    nodes: Vec<Node>,
    max_tokens: usize,
    /// People by the [`translit::key`] of their full names and surnames
    /// ("sergei shoigu", "shoigu"): the actor and the name's length in words.
    translit: HashMap<String, (usize, usize)>,
    /// The keys of every word of those names (a capitalised word whose key
    /// is not among them names no one known: one lookup, no more).
    translit_words: rustc_hash::FxHashSet<String>,
    /// The first four letters of those keys ([`translit::key_head`]), a first test.
    translit_heads: rustc_hash::FxHashSet<[char; 4]>,
}

/// A name found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorMatch {
    /// Char offset of the name's start in the text searched.
    pub start: usize,
    /// Char offset just past its end.
    pub end: usize,
    /// The actor named (shared with the gazetteer, or made for a name found by shape).
    pub actor: Arc<Actor>,
    /// How the name relates to the actor.
    pub name_kind: NameKind,
    /// The rule that found a name the gazetteer does not hold (a title
    /// before a name, initials, an organisation's head word …); `None` for
    /// the gazetteer's own names.
    pub rule: Option<&'static str>,
    /// A person's role or title as written before the name ("Defense Minister").
    pub role: Option<String>,
}

fn key_of(tokens: &[Token]) -> String {
    tokens.iter().map(|t| fold(&t.text)).collect::<Vec<_>>().join(" ")
}

/// Lower case, one apostrophe, "organization" = "organisation".
fn fold(s: &str) -> String {
    fold_lower(&s.to_lowercase()).into_owned()
}

/// A token folded as names' keys are ([`fold_lower`]), without allocating:
/// a word's spelling variants, one apostrophe (a token of its own).
fn fold_token(t: &Token) -> &str {
    match t.lower() {
        "’" | "´" | "ʼ" | "`" => "'",
        "organization" => "organisation",
        "defense" => "defence",
        "center" => "centre",
        l => l,
    }
}

fn fold_lower(l: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let l: Cow<str> = if l.contains(['’', '´', 'ʼ', '`']) {
        Cow::Owned(l.replace(['’', '´', 'ʼ', '`'], "'"))
    } else {
        Cow::Borrowed(l)
    };
    match l.as_ref() {
        "organization" => "organisation".into(),
        "defense" => "defence".into(),
        "center" => "centre".into(),
        _ => l,
    }
}

impl Gazetteer {
    /// The registry, the knowledge base (if given) and the built-in table.
    pub fn build(kb: Option<&KnowledgeBase>) -> Gazetteer {
        let mut g = Gazetteer::default();
        let reg = Registry::global();
        // Built-in table first for the ids of the states' adjectives.
        g.add_table(include_str!("../../data/gazetteer.tsv"), "data/gazetteer.tsv")
            .expect("the built-in gazetteer is well-formed (a test reads it)");
        for s in reg.states() {
            let code = s.code().to_string();
            let a =
                g.actor(Actor { kind: ActorKind::State, id: code.clone(), state: Some(code), label: s.name.clone() });
            g.add(&s.name, a, NameKind::Name);
            for al in &s.aliases {
                g.add(al, a, if is_metonym(al) { NameKind::Metonym } else { NameKind::Name });
            }
            if let Some(r) = &s.name_ru {
                g.add(r, a, NameKind::Name);
            }
            for al in &s.aliases_ru {
                g.add(al, a, if is_metonym(al) { NameKind::Metonym } else { NameKind::Name });
            }
        }
        if let Some(kb) = kb {
            for f in kb.facts() {
                match &f.detail {
                    Detail::Organisation(o) => {
                        let a = g.actor(Actor {
                            kind: ActorKind::Organisation,
                            id: format!("org:{}", f.id),
                            state: o.dominant.clone(),
                            label: f.title.clone(),
                        });
                        // "Collective Security Treaty (treaty community …)": the name before a bracket.
                        let name = f.title.split(" (").next().unwrap_or(&f.title);
                        g.add(name, a, NameKind::Name);
                        if let Some(inner) = f.title.split(" (").nth(1).map(|x| x.trim_end_matches(')'))
                            && inner.split_whitespace().count() <= 4
                        {
                            g.add(inner, a, NameKind::Name);
                        }
                        if !o.abbrev.is_empty() {
                            g.add(&o.abbrev, a, NameKind::Name);
                        }
                    }
                    Detail::Asset(x) => {
                        let id = format!("company:{}", slug(&x.owner));
                        if x.owner.split_whitespace().count() <= 3 && !x.owner.contains('(') {
                            let a = g.actor(Actor {
                                kind: ActorKind::Company,
                                id,
                                state: Some(x.owner_state.clone()),
                                label: x.owner.clone(),
                            });
                            g.add(&x.owner, a, NameKind::Name);
                        }
                    }
                    Detail::Claim(c) if !c.speaker.starts_with("Author of") => {
                        let a = g.actor(Actor {
                            kind: ActorKind::Person,
                            id: format!("person:{}", slug(&c.speaker)),
                            state: None,
                            label: c.speaker.clone(),
                        });
                        g.add(&c.speaker, a, NameKind::Name);
                        if let Some(last) = c.speaker.split_whitespace().last().filter(|l| l.chars().count() >= 6) {
                            g.add(last, a, NameKind::Name);
                        }
                        if let Some(aff) = &c.affiliation {
                            let name = aff.split(',').next().unwrap_or(aff).trim();
                            if name.split_whitespace().count() >= 2 && !name.contains("Minister") {
                                let o = g.actor(Actor {
                                    kind: ActorKind::Organisation,
                                    id: format!("org:{}", slug(name)),
                                    state: None,
                                    label: name.to_string(),
                                });
                                g.add(name, o, NameKind::Name);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        g
    }

    fn actor(&mut self, a: Actor) -> usize {
        if let Some(&i) = self.by_id.get(&a.id) {
            return i;
        }
        self.actors.push(Arc::new(a));
        let i = self.actors.len() - 1;
        self.by_id.insert(self.actors[i].id.clone(), i);
        i
    }

    fn add(&mut self, name: &str, actor: usize, name_kind: NameKind) {
        let name = name.trim();
        let chars: Vec<char> = name.chars().collect();
        let toks = tokenize(&chars);
        if toks.is_empty() || toks.iter().all(|t| t.kind == TokKind::Punct) {
            return;
        }
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
        let exact_case = letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase());
        // Two-letter lower-case keys ("un") only as acronyms.
        let key = key_of(&toks);
        let toks_len = if key.starts_with("the ") { toks.len() - 1 } else { toks.len() };
        let key = key.strip_prefix("the ").map(str::to_string).unwrap_or(key);
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut node = 0;
        for part in key.split(' ') {
            node = match self.nodes[node].next.get(part) {
                Some(&n) => n,
                None => {
                    self.nodes.push(Node::default());
                    let n = self.nodes.len() - 1;
                    self.nodes[node].next.insert(part.to_string(), n);
                    n
                }
            };
        }
        let list = &mut self.nodes[node].entries;
        if list.iter().any(|e| e.actor == actor && e.exact_case == exact_case) {
            return;
        }
        list.push(Entry { actor, name_kind, exact_case, surface: name.to_string() });
        self.max_tokens = self.max_tokens.max(toks_len);
        let latin = name
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '.') || ('\u{c0}'..='\u{24f}').contains(&c));
        if self.actors[actor].kind == ActorKind::Person && !exact_case && latin {
            let words = name.split_whitespace().filter(|w| !w.ends_with('.')).collect::<Vec<_>>();
            let full = translit::key(&words.join(" "));
            self.translit_words.extend(full.split(' ').map(str::to_string));
            self.translit_heads.extend(words.iter().map(|w| translit::key_head(w)));
            self.translit.entry(full).or_insert((actor, words.len()));
            if let Some(last) = words.last().filter(|l| l.chars().count() >= 5) {
                self.translit.entry(translit::key(last)).or_insert((actor, 1));
            }
        }
    }

    /// Every actor known.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.actors.iter().map(|a| a.as_ref())
    }

    /// The actor with this id (`RUS`, `org:csto`).
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| self.actors[i].as_ref())
    }

    /// How many names are known.
    pub fn len(&self) -> usize {
        self.nodes.iter().map(|n| n.entries.len()).sum()
    }

    /// Whether no name is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every actor named in `tokens` (of the text `chars`), longest match
    /// first, left to right, without overlaps.
    pub fn find(&self, chars: &[char], tokens: &[Token]) -> Vec<ActorMatch> {
        let folded: Vec<&str> = tokens.iter().map(fold_token).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if tokens[i].kind == TokKind::Punct {
                i += 1;
                continue;
            }
            // Walk the trie token by token while the tokens begin some name.
            let mut node = 0;
            let mut hit = None;
            for len in 1..=self.max_tokens.min(tokens.len() - i) {
                let t = &tokens[i + len - 1];
                // Tokens of a name are adjacent or separated by one space.
                if len > 1 && t.start - tokens[i + len - 2].end > 1 {
                    break;
                }
                let Some(&n) = self.nodes.get(node).and_then(|x| x.next.get(folded[i + len - 1])) else {
                    break;
                };
                node = n;
                if t.kind == TokKind::Punct && t.text != "." {
                    continue;
                }
                let list = &self.nodes[n].entries;
                if list.is_empty() {
                    continue;
                }
                let surface = &chars[tokens[i].start..t.end];
                let first = surface.first().copied().unwrap_or(' ');
                let pick = list.iter().find(|e| {
                    if e.exact_case {
                        e.surface.chars().eq(surface.iter().copied())
                    } else {
                        // Proper names start with a capital in running text
                        // (scripts without case pass).
                        first.is_uppercase()
                            || !first.is_lowercase()
                            || e.surface.chars().next().is_some_and(|c| c.is_lowercase())
                    }
                });
                if let Some(e) = pick {
                    hit = Some((len, e));
                }
            }
            match hit {
                Some((len, e)) => {
                    out.push(ActorMatch {
                        start: tokens[i].start,
                        end: tokens[i + len - 1].end,
                        actor: self.actors[e.actor].clone(),
                        name_kind: e.name_kind,
                        rule: None,
                        role: None,
                    });
                    i += len;
                }
                None => match self.transliterated(tokens, i) {
                    Some((len, a)) => {
                        out.push(ActorMatch {
                            start: tokens[i].start,
                            end: tokens[i + len - 1].end,
                            actor: self.actors[a].clone(),
                            name_kind: NameKind::Name,
                            rule: Some("known person, another transliteration"),
                            role: None,
                        });
                        i += len;
                    }
                    None => i += 1,
                },
            }
        }
        out
    }
}

impl Gazetteer {
    /// A known person named at token `i` in another transliteration
    /// ("Sergey Shoygu", "Shoygu"): two capitalised words (given name and
    /// surname), else one; the match's length in tokens and the actor.
    fn transliterated(&self, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
        let cap = |t: &Token| t.kind == TokKind::Word && t.text.chars().next().is_some_and(char::is_uppercase);
        let t = &tokens[i];
        // A given name or a surname: capitalised, not in capitals, four letters or more.
        if !cap(t)
            || self.translit.is_empty()
            || t.text.len() < 4
            || t.text.chars().nth(1).is_some_and(char::is_uppercase)
        {
            return None;
        }
        // Cheap tests first: the key's first letters, then the word's key, among those of known names.
        if !self.translit_heads.contains(&translit::key_head(&t.text)) {
            return None;
        }
        let k1 = translit::word_key(&t.text);
        if !self.translit_words.contains(&k1) {
            return None;
        }
        let two = tokens.get(i + 1).filter(|t| cap(t) && t.start - tokens[i].end <= 1);
        if let Some(t2) = two
            && let Some(&(a, n)) = self.translit.get(&format!("{k1} {}", translit::word_key(&t2.text)))
            && n == 2
        {
            return Some((2, a));
        }
        let &(a, _) = self.translit.get(&k1).filter(|_| t.text.chars().count() >= 5)?;
        Some((1, a))
    }
}

/// Capitals and seats of government among the registry's aliases.
fn is_metonym(alias: &str) -> bool {
    const SEATS: &[&str] = &[
        "Moscow",
        "the Kremlin",
        "Kremlin",
        "Yerevan",
        "Tbilisi",
        "Baku",
        "Minsk",
        "Kyiv",
        "Kiev",
        "Astana",
        "Bishkek",
        "Dushanbe",
        "Tashkent",
        "Ashgabat",
        "Chisinau",
        "Washington",
        "the White House",
        "Beijing",
        "Ankara",
        "Tehran",
        "Москва",
        "Кремль",
        "Ереван",
        "Тбилиси",
        "Баку",
        "Минск",
        "Киев",
    ];
    SEATS.contains(&alias)
}

/// `Richard Giragosian` → `richard-giragosian`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(g: &Gazetteer, s: &str) -> Vec<(String, String, NameKind)> {
        let chars: Vec<char> = s.chars().collect();
        let toks = tokenize(&chars);
        g.find(&chars, &toks)
            .into_iter()
            .map(|m| (chars[m.start..m.end].iter().collect(), m.actor.id.clone(), m.name_kind))
            .collect()
    }

    #[test]
    fn states_metonyms_orgs_units_and_agencies() {
        let kb = KnowledgeBase::embedded().unwrap();
        let g = Gazetteer::build(Some(&kb));
        let got = find(
            &g,
            "Moscow and the Kremlin told Yerevan that the 102nd military base in Gyumri, Rosoboronexport and the \
             FSB Border Guard Service stay; the Collective Security Treaty Organisation (CSTO) agreed with Tbilisi.",
        );
        let ids: Vec<&str> = got.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            ids,
            [
                "RUS",
                "RUS",
                "ARM",
                "unit:102nd-base",
                "place:gyumri",
                "company:rosoboronexport",
                "agency:fsb-border-service",
                "org:csto",
                "org:csto",
                "GEO"
            ]
        );
        assert_eq!(got[1].0, "Kremlin");
        assert_eq!(got[0].2, NameKind::Metonym);
    }

    #[test]
    fn case_rules_adjectives_and_other_scripts() {
        let g = Gazetteer::build(None);
        // Lower-case "turkey" is a bird; "US" only in capitals.
        assert!(find(&g, "we ate turkey with us").is_empty());
        let got = find(&g, "3,000 Russian soldiers near Turkey; Россия и Армения; Москва");
        let ids: Vec<&str> = got.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(ids, ["RUS", "TUR", "RUS", "ARM", "RUS"]);
        assert_eq!(got[0].2, NameKind::Adjective);
    }
}
