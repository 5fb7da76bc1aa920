//! The desk's secrets in a real keychain: GNOME Keyring's Secret Service on a private session
//! bus. The app keeps its database key there (no sealed file is made), finds it again at the
//! next start, and without a keychain (and without the administrator's password) refuses to
//! open the desk with a message saying what is needed.

use crate::support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::{SessionBus, tool};

const APP: &str = env!("CARGO_BIN_EXE_supplier-desk");

/// GNOME Keyring serving the Secret Service on `bus`, its login keyring under `home`,
/// unlocked with a password as a desktop session's login does.
struct Keyring(std::process::Child);

impl Keyring {
    fn start(bus: &SessionBus, home: &Path) -> Keyring {
        let child = Command::new(tool("gnome-keyring-daemon"))
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", home.join("run"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gnome-keyring-daemon");
        // Owned at once, so that a failed step below still stops and reaps the daemon.
        let mut keyring = Keyring(child);
        let mut stdin = keyring.0.stdin.take().expect("stdin");
        stdin.write_all(b"login keyring password").expect("the login password");
        drop(stdin);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let owned = Command::new(tool("dbus-send"))
                .args(["--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
                .args(["org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"])
                .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
                .output()
                .expect("run dbus-send");
            if String::from_utf8_lossy(&owned.stdout).contains("boolean true") {
                return keyring;
            }
            assert!(Instant::now() < deadline, "gnome-keyring-daemon did not take the Secret Service's name");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run(data: &Path, bus: &SessionBus, home: &Path, args: &[&str]) -> Output {
    Command::new(APP)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("RUST_LOG", "warn")
        .env_remove("SUPPLIER_DESK_ADMIN_PASSWORD")
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("HOME", home)
        .env("XDG_RUNTIME_DIR", home.join("run"))
        .env("SUPPLIER_DESK_NEW_PASSWORD", "manager password 1")
        .output()
        .expect("run supplier-desk")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_database_key_lives_in_the_keychain_and_without_one_the_desk_says_what_it_needs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    for sub in ["data", "run"] {
        std::fs::create_dir_all(home.join(sub)).expect("home");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(home.join("run"), std::fs::Permissions::from_mode(0o700)).expect("runtime dir");
    }
    let bus = SessionBus::start(dir.path());
    let data = dir.path().join("desk");
    {
        let _keyring = Keyring::start(&bus, &home);
        let made = run(&data, &bus, &home, &["staff-add", "manager", "--name", "Manager", "--role", "manager"]);
        assert!(made.status.success(), "the desk is made with its key in the keychain: {}", stderr(&made));
        assert!(!data.join(desk_core::vault::SEALED_FILE).exists(), "no sealed file where a keychain answers");
        let header = std::fs::read(data.join("desk.sqlite")).expect("the database");
        assert_ne!(&header[..16], b"SQLite format 3\0", "the database is encrypted");
        // The login keyring's file holds the key sealed (GNOME Keyring encrypts it with the
        // login password).
        let keyrings = std::fs::read_dir(home.join("data/keyrings")).expect("the keyrings dir").count();
        assert!(keyrings > 0, "the login keyring was written");

        // The next start finds the key there: the store opens and reads its staff.
        let status = run(&data, &bus, &home, &["status"]);
        assert!(status.status.success(), "the desk opens again with the keychain's key: {}", stderr(&status));
    }

    // The keychain is gone (and no administrator's password is given): a clear refusal, not
    // a new key that would not open the database.
    let refused = run(&data, &bus, &home, &["status"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let message = stderr(&refused);
    assert!(
        message.contains("keychain") && message.contains("SUPPLIER_DESK_ADMIN_PASSWORD"),
        "the refusal says what is needed: {message}"
    );
    assert!(!data.join(desk_core::vault::SEALED_FILE).exists(), "and makes nothing");

    // Given the administrator's password, it still does not make a sealed file with a new key
    // that could not open this database: it says where the key is.
    let mut with_password = Command::new(APP);
    with_password
        .arg("--data-dir")
        .arg(&data)
        .arg("status")
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("HOME", &home)
        .env("SUPPLIER_DESK_ADMIN_PASSWORD", "an administrator's password");
    let refused = with_password.output().expect("run supplier-desk");
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("kept in the keychain, which does not answer"), "{}", stderr(&refused));
    assert!(!data.join(desk_core::vault::SEALED_FILE).exists(), "no sealed file with a made-up key");
}
