//! Hostile content: script tags, event handlers, crafted URLs and markup breakers in every field
//! that reaches a page, a feed, the open data or the search index. The build must succeed and
//! publish nothing that runs: no `<script>` but the theme's own, no `on*=` attribute, no
//! `javascript:`/`vbscript:`/`data:` link, JSON-LD that still parses, search data as plain strings.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{TempSite, messages, snapshot};

/// Markup that would run if any field were written without escaping. Single quotes are avoided
/// so that the payload can be put in single-quoted YAML and double-quoted CSV cells.
const P: &str = "<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a></title></textarea></script><svg/onload=alert(4)><iframe src=javascript:alert(5)>";

/// `P` as a single-quoted YAML scalar.
fn y(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `P` as a CSV cell.
fn c(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A title: the payload plus a distinct word, so that each field can be found in the output.
fn t(word: &str) -> String {
    format!("{word} {P}")
}

/// URLs that must never become a live link or image source.
const BAD_URLS: &[&str] = &[
    "javascript:alert(10)",
    "JAVASCRIPT:alert(11)",
    "jav&#x61;script:alert(12)",
    "jav&#97;script:alert(13)",
    "javascript&colon;alert(14)",
    " javascript:alert(15)",
    "java%0ascript:alert(16)",
    "vbscript:msgbox(17)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxOCk8L3NjcmlwdD4=",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(19)",
];

fn hostile_site() -> TempSite {
    let s = TempSite::fixture("minimal");
    s.write(
        "site.yaml",
        format!(
            "title: {}\ndescription: {}\nbase_url: \"https://thu.example.gov.vn/\"\norganization:\n  name: {}\n  address: {}\n  working_hours: {}\n  phone: \"028 3800 0000\"\n  email: \"ubnd@thu.example.gov.vn\"\nmenu:\n  - title: {}\n    section: tin-tuc\n  - title: {}\n    url: \"https://dichvucong.gov.vn/\"\n",
            y(&t("SITETITLE")),
            y(&t("SITEDESC")),
            y(&t("ORGNAME")),
            y(&t("ORGADDR")),
            y(&t("ORGHOURS")),
            y(&t("MENU1")),
            y(&t("MENU2")),
        ),
    );
    let links: String = BAD_URLS
        .iter()
        .enumerate()
        .map(|(i, u)| format!("[liên kết {i}]({u}) <{u}> [tham chiếu {i}][r{i}]\n\n[r{i}]: {u}\n\n"))
        .collect();
    s.write(
        "content/tin-tuc/anh.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    s.write("content/tin-tuc/tep.pdf", "%PDF-1.4\n");
    s.write(
        "content/tin-tuc/doc-hai.md",
        format!(
            "---\ntitle: {}\nslug: doc-hai\ndate: 2026-03-25\nsummary: {}\ntags: [{}, {}]\ncategory: {}\nauthor: {}\nsource: {}\nsource_url: \"https://voh.example.vn/a?b=1&c=<script>\"\nimage: anh.svg\nimage_alt: {}\nimage_caption: {}\nattachments:\n  - title: {}\n    file: tep.pdf\n---\n{P}\n\n## {}\n\nĐoạn có <b onclick=\"alert(6)\">in đậm</b> và <abbr title=\"x&quot; onmouseover=&quot;alert(7)\">UBND</abbr>.\n\n<div onmouseover=\"alert(8)\">\n<script>alert(9)</script>\n</div>\n\n{links}| a | b |\n|---|---|\n| {P} | x |\n",
            y(&t("NEWSTITLE")),
            y(&t("NEWSSUMMARY")),
            y(&t("TAGONE")),
            y(&t("TAGTWO")),
            y(&t("CATEGORY")),
            y(&t("AUTHOR")),
            y(&t("SOURCE")),
            y(&t("IMAGEALT")),
            y(&t("CAPTION")),
            y(&t("ATTACHMENT")),
            t("HEADING"),
        ),
    );
    s.write("content/thu-tuc/mau.pdf", "%PDF-1.4\n");
    s.write(
        "content/thu-tuc/danh-muc.csv",
        format!(
            "code,title,slug,field,level,agency,online,online_url,processing_time,fees,result,steps,documents,conditions,legal_basis,forms\n1.001193,{},khai-sinh,{},commune,{},full,https://dichvucong.gov.vn/,{},{},{},{},{},{},{},{}\n",
            c(&t("CSVTITLE")),
            c(&t("CSVFIELD")),
            c(&t("CSVAGENCY")),
            c(&t("CSVTIME")),
            c(&t("CSVFEES")),
            c(&t("CSVRESULT")),
            c(&format!("1. {}", t("CSVSTEPS"))),
            c(&format!("- {}", t("CSVDOCS"))),
            c(&t("CSVCOND")),
            c(&t("CSVLEGAL")),
            c(&format!("{}|mau.pdf", t("CSVFORM").replace(['|', ';'], " "))),
        ),
    );
    s.write(
        "content/ngan-sach/_section.yaml",
        "kind: budget\ntitle: \"Ngân sách\"\n",
    );
    s.write(
        "content/ngan-sach/du-toan.yaml",
        format!("title: {}\nslug: du-toan\nfiscal_year: 2026\nstage: estimate\nunit: {}\ndecision: {}\nform: {}\ndate: 2026-01-10\ntable: du-toan.csv\n", y(&t("BUDGETTITLE")), y(&t("BUDGETUNIT")), y(&t("DECISION")), y(&t("FORM"))),
    );
    s.write(
        "content/ngan-sach/du-toan.csv",
        format!(
            "Mã,{},Dự toán\nA,{},100\n1,{},100\n",
            c(&t("BUDGETHEAD")),
            c(&t("BUDGETROWA")),
            c(&t("BUDGETROW1"))
        ),
    );
    s.write(
        "content/thong-ke/_section.yaml",
        "kind: statistics\ntitle: \"Thống kê\"\n",
    );
    s.write(
        "content/thong-ke/dan-so.yaml",
        format!(
            "title: {}\nslug: dan-so\nunit: {}\ntable: dan-so.csv\n",
            y(&t("STATTITLE")),
            y(&t("STATUNIT"))
        ),
    );
    s.write(
        "content/thong-ke/dan-so.csv",
        format!(
            "Khu phố,Dân số\n{},1200\n{},900\n",
            c(&t("STATCELL1")),
            c(&t("STATCELL2"))
        ),
    );
    s.write(
        "content/thong-ke/ho-so.yaml",
        format!("title: {}\nslug: ho-so\ntable: ho-so.csv\n", y(&t("DOSSIERTITLE"))),
    );
    s.write(
        "content/thong-ke/ho-so.csv",
        format!(
            "period,unit,received,resolved_early,resolved_on_time,resolved_late,pending\n2026-01,{},120,30,80,5,5\n",
            c(&t("DOSSIERUNIT"))
        ),
    );
    s.write("content/van-ban/_section.yaml", "kind: documents\ntitle: \"Văn bản\"\n");
    s.write(
        "content/van-ban/qd.md",
        format!(
            "---\ntitle: {}\nnumber: {}\ndoc_type: {}\nissuer: {}\nsigner: {}\nfield: {}\ndate: 2026-02-01\n---\n",
            y(&t("DOCTITLE")),
            y(&t("DOCNUMBER")),
            y(&t("DOCTYPE")),
            y(&t("DOCISSUER")),
            y(&t("DOCSIGNER")),
            y(&t("DOCFIELD"))
        ),
    );
    s.write(
        "content/thanh-tra/_section.yaml",
        "kind: inspections\ntitle: \"Thanh tra\"\n",
    );
    s.write(
        "content/thanh-tra/kl.md",
        format!("---\ntitle: {}\nnumber: \"05/KL-TTr\"\ndate: 2026-02-02\nsubject: {}\nscope: {}\nrecommendations: [{}]\nstatus: open\n---\n", y(&t("INSPTITLE")), y(&t("INSPSUBJECT")), y(&t("INSPSCOPE")), y(&t("INSPREC"))),
    );
    s.write(
        "content/khieu-nai/_section.yaml",
        "kind: complaints\ntitle: \"Khiếu nại\"\n",
    );
    s.write("content/khieu-nai/qd.md", format!("---\ntitle: {}\nnumber: \"12/QĐ-UBND\"\ndate: 2026-02-03\ntype: complaint\nsubject: {}\nresult: rejected\n---\n", y(&t("COMPTITLE")), y(&t("COMPSUBJECT"))));
    s.write(
        "content/dau-thau/_section.yaml",
        "kind: procurement\ntitle: \"Đấu thầu\"\n",
    );
    s.write(
        "content/dau-thau/goi.md",
        format!("---\ntitle: {}\nproject: {}\npackage: {}\ninvestor: {}\nwinner: {}\nlocation: {}\nvalue: 1250000000\nstatus: awarded\n---\n", y(&t("PROCTITLE")), y(&t("PROJECT")), y(&t("PACKAGE")), y(&t("INVESTOR")), y(&t("WINNER")), y(&t("LOCATION"))),
    );
    s
}

/// Every live tag of an HTML text: (lower-case name, [(lower-case attribute, raw value)]).
/// Text inside `<script>` and `<style>` elements is skipped, as a browser does.
fn live_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' || !b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/') {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        while i < b.len() && b[i] != b'>' {
            if b[i].is_ascii_whitespace() || b[i] == b'/' {
                i += 1;
                continue;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let key = html[a..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let v = i + 1;
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = html[v..i.min(b.len())].to_owned();
                    i += 1;
                } else {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[v..i].to_owned();
                }
            }
            attrs.push((key, value));
        }
        i += 1;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let rest = html[i.min(html.len())..].to_ascii_lowercase();
            i += rest.find(&close).unwrap_or(rest.len());
        }
        out.push((name, attrs));
    }
    out
}

