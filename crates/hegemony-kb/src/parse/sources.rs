//! Sources: one cited source read and checked (a `ref` to the catalogue filled in, the fields its kind
//! needs present), and the catalogue of `[[source]]` entries shared by every file.

use std::collections::HashMap;

use toml::Spanned;

use super::KbFile;
use super::context::{Ctx, PendingRef};
use super::raw::{RawFile, RawSource};
use crate::diag::{Diagnostic, ErrorKind, LineIndex};
use crate::model::Source;

impl Ctx<'_> {
    pub(super) fn source(&mut self, raw: &Spanned<RawSource>, owner: &str) -> Option<Source> {
        let line = self.line(raw.span());
        let r = raw.get_ref();
        let mut src = Source::default();
        if let Some(reference) = &r.reference {
            match self.catalogue.get(reference.get_ref()) {
                Some(base) => src = base.clone(),
                None => {
                    let rl = self.line(reference.span());
                    self.err(
                        ErrorKind::UnknownReference,
                        rl,
                        format!("source of '{owner}' refers to unknown catalogue source '{}'", reference.get_ref()),
                        "define it in a [[source]] table (id = \"...\") in any knowledge-base file",
                    );
                    return None;
                }
            }
        }
        let set = |slot: &mut Option<String>, v: &Option<String>| {
            if v.is_some() {
                slot.clone_from(v);
            }
        };
        if let Some(k) = &r.kind {
            src.kind = k.clone();
        }
        set(&mut src.title, &r.title);
        set(&mut src.author, &r.author);
        set(&mut src.publisher, &r.publisher);
        set(&mut src.url, &r.url);
        set(&mut src.file, &r.file);
        set(&mut src.page, &r.page);
        set(&mut src.rows, &r.rows);
        set(&mut src.quote, &r.quote);
        set(&mut src.note, &r.note);
        if let Some(d) = &r.date {
            src.date = self.date(d, "source date", owner);
        }
        self.check_source(&src, owner, line).then_some(src)
    }

    fn check_source(&mut self, src: &Source, owner: &str, line: usize) -> bool {
        let need = |ok: bool, what: &str| if ok { None } else { Some(what.to_string()) };
        let missing = match src.kind.as_str() {
            "document" | "publication" => need(src.title.is_some(), "a title"),
            "treaty" => need(src.title.is_some() && src.date.is_some(), "an official title and a signature date"),
            "dataset" => need(src.file.is_some() && src.rows.is_some(), "a file and rows"),
            "web" => need(src.url.is_some() && src.title.is_some(), "a url and a title"),
            "unverified" => need(src.note.is_some(), "a note saying what is to verify"),
            "" => Some("a kind".to_string()),
            other => {
                self.err(
                    ErrorKind::BadValue,
                    line,
                    format!("source of '{owner}' has unknown kind '{other}'"),
                    "use document, publication, treaty, dataset, web or unverified",
                );
                return false;
            }
        };
        if let Some(what) = missing {
            self.err(
                ErrorKind::IncompleteSource,
                line,
                format!("source of '{owner}' (kind '{}') lacks {what}", src.kind),
                "sources must be checkable: see kb/README.md, 'Sources'",
            );
            return false;
        }
        true
    }

    pub(super) fn sources(
        &mut self,
        raws: &[Spanned<RawSource>],
        owner: &str,
        line: usize,
        required: bool,
    ) -> Vec<Source> {
        if raws.is_empty() && required {
            self.err(
                ErrorKind::MissingSource,
                line,
                format!("'{owner}' has no source"),
                "add sources = [{ ref = \"...\", quote = \"...\" }] or { kind = \"unverified\", note = \"...\" } with a lower confidence",
            );
        }
        raws.iter().filter_map(|r| self.source(r, owner)).collect()
    }
}

/// Phase 2 of [`compile`](super::compile): the `[[source]]` catalogue across all files, by id (a missing or
/// repeated id is an error).
pub(super) fn read_catalogue(
    files: &[KbFile],
    parsed: &[(usize, RawFile)],
    errors: &mut Vec<Diagnostic>,
) -> HashMap<String, Source> {
    let mut catalogue: HashMap<String, Source> = HashMap::new();
    let mut catalogue_at: HashMap<String, (String, usize)> = HashMap::new();
    let empty = HashMap::new();
    // Catalogue entries cite no facts: nothing is recorded here.
    let mut refs: Vec<PendingRef> = Vec::new();
    for (i, raw) in parsed {
        let file = &files[*i];
        let mut ctx = Ctx { file, lines: LineIndex::new(&file.text), errors, catalogue: &empty, refs: &mut refs };
        for s in &raw.source {
            let line = ctx.line(s.span());
            let Some(id) = s.get_ref().id.clone() else {
                ctx.err(
                    ErrorKind::BadValue,
                    line,
                    "a [[source]] catalogue entry has no id".into(),
                    "give it id = \"...\" so facts can cite it with ref = \"...\"",
                );
                continue;
            };
            if let Some((f, l)) = catalogue_at.get(&id) {
                let msg = format!("source id '{id}' is already defined at {f}:{l}");
                ctx.err(ErrorKind::DuplicateId, line, msg, "source ids must be unique across all files");
                continue;
            }
            if let Some(src) = ctx.source(s, &id) {
                let mut src = src;
                src.id = Some(id.clone());
                catalogue.insert(id.clone(), src);
                catalogue_at.insert(id, (file.path.clone(), line));
            }
        }
    }
    catalogue
}
