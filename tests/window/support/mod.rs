//! What the window tests need around the app: a virtual display, a private D-Bus session bus
//! (where the app's desktop notifications go), tauri-driver, a portal sandbox and a data dir,
//! all torn down when the test ends.
#![allow(dead_code)] // each window test uses a different part

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use desk_testkit::vault as desk_vault;
pub mod page;

use desk_core::access::Role;
use desk_core::features::staff::views::{NewStaffInput, SignInOutcome};
use portal_api::PortalClient;
use portal_sandbox::{RunningSandbox, SandboxConfig};

/// The password of every staff account the window tests make.
pub const STAFF_PASSWORD: &str = "correct horse battery";

/// Types a user name and password into the sign-in screen and submits them.
pub async fn sign_in(client: &fantoccini::Client, username: &str, password: &str) {
    use fantoccini::Locator;
    let form = client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#session-username"))
        .await
        .expect("the sign-in screen");
    form.clear().await.expect("clear");
    form.send_keys(username).await.expect("type the user name");
    let password_field = client.find(Locator::Css("#session-password")).await.expect("password field");
    password_field.clear().await.expect("clear");
    password_field.send_keys(password).await.expect("type the password");
    client.find(Locator::Css("[data-testid='session-submit']")).await.expect("submit").click().await.expect("click");
}

/// Where screenshots and logs of test runs are kept for people to look at.
pub fn artefact_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artefacts");
    std::fs::create_dir_all(&dir).expect("create artefacts dir");
    dir.join(name)
}

/// A child process stopped with SIGTERM on drop (tauri-driver must not be SIGKILLed: that
/// leaves WebKitWebDriver running).
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.0.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

pub fn tool(name: &str) -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin")));
    for dir in candidates {
        let path = dir.join(name);
        if path.is_file() {
            return path;
        }
    }
    panic!("{name} is not installed: run scripts/setup.sh test");
}

pub struct Desktop {
    // Field order is drop order: the driver goes before the display.
    _driver: Process,
    driver_port: u16,
    bus: SessionBus,
    _display: Process,
    sandbox: Option<RunningSandbox>,
    portal_addr: SocketAddr,
    display_name: String,
    pub data_dir: tempfile::TempDir,
}

