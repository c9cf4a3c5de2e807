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
    /// Where it is published.
    pub repository: Repository,
    /// The dataset's id there: a Dataverse handle or DOI, or a UN Digital Library record number.
    pub persistent_id: &'static str,
    /// Terms of use the user should know before downloading, shown by `fetch`.
    pub terms: Option<&'static str>,
    /// Tried in order; the first pattern that matches exactly one file wins.
    pub file_patterns: &'static [FilePattern],
}

/// Where a dataset is published, which says how its files are listed and fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repository {
    /// A Dataverse installation (Harvard's unless overridden).
    Dataverse,
    /// The UN Digital Library (digitallibrary.un.org).
    UnDigitalLibrary,
}

impl Repository {
    /// The server's URL unless overridden.
    pub fn default_url(self) -> &'static str {
        match self {
            Repository::Dataverse => super::dataverse::DEFAULT_DATAVERSE_URL,
            Repository::UnDigitalLibrary => super::undl::DEFAULT_UNDL_URL,
        }
    }

    /// The environment variable that overrides [`Repository::default_url`].
    pub fn env_var(self) -> &'static str {
        match self {
            Repository::Dataverse => super::dataverse::ENV_DATAVERSE_URL,
            Repository::UnDigitalLibrary => super::undl::ENV_UNDL_URL,
        }
    }
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

static CATALOG: &[CatalogEntry] = &[
    CatalogEntry {
        name: "unvotes",
        title: "United Nations General Assembly Voting Data (roll-call votes)",
        citation: "Erik Voeten, Anton Strezhnev and Michael Bailey, United Nations General Assembly Voting Data, \
                   Harvard Dataverse, hdl:1902.1/12379",
        repository: Repository::Dataverse,
        persistent_id: "hdl:1902.1/12379",
        terms: None,
        // The votes file has been `UNVotes.csv`, `UNVotes-1.csv`, … across releases; the loaders read CSV.
        file_patterns: &[
            FilePattern { glob: "UNVotes*.csv", local_name: "UNVotes.csv" },
            FilePattern { glob: "UNVotes*.csv.gz", local_name: "UNVotes.csv.gz" },
        ],
    },
    CatalogEntry {
        name: "undl",
        title: "United Nations General Assembly Voting Data (UN Digital Library)",
        citation: "United Nations Dag Hammarskjöld Library, General Assembly Voting Data, United Nations, \
                   downloaded from https://digitallibrary.un.org/record/4060887",
        repository: Repository::UnDigitalLibrary,
        persistent_id: "4060887",
        terms: Some(
            "non-commercial use with attribution; the UN Digital Library's terms of use ask for the Library's \
             approval of automated downloads (https://digitallibrary.un.org/pages/?ln=en&page=tos)",
        ),
        // One dated file per release (`2025_7_23_ga_voting.csv`; `…_ga_resolutions_voting.csv` in 2024);
        // stored under one name so the catalogue's `find_undl` takes it before any older download.
        file_patterns: &[
            FilePattern { glob: "*_ga_voting.csv", local_name: "undl_ga_voting.csv" },
            FilePattern { glob: "*_ga_resolutions_voting.csv", local_name: "undl_ga_voting.csv" },
        ],
    },
];

/// All datasets `fetch` knows.
pub fn catalog() -> &'static [CatalogEntry] {
    CATALOG
}

/// The catalog entry called `name` (case-insensitive).
pub fn catalog_entry(name: &str) -> Option<&'static CatalogEntry> {
    CATALOG.iter().find(|e| e.name.eq_ignore_ascii_case(name))
}
