//! Diagnostics: every problem found in a site, reported as `path:line:column: message (hint)`.
//!
//! Stages never stop at the first problem. They push [`Diagnostic`]s into a [`Diagnostics`]
//! collector; the build fails after loading when any of them is an error.

use std::fmt;
use std::sync::Mutex;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build fails.
    Error,
    /// Reported, the build goes on.
    Warning,
}

/// One problem in one file, at a 1-based line and column (0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    /// Path relative to the site folder, with `/` separators.
    pub path: String,
    /// 1-based line in the file; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line:column`.
    pub fn error(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `path:line:column`.
    pub fn warning(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    /// Adds a hint, shown in parentheses after the message.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.line.max(1);
        let column = self.column.max(1);
        write!(f, "{}:{}:{}: ", self.path, line, column)?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// A thread-safe collector of diagnostics, filled from parallel stages.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one diagnostic.
    pub fn push(&self, d: Diagnostic) {
        self.lock().push(d);
    }

    /// Records several diagnostics.
    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.lock().extend(ds);
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.lock().iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file, line and column, duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.lock().clone();
        v.sort();
        v.dedup();
        v
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        // A poisoned lock only means another thread panicked while pushing; the data is still usable.
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Converts a byte offset in `text` into a 1-based (line, column), column counted in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_compiler() {
        let d = Diagnostic::error("content/a.md", 3, 7, "unknown kind `newz`").with_hint("did you mean `news`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: unknown kind `newz` (did you mean `news`?)"
        );
        let w = Diagnostic::warning("site.yaml", 2, 1, "unknown key `titel`");
        assert_eq!(w.to_string(), "site.yaml:2:1: warning: unknown key `titel`");
    }

    #[test]
    fn offsets_to_lines() {
        let t = "ab\ncđe\nf";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 6), (2, 3));
        assert_eq!(line_col(t, 100), (3, 2));
    }
}
