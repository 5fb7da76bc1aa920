//! Password checks on a small pool of threads of their own. An Argon2id check takes 19 MiB,
//! which the allocator did not give back: 32 wrong sign-ins at once took the sandbox from 23 MB
//! to over 600 MB, and even one check at a time on the blocking pool's threads left about
//! 200 MB. Here [`CONCURRENT_HASHES`] threads run every check, one at a time each, each in the
//! same memory it allocated once; further checks wait in line.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};

use argon2::Block;
use tokio::sync::oneshot;

use crate::limits::CONCURRENT_HASHES;
use crate::store::{StoreError, accounts};

/// A job gets its thread's Argon2 memory.
type Job = Box<dyn FnOnce(&mut Vec<Block>) + Send>;

/// The threads that check passwords; they end once the pool is dropped.
#[derive(Debug)]
pub(crate) struct HashPool {
    jobs: mpsc::Sender<Job>,
}

impl HashPool {
    pub(crate) fn new() -> HashPool {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..CONCURRENT_HASHES {
            let queue = Arc::clone(&queue);
            let spawned = std::thread::Builder::new().name(format!("password-hash-{i}")).spawn(move || {
                let mut memory = Vec::new();
                loop {
                    // The lock is held only while waiting for the next job, not while running it.
                    let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(job) = job else { return };
                    // A panicking job drops its answer's sender (the caller sees an error); the
                    // thread goes on.
                    let _ = std::panic::catch_unwind(AssertUnwindSafe(|| job(&mut memory)));
                }
            });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a password hashing thread");
            }
        }
        HashPool { jobs }
    }

    /// Whether `password` matches the PHC string `phc`, checked on the pool.
    pub(crate) async fn verify(&self, password: String, phc: String) -> Result<bool, StoreError> {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |memory| {
            let _ = tx.send(accounts::verify_password_in(memory, &password, &phc));
        });
        self.jobs.send(job).map_err(|_| StoreError::Task("the password hashing threads are gone".into()))?;
        rx.await.map_err(|_| StoreError::Task("a password check failed".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn checks_run_on_the_pool() {
        let pool = HashPool::new();
        let hash = accounts::hash_password("demo").expect("hash");
        let checks: Vec<_> =
            (0..4).map(|i| pool.verify(if i % 2 == 0 { "demo" } else { "nope" }.into(), hash.clone())).collect();
        let mut answers = Vec::new();
        for c in checks {
            answers.push(c.await.expect("answered"));
        }
        assert_eq!(answers, vec![true, false, true, false]);
    }
}
