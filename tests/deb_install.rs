//! The Debian package as a person installs it: `scripts/build-deb.sh --debug` builds the `.deb`
//! from the debug build, which shares its dependencies with this test build (the shipped package
//! differs only in the profile; to test that one, `SUPPLIER_DESK_DEB=$(bash scripts/build-deb.sh)`
//! names it, or any package already built), `dpkg -i` installs it into this machine's system,
//! dpkg reports it installed with the binary, desktop entry and icons in place and every library
//! the binary links declared, the INSTALLED binary starts under Xvfb on a new data dir until its
//! window shows the first screen (a screenshot goes to `artefacts/deb-installed-first-screen.png`),
//! and `dpkg -r` removes it again, leaving nothing behind.
//!
//! Installing needs root. CI runs as root on a throwaway machine; elsewhere, as another user, the
//! test says so and does nothing, and in CI (`CI` set) it fails instead. It changes the system:
//! run it where installing and removing the package `supplier-desk` is acceptable.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PACKAGE: &str = "supplier-desk";
const INSTALLED_BINARY: &str = "/usr/bin/supplier-desk";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn artefact(name: &str) -> PathBuf {
    let dir = repo().join("artefacts");
    std::fs::create_dir_all(&dir).expect("create the artefacts dir");
    dir.join(name)
}

/// Runs a command to its end; panics with `what`, the command and its output when it fails.
fn run(what: &str, program: &str, args: &[&str]) -> Output {
    let output =
        Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{what}: cannot run `{program}`: {e}"));
    assert!(
        output.status.success(),
        "{what}: `{program} {}` failed ({}):\n{}{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The package's status as dpkg knows it (`install ok installed`), or None when dpkg knows
/// nothing of it.
fn package_status() -> Option<String> {
    let output = Command::new("dpkg-query").args(["-W", "-f=${Status}", PACKAGE]).output().expect("run dpkg-query");
    output.status.success().then(|| stdout(&output)).filter(|s| !s.trim().is_empty())
}

/// The package names of a Depends field, alternatives included, versions left out.
fn depends_names(field: &str) -> BTreeSet<String> {
    field
        .split([',', '|'])
        .filter_map(|d| d.split_whitespace().next())
        .map(|name| name.split(':').next().unwrap_or(name).to_owned())
        .collect()
}

/// Removes the package when the test ends, however it ends, if it is still installed.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        if package_status().is_some_and(|s| s.contains("installed")) {
            let _ = Command::new("dpkg").args(["-r", PACKAGE]).status();
        }
    }
}

/// A process (and its process group) stopped on drop: SIGTERM, then SIGKILL after 10 s.
struct Group(Child, bool);

impl Group {
    fn new(child: Child) -> Group {
        Group(child, false)
    }

