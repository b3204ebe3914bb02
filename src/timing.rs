//! Stage timings, printed to stderr when `MINHBACH_TIMINGS` is set (for profiling, not output).

use std::time::Instant;

/// Runs `f`, printing how long it took under `label` when `MINHBACH_TIMINGS` is set.
pub fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    if std::env::var_os("MINHBACH_TIMINGS").is_none() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    eprintln!("[timing] {label}: {:.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    out
}
