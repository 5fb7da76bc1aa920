//! Tidy checks of the house, in the manner of rust-analyzer's: desk-core's layers import
//! downwards only, its features do not import one another in a cycle, and portal-sandbox's
//! top-level modules import one another one way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// desk-core's layers, lowest first: a module may import only modules listed before it.
const DESK_CORE_LAYERS: &[&str] = &["vault", "kernel", "replica", "features", "sync", "bindings"];

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

/// The identifiers named right after `prefix` in `text`, `crate::{a, b::c}` giving a and b.
fn crate_paths(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        let after = &rest[i + prefix.len()..];
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

/// The modules declared in `decl` (lib.rs or a folder's mod.rs, in `dir`), and for each the
/// others it imports by `prefix` (`crate::` or `crate::features::`).
fn imports(dir: &Path, decl: &str, prefix: &str) -> BTreeMap<String, BTreeSet<String>> {
    let lib = code(&dir.join(decl));
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
        rust_files(&dir.join(format!("{name}.rs")), &mut files);
        rust_files(&dir.join(&name), &mut files);
        modules.insert(name, files);
    }
    // Items lib.rs re-exports (`pub use kernel::store::Store`) lead to their module.
    let mut reexported: BTreeMap<String, String> = BTreeMap::new();
    for stmt in lib.split(';') {
        let stmt = stmt.trim();
        let Some(path) = stmt.strip_prefix("pub use ") else { continue };
        let Some((module, items)) = path.split_once("::") else { continue };
        if !modules.contains_key(module) {
            continue;
        }
        let items = items.rsplit_once("::").map_or(items, |(_, last)| last);
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = item.rsplit("::").next().unwrap_or("").split(" as ").last().unwrap_or("").trim();
            if !name.is_empty() && name != "self" {
                reexported.insert(name.to_owned(), module.to_owned());
            }
        }
        // `pub use features::documents;` makes `crate::documents` lead to features.
        if !items.contains('{') {
            reexported.insert(items.trim().to_owned(), module.to_owned());
        }
    }
    let mut edges = BTreeMap::new();
    for (name, files) in &modules {
        let mut targets = BTreeSet::new();
        for f in files {
            for p in crate_paths(&code(f), prefix) {
                let target = if modules.contains_key(&p) { Some(p) } else { reexported.get(&p).cloned() };
                if let Some(t) = target.filter(|t| t != name) {
                    targets.insert(t);
                }
            }
        }
        edges.insert(name.clone(), targets);
    }
    edges
}

/// The modules that sit in an import cycle.
fn in_cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = edges[start].iter().cloned().collect();
        while let Some(m) = stack.pop() {
            if &m == start {
                found.insert(start.clone());
                break;
            }
            if seen.insert(m.clone()) {
                stack.extend(edges.get(&m).into_iter().flatten().cloned());
            }
        }
    }
    found
}

/// The modules of the crate at `src` that sit in an import cycle.
fn modules_in_cycles(src: &Path) -> BTreeSet<String> {
    in_cycles(&imports(src, "lib.rs", "crate::"))
}

fn desk_core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The imports of `edges` that go to a layer at or above the importer's own (or from a module
/// in no layer).
fn layer_violations(edges: &BTreeMap<String, BTreeSet<String>>, layers: &[&str]) -> Vec<String> {
    let rank = |m: &str| layers.iter().position(|l| *l == m);
    let mut out = Vec::new();
    for (module, targets) in edges {
        let Some(own) = rank(module) else {
            out.push(format!("{module} is in no layer"));
            continue;
        };
        out.extend(targets.iter().filter(|t| rank(t).is_none_or(|r| r >= own)).map(|t| format!("{module} -> {t}")));
    }
    out
}

#[test]
fn desk_core_layers_import_downwards_only() {
    let edges = imports(&desk_core_src(), "lib.rs", "crate::");
    let wrong = layer_violations(&edges, DESK_CORE_LAYERS);
    assert!(wrong.is_empty(), "desk-core imports against its layers {DESK_CORE_LAYERS:?} (lowest first): {wrong:?}");
}

#[test]
fn desk_core_features_do_not_import_one_another_in_a_cycle() {
    let edges = imports(&desk_core_src().join("features"), "mod.rs", "crate::features::");
    assert!(edges.len() >= 8, "the features were not found: {edges:?}");
    let cycles = in_cycles(&edges);
    assert!(cycles.is_empty(), "desk-core: these features import one another in a cycle: {cycles:?}");
}

#[test]
fn portal_sandbox_modules_import_one_way() {
    let cycles = modules_in_cycles(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../portal-sandbox/src"));
    assert!(cycles.is_empty(), "portal-sandbox: these modules import one another in a cycle: {cycles:?}");
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
    assert_eq!(layer_violations(&imports(src, "lib.rs", "crate::"), &["c", "b", "a"]), vec!["c -> a".to_owned()]);
}

/// The keys of the problems the Rust side words for people: `Problem::new("key", …)` and an
/// app error's `.keyed("key")`, in the sources under `dirs`.
fn problem_keys(dirs: &[&Path]) -> BTreeSet<String> {
    let mut files = Vec::new();
    for dir in dirs {
        rust_files(dir, &mut files);
    }
    let mut keys = BTreeSet::new();
    for file in files {
        let text = code(&file);
        for marker in ["Problem::new(", ".keyed("] {
            let mut rest = text.as_str();
            while let Some(i) = rest.find(marker) {
                rest = &rest[i + marker.len()..];
                let Some(quoted) = rest.trim_start().strip_prefix('"') else { continue };
                let key: String = quoted.chars().take_while(|c| *c != '"').collect();
                if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !key.is_empty() {
                    keys.insert(key);
                }
            }
        }
    }
    keys
}

#[test]
fn every_problem_the_rust_side_words_has_its_sentence_in_each_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let keys = problem_keys(&[&root.join("crates/desk-core/src"), &root.join("src-tauri")]);
    assert!(keys.len() > 40, "the scan finds the problems ({} found)", keys.len());
    for lang in ["en", "ru", "kk"] {
        let dictionary = std::fs::read_to_string(root.join(format!("ui/src/i18n/{lang}.ts"))).expect("a dictionary");
        let missing: Vec<&String> =
            keys.iter().filter(|key| !dictionary.contains(&format!("'problem.{key}':"))).collect();
        assert!(missing.is_empty(), "ui/src/i18n/{lang}.ts has no `problem.<key>` for {missing:?}");
    }
}