    fn stop(&mut self) {
        if std::mem::replace(&mut self.1, true) {
            return;
        }
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // WebKit's processes belong to the group; whatever is left of it goes now.
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.0.wait();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts a virtual display and returns it with its name (":N"), chosen by Xvfb itself.
fn start_xvfb() -> (Group, String) {
    let mut child = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("start Xvfb (scripts/install-system-deps.sh installs it)");
    let stdout = child.stdout.take().expect("Xvfb stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("Xvfb prints its display number");
    let number = line.trim().to_owned();
    assert!(!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()), "Xvfb did not start: {line:?}");
    (Group::new(child), format!(":{number}"))
}

/// The `.deb` to install: `SUPPLIER_DESK_DEB`, or the one `scripts/build-deb.sh --debug` builds
/// now (its last line of output is the package's path).
fn the_package() -> PathBuf {
    if let Some(deb) = std::env::var_os("SUPPLIER_DESK_DEB") {
        let deb = PathBuf::from(deb);
        assert!(deb.is_file(), "SUPPLIER_DESK_DEB names no file: {}", deb.display());
        return deb;
    }
    let started = Instant::now();
    let output = Command::new("bash")
        .arg(repo().join("scripts/build-deb.sh"))
        .arg("--debug")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("run scripts/build-deb.sh");
    assert!(output.status.success(), "scripts/build-deb.sh failed ({}); its output is above", output.status);
    let printed = stdout(&output);
    let deb = PathBuf::from(printed.lines().last().unwrap_or_default().trim());
    assert!(deb.is_file(), "scripts/build-deb.sh printed no package path on its last line:\n{printed}");
    eprintln!("deb_install: built {} in {:.0} s", deb.display(), started.elapsed().as_secs_f64());
    deb
}

#[test]
fn the_deb_installs_with_dpkg_and_the_installed_app_shows_its_first_screen() {
    let uid = stdout(&run("who runs the test", "id", &["-u"]));
    if uid.trim() != "0" {
        assert!(
            std::env::var_os("CI").is_none(),
            "installing the .deb with dpkg needs root, and CI must run this test: run it as root"
        );
        eprintln!("deb_install: skipped, installing a .deb with dpkg needs root (CI runs it as root)");
        return;
    }

    let deb = the_package();
    let deb_str = deb.to_str().expect("a UTF-8 path");
    let size = std::fs::metadata(&deb).expect("the package").len();

    // What the package says of itself.
    let field = |name: &str| {
        stdout(&run("read the package's control", "dpkg-deb", &["--field", deb_str, name])).trim().to_owned()
    };
    assert_eq!(field("Package"), PACKAGE, "the package's name");
    let version = field("Version");
    assert_eq!(version, env!("CARGO_PKG_VERSION"), "the package's version is the app's");
    let depends = field("Depends");
    let declared = depends_names(&depends);
    for needed in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libssl3", "fonts-dejavu-core"] {
        assert!(declared.contains(needed), "the package must depend on {needed}; it declares: {depends}");
    }
    eprintln!("deb_install: {} {version}, {size} bytes; Depends: {depends}", deb.display());

    // Installed into the system, as a person would.
    let _installed = Installed;
    if let Some(status) = package_status() {
        eprintln!("deb_install: {PACKAGE} was already known to dpkg ({status}); installing over it");
    }
    run("install the package with dpkg -i", "dpkg", &["-i", deb_str]);
    let status = stdout(&run("dpkg -s after installing", "dpkg", &["-s", PACKAGE]));
    assert!(status.contains("Status: install ok installed"), "dpkg -s does not report it installed:\n{status}");
    assert!(status.contains(&format!("Version: {version}")), "dpkg -s reports another version:\n{status}");

    let files = stdout(&run("list the installed files", "dpkg", &["-L", PACKAGE]));
    let files: Vec<&str> = files.lines().map(str::trim).collect();
    assert!(files.contains(&INSTALLED_BINARY), "dpkg -L lists no {INSTALLED_BINARY}:\n{}", files.join("\n"));
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(INSTALLED_BINARY).expect("the binary").permissions(),
    );
    assert!(mode & 0o111 == 0o111, "{INSTALLED_BINARY} is not executable by everyone: {mode:o}");

    // Every library the binary links comes from a package the .deb declares.
    let dynamic = stdout(&run("read the binary's dynamic section", "readelf", &["-d", INSTALLED_BINARY]));
    let ldd = stdout(&run("resolve the binary's libraries", "ldd", &[INSTALLED_BINARY]));
    for line in dynamic.lines().filter(|l| l.contains("(NEEDED)")) {
        let library = line.rsplit('[').next().and_then(|l| l.strip_suffix(']')).expect("a NEEDED entry");
        // `libx.so => /path (…)`, or the dynamic loader by its path alone (`/lib64/ld-linux….so.2 (…)`).
        let path = ldd
            .lines()
            .find_map(|l| {
                let l = l.trim();
                l.strip_prefix(&format!("{library} => ")).and_then(|rest| rest.split(' ').next()).or_else(|| {
                    l.split(' ').next().filter(|p| p.starts_with('/') && p.ends_with(&format!("/{library}")))
                })
            })
            .unwrap_or_else(|| panic!("ldd does not resolve {library}:\n{ldd}"));
        // dpkg records a library by the path its package installs it under, /lib or /usr/lib.
        let file = Path::new(path).file_name().expect("a file name").to_string_lossy().into_owned();
        let owners = stdout(&run("find the library's package", "dpkg", &["-S", &format!("*/{file}")]));
        let owner: BTreeSet<String> = owners
            .lines()
            .filter_map(|l| l.split_once(": ").map(|(packages, _)| packages))
            .flat_map(|packages| packages.split(", "))
            .map(|p| p.split(':').next().unwrap_or(p).to_owned())
            .collect();
        assert!(
            owner.iter().any(|p| declared.contains(p)),
            "{INSTALLED_BINARY} links {library} ({path}, from {owner:?}), which the package does not declare: {depends}"
        );
    }