/// A URL as a browser reads it from an attribute: entities decoded, controls and spaces removed,
/// lower case.
fn browser_url(raw: &str) -> String {
    let mut s = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        s.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e < 12);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "colon" => Some(':'),
                "quot" => Some('"'),
                "#39" | "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                s.push(c);
                rest = &rest[len..];
            }
            None => {
                s.push('&');
                rest = &rest[1..];
            }
        }
    }
    s.push_str(rest);
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Elements that run code, load documents or send data: the hostile build may only have the
/// shapes of them that the theme itself has.
const ACTIVE: &[&str] = &[
    "script", "form", "iframe", "frame", "object", "embed", "applet", "base", "math", "textarea", "input", "button",
    "link", "meta", "style",
];

/// The shapes of active elements, and the attribute names, a clean build of the fixture uses.
fn theme_baseline() -> (BTreeSet<String>, BTreeSet<String>) {
    let site = TempSite::fixture("minimal");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let mut shapes = BTreeSet::new();
    let mut attrs = BTreeSet::new();
    for (path, bytes) in snapshot(&site.output()).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for (name, a) in live_tags(&html) {
            if ACTIVE.contains(&name.as_str()) {
                shapes.insert(shape(&name, &a));
            }
            for (k, _) in a {
                attrs.insert(k);
            }
        }
        assert!(!path.is_empty());
    }
    (shapes, attrs)
}

