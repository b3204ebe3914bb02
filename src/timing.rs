//! Stage timings, printed to stderr when `MINHBACH_TIMINGS` is set (for profiling, not output).
//!
//! Each line gives the stage's wall time and the CPU time of the whole process (user + system,
//! every thread) during it, so that stages can be compared on a machine shared with other work.

use std::time::Instant;

/// Runs `f`, printing how long it took under `label` when `MINHBACH_TIMINGS` is set.
pub fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    if std::env::var_os("MINHBACH_TIMINGS").is_none() {
        return f();
    }
    let start = Instant::now();
    let cpu = cpu_ms();
    let out = f();
    let wall = start.elapsed().as_secs_f64() * 1000.0;
    match (cpu, cpu_ms()) {
        (Some(a), Some(b)) => eprintln!("[timing] {label}: {wall:.1} ms (cpu {:.0} ms)", b - a),
        _ => eprintln!("[timing] {label}: {wall:.1} ms"),
    }
    out
}

/// CPU time of this process so far (user + system), from `/proc/self/stat`; `None` elsewhere.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit_once(')')?.1;
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    // Clock ticks; 100 per second on Linux.
    Some((user + system) * 10.0)
}
