//! The datasets `hegemony data fetch` knows: where each is published and how its file is recognised.

/// A dataset that `hegemony data fetch` knows how to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The name users type: `hegemony data fetch unvotes`.
    pub name: &'static str,
    /// What the dataset is, in a few words.
    pub title: &'static str,
    /// How to cite the dataset.
    pub citation: &'static str,
    /// Dataverse persistent id of the dataset (handle or DOI).
    pub persistent_id: &'static str,
    /// Tried in order; the first pattern that matches exactly one file wins.
    pub file_patterns: &'static [FilePattern],
}

/// How to recognise a release file and what to call it locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilePattern {
    /// Case-insensitive glob (`*`, `?`) on the file name in the release (for ingested tabular files, the
    /// name of the original upload).
    pub glob: &'static str,
    /// Name in the data directory, stable across releases so the loaders find it
    /// (`catalog::find_voeten` looks for `UNVotes.csv`).
    pub local_name: &'static str,
}

static CATALOG: &[CatalogEntry] = &[CatalogEntry {
    name: "unvotes",
    title: "United Nations General Assembly Voting Data (roll-call votes)",
    citation: "Erik Voeten, Anton Strezhnev and Michael Bailey, United Nations General Assembly Voting Data, \
               Harvard Dataverse, hdl:1902.1/12379",
    persistent_id: "hdl:1902.1/12379",
    // The votes file has been `UNVotes.csv`, `UNVotes-1.csv`, … across releases; the loaders read CSV.
    file_patterns: &[
        FilePattern { glob: "UNVotes*.csv", local_name: "UNVotes.csv" },
        FilePattern { glob: "UNVotes*.csv.gz", local_name: "UNVotes.csv.gz" },
    ],
}];

/// All datasets `fetch` knows.
pub fn catalog() -> &'static [CatalogEntry] {
    CATALOG
}

/// The catalog entry called `name` (case-insensitive).
pub fn catalog_entry(name: &str) -> Option<&'static CatalogEntry> {
    CATALOG.iter().find(|e| e.name.eq_ignore_ascii_case(name))
}