impl Desktop {
    /// Starts Xvfb, a sandbox without simulated participants (so counts hold still), and
    /// tauri-driver pointed at that display.
    pub async fn start() -> Desktop {
        let (display, display_name) = start_xvfb();
        let data_dir = tempfile::tempdir().expect("tempdir");
        let bus = SessionBus::start(data_dir.path());
        let sandbox = portal_sandbox::start(SandboxConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.path().join("portal"),
            seed: 7,
            order_every: None,
        })
        .await
        .expect("sandbox starts");
        let driver_port = free_port();
        // The OS's opener, as the app finds it on PATH, only notes what it was asked to open:
        // no test starts a real PDF viewer or spreadsheet program (see `Desktop::opened`).
        let bin = data_dir.path().join("bin");
        std::fs::create_dir_all(&bin).expect("bin dir");
        let opened = data_dir.path().join("opened.txt");
        let script = format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n", opened.display());
        std::fs::write(bin.join("xdg-open"), script).expect("write the opener");
        std::fs::set_permissions(
            bin.join("xdg-open"),
            <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o755),
        )
        .expect("make the opener executable");
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
        let driver = Process(
            Command::new(tool("tauri-driver"))
                .env("PATH", path)
                // The webview's own storage (the language last chosen on the sign-in screen,
                // among others) per test, not shared through the user's home.
                .env("XDG_DATA_HOME", data_dir.path().join("xdg-data"))
                .args(["--port", &driver_port.to_string(), "--native-port", &free_port().to_string()])
                .env("DISPLAY", &display_name)
                .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
                // No keychain answers on the private bus: the app keeps its secrets in the
                // sealed file (see desk_vault).
                .env("SUPPLIER_DESK_ADMIN_PASSWORD", desk_vault::ADMIN_PASSWORD)
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("start tauri-driver"),
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", driver_port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start listening");
            std::thread::sleep(Duration::from_millis(100));
        }
        let portal_addr = sandbox.addr();
        Desktop {
            _driver: driver,
            driver_port,
            bus,
            _display: display,
            sandbox: Some(sandbox),
            portal_addr,
            display_name,
            data_dir,
        }
    }

    /// What the app asked the OS to open (one argument a line), through the opener on PATH.
    pub fn opened(&self) -> String {
        std::fs::read_to_string(self.data_dir.path().join("opened.txt")).unwrap_or_default()
    }

    /// Starts recording the desktop notifications the app sends on its session bus.
    pub fn watch_notifications(&self) -> NotificationWatch {
        NotificationWatch::start(&self.bus.address)
    }

    pub fn portal_url(&self) -> String {
        format!("http://{}", self.portal_addr)
    }

    pub fn sandbox(&self) -> &RunningSandbox {
        self.sandbox.as_ref().expect("the portal is running")
    }

    /// Stops the portal: the app finds it unreachable.
    pub async fn stop_portal(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            sandbox.shutdown().await;
        }
    }

    /// Starts the portal again, on the same address and data.
    pub async fn start_portal(&mut self) {
        let sandbox = portal_sandbox::start(SandboxConfig {
            listen: self.portal_addr,
            data_dir: self.data_dir.path().join("portal"),
            seed: 7,
            order_every: None,
        })
        .await
        .expect("sandbox restarts");
        self.sandbox = Some(sandbox);
    }

    pub async fn portal_client(&self) -> PortalClient {
        let mut client = PortalClient::new(&self.portal_url()).expect("client");
        client
            .sign_in(portal_sandbox::demo::SUPPLIER_BIN, portal_sandbox::demo::SUPPLIER_PASSWORD)
            .await
            .expect("sign in");
        client
    }

    /// How many distinct offerings the portal's change feed holds.
    pub async fn portal_offering_count(&self) -> usize {
        let client = self.portal_client().await;
        let mut ids = std::collections::HashSet::new();
        let mut after = 0;
        loop {
            let page = client.changes(after, portal_api::MAX_PAGE_SIZE).await.expect("change feed");
            for change in page.changes {
                if let portal_api::Entity::Offering(o) = change.entity {
                    ids.insert(o.id);
                }
            }
            after = page.next_after;
            if !page.has_more {
                return ids.len();
            }
        }
    }

    /// The desk's data dir (the app's `--data-dir`).
    pub fn desk_dir(&self) -> PathBuf {
        self.data_dir.path().join("desk")
    }

    /// Creates a staff account in the desk's store as its manager would (the manager account
    /// itself, `manager`, first, when the desk has none); every account's password is
    /// [`STAFF_PASSWORD`].
    pub fn add_staff(&self, username: &str, role: Role) {
        std::fs::create_dir_all(self.desk_dir()).expect("desk dir");
        let mut store = desk_vault::open_store(&self.desk_dir());
        let input = |username: &str, role: Role| NewStaffInput {
            username: username.into(),
            display_name: format!("{username} ({})", role.as_str()),
            role,
            password: STAFF_PASSWORD.into(),
        };
        // Every account chose English, which the window follows once they sign in (tests that
        // look at another language choose it).
        let in_english = |store: &mut desk_core::Store, username: &str| {
            let SignInOutcome::SignedIn { actor, .. } = store.sign_in(username, STAFF_PASSWORD).expect("sign in")
            else {
                panic!("{username} signs in");
            };
            store.set_own_language(&actor, "en").expect("English");
            actor
        };
        if !store.has_staff().expect("staff") {
            store.create_first_manager(&input("manager", Role::Manager)).expect("the first account");
            in_english(&mut store, "manager");
        }
        if username == "manager" {
            return;
        }
        let actor = in_english(&mut store, "manager");
        store.create_staff(&actor, &input(username, role)).expect("create the account");
        in_english(&mut store, username);
    }

    /// Opens the app's window, signed in as the desk's manager (made if need be).
    pub async fn window(&self) -> fantoccini::Client {
        self.add_staff("manager", Role::Manager);
        let client = self.window_signed_out().await;
        sign_in(&client, "manager", STAFF_PASSWORD).await;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(fantoccini::Locator::Css("[data-testid='session-user']"))
            .await
            .expect("the manager is signed in");
        // The manager opens on their day; the tests of the inbox start from it, as a person
        // would by choosing it.
        client.find(fantoccini::Locator::Css("#tab-inbox")).await.expect("the inbox tab").click().await.expect("click");
        client
    }

    /// Starts the app a second time on the desk's data dir, outside WebDriver, as a person
    /// double-clicking its icon again would; its exit status, or None if it still runs after
    /// `wait` (it is then stopped).
    pub fn start_again(&self, wait: Duration) -> Option<std::process::ExitStatus> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_supplier-desk"))
            .args(["--portal", &self.portal_url(), "--data-dir"])
            .arg(self.desk_dir())
            .env("DISPLAY", &self.display_name)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus.address)
            .env("SUPPLIER_DESK_ADMIN_PASSWORD", desk_vault::ADMIN_PASSWORD)
            .env("XDG_DATA_HOME", self.data_dir.path().join("xdg-data"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the app again");
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            if let Some(status) = child.try_wait().expect("wait") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }

    /// Opens the app's window through WebDriver, on its sign-in screen.
    pub async fn window_signed_out(&self) -> fantoccini::Client {
        let app = env!("CARGO_BIN_EXE_supplier-desk");
        let args = [
            "--portal".to_owned(),
            self.portal_url(),
            "--data-dir".to_owned(),
            self.data_dir.path().join("desk").display().to_string(),
            "--sync-interval".to_owned(),
            "2".to_owned(),
        ];
        let caps = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": app, "args": args },
        });
        let serde_json::Value::Object(caps) = caps else { unreachable!("a JSON object") };
        fantoccini::ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.driver_port))
            .await
            .expect("a WebDriver session with the app")
    }
}

