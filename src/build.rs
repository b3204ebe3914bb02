//! The build command: the pipeline's stages in order, with safe output.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{LoadOptions, SiteReader};
use crate::model::Site;
use crate::write::{self, Writer};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub site: PathBuf,
    /// The output folder (default `<site>/output`).
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Override `base_url`.
    pub base_url: Option<String>,
    /// Check only: load and validate, write nothing.
    pub check_only: bool,
    /// Also write `.gz` and `.br` beside text files ([`crate::compress`]).
    pub precompress: bool,
    /// Show progress on stderr ([`crate::progress`]); the caller decides (a terminal, not quiet).
    pub progress: bool,
}

impl BuildOptions {
    /// Options to build `site` into its default output.
    pub fn new(site: impl Into<PathBuf>) -> Self {
        BuildOptions {
            site: site.into(),
            output: None,
            drafts: false,
            base_url: None,
            check_only: false,
            precompress: false,
            progress: false,
        }
    }
}

/// The outcome of a build.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the output was written.
    pub success: bool,
    /// Items published.
    pub items: usize,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Wall time.
    pub seconds: f64,
    /// Per-kind item counts.
    pub per_kind: Vec<(&'static str, usize)>,
}

/// "Now" for `publish_at`: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.
pub fn now() -> jiff::Timestamp {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now)
}

/// Loads and links the site: everything but rendering. Diagnostics go to `diags`.
pub fn load_site(options: &BuildOptions, diags: &Diagnostics) -> Option<(Site, crate::link::Publish)> {
    let root = &options.site;
    let config_text = match crate::load::read_text(root, "site.yaml") {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error("site.yaml", 0, 0, format!("cannot read site.yaml: {}", e.message)).with_hint(
                    format!(
                        "run minhbach in a site folder, or pass --site DIR (looked in {})",
                        root.display()
                    ),
                ),
            );
            return None;
        }
    };
    let (config, problems) = crate::config::parse("site.yaml", &config_text);
    diags.extend(problems);
    let mut config = config?;
    if let Some(url) = &options.base_url {
        if let Err(why) = config.set_base_url(url) {
            diags.push(Diagnostic::error("--base-url", 0, 0, why));
        }
    }
    let load_options = LoadOptions {
        drafts: options.drafts,
        now: now(),
    };
    let (sections, mut items) =
        crate::timing::timed("load", || crate::load::load_items(root, &config, load_options, diags));
    crate::link::assign_urls(&config, &sections, &mut items, diags);
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
    let reader = SiteReader {
        root,
        canonical_root: &canonical_root,
    };
    let extra: Vec<String> = sections
        .iter()
        .map(|s| s.url.clone())
        .chain(["search/".to_owned(), "tags/".to_owned()])
        .collect();
    let targets = crate::link::LinkTargets::new(&items, extra);
    let publish = crate::link::Publish::default();
    crate::timing::timed("markdown", || {
        crate::link::render_items(&config, &reader, &targets, &mut items, &publish, diags)
    });
    crate::timing::timed("personal data", || crate::pii::scan_site(&config, &items, diags));
    crate::scaffold::inspection_reminders(&items, &config.timezone, load_options.now, diags);
    check_menu(&config, &sections, diags);
    let site = Site {
        config,
        sections,
        items,
        files: Default::default(),
    };
    Some((site, publish))
}

fn check_menu(config: &crate::config::SiteConfig, sections: &[crate::model::Section], diags: &Diagnostics) {
    for m in &config.menu {
        if let Some(s) = &m.section {
            if !sections.iter().any(|x| &x.dir == s) {
                diags.push(
                    Diagnostic::error(
                        "site.yaml",
                        m.line,
                        1,
                        format!("menu entry `{}` names section `{s}`, which does not exist", m.title),
                    )
                    .with_hint("use a folder name under content/ that has a _section.yaml"),
                );
            }
        }
    }
}

/// Fixes glibc's mmap threshold at 256 KiB. By default glibc raises it up to 32 MiB each time a
/// large block is freed, after which the build's large vectors (search postings, page buffers,
/// item text) come from the heap arenas, whose freed memory is rarely given back: at 30,000 items
/// that fragmentation was a third of the peak resident memory. Other C libraries: nothing to do.
pub fn limit_heap_fragmentation() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_MMAP_THRESHOLD: i32 = -3;
        // SAFETY: `mallopt` is glibc's; it only changes a parameter of the allocator, under its
        // own lock.
        let _accepted = unsafe { mallopt(M_MMAP_THRESHOLD, 256 * 1024) };
    }
}