/// An element's name and attribute names, with the `type` value (values that vary between
/// builds, such as asset hashes, are left out).
fn shape(name: &str, attrs: &[(String, String)]) -> String {
    let a: Vec<String> = attrs
        .iter()
        .map(|(k, v)| if k == "type" { format!("{k}={v}") } else { k.clone() })
        .collect();
    format!("<{name} {}>", a.join(" "))
}

#[test]
fn hostile_content_is_published_inert() {
    let baseline = theme_baseline();
    let site = hostile_site();
    let r = site.build();
    assert!(
        r.success,
        "the hostile site must build (hostile text is escaped, not refused):\n{}",
        messages(&r)
    );
    let problems = scan_output(&site, &baseline);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The checker itself: with `unsafe_html: true` the body's raw HTML goes out as written, and the
/// scan must see it (otherwise a clean scan above would prove nothing).
#[test]
fn the_scan_sees_raw_html_when_the_site_opts_in() {
    let baseline = theme_baseline();
    let site = hostile_site();
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}unsafe_html: true\n"));
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let problems = scan_output(&site, &baseline).join("\n");
    for expected in [
        "tin-tuc/doc-hai/index.html: a live <script>",
        "an event handler `onerror` on <img>",
        "tin-tuc/doc-hai/index.html: a live <iframe>",
        "<a href=\"javascript:alert(3)\">",
    ] {
        assert!(problems.contains(expected), "the scan missed {expected}:\n{problems}");
    }
}

