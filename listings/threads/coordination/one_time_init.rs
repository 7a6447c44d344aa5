use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::thread;

// ANCHOR: once
/// How many times the expensive initialisation actually ran.
pub static LOADS: AtomicUsize = AtomicUsize::new(0);

fn load_settings() -> HashMap<&'static str, &'static str> {
    LOADS.fetch_add(1, Ordering::Relaxed);
    HashMap::from([("region", "eu-west"), ("mode", "strict")])
}

/// Initialised by whichever thread asks first; everyone else gets the same value.
pub static SETTINGS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();

pub fn settings() -> &'static HashMap<&'static str, &'static str> {
    SETTINGS.get_or_init(load_settings)
}

/// The same, with the initialiser written where the static is declared.
pub static BANNER: LazyLock<String> = LazyLock::new(|| format!("mode={}", settings()["mode"]));
// ANCHOR_END: once

fn main() {
    thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| assert_eq!(settings()["region"], "eu-west"));
        }
    });
    assert_eq!(LOADS.load(Ordering::Relaxed), 1, "loaded exactly once");
    assert_eq!(*BANNER, "mode=strict");
}