    // The desktop entry and its icon, where a desktop looks for them.
    let entry = files
        .iter()
        .find(|f| f.starts_with("/usr/share/applications/") && f.ends_with(".desktop"))
        .unwrap_or_else(|| panic!("no desktop entry in /usr/share/applications:\n{}", files.join("\n")));
    let text = std::fs::read_to_string(entry).expect("read the desktop entry");
    run("validate the desktop entry", "desktop-file-validate", &[entry]);
    let key = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("the desktop entry {entry} has no {k}=:\n{text}"))
            .trim()
            .to_owned()
    };
    assert_eq!(key("Type"), "Application", "{text}");
    assert_eq!(key("Name"), "Supplier Desk", "{text}");
    let exec = key("Exec");
    let program = exec.split_whitespace().next().unwrap_or_default().trim_matches('"');
    assert!(
        program == INSTALLED_BINARY || Path::new("/usr/bin").join(program) == Path::new(INSTALLED_BINARY),
        "the desktop entry starts {exec:?}, not the installed {INSTALLED_BINARY}"
    );
    let icon = key("Icon");
    let icons: Vec<&&str> = files
        .iter()
        .filter(|f| f.starts_with("/usr/share/icons/hicolor/") && f.ends_with(&format!("/apps/{icon}.png")))
        .collect();
    assert!(!icons.is_empty(), "no icon named {icon} (Icon=) in the hicolor theme:\n{}", files.join("\n"));
    for size in ["32x32", "128x128", "256x256", "512x512"] {
        let path = format!("/usr/share/icons/hicolor/{size}/apps/{icon}.png");
        assert!(Path::new(&path).is_file(), "no {size} icon at {path}");
    }

    let version_line = stdout(&run("ask the installed binary its version", INSTALLED_BINARY, &["--version"]));
    assert_eq!(version_line.trim(), format!("supplier-desk {version}"), "the installed binary's --version");

    // The installed app under Xvfb, as a new user would start it: a home of its own and a new
    // data dir, the bundled portal sandbox.
    let work = tempfile::tempdir().expect("tempdir");
    let home = work.path().join("home");
    let data_dir = work.path().join("desk");
    std::fs::create_dir_all(&home).expect("home");
    let (mut display, display_name) = start_xvfb();
    let log_path = artefact("deb-installed.log");
    let log = std::fs::File::create(&log_path).expect("the app's log");
    let started = Instant::now();
    let mut child = Command::new(INSTALLED_BINARY)
        .arg("--data-dir")
        .arg(&data_dir)
        .env("DISPLAY", &display_name)
        .env("HOME", &home)
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("SUPPLIER_DESK_DATA_DIR")
        .env_remove("SUPPLIER_DESK_PORTAL")
        // No keychain here (a new user's session would have one): the desk's secrets go to the
        // sealed file, with an administrator's password.
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/no-keychain-here")
        .env("SUPPLIER_DESK_ADMIN_PASSWORD", "an administrator's password")
        .stdout(Stdio::piped())
        .stderr(log)
        .process_group(0)
        .spawn()
        .expect("start the installed app");
    let out = child.stdout.take().expect("the app's stdout");
    let mut app = Group::new(child);
    let printed = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&printed);
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let mut printed = sink.lock().expect("lock");
            printed.push_str(&line);
            printed.push('\n');
        }
    });
    let ready = "supplier-desk: window shows the first-account screen";
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if printed.lock().expect("lock").contains(ready) {
            break;
        }
        let log = || std::fs::read_to_string(&log_path).unwrap_or_default();
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!(
                "the installed app exited ({status}) before its window showed the first screen; its log:\n{}",
                log()
            );
        }
        assert!(
            Instant::now() < deadline,
            "the installed app's window did not show the first-account screen within 120 s; it printed:\n{}\nits log:\n{}",
            printed.lock().expect("lock"),
            log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!(
        "deb_install: the installed app showed its first screen {} ms after starting",
        started.elapsed().as_millis()
    );
    std::thread::sleep(Duration::from_secs(1)); // let the last paint land
    let shot = artefact("deb-installed-first-screen.png");
    let shot_str = shot.to_str().expect("a UTF-8 path");
    let import = Command::new("import")
        .args(["-window", "root", shot_str])
        .env("DISPLAY", &display_name)
        .output()
        .expect("run import (imagemagick)");
    assert!(import.status.success(), "the screenshot failed: {}", String::from_utf8_lossy(&import.stderr));
    // A painted form has text and anti-aliasing: hundreds of colours; a blank window a few.
    let colours = stdout(&run("count the screenshot's colours", "identify", &["-format", "%k", shot_str]));
    let colours: u64 = colours.trim().parse().unwrap_or(0);
    assert!(colours > 50, "the screenshot {shot_str} has {colours} colours: the window looks blank");
    eprintln!("deb_install: screenshot {shot_str} ({colours} colours)");
    assert!(app.0.try_wait().expect("the app's state").is_none(), "the installed app exited after its first screen");
    app.stop();
    display.stop();
    assert!(
        data_dir.join("desk.sqlite").is_file(),
        "the installed app kept no database in its --data-dir {}",
        data_dir.display()
    );

    // Removed again, with nothing left behind.
    run("remove the package with dpkg -r", "dpkg", &["-r", PACKAGE]);
    if let Some(status) = package_status() {
        assert!(!status.contains(" installed") || status.contains("not-installed"), "dpkg still has it: {status}");
    }
    for file in files.iter().filter(|f| f.starts_with("/usr/")) {
        let path = Path::new(file);
        assert!(path.is_dir() || !path.exists(), "{file} is still there after dpkg -r");
    }
}