/// Everything in the output that could run or leak: see the module documentation.
fn scan_output(site: &TempSite, (theme_shapes, theme_attrs): &(BTreeSet<String>, BTreeSet<String>)) -> Vec<String> {
    let files = snapshot(&site.output());
    let mut problems: Vec<String> = Vec::new();
    let mut seen_words: BTreeMap<&str, usize> = BTreeMap::new();
    let words = [
        "SITETITLE",
        "ORGNAME",
        "MENU1",
        "MENU2",
        "NEWSTITLE",
        "NEWSSUMMARY",
        "TAGONE",
        "CATEGORY",
        "AUTHOR",
        "SOURCE",
        "CAPTION",
        "ATTACHMENT",
        "CSVTITLE",
        "CSVFIELD",
        "CSVAGENCY",
        "CSVFEES",
        "CSVRESULT",
        "CSVSTEPS",
        "CSVDOCS",
        "CSVLEGAL",
        "CSVFORM",
        "BUDGETTITLE",
        "BUDGETHEAD",
        "BUDGETROWA",
        "BUDGETROW1",
        "STATTITLE",
        "STATCELL1",
        "DOSSIERTITLE",
        "DOSSIERUNIT",
        "DOCTITLE",
        "DOCNUMBER",
        "DOCISSUER",
        "INSPTITLE",
        "INSPSUBJECT",
        "INSPREC",
        "COMPTITLE",
        "COMPSUBJECT",
        "PROCTITLE",
        "PROJECT",
        "WINNER",
        "HEADING",
    ];
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for w in words {
            if text.contains(w) {
                *seen_words.entry(w).or_default() += 1;
            }
        }
        if path.ends_with(".html") {
            for (name, attrs) in live_tags(&text) {
                if ACTIVE.contains(&name.as_str()) && !theme_shapes.contains(&shape(&name, &attrs)) {
                    problems.push(format!("{path}: a live <{name}> the theme does not have: {attrs:?}"));
                }
                if name == "img" && attrs.iter().any(|(k, v)| k == "src" && v == "x") {
                    problems.push(format!("{path}: a live <img src=x>"));
                }
                for (k, v) in &attrs {
                    if k.starts_with("on") && !theme_attrs.contains(k) {
                        problems.push(format!("{path}: an event handler `{k}` on <{name}>"));
                    }
                    if matches!(
                        k.as_str(),
                        "href" | "src" | "action" | "formaction" | "xlink:href" | "srcset" | "poster" | "data"
                    ) {
                        let u = browser_url(v);
                        if ["javascript:", "vbscript:", "data:"].iter().any(|s| u.starts_with(s)) {
                            problems.push(format!("{path}: <{name} {k}=\"{v}\">"));
                        }
                    }
                }
            }
            // JSON-LD must still be one JSON value per block.
            let mut rest: &str = &text;
            while let Some(i) = rest.find("<script type=\"application/ld+json\">") {
                rest = &rest[i + "<script type=\"application/ld+json\">".len()..];
                let end = rest.find("</script>").unwrap_or(rest.len());
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&rest[..end]) {
                    problems.push(format!(
                        "{path}: JSON-LD does not parse ({e}): {}",
                        &rest[..end.min(300)]
                    ));
                }
                rest = &rest[end..];
            }
        }
        if path.ends_with(".xml") {
            for (name, _) in live_tags(&text) {
                if ["script", "img", "svg", "iframe", "a"].contains(&name.as_str()) {
                    problems.push(format!("{path}: a raw <{name}> in XML"));
                }
            }
        }
        if path.starts_with("search/") && path.ends_with(".json") {
            // Search data is read with textContent: every value must be a plain string or number,
            // never a field meant as HTML.
            let v: serde_json::Value = match serde_json::from_slice(bytes) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(format!("{path}: not JSON: {e}"));
                    continue;
                }
            };
            check_plain(path, &v, &mut problems);
        }
    }
    for w in words {
        if !seen_words.contains_key(w) {
            problems.push(format!(
                "field marked {w} appears in no output file: the test does not reach it"
            ));
        }
    }
    problems
}

fn check_plain(path: &str, v: &serde_json::Value, problems: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                if k.contains("html") {
                    problems.push(format!("{path}: search data has an HTML field `{k}`"));
                }
                check_plain(path, v, problems);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| check_plain(path, v, problems)),
        _ => {}
    }
}

#[test]
fn unsafe_urls_in_url_fields_are_refused() {
    for (file, content, expected) in [
        (
            "content/tin-tuc/x.md",
            "---\ntitle: A\nsource_url: \"JaVaScRiPt:alert(1)\"\n---\n",
            "content/tin-tuc/x.md:3:1: `source_url` must be an http(s) link",
        ),
        (
            "content/tin-tuc/x.md",
            "---\ntitle: A\nsource_url: \" javascript:alert(1)\"\n---\n",
            "content/tin-tuc/x.md:3:1: `source_url` must be an http(s) link",
        ),
        (
            "content/thu-tuc/danh-muc.csv",
            "code,title,online_url\n1.001193,A,\"data:text/html;base64,AAAA\"\n",
            "content/thu-tuc/danh-muc.csv:2:3: `online_url` must be an http(s) link",
        ),
    ] {
        let site = TempSite::fixture("minimal");
        site.write(file, content);
        let r = site.build();
        assert!(!r.success, "{file}: {}", messages(&r));
        assert!(
            messages(&r).lines().any(|l| l.starts_with(expected)),
            "expected {expected}\n{}",
            messages(&r)
        );
    }
    let site = TempSite::fixture("minimal");
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        format!(
            "{yaml}\n  - title: \"X\"\n    url: \"jav&#x61;script:alert(1)\"\nfeedback_url: \"javascript:alert(2)\"\n"
        ),
    );
    let r = site.build();
    assert!(!r.success);
    let all = messages(&r);
    assert!(all.contains("`feedback_url` must be an http(s) URL"), "{all}");
}