/// Builds a site. The previous output is replaced only when no error was found.
pub fn build(options: &BuildOptions) -> BuildReport {
    limit_heap_fragmentation();
    let start = Instant::now();
    let progress = crate::progress::Progress::new(options.progress);
    let diags = Diagnostics::new();
    let output = options.output.clone().unwrap_or_else(|| options.site.join("output"));
    let mut report = BuildReport::default();
    if let Err(d) = check_output_location(&options.site, &output) {
        report.diagnostics = vec![d];
        return report;
    }
    let loaded = load_site(options, &diags);
    let Some((mut site, publish)) = loaded else {
        report.diagnostics = diags.sorted();
        return report;
    };
    if diags.has_errors() || options.check_only {
        report.success = !diags.has_errors();
        report.items = site.items.len();
        report.diagnostics = diags.sorted();
        return report;
    }
    progress.loaded(&site.items);
    site.files = publish.into_files();
    let theme = crate::timing::timed("theme", || {
        crate::render::theme::load(&options.site, &site.config.theme, &site.config.base_path)
    });
    let mut theme = match theme {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            report.diagnostics = diags.sorted();
            return report;
        }
    };
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        if let Err(e) = std::fs::create_dir_all(parent) {
            diags.push(Diagnostic::error(
                display(&output),
                0,
                0,
                format!("cannot create the output's parent folder: {e}"),
            ));
            report.diagnostics = diags.sorted();
            return report;
        }
    }
    let _lock = match write::BuildLock::acquire(&output) {
        Ok(l) => l,
        Err(why) => {
            diags.push(Diagnostic::error(display(&output), 0, 0, why));
            report.diagnostics = diags.sorted();
            return report;
        }
    };
    write::clean_stale(&output);
    let staging = write::staging_path(&output);
    write::remove_leftover(&staging);
    let writer = match Writer::new(staging.clone()) {
        Ok(w) => crate::timing::timed("previous output", || {
            w.link_from(&output)
                .with_manifest(write::manifest_path(&options.site, &output), &output)
        }),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    display(&output),
                    0,
                    0,
                    format!("cannot create the staging folder {}: {e}", staging.display()),
                )
                .with_hint("check that the output's parent folder is writable"),
            );
            report.diagnostics = diags.sorted();
            return report;
        }
    };
    crate::timing::timed("copy", || {
        copy_static(&options.site, &writer, &diags);
        for (rel, src) in &site.files {
            if !writer.contains(rel) {
                writer.copy(rel, src);
            }
        }
    });
    crate::render::prepare_theme(&mut theme, &site);
    progress.rendering(&writer, || crate::render::render_site(&site, &theme, &writer, &diags));
    for e in writer.errors() {
        diags.push(Diagnostic::error(display(&output), 0, 0, e));
    }
    if std::env::var_os("MINHBACH_TIMINGS").is_some() {
        eprintln!(
            "[timing] files linked from the previous output: {}",
            writer.linked_count()
        );
    }
    report.files = writer.file_count();
    report.bytes = writer.byte_count();
    report.items = site.items.len();
    report.per_kind = crate::model::Kind::ALL
        .iter()
        .map(|k| (k.name(), site.items.iter().filter(|i| i.kind() == *k).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    if options.precompress && !diags.has_errors() {
        let c = crate::compress::precompress_dir(&staging, &diags);
        (report.files, report.bytes) = (report.files + c.files, report.bytes + c.bytes);
    }
    if diags.has_errors() {
        let _removed = write::remove_tree(&staging);
    } else if let Err(e) = crate::timing::timed("swap", || write::swap_in(&staging, &output)) {
        let _removed = write::remove_tree(&staging);
        diags.push(
            Diagnostic::error(display(&output), 0, 0, format!("cannot put the new site in place: {e}"))
                .with_hint("check permissions of the output folder and its parent"),
        );
    } else {
        report.success = true;
        crate::timing::timed("manifest", || writer.save_manifest(&output));
    }
    report.diagnostics = diags.sorted();
    report.seconds = start.elapsed().as_secs_f64();
    report
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

/// Refuses an output folder that is, contains, or lies inside the site's content or static folders,
/// or is the site folder itself.
fn check_output_location(site: &Path, output: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        normalize(&p)
    };
    let site_abs = abs(site);
    let out_abs = abs(output);
    let refuse = |why: &str| {
        Err(Diagnostic::error(display(output), 0, 0, why.to_owned())
            .with_hint("choose another folder with --output, such as output/"))
    };
    if out_abs == site_abs || site_abs.starts_with(&out_abs) {
        return refuse("the output folder would replace the site folder");
    }
    for protected in ["content", "static", "themes", "templates"] {
        let p = site_abs.join(protected);
        if out_abs == p || out_abs.starts_with(&p) || p.starts_with(&out_abs) {
            return refuse(&format!(
                "the output folder is or contains the site's {protected}/ folder"
            ));
        }
    }
    Ok(())
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Copies the site's `static/` folder to the output root.
pub fn copy_static(root: &Path, writer: &Writer, diags: &Diagnostics) {
    let dir = root.join("static");
    if !dir.is_dir() {
        return;
    }
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.is_empty() || entry.file_type().is_dir() {
            continue;
        }
        if entry.path_is_symlink() {
            match std::fs::canonicalize(entry.path()) {
                Ok(real) if real.starts_with(&canonical_root) && real.is_file() => {}
                _ => {
                    diags.push(
                        Diagnostic::error(
                            format!("static/{rel}"),
                            0,
                            0,
                            "this is a link to something outside the site folder",
                        )
                        .with_hint("copy the file into static/ instead"),
                    );
                    continue;
                }
            }
        }
        writer.copy(&rel, entry.path());
    }
}
