//! Backups of the whole local store: the database as one consistent snapshot (SQLite's online
//! backup, page by page, while the desk keeps working) and every photo, in one file encrypted
//! with a password the manager chooses — not with the desk's own key, which lives in this
//! computer's keychain and would be lost with it. Restoring copies the snapshot into the live
//! database (the online backup again, the other way) and the photos back beside it.
//!
//! The file is a tar archive: `backup.json` (format, when, counts, the key derivation's salt),
//! `desk.sqlite` (SQLCipher under the backup's key) and `attachments/<sha256>` (each sealed
//! under a key derived from it). Nothing in it is readable without the password.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, backup::Backup};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::kernel::access::{AccessError, Actor, Command};
use crate::kernel::file_seal::FileSeal;
use crate::kernel::store::{Store, StoreError};
use crate::vault::DatabaseKey;

/// The shortest backup password accepted.
pub const MIN_BACKUP_PASSWORD: usize = 10;
/// Pages copied per step of the online backup (each step reports its progress).
const PAGES_PER_STEP: std::ffi::c_int = 256;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error("the backup password must be at least {MIN_BACKUP_PASSWORD} characters")]
    WeakPassword,
    #[error("the password does not open this backup")]
    WrongPassword,
    #[error("{0} is not a Supplier Desk backup ({1})")]
    NotABackup(PathBuf, String),
    #[error("this backup was made by a newer Supplier Desk (schema {0}); update the app to restore it")]
    Newer(i64),
    #[error(
        "{0} changes made on this desk have not reached the portal yet and would be lost; sync \
         first, then restore"
    )]
    PendingChanges(u64),
    #[error("the backup's database is damaged: {0}")]
    Damaged(String),
    #[error("{path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("this store is not encrypted, so it cannot be backed up or restored this way")]
    NotEncrypted,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> BackupError {
        BackupError::Store(e.into())
    }
}

/// How far a backup or a restore has come, for a progress bar.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct BackupProgress {
    /// `database` while its pages are copied, then `photos`.
    pub stage: BackupStage,
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupStage {
    Database,
    Photos,
}

/// What a backup holds, as written in its `backup.json` and reported after a backup or restore.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupSummary {
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub orders: u64,
    #[ts(type = "number")]
    pub photos: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The ending of a backup file's name.
pub const EXTENSION: &str = "sdbackup";

/// A folder of backups and what is in it, as the window lists it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupFolder {
    pub dir: String,
    /// Newest first.
    pub files: Vec<BackupFile>,
    /// Where this desk keeps its secrets (the keychain, or the sealed file where there is none).
    pub secrets: crate::vault::VaultKind,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupFile {
    pub name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "string")]
    pub modified: DateTime<Utc>,
}

/// The backup files (`*.sdbackup`) in `dir`, newest first; none when it does not exist yet.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupFile>, BackupError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir)(e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
            continue;
        }
        let meta = entry.metadata().map_err(io(&path))?;
        files.push(BackupFile {
            name: entry.file_name().to_string_lossy().into_owned(),
            bytes: meta.len(),
            modified: meta.modified().map(DateTime::<Utc>::from).map_err(io(&path))?,
        });
    }
    files.sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| b.name.cmp(&a.name)));
    Ok(files)
}

/// The name of a new backup file made at `at`.
pub fn backup_file_name(at: DateTime<Utc>) -> String {
    format!("supplier-desk-{}.{EXTENSION}", at.format("%Y%m%dT%H%M%SZ"))
}

/// Whether `name` names a backup file directly in its folder (no path of any kind).
pub fn is_backup_file_name(name: &str) -> bool {
    !name.contains(['/', '\\']) && !name.starts_with('.') && name.ends_with(&format!(".{EXTENSION}"))
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    schema: i64,
    salt: String,
    summary: BackupSummary,
}

const MANIFEST: &str = "backup.json";
/// The most of `backup.json` read: a backup's manifest is a few hundred bytes.
const MAX_MANIFEST: u64 = 1024 * 1024;
const DATABASE: &str = "desk.sqlite";
const PHOTOS: &str = "attachments/";

fn io(path: &Path) -> impl Fn(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::File { path: path.to_path_buf(), source }
}

/// The backup's key from its password and salt (Argon2id, as for the sealed secrets file).
fn backup_key(password: &str, salt: &[u8; 16]) -> Result<DatabaseKey, BackupError> {
    DatabaseKey::derive(password, salt).ok_or(BackupError::WeakPassword)
}

