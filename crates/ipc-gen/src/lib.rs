//! The app's IPC commands have one definition: their `#[tauri::command]` functions in
//! `src-tauri/commands/`. This crate reads those functions and derives the rest:
//!
//! - the invoke handler and the command list tauri-build turns into permissions (`build.rs`, at
//!   every build: nothing to keep in step by hand);
//! - the main window's capability and the UI's TypeScript client (`ui/src/lib/commands.ts`),
//!   committed like the other generated files and checked for drift by `tests/hardening.rs`
//!   (`UPDATE_IPC=1 cargo test --test hardening` writes them again).
//!
//! A macro of the project's own rather than tauri-specta: the argument and answer types already
//! reach TypeScript through ts-rs (`ui/src/bindings`), so only the commands' names, arguments
//! and answers were missing, and they are all in the functions' signatures.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// One `#[tauri::command]` function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The file (module) under `src-tauri/commands/` it is in.
    pub module: String,
    /// The function's name: the command's name.
    pub name: String,
    /// Its doc comment, line by line.
    pub doc: Vec<String>,
    /// The arguments the page passes (the ones Tauri injects — state, app handle, window — left
    /// out), in order.
    pub args: Vec<Arg>,
    /// The raw IPC body, when the command reads one (`tauri::ipc::Request`).
    pub raw_body: bool,
    /// What it answers, in TypeScript.
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// As the Rust function names it (snake case); the page passes it in camel case.
    pub name: String,
    /// In TypeScript.
    pub ts: String,
    /// A `Channel<T>`: the page passes a function that receives each `T`.
    pub channel: Option<String>,
    /// An `Option<T>`: may be left out.
    pub optional: bool,
}

/// The types Tauri injects into a command; the page does not pass them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

/// Every command in the `.rs` files of `dir`, by file name, then in the order of the file.
pub fn scan(dir: &Path) -> Result<Vec<Command>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let module = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        for item in file.items {
            let syn::Item::Fn(f) = item else { continue };
            if !f.attrs.iter().any(is_command_attr) {
                continue;
            }
            out.push(command(&module, &f).map_err(|e| format!("{}: fn {}: {e}", path.display(), f.sig.ident))?);
        }
    }
    Ok(out)
}

fn is_command_attr(a: &syn::Attribute) -> bool {
    let segments: Vec<String> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
    segments == ["tauri", "command"] || segments == ["command"]
}

fn command(module: &str, f: &syn::ItemFn) -> Result<Command, String> {
    let doc = f
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let mut args = Vec::new();
    let mut raw_body = false;
    for input in &f.sig.inputs {
        let syn::FnArg::Typed(pt) = input else { return Err("a method, not a function".into()) };
        let syn::Pat::Ident(id) = pt.pat.as_ref() else { return Err("an argument that is not a plain name".into()) };
        let name = id.ident.to_string();
        match last_segment(&pt.ty).as_deref() {
            Some(s) if INJECTED.contains(&s) => continue,
            Some("Request") => {
                raw_body = true;
                continue;
            }
            Some("Channel") => {
                let inner = ts(generic(&pt.ty, 0).ok_or("Channel without its type")?)?;
                args.push(Arg { name, ts: format!("(value: {inner}) => void"), channel: Some(inner), optional: false });
            }
            Some("Option") => {
                let inner = ts(generic(&pt.ty, 0).ok_or("Option without its type")?)?;
                args.push(Arg { name, ts: format!("{inner} | null"), channel: None, optional: true });
            }
            _ => args.push(Arg { name, ts: ts(&pt.ty)?, channel: None, optional: false }),
        }
    }
    // Only trailing arguments may be left out.
    let mut required_after = false;
    for a in args.iter_mut().rev() {
        if !a.optional {
            required_after = true;
        } else if required_after {
            a.optional = false;
        }
    }
    let answer = match &f.sig.output {
        syn::ReturnType::Default => "void".to_owned(),
        syn::ReturnType::Type(_, ty) => {
            let ty = if last_segment(ty).as_deref() == Some("Result") {
                generic(ty, 0).ok_or("Result without its type")?
            } else {
                ty
            };
            if last_segment(ty).as_deref() == Some("Response") { "Uint8Array".to_owned() } else { ts(ty)? }
        }
    };
    Ok(Command { module: module.to_owned(), name: f.sig.ident.to_string(), doc, args, raw_body, answer })
}

fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// The `i`th type argument of `ty` (`Vec<T>`: T).
fn generic(ty: &syn::Type, i: usize) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let syn::PathArguments::AngleBracketed(args) = &p.path.segments.last()?.arguments else { return None };
    args.args
        .iter()
        .filter_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .nth(i)
}

