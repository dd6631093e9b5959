//! What the front-ends' tests share: files parsed by a front-end, and questions to the model.

use std::path::Path;

use crate::frontend::{Parsed, UnitFile};
use crate::model::{
    KeyPolicy, Region, RegionEntry, Regions, ReplicationSet, Unit, Value, ValueKind,
};
use crate::source::{FileId, SourceFile, Span};

/// Files parsed by a front-end, with their text.
pub struct Fixture {
    pub sources: Vec<SourceFile>,
    pub parsed: Parsed,
}

impl Fixture {
    /// Parses the files (paths below `directory`) as one unit.
    pub fn parse(
        directory: &str,
        files: &[(&str, &str)],
        parse: fn(&[UnitFile]) -> Parsed,
    ) -> Self {
        let sources: Vec<SourceFile> = files
            .iter()
            .map(|(path, text)| {
                SourceFile::new(Path::new(directory).join(path), (*text).to_owned())
            })
            .collect();
        let unit_files: Vec<UnitFile> = sources
            .iter()
            .enumerate()
            .map(|(i, source)| UnitFile {
                id: FileId(i),
                source,
            })
            .collect();
        let parsed = parse(&unit_files);
        Fixture { sources, parsed }
    }

    /// The unit, which must have parsed without errors.
    pub fn unit(&self) -> &Unit {
        assert!(self.parsed.errors.is_empty(), "{:?}", self.parsed.errors);
        self.parsed.unit.as_ref().expect("a unit")
    }

    /// The first replication set.
    pub fn set(&self) -> &ReplicationSet {
        &self.unit().replication_sets[0]
    }

    /// The region entries of the first set, which must be listed.
    pub fn entries(&self) -> &[RegionEntry] {
        match &self.set().regions {
            Regions::Listed(entries) => entries,
            Regions::Unknown(value) => panic!("unknown regions: {value:?}"),
        }
    }

    pub fn text(&self, span: Span) -> &str {
        &self.sources[span.file.0].text[span.start..span.end]
    }
}

/// The region's name, when it is a known name.
pub fn named(value: &Value<Region>) -> Option<&str> {
    match value.known() {
        Some(Region::Named(name)) => Some(name),
        _ => None,
    }
}

/// Why a value is unknown; it must be.
pub fn unknown_reason<T>(value: &Value<T>) -> &str {
    match &value.kind {
        ValueKind::Unknown(reason) => &reason.0,
        _ => panic!("a known value"),
    }
}

/// Each statement of a key policy as `effect actions`, `?` for what is unknown.
pub fn statement_shapes(policy: &KeyPolicy) -> Vec<String> {
    policy
        .statements
        .iter()
        .map(|statement| {
            let effect = statement
                .effect
                .known()
                .map_or("?".to_owned(), |e| format!("{e:?}"));
            let actions = statement
                .actions
                .known()
                .map_or("?".to_owned(), |a| a.join(","));
            format!("{effect} {actions}")
        })
        .collect()
}
