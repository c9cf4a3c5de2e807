//! The text format: TOML files read into [`Fact`]s, with every error
//! collected as a [`Diagnostic`] (file, line, hint).
//!
//! The format is documented for researchers in `kb/README.md`.
//!
//! [`compile`] runs in phases, each in its own module: the TOML of every file is read into its raw shapes
//! (`raw`); the `[[source]]` catalogue is gathered across files (`sources`); each table is checked and
//! built into a fact (`builders`, `membership`), with a per-file checking context (`context`); then the
//! checks that need every file (`checks`: duplicate ids and overrides, references between facts,
//! memberships of one state in one organisation overlapping across facts) run on the facts kept, then
//! the rules that protect the measures (`rules`: consent and troops of presences, the end of
//! alliances, no date after today) and the warnings on unverified facts.

mod builders;
mod checks;
mod context;
mod membership;
mod raw;
mod rules;
mod sources;

use std::collections::HashMap;

use toml::Spanned;

use crate::diag::{Diagnostic, ErrorKind, LineIndex};
use crate::model::*;
use builders::Built;
use checks::RawId;
use context::{Ctx, PendingRef};
use raw::{HasCommon, RawFile};

/// One knowledge-base file handed to the compiler.
#[derive(Clone, Debug)]
pub struct KbFile {
    /// The path shown in diagnostics (e.g. `kb/rus/arm.toml`).
    pub path: String,
    /// The TOML text.
    pub text: String,
    /// Shipped or user (a user fact may override a shipped one).
    pub layer: Layer,
}

/// The result of compiling a set of files.
#[derive(Debug, Default)]
pub struct Compiled {
    /// Valid facts (facts with errors are left out), sorted by id.
    pub facts: Vec<Fact>,
    /// Every error found; empty means the files are valid.
    pub errors: Vec<Diagnostic>,
    /// Shipped facts replaced by user facts marked `override = true`.
    pub overridden: Vec<String>,
    /// What is valid but weak: facts resting only on unverified sources.
    pub warnings: Vec<Diagnostic>,
}

/// Compiles a set of files into facts, collecting every error.
pub fn compile(files: &[KbFile]) -> Compiled {
    let mut errors = Vec::new();
    let parsed = parse_files(files, &mut errors);
    let catalogue = sources::read_catalogue(files, &parsed, &mut errors);
    let mut refs = Vec::new();
    let (built, raw_ids) = build_facts(files, &parsed, &catalogue, &mut errors, &mut refs);
    let overridden = checks::duplicate_ids(&raw_ids, &mut errors);
    let mut by_id = checks::keep_overrides(built);
    checks::references(&refs, &by_id, &raw_ids, &mut errors);
    membership::check_overlaps_across_facts(&by_id, &mut errors);
    membership::name_after_organisations(&mut by_id);
    rules::check(&by_id, crate::today(), &mut errors);
    let warnings = rules::unverified(&by_id);

    errors.sort_by(|a, b| (a.file.as_str(), a.line).cmp(&(b.file.as_str(), b.line)));
    errors.dedup();
    let facts = by_id.into_values().map(|b| b.fact).collect();
    Compiled { facts, errors, overridden, warnings }
}

/// Phase 1: each file's TOML read into its raw shapes, by index into `files`; a syntax error or an
/// unknown field leaves the file out.
fn parse_files(files: &[KbFile], errors: &mut Vec<Diagnostic>) -> Vec<(usize, RawFile)> {
    let mut parsed = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match toml::from_str::<RawFile>(&f.text) {
            Ok(raw) => parsed.push((i, raw)),
            Err(e) => {
                let line = e.span().map(|s| LineIndex::new(&f.text).line(s.start)).unwrap_or(1);
                errors.push(Diagnostic {
                    kind: ErrorKind::Syntax,
                    file: f.path.clone(),
                    line,
                    message: e.message().trim().to_string(),
                    hint: "see kb/README.md for the tables and fields of each kind of fact".into(),
                });
            }
        }
    }
    parsed
}

/// Phase 3: every table of every file built into a fact (those with errors are left out), with each
/// table's id and place for the cross-file checks, and the references to check once all are built.
fn build_facts(
    files: &[KbFile],
    parsed: &[(usize, RawFile)],
    catalogue: &HashMap<String, Source>,
    errors: &mut Vec<Diagnostic>,
    refs: &mut Vec<PendingRef>,
) -> (Vec<Built>, Vec<RawId>) {
    let mut built = Vec::new();
    let mut raw_ids = Vec::new();
    for (i, raw) in parsed {
        let file = &files[*i];
        let mut ctx = Ctx { file, lines: LineIndex::new(&file.text), errors, catalogue, refs };
        let mut out = Output { built: &mut built, raw_ids: &mut raw_ids };
        out.each(&mut ctx, &raw.organisation, builders::organisation);
        out.each(&mut ctx, &raw.membership, membership::membership);
        out.each(&mut ctx, &raw.agreement, builders::agreement);
        out.each(&mut ctx, &raw.presence, builders::presence);
        out.each(&mut ctx, &raw.asset, builders::asset);
        out.each(&mut ctx, &raw.dependence, builders::dependence);
        out.each(&mut ctx, &raw.event, builders::event);
        out.each(&mut ctx, &raw.claim, builders::claim);
    }
    (built, raw_ids)
}

/// Where [`build_facts`] puts what it builds.
struct Output<'a> {
    built: &'a mut Vec<Built>,
    raw_ids: &'a mut Vec<RawId>,
}

impl Output<'_> {
    /// Builds each table of one kind with `build`, recording its id whether or not it builds.
    fn each<T: HasCommon>(
        &mut self,
        ctx: &mut Ctx,
        tables: &[Spanned<T>],
        build: fn(&mut Ctx, &Spanned<T>) -> Option<Built>,
    ) {
        for table in tables {
            let common = table.get_ref().common();
            self.raw_ids.push(RawId {
                id: common.id.get_ref().clone(),
                file: ctx.file.path.clone(),
                line: ctx.line(table.span()),
                layer: ctx.file.layer,
                override_: common.override_,
            });
            if let Some(b) = build(ctx, table) {
                self.built.push(b);
            }
        }
    }
}