#[test]
fn markdown_links_with_crafted_schemes_are_dropped_with_a_warning() {
    let site = TempSite::fixture("minimal");
    site.write("content/tin-tuc/x.md", "---\ntitle: A\n---\n[a](jav&#x61;script:alert(1))\n\n[b](<java\tscript:alert(2)>)\n\n[c](VBScript:msgbox(3))\n");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let warnings: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("unsafe address"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(warnings.len(), 3, "{}", messages(&r));
    assert!(
        warnings[0].starts_with("content/tin-tuc/x.md:4:1: warning: a link with an unsafe address was removed"),
        "{warnings:?}"
    );
    let html = site.read_output("tin-tuc/x/index.html");
    for (_, attrs) in live_tags(&html) {
        for (k, v) in attrs {
            assert!(!(k == "href" && browser_url(&v).contains("script:")), "{k}={v}");
        }
    }
}

#[test]
fn unsafe_html_opt_in_passes_raw_html() {
    let site = TempSite::fixture("minimal");
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}\nunsafe_html: true\n"));
    site.write("content/tin-tuc/x.md", "---\ntitle: A\n---\n<div class=\"banner\"><iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe></div>\n");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    assert!(
        site.read_output("tin-tuc/x/index.html")
            .contains("<iframe src=\"https://www.youtube-nocookie.com/embed/x\">")
    );
    // Off by default: the same body is shown as text, with the allowed tags kept.
    let site = TempSite::fixture("minimal");
    site.write(
        "content/tin-tuc/x.md",
        "---\ntitle: A\n---\n<div class=\"banner\"><iframe src=\"https://x\"></iframe></div>\n\nMột <b>chữ</b> đậm.\n",
    );
    assert!(site.build().success);
    let html = site.read_output("tin-tuc/x/index.html");
    assert!(html.contains("&lt;iframe src=&quot;https://x&quot;&gt;"), "{html}");
    assert!(html.contains("Một <b>chữ</b> đậm."), "{html}");
}

#[test]
fn csv_downloads_keep_formulas_as_text() {
    let site = TempSite::fixture("minimal");
    site.write(
        "content/tin-tuc/cong-thuc.md",
        "---\ntitle: '=HYPERLINK(\"https://x.example/\",\"bấm\")'\ndate: 2026-03-01\n---\nNội dung.\n",
    );
    site.write(
        "content/ngan-sach/_section.yaml",
        "kind: budget\ntitle: \"Ngân sách\"\n",
    );
    site.write(
        "content/ngan-sach/du-toan.yaml",
        "title: Dự toán\nslug: du-toan\nfiscal_year: 2026\nstage: estimate\nunit: triệu đồng\ndate: 2026-01-10\ntable: du-toan.csv\n",
    );
    site.write(
        "content/ngan-sach/du-toan.csv",
        "Mã,Nội dung,Dự toán\nA,@SUM(1),-1250.5\n",
    );
    site.write(
        "content/thong-ke/_section.yaml",
        "kind: statistics\ntitle: \"Thống kê\"\n",
    );
    site.write(
        "content/thong-ke/dan-so.yaml",
        "title: Dân số\nslug: dan-so\ntable: dan-so.csv\n",
    );
    site.write("content/thong-ke/dan-so.csv", "Khu phố,Dân số\n+cmd|' /C calc'!A0,-\n");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let mut csvs = Vec::new();
    for entry in walkdir::WalkDir::new(site.output()).sort_by_file_name() {
        let entry = entry.expect("walk the output");
        if entry.path().extension().is_some_and(|e| e == "csv") {
            csvs.push(std::fs::read_to_string(entry.path()).expect("read a CSV download"));
        }
    }
    let all = csvs.concat();
    for expected in ["'=HYPERLINK", "'@SUM(1)", "-1250.5", "\n'+cmd|' /C calc'!A0,-\n"] {
        assert!(all.contains(expected), "{expected} not in the CSV downloads:\n{all}");
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(all.as_bytes());
    for record in reader.records() {
        for cell in &record.expect("a CSV record") {
            assert!(
                !cell.starts_with(['=', '+', '@'])
                    && (!cell.starts_with('-') || cell == "-" || cell.parse::<f64>().is_ok()),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
}
