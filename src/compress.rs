//! `build --precompress`: a `.gz` (gzip, level 9) and a `.br` (brotli) file beside every text
//! file of the output, so that nginx (`gzip_static on;`, `brotli_static on;`) and CDNs serve
//! them without compressing on every request.
//!
//! Output is deterministic: the gzip header carries no file name and a zero time stamp.
//! A compressed file that would not be smaller than its original is not written.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};

/// Extensions of the files that get compressed siblings.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "html",
    "css",
    "js",
    "mjs",
    "json",
    "xml",
    "svg",
    "txt",
    "csv",
    "webmanifest",
];

/// Brotli quality. Measured on the bundled portal's 2.1 MB of text (one core): quality 5–6 give
/// 655 KB in 0.18 s, 7 gives 639 KB in 0.5 s, 9 the same 639 KB in 3 s, 11 591 KB in 8–9 s;
/// gzip -9 gives 693 KB in 0.1 s. Quality 7 is the last step that pays for its time.
const BROTLI_QUALITY: u32 = 7;

/// Files and bytes written by [`precompress_dir`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compressed {
    /// `.gz` and `.br` files written.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
}

/// Whether a file name has one of [`TEXT_EXTENSIONS`].
pub fn is_text(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| TEXT_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// Writes `.gz` and `.br` beside every text file under `dir` (in parallel); problems become
/// errors naming the file.
pub fn precompress_dir(dir: &Path, diags: &Diagnostics) -> Compressed {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && is_text(&e.file_name().to_string_lossy()))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files
        .par_iter()
        .map(|path| match compress_file(path) {
            Ok(c) => c,
            Err(e) => {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                diags.push(
                    Diagnostic::error(rel, 0, 0, format!("cannot write its compressed copies: {e}"))
                        .with_hint("check the free space and permissions of the output folder"),
                );
                Compressed::default()
            }
        })
        .reduce(Compressed::default, |a, b| Compressed {
            files: a.files + b.files,
            bytes: a.bytes + b.bytes,
        })
}

fn compress_file(path: &Path) -> std::io::Result<Compressed> {
    let data = std::fs::read(path)?;
    let mut out = Compressed::default();
    for (ext, bytes) in [("gz", gzip(&data)?), ("br", brotli(&data)?)] {
        if bytes.len() < data.len() {
            let mut name = path.as_os_str().to_owned();
            name.push(".");
            name.push(ext);
            // Unlinked first, never truncated: it may share its inode with the previous output.
            let name = PathBuf::from(name);
            let _absent = std::fs::remove_file(&name);
            std::fs::write(name, &bytes)?;
            out.files += 1;
            out.bytes += bytes.len() as u64;
        }
    }
    Ok(out)
}

/// Gzip at the best level, with no name and a zero time stamp.
pub fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::with_capacity(data.len() / 3 + 64), flate2::Compression::best());
    enc.write_all(data)?;
    enc.finish()
}

/// Brotli for text (window 22, quality 7).
pub fn brotli(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, 22);
        w.write_all(data)?;
        w.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn round_trips_and_is_deterministic() {
        let text = "<p>Đăng ký khai sinh</p>\n".repeat(200);
        let gz = gzip(text.as_bytes()).expect("gzip");
        assert_eq!(gz, gzip(text.as_bytes()).expect("gzip"));
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .expect("gunzip");
        assert_eq!(back, text);
        let br = brotli(text.as_bytes()).expect("brotli");
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .expect("unbrotli");
        assert_eq!(back, text.as_bytes());
        assert!(gz.len() < text.len() / 10 && br.len() < text.len() / 10);
    }

    #[test]
    fn only_text_files() {
        assert!(is_text("index.html") && is_text("assets/site.1a2b.CSS") && is_text("data/x.json"));
        assert!(!is_text("a.pdf") && !is_text("search/0.bin") && !is_text("README") && !is_text("a.html.gz"));
    }
}