impl Store {
    /// Writes a backup of the whole store to `dest` (a manager's), encrypted with `password`.
    /// `dest` appears whole or not at all.
    pub fn create_backup(
        &mut self,
        actor: &Actor,
        dest: &Path,
        password: &str,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<BackupSummary, BackupError> {
        actor.require(Command::BackupCreate)?;
        if password.chars().count() < MIN_BACKUP_PASSWORD {
            return Err(BackupError::WeakPassword);
        }
        if self.file_seal().is_none() {
            return Err(BackupError::NotEncrypted);
        }
        let salt = DatabaseKey::random_salt();
        let key = backup_key(password, &salt)?;
        let snapshot = sibling(dest, "db.tmp");
        let result = self.write_backup(actor, dest, &snapshot, &key, &salt, progress);
        let _ = fs::remove_file(&snapshot);
        result
    }

    fn write_backup(
        &mut self,
        actor: &Actor,
        dest: &Path,
        snapshot: &Path,
        key: &DatabaseKey,
        salt: &[u8; 16],
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<BackupSummary, BackupError> {
        let _ = fs::remove_file(snapshot);
        {
            let mut copy = Connection::open(snapshot)?;
            crate::kernel::at_rest::key(&copy, key)?;
            let backup = Backup::new(self.connection(), &mut copy)?;
            copy_pages(&backup, progress)?;
        }
        let schema: i64 = self.connection().pragma_query_value(None, "user_version", |r| r.get(0))?;
        let orders = self.summary()?.orders;
        let files = self.photo_files()?;
        let names = photo_names(&files.dir)?;
        let seal = FileSeal::for_database(key);

        let tmp = sibling(dest, "tmp");
        let file = fs::File::create(&tmp).map_err(io(&tmp))?;
        let mut tar = tar::Builder::new(std::io::BufWriter::new(file));
        let mut summary = BackupSummary { created_at: Utc::now(), orders, photos: names.len() as u64, bytes: 0 };
        let written = (|| -> Result<(), BackupError> {
            // The snapshot is streamed into the archive, never held in memory whole: at a large
            // supplier's size it is hundreds of MB.
            let mut db = fs::File::open(snapshot).map_err(io(snapshot))?;
            let db_len = db.metadata().map_err(io(snapshot))?.len();
            summary.bytes += db_len;
            let manifest =
                Manifest { format: 1, schema, salt: crate::vault::hex::encode(salt), summary: summary.clone() };
            let manifest = serde_json::to_vec_pretty(&manifest).map_err(StoreError::from)?;
            append(&mut tar, MANIFEST, manifest.len() as u64, manifest.as_slice(), &tmp)?;
            append(&mut tar, DATABASE, db_len, &mut db, &tmp)?;
            for (i, name) in names.iter().enumerate() {
                let path = files.dir.join(name);
                let stored = fs::read(&path).map_err(io(&path))?;
                let plain =
                    files.content(name, stored).map_err(|e| StoreError::File(format!("{}: {e}", path.display())))?;
                let sealed = seal
                    .seal(name, &plain)
                    .map_err(|_| StoreError::File(format!("photo {name} could not be encrypted")))?;
                summary.bytes += sealed.len() as u64;
                append(&mut tar, &format!("{PHOTOS}{name}"), sealed.len() as u64, sealed.as_slice(), &tmp)?;
                progress(BackupProgress { stage: BackupStage::Photos, done: i as u32 + 1, total: names.len() as u32 });
            }
            let mut out = tar.into_inner().map_err(io(&tmp))?;
            out.flush().map_err(io(&tmp))?;
            out.get_ref().sync_all().map_err(io(&tmp))?;
            Ok(())
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        fs::rename(&tmp, dest).map_err(io(dest))?;
        let tx = self.transaction()?;
        crate::kernel::outbox::audit(
            &tx,
            actor.username(),
            "backup_created",
            "desk",
            "",
            &serde_json::json!({
                "orders": summary.orders, "photos": summary.photos, "bytes": summary.bytes
            })
            .to_string(),
        )?;
        tx.commit()?;
        Ok(summary)
    }

    /// Replaces the store's data with the backup at `src` (a manager's), opened with
    /// `password`. Refused, with nothing changed, while changes wait for the portal, for a wrong
    /// password, a damaged file or a backup of a newer app.
    pub fn restore_backup(
        &mut self,
        actor: &Actor,
        src: &Path,
        password: &str,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<BackupSummary, BackupError> {
        actor.require(Command::BackupRestore)?;
        if self.file_seal().is_none() {
            return Err(BackupError::NotEncrypted);
        }
        let pending = self.summary()?.pending_mutations;
        if pending > 0 {
            return Err(BackupError::PendingChanges(pending));
        }
        let work = sibling(&self.attachments_dir()?, "restoring");
        let _ = fs::remove_dir_all(&work);
        fs::create_dir_all(&work).map_err(io(&work))?;
        let result = self.restore_from(actor, src, password, &work, progress);
        let _ = fs::remove_dir_all(&work);
        result
    }

    fn restore_from(
        &mut self,
        actor: &Actor,
        src: &Path,
        password: &str,
        work: &Path,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<BackupSummary, BackupError> {
        let not_a_backup = |why: String| BackupError::NotABackup(src.to_path_buf(), why);
        // Unpack into the work dir (photos by name only: nothing is written outside it).
        let file = fs::File::open(src).map_err(io(src))?;
        let mut archive = tar::Archive::new(std::io::BufReader::new(file));
        let mut manifest: Option<Manifest> = None;
        let mut photos = Vec::new();
        for entry in archive.entries().map_err(|e| not_a_backup(e.to_string()))? {
            let mut entry = entry.map_err(|e| not_a_backup(e.to_string()))?;
            let name = entry.path().map_err(|e| not_a_backup(e.to_string()))?.to_string_lossy().into_owned();
            // Entries are streamed to their files (the database is hundreds of MB at a large
            // supplier's size); only the small manifest is read into memory, and at most 1 MiB.
            let mut unpack = |path: PathBuf| -> Result<(), BackupError> {
                let mut out = fs::File::create(&path).map_err(io(&path))?;
                std::io::copy(&mut entry, &mut out).map_err(|e| not_a_backup(e.to_string()))?;
                Ok(())
            };
            if name == MANIFEST {
                let mut bytes = Vec::new();
                (&mut entry).take(MAX_MANIFEST).read_to_end(&mut bytes).map_err(|e| not_a_backup(e.to_string()))?;
                manifest = Some(serde_json::from_slice(&bytes).map_err(|e| not_a_backup(e.to_string()))?);
            } else if name == DATABASE {
                unpack(work.join(DATABASE))?;
            } else if let Some(sha) = name.strip_prefix(PHOTOS).filter(|s| is_photo_name(s)) {
                unpack(work.join(sha))?;
                photos.push(sha.to_owned());
            } else {
                return Err(not_a_backup(format!("an unexpected entry {name}")));
            }
        }
        let manifest = manifest.ok_or_else(|| not_a_backup("no backup.json".into()))?;
        if manifest.format != 1 {
            return Err(not_a_backup(format!("format {}", manifest.format)));
        }
        let ours: i64 = self.connection().pragma_query_value(None, "user_version", |r| r.get(0))?;
        if manifest.schema > ours {
            return Err(BackupError::Newer(manifest.schema));
        }
        let salt: [u8; 16] = crate::vault::hex::decode(&manifest.salt)
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| not_a_backup("a bad salt".into()))?;
        let key = backup_key(password, &salt)?;
        let snapshot = work.join(DATABASE);
        if !snapshot.exists() {
            return Err(not_a_backup("no database".into()));
        }
        let copy = Connection::open(&snapshot)?;
        match crate::kernel::at_rest::key(&copy, &key) {
            Ok(()) => {}
            Err(StoreError::WrongKey) => return Err(BackupError::WrongPassword),
            Err(e) => return Err(e.into()),
        }
        let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(BackupError::Damaged(check));
        }
        // Every photo opens with the backup's key before anything on this desk changes.
        let seal = FileSeal::for_database(&key);
        let mut opened = Vec::with_capacity(photos.len());
        for sha in &photos {
            let path = work.join(sha);
            let stored = fs::read(&path).map_err(io(&path))?;
            let plain = crate::kernel::file_seal::unseal(Some(&seal), sha, stored)
                .map_err(|e| BackupError::Damaged(format!("photo {sha}: {e}")))?;
            if crate::kernel::attachments::sha256_hex(&plain) != *sha {
                return Err(BackupError::Damaged(format!("photo {sha} does not match its name")));
            }
            opened.push((sha, plain));
        }

        {
            let backup = Backup::new(&copy, self.connection_mut())?;
            copy_pages(&backup, progress)?;
        }
        // A backup of an older app is brought up to this one's schema.
        self.after_restore()?;
        let total = opened.len() as u32;
        for (i, (sha, plain)) in opened.into_iter().enumerate() {
            self.keep_restored_photo(sha, &plain)?;
            progress(BackupProgress { stage: BackupStage::Photos, done: i as u32 + 1, total });
        }
        let tx = self.transaction()?;
        crate::kernel::outbox::audit(&tx, actor.username(), "backup_restored", "desk", "", &serde_json::json!({
            "created_at": manifest.summary.created_at, "orders": manifest.summary.orders, "photos": manifest.summary.photos
        }).to_string())?;
        tx.commit()?;
        Ok(manifest.summary)
    }
}

/// Copies the pages in steps, reporting each; another connection's write between steps
/// restarts the copy (SQLite's online backup), so the result is one consistent snapshot.
fn copy_pages(backup: &Backup<'_, '_>, progress: &mut dyn FnMut(BackupProgress)) -> Result<(), BackupError> {
    use rusqlite::backup::StepResult;
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        progress(BackupProgress {
            stage: BackupStage::Database,
            done: (p.pagecount - p.remaining).max(0) as u32,
            total: p.pagecount.max(0) as u32,
        });
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Busy or locked by another connection's write: wait a moment and go on.
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

fn append(
    tar: &mut tar::Builder<impl Write>,
    name: &str,
    size: u64,
    data: impl Read,
    path: &Path,
) -> Result<(), BackupError> {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o600);
    header.set_mtime(Utc::now().timestamp().max(0) as u64);
    header.set_cksum();
    tar.append_data(&mut header, name, data).map_err(io(path))
}

fn photo_names(dir: &Path) -> Result<Vec<String>, BackupError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir)(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let name = entry.map_err(io(dir))?.file_name().to_string_lossy().into_owned();
        if is_photo_name(&name) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

fn is_photo_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    PathBuf::from(name)
}