/// A Rust type of a command's signature in TypeScript: the types of `ui/src/bindings` keep their
/// Rust names.
fn ts(ty: &syn::Type) -> Result<String, String> {
    match ty {
        syn::Type::Reference(r) => ts(&r.elem),
        syn::Type::Tuple(t) if t.elems.is_empty() => Ok("void".into()),
        syn::Type::Tuple(t) => Ok(format!("[{}]", t.elems.iter().map(ts).collect::<Result<Vec<_>, _>>()?.join(", "))),
        syn::Type::Path(_) => {
            let name = last_segment(ty).ok_or("an empty path")?;
            Ok(match name.as_str() {
                "String" | "str" => "string".into(),
                "bool" => "boolean".into(),
                "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32" | "f64" => {
                    "number".into()
                }
                "Vec" => {
                    let inner = ts(generic(ty, 0).ok_or("Vec without its type")?)?;
                    if inner.contains(' ') { format!("({inner})[]") } else { format!("{inner}[]") }
                }
                "Option" => format!("{} | null", ts(generic(ty, 0).ok_or("Option without its type")?)?),
                _ if generic(ty, 0).is_some() => return Err(format!("no TypeScript for the generic type {name}")),
                _ => name,
            })
        }
        other => Err(format!("no TypeScript for {}", quote::quote!(#other))),
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The names of every command, for tauri-build's `AppManifest::commands`.
pub fn names(commands: &[Command]) -> Vec<String> {
    commands.iter().map(|c| c.name.clone()).collect()
}

/// Rust source defining `app_invoke_handler!()`: `tauri::generate_handler!` over every command
/// (`commands::<module>::<name>`), for `src-tauri/lib.rs` to include from `OUT_DIR`.
pub fn invoke_handler(commands: &[Command]) -> String {
    let mut out = String::from(
        "// Generated by build.rs (crates/ipc-gen) from the #[tauri::command] functions of src-tauri/commands.\n\
         macro_rules! app_invoke_handler {\n    () => {\n        tauri::generate_handler![\n",
    );
    for c in commands {
        let _ = writeln!(out, "            commands::{}::{},", c.module, c.name);
    }
    out.push_str("        ]\n    };\n}\n");
    out
}

/// The main window's capability: each command's `allow-` permission, and nothing else.
pub fn capability(commands: &[Command]) -> String {
    let mut out = String::from(
        "{\n  \"$schema\": \"../../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"default\",\n  \
         \"description\": \"The main window may call the app's own commands, each named here, and nothing else: no core or plugin command. Generated from the #[tauri::command] functions by crates/ipc-gen (checked by tests/hardening.rs).\",\n  \
         \"windows\": [\"main\"],\n  \"permissions\": [\n",
    );
    let perms: Vec<String> = commands.iter().map(|c| format!("    \"allow-{}\"", c.name.replace('_', "-"))).collect();
    out.push_str(&perms.join(",\n"));
    out.push_str("\n  ]\n}\n");
    out
}

/// The types the shell defines itself (`pub struct` and `pub enum` of `src`, the text of
/// `src-tauri/error.rs`): the client imports them from `ui/src/bindings/shell.ts`.
pub fn shell_types(src: &str) -> Vec<String> {
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("pub struct ").or_else(|| l.trim().strip_prefix("pub enum ")))
        .map(|rest| rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
        .collect()
}

/// The UI's client: one function a command, named in camel case, typed from the signature.
/// `shell` names the types that come from the shell's bindings rather than desk-core's.
pub fn typescript(commands: &[Command], shell: &[String]) -> String {
    let mut types = BTreeSet::new();
    for c in commands {
        for t in c.args.iter().map(|a| a.channel.as_deref().unwrap_or(&a.ts)).chain([c.answer.as_str()]) {
            for word in t.split(|ch: char| !ch.is_alphanumeric()) {
                if word.chars().next().is_some_and(char::is_uppercase) && word != "Uint8Array" {
                    types.insert(word.to_owned());
                }
            }
        }
    }
    let mut out = String::from(
        "// The app's commands, one function each, generated from their #[tauri::command] functions in\n\
         // src-tauri/commands by crates/ipc-gen. Do not edit: change the Rust function, then run\n\
         // `UPDATE_IPC=1 cargo test --test hardening`.\n",
    );
    let (shell_used, types): (Vec<String>, Vec<String>) = types.into_iter().partition(|t| shell.contains(t));
    for (types, file) in [(types, "bindings"), (shell_used, "shell")] {
        if !types.is_empty() {
            out.push_str("import type {\n");
            for t in &types {
                let _ = writeln!(out, "  {t},");
            }
            let _ = writeln!(out, "}} from '../bindings/{file}';");
        }
    }
    let helpers: Vec<&str> = [
        Some("call"),
        commands.iter().any(|c| c.answer == "Uint8Array").then_some("callBytes"),
        commands.iter().any(|c| c.raw_body).then_some("callRaw"),
        commands.iter().any(|c| c.args.iter().any(|a| a.channel.is_some())).then_some("channel"),
        commands.iter().any(|c| c.args.iter().any(|a| a.optional)).then_some("given"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let _ = writeln!(out, "import {{ {} }} from './ipc';", helpers.join(", "));
    let mut module = "";
    for c in commands {
        if c.module != module {
            module = &c.module;
            let _ = writeln!(out, "\n// {module}");
        }
        out.push('\n');
        if !c.doc.is_empty() {
            out.push_str("/**\n");
            for line in &c.doc {
                if line.is_empty() {
                    out.push_str(" *\n")
                } else {
                    let _ = writeln!(out, " * {line}");
                }
            }
            out.push_str(" */\n");
        }
        let mut params: Vec<String> = c
            .args
            .iter()
            .map(|a| format!("{}{}: {}", camel(&a.name), if a.optional { "?" } else { "" }, a.ts))
            .collect();
        if c.raw_body {
            params.push("body: Uint8Array".into());
        }
        let fields: Vec<String> = c
            .args
            .iter()
            .map(|a| match &a.channel {
                Some(inner) => format!("{}: channel<{inner}>({})", camel(&a.name), camel(&a.name)),
                None => camel(&a.name),
            })
            .collect();
        let call = if c.raw_body {
            format!("callRaw<{}>('{}', body)", c.answer, c.name)
        } else if c.answer == "Uint8Array" {
            format!(
                "callBytes('{}'{})",
                c.name,
                if fields.is_empty() { String::new() } else { format!(", {{ {} }}", fields.join(", ")) }
            )
        } else if fields.is_empty() {
            format!("call<{}>('{}')", c.answer, c.name)
        } else if c.args.iter().any(|a| a.optional) {
            // An argument left out is not sent at all (the Rust side reads it as None).
            format!("call<{}>('{}', given({{ {} }}))", c.answer, c.name, fields.join(", "))
        } else {
            format!("call<{}>('{}', {{ {} }})", c.answer, c.name, fields.join(", "))
        };
        let _ = writeln!(
            out,
            "export async function {}({}): Promise<{}> {{\n  return {call};\n}}",
            camel(&c.name),
            params.join(", "),
            c.answer
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> Vec<Command> {
        let dir = std::env::temp_dir().join(format!("ipc-gen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("orders.rs"), text).expect("write");
        let out = scan(&dir).expect("scan");
        std::fs::remove_dir_all(&dir).expect("clean");
        out
    }

    #[test]
    fn a_signature_becomes_a_typed_function() {
        let cmds = scan_text(
            "/// Accepts.\n#[tauri::command]\npub async fn order_accept(state: State<'_, DeskState>, order_id: String, on_progress: Channel<Step>, price: Option<String>) -> Result<Vec<OrderDetail>, AppError> { todo!() }\n\
             pub fn not_a_command() {}\n\
             #[tauri::command]\npub fn photo_add(state: State<'_, DeskState>, request: Request<'_>) -> Result<String, AppError> { todo!() }\n",
        );
        assert_eq!(names(&cmds), ["order_accept", "photo_add"]);
        let ts = typescript(&cmds, &shell_types("/// A step.\npub enum Step {}\nstruct Private;\n"));
        assert!(
            ts.contains("import type {\n  OrderDetail,\n} from '../bindings/bindings';\nimport type {\n  Step,\n} from '../bindings/shell';"),
            "{ts}"
        );
        assert!(
            ts.contains("export async function orderAccept(orderId: string, onProgress: (value: Step) => void, price?: string | null): Promise<OrderDetail[]> {\n  return call<OrderDetail[]>('order_accept', given({ orderId, onProgress: channel<Step>(onProgress), price }));"),
            "{ts}"
        );
        assert!(ts.contains("/**\n * Accepts.\n */"), "{ts}");
        assert!(
            ts.contains("photoAdd(body: Uint8Array): Promise<string> {\n  return callRaw<string>('photo_add', body);"),
            "{ts}"
        );
        assert!(invoke_handler(&cmds).contains("commands::orders::order_accept,"));
        assert!(capability(&cmds).contains("\"allow-order-accept\",\n    \"allow-photo-add\""));
    }
}