/// A private D-Bus session bus, so that the app's notifications go where a test can see them.
pub struct SessionBus {
    _daemon: Process,
    pub address: String,
}

impl SessionBus {
    pub fn start(dir: &std::path::Path) -> SessionBus {
        let socket = dir.join("session-bus");
        let address = format!("unix:path={}", socket.display());
        // A session bus that starts no services on demand: the desktop's own (a keychain, a
        // notification server) would otherwise be started on it by D-Bus activation.
        let config = dir.join("session-bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>{address}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#
            ),
        )
        .expect("write the bus configuration");
        let daemon = Process(
            Command::new(tool("dbus-daemon"))
                .arg(format!("--config-file={}", config.display()))
                .args(["--nofork", "--nopidfile"])
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("start dbus-daemon"),
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            assert!(Instant::now() < deadline, "dbus-daemon did not open its socket");
            std::thread::sleep(Duration::from_millis(20));
        }
        SessionBus { _daemon: daemon, address }
    }
}

/// The `Notify` calls (org.freedesktop.Notifications) seen on a session bus, as dbus-monitor
/// prints them. No notification server runs there: the call is what the app is responsible for.
pub struct NotificationWatch {
    _monitor: Process,
    seen: Arc<Mutex<String>>,
}

impl NotificationWatch {
    fn start(address: &str) -> NotificationWatch {
        let mut child = Command::new(tool("dbus-monitor"))
            .args([
                "--address",
                address,
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start dbus-monitor");
        let stdout = child.stdout.take().expect("dbus-monitor stdout");
        let seen = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&seen);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut seen = sink.lock().expect("lock");
                seen.push_str(&line);
                seen.push('\n');
            }
        });
        let watch = NotificationWatch { _monitor: Process(child), seen };
        // Becoming a monitor, dbus-monitor first reports the name the bus gave it: from then on
        // it sees every call.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !watch.seen().contains("NameAcquired") {
            assert!(Instant::now() < deadline, "dbus-monitor did not attach to the bus");
            std::thread::sleep(Duration::from_millis(20));
        }
        watch
    }

    /// Everything seen so far.
    pub fn seen(&self) -> String {
        self.seen.lock().expect("lock").clone()
    }

    /// Waits until one `Notify` call holding every one of `texts` was seen; false after
    /// `timeout`.
    pub fn wait_for(&self, texts: &[&str], timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            let seen = self.seen();
            // dbus-monitor prints each message as a header line and its arguments below it.
            if seen
                .split("method call ")
                .any(|call| call.contains("member=Notify") && texts.iter().all(|t| call.contains(t)))
            {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

/// Starts a virtual display and returns it with its name (":N"), chosen by Xvfb itself.
fn start_xvfb() -> (Process, String) {
    let mut child = Command::new(tool("Xvfb"))
        .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb");
    let stdout = child.stdout.take().expect("Xvfb stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("Xvfb prints its display number");
    let number = line.trim();
    assert!(!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()), "Xvfb display: {line:?}");
    (Process(child), format!(":{number}"))
}
