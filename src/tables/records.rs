//! Reading CSV files into records that remember their line numbers.

use crate::diag::Diagnostic;

/// A CSV file's header and rows, each row with the 1-based line it starts on.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Header cells, trimmed and NFC.
    pub headers: Vec<String>,
    /// Rows: (line, cells). Cells are NFC; blank rows are skipped.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// The line of the header row in `text`: the first, after any blank lines before it.
pub fn header_line(text: &str) -> usize {
    1 + text
        .bytes()
        .take_while(|b| *b == b'\n' || *b == b'\r')
        .filter(|b| *b == b'\n')
        .count()
}

/// Parses CSV text (BOM already removed). Every row must have as many cells as the header;
/// a ragged row is an error naming its line. Problems are collected, not fatal per row.
pub fn read_records(path: &str, text: &str) -> (Records, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Records::default();
    let mut lines = LineCounter::new(text);
    let mut first = true;
    for result in reader.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                diags.push(
                    Diagnostic::error(path, line, 1, format!("unreadable CSV row: {e}"))
                        .with_hint("check the quotes: a cell with a comma or a line break must be in double quotes, and a quote inside it doubled (\"\")"),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte() as usize));
        let cells: Vec<String> = record.iter().map(|c| crate::text::nfc(c.trim())).collect();
        if first {
            first = false;
            records.headers = cells;
            if records.headers.iter().all(String::is_empty) {
                diags.push(
                    Diagnostic::error(path, line, 1, "the header row is empty")
                        .with_hint("the first row must name the columns"),
                );
            }
            continue;
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if cells.len() != records.headers.len() {
            diags.push(
                Diagnostic::error(
                    path,
                    line,
                    1,
                    format!(
                        "this row has {} cells but the header has {}",
                        cells.len(),
                        records.headers.len()
                    ),
                )
                .with_hint("a cell containing a comma must be in double quotes"),
            );
            continue;
        }
        records.rows.push((line, cells));
    }
    if first {
        diags.push(
            Diagnostic::error(path, 1, 1, "the CSV file is empty").with_hint("the first row must name the columns"),
        );
    }
    (records, diags)
}

/// Line numbers of byte offsets, counted on from the last offset asked for (records come in
/// order), so that a file is scanned once rather than once per row.
struct LineCounter<'a> {
    bytes: &'a [u8],
    /// Offset counted up to, and the 1-based line there.
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record the csv reader says starts at byte `start`.
    ///
    /// The reader's own `Position::line()` is unreliable: it counts a CRLF line ending only once
    /// per record and points at the blank lines it skipped before a record. The byte offset is
    /// exact, but also lands on those skipped line breaks, so step over them first.
    fn line_at(&mut self, start: usize) -> usize {
        let bytes = self.bytes;
        let mut i = start.min(bytes.len());
        while i < bytes.len() && (bytes[i] == b'\n' || bytes[i] == b'\r') {
            i += 1;
        }
        if i < self.pos {
            (self.pos, self.line) = (0, 1);
        }
        self.line += bytes[self.pos..i].iter().filter(|&&b| b == b'\n').count();
        self.pos = i;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines() {
        let (r, d) = read_records("a.csv", "code,title\n1,\"Một\ndòng\"\n\n2,Hai\n");
        assert!(d.is_empty());
        assert_eq!(r.headers, vec!["code", "title"]);
        assert_eq!(r.rows[0].0, 2);
        assert_eq!(r.rows[1].0, 5);
    }

    #[test]
    fn lines_survive_crlf_and_blank_lines() {
        let (r, d) = read_records(
            "a.csv",
            "\r\ncode,title\r\n1,Một\r\n\r\n\r\n2,Hai\r\n3,\"Ba\r\nbốn\"\r\n4,Năm\r\n",
        );
        assert!(d.is_empty());
        assert_eq!(r.headers, vec!["code", "title"]);
        let lines: Vec<usize> = r.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![3, 6, 7, 9]);
    }

    #[test]
    fn ragged_rows_are_errors() {
        let (r, d) = read_records("a.csv", "a,b\n1,2,3\n4,5\n");
        assert_eq!(r.rows.len(), 1);
        assert_eq!(d.len(), 1);
        assert!(d[0].to_string().starts_with("a.csv:2:1: this row has 3 cells"));
    }
}
