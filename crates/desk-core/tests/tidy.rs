//! Tidy checks of the house, in the manner of rust-analyzer's: the top-level modules of
//! desk-core and of portal-sandbox import one another one way. A module that joins an import
//! cycle fails this test.
//!
//! The cycles that exist today are listed below and may only shrink: when a module leaves a
//! cycle, the test asks for it to be taken off the list, so that it cannot slip back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules of each crate that are in an import cycle today (to be broken up, never added to).
const DESK_CORE_CYCLES: &[&str] = &[
    "actions",
    "assignment",
    "at_rest",
    "attachments",
    "audit",
    "backup",
    "documents",
    "inbox_filter",
    "log_safe",
    "notices",
    "offerings_csv",
    "refusals",
    "staff",
    "stock",
    "store",
    "supplier_profile",
    "sync",
    "views",
    "workshop",
];
const SANDBOX_CYCLES: &[&str] = &[];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> =
            std::fs::read_dir(path).expect("read a source folder").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        for p in entries {
            rust_files(&p, out);
        }
    } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
}

/// The text of a file without its comments (line comments, doc comments) and without its unit
/// tests (the `#[cfg(test)] mod tests` at its end), which may reach anywhere.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read a source file");
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The identifiers named right after `crate::` in `text`, `crate::{a, b::c}` giving a and b.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.insert(ident(group[start..j].trim()));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(group[start..j].trim()));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(after));
        }
        rest = after;
    }
    out.remove("");
    out
}

/// The modules of the crate at `src` that sit in an import cycle.
fn modules_in_cycles(src: &Path) -> BTreeSet<String> {
    let lib = code(&src.join("lib.rs"));
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for line in lib.lines() {
        let line = line.trim();
        let Some(name) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
            .or_else(|| line.strip_prefix("pub(crate) mod "))
        else {
            continue;
        };
        let name = name.trim_end_matches(';').trim().to_owned();
        let mut files = Vec::new();
        rust_files(&src.join(format!("{name}.rs")), &mut files);
        rust_files(&src.join(&name), &mut files);
        modules.insert(name, files);
    }
    // Items lib.rs re-exports (`pub use store::Store`) lead to their module.
    let mut reexported: BTreeMap<String, String> = BTreeMap::new();
    for stmt in lib.split(';') {
        let stmt = stmt.trim();
        let Some(path) = stmt.strip_prefix("pub use ") else { continue };
        let Some((module, items)) = path.split_once("::") else { continue };
        if !modules.contains_key(module) {
            continue;
        }
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = item.rsplit("::").next().unwrap_or("").split(" as ").last().unwrap_or("").trim();
            if !name.is_empty() {
                reexported.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    let mut edges: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, files) in &modules {
        let mut targets = BTreeSet::new();
        for f in files {
            for p in crate_paths(&code(f)) {
                let target = if modules.contains_key(&p) { Some(p) } else { reexported.get(&p).cloned() };
                if let Some(t) = target.filter(|t| t != name) {
                    targets.insert(t);
                }
            }
        }
        edges.insert(name, targets);
    }
    // A module is in a cycle when it reaches itself.
    let mut in_cycles = BTreeSet::new();
    for start in modules.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = edges[start.as_str()].iter().cloned().collect();
        while let Some(m) = stack.pop() {
            if &m == start {
                in_cycles.insert(start.clone());
                break;
            }
            if seen.insert(m.clone()) {
                stack.extend(edges.get(m.as_str()).into_iter().flatten().cloned());
            }
        }
    }
    in_cycles
}

fn check(krate: &str, src: &Path, known: &[&str]) {
    let found = modules_in_cycles(src);
    let known: BTreeSet<String> = known.iter().map(|s| (*s).to_owned()).collect();
    let new: Vec<_> = found.difference(&known).collect();
    let gone: Vec<_> = known.difference(&found).collect();
    assert!(new.is_empty(), "{krate}: these modules joined an import cycle: {new:?}");
    assert!(
        gone.is_empty(),
        "{krate}: these modules left their import cycle; take them off the list in tests/tidy.rs: {gone:?}"
    );
}

#[test]
fn desk_core_modules_import_one_way() {
    check("desk-core", &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), DESK_CORE_CYCLES);
}

#[test]
fn portal_sandbox_modules_import_one_way() {
    check("portal-sandbox", &Path::new(env!("CARGO_MANIFEST_DIR")).join("../portal-sandbox/src"), SANDBOX_CYCLES);
}

#[test]
fn the_checker_sees_a_cycle() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path();
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\nmod c;\npub use c::Thing;\n").expect("lib");
    std::fs::write(src.join("a.rs"), "use crate::{b::X, Thing};\n").expect("a");
    std::fs::write(src.join("b.rs"), "// crate::a in a comment is not an import\npub struct X;\n").expect("b");
    std::fs::write(src.join("c.rs"), "pub struct Thing;\n#[cfg(test)]\nmod tests {\n    use crate::a::Y;\n}\n")
        .expect("c");
    assert!(modules_in_cycles(src).is_empty(), "a unit test's imports do not count");
    std::fs::write(src.join("c.rs"), "pub struct Thing(crate::a::Y);\n").expect("c");
    assert_eq!(modules_in_cycles(src), BTreeSet::from(["a".to_owned(), "c".to_owned()]));
}
