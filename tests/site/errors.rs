//! Broken sites: each defect gives its exact `path:line:column: message (hint)`, all problems
//! are reported in one run, and the previous output survives byte for byte.

use crate::common::{TempSite, messages, snapshot};

/// Builds the good fixture, applies `defect`, builds again and checks that the build failed
/// with a diagnostic starting with `expected`, leaving the first output intact.
fn assert_broken(defect: impl FnOnce(&TempSite), expected: &str) {
    let site = TempSite::fixture("minimal");
    let first = site.build();
    assert!(first.success, "the fixture itself must build: {}", messages(&first));
    let before = snapshot(&site.output());
    defect(&site);
    let r = site.build();
    let all = messages(&r);
    assert!(!r.success, "expected a failure for `{expected}`, got success:\n{all}");
    assert!(
        all.lines().any(|l| l.starts_with(expected)),
        "expected a line starting with\n  {expected}\ngot:\n{all}"
    );
    for d in &r.diagnostics {
        if d.is_error() {
            assert!(
                d.hint.is_some() || d.message.contains("template"),
                "error without a hint: {d}"
            );
        }
    }
    assert!(
        snapshot(&site.output()) == before,
        "the previous output changed after a failed build"
    );
}

fn news(body: &str) -> String {
    format!("---\n{body}---\nNội dung.\n")
}

#[test]
fn front_matter_never_closed() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", "---\ntitle: A\nNội dung\n"),
        "content/tin-tuc/x.md:1:1: the front matter is never closed",
    );
}

#[test]
fn front_matter_missing() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", "title: A\n"),
        "content/tin-tuc/x.md:1:1: missing front matter",
    );
}

#[test]
fn unclosed_quote() {
    assert_broken(
        |s| {
            s.write(
                "content/tin-tuc/x.md",
                news("title: \"A\nsummary: b\ndate: 2026-01-01\n"),
            )
        },
        "content/tin-tuc/x.md:",
    );
}

#[test]
fn tab_indentation() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", news("title: A\ntags:\n\t- a\n")),
        "content/tin-tuc/x.md:4:1: a tab is used for indentation",
    );
}

#[test]
fn duplicate_key() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", news("title: A\ntitle: B\n")),
        "content/tin-tuc/x.md:3:1: invalid YAML: the key `title` appears twice",
    );
}

#[test]
fn impossible_date() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", news("title: A\ndate: 2026-02-30\n")),
        "content/tin-tuc/x.md:3:1: `date` is not a valid date",
    );
}

#[test]
fn date_of_wrong_type() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", news("title: A\ndate: [1, 2]\n")),
        "content/tin-tuc/x.md:3:1: `date` must be a date, found a list",
    );
}

#[test]
fn title_as_a_list() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", news("title: [a, b]\n")),
        "content/tin-tuc/x.md:2:1: `title` must be text, found a list",
    );
}

#[test]
fn missing_title() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", news("date: 2026-01-01\n")),
        "content/tin-tuc/x.md:1:1: missing required key `title`",
    );
}

#[test]
fn unknown_enum_value() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", news("title: A\ntype: interveiw\n")),
        "content/tin-tuc/x.md:3:1: `interveiw` is not a valid `type` (did you mean `interview`?",
    );
}

#[test]
fn unknown_section_kind() {
    assert_broken(
        |s| s.write("content/tin-tuc/_section.yaml", "kind: newz\ntitle: T\n"),
        "content/tin-tuc/_section.yaml:1:1: `newz` is not a section kind (did you mean `news`?",
    );
}

#[test]
fn image_without_alt() {
    assert_broken(
        |s| {
            s.write("content/tin-tuc/anh.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            s.write("content/tin-tuc/x.md", news("title: A\nimage: anh.svg\n"));
        },
        "content/tin-tuc/x.md:3:1: a lead image needs `image_alt`",
    );
}

#[test]
fn attachment_path_traversal() {
    assert_broken(
        |s| {
            s.write(
                "content/tin-tuc/x.md",
                news("title: A\nattachments:\n  - title: P\n    file: ../../../../etc/passwd\n"),
            )
        },
        "content/tin-tuc/x.md:5:5: `attachments`: `../../../../etc/passwd` leads outside the site folder",
    );
}

#[test]
fn missing_attachment() {
    assert_broken(
        |s| {
            s.write(
                "content/tin-tuc/x.md",
                news("title: A\nattachments:\n  - {title: P, file: khong-co.pdf}\n"),
            )
        },
        "content/tin-tuc/x.md:4:3: `attachments`: `content/tin-tuc/khong-co.pdf` does not exist",
    );
}

#[test]
fn duplicate_urls_name_both_files() {
    assert_broken(
        |s| s.write("content/tin-tuc/y.md", news("title: A\nslug: tin-mot\n")),
        "content/tin-tuc/y.md:1:1: this item has the same URL `/tin-tuc/tin-mot/` as content/tin-tuc/tin-mot.md:1",
    );
}

#[test]
fn duplicate_procedure_codes_name_both_places() {
    assert_broken(
        |s| {
            s.write(
                "content/thu-tuc/khai-tu.md",
                "---\ncode: \"1.001193\"\ntitle: Đăng ký khai tử\n---\n",
            )
        },
        "content/thu-tuc/khai-tu.md:1:1: procedure code `1.001193` is also used by content/thu-tuc/danh-muc.csv:2",
    );
}

#[test]
fn ragged_csv_row() {
    assert_broken(
        |s| {
            s.write(
                "content/thu-tuc/danh-muc.csv",
                "code,title,field\n1.001193,Đăng ký khai sinh,Hộ tịch,thừa\n",
            )
        },
        "content/thu-tuc/danh-muc.csv:2:1: this row has 4 cells but the header has 3",
    );
}

#[test]
fn bad_csv_enum_names_the_column() {
    assert_broken(
        |s| {
            s.write(
                "content/thu-tuc/danh-muc.csv",
                "code,title,online\n1.001193,Đăng ký khai sinh,toan-trinh\n",
            )
        },
        "content/thu-tuc/danh-muc.csv:2:3: `toan-trinh` is not a valid `online` in column `online`",
    );
}

#[test]
fn not_utf8() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", b"---\ntitle: \xC0\xC1\n---\n".as_slice()),
        "content/tin-tuc/x.md:2:8: the file is not valid UTF-8",
    );
}

#[test]
fn nul_byte() {
    assert_broken(
        |s| s.write("content/tin-tuc/x.md", "---\ntitle: A\0\n---\n"),
        "content/tin-tuc/x.md:2:9: the file contains a NUL byte",
    );
}

#[test]
fn folder_without_section() {
    assert_broken(
        |s| s.write("content/lac/x.md", news("title: A\n")),
        "content/lac/x.md:1:1: this file is in a folder without `_section.yaml`",
    );
}

#[test]
fn personal_data_is_refused() {
    assert_broken(
        |s| {
            s.write(
                "content/tin-tuc/x.md",
                "---\ntitle: A\n---\nLiên hệ anh B, số CCCD: 079203001234.\n",
            )
        },
        "content/tin-tuc/x.md:4:25: personal data: a citizen ID number (CCCD)",
    );
}

#[test]
fn broken_template_names_the_template() {
    assert_broken(
        |s| {
            s.write(
                "templates/page.html",
                "{% extends \"base.html\" %}{% block content %}{{ item.title }{% endblock content %}",
            )
        },
        "templates/page.html:1:",
    );
}

#[test]
fn missing_template_variable_names_the_page() {
    assert_broken(
        |s| {
            s.write(
                "templates/page.html",
                "{% extends \"base.html\" %}{% block content %}{{ item.khong_co }}{% endblock content %}",
            )
        },
        "templates/page.html:1:",
    );
}

#[test]
fn every_problem_in_one_run() {
    let site = TempSite::fixture("minimal");
    site.write("content/tin-tuc/a.md", news("title: A\ndate: 2026-13-01\n"));
    site.write("content/tin-tuc/b.md", news("title: [x]\n"));
    site.write(
        "content/thu-tuc/danh-muc.csv",
        "code,title,online\n1.001193,A,sai\n1.001194,B,cung-sai\n",
    );
    let r = site.build();
    let errors = r.diagnostics.iter().filter(|d| d.is_error()).count();
    assert!(errors >= 4, "{}", messages(&r));
}

#[test]
fn unknown_keys_warn_with_the_closest_key() {
    let site = TempSite::fixture("minimal");
    site.write("content/tin-tuc/x.md", news("title: A\ncategoy: B\n"));
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    assert!(
        messages(&r)
            .contains("content/tin-tuc/x.md:3:1: warning: unknown key `categoy` is ignored (did you mean `category`?)"),
        "{}",
        messages(&r)
    );
}

#[test]
fn output_inside_content_is_refused() {
    let site = TempSite::fixture("minimal");
    let r = site.build_with(|o| o.output = Some(site.root.join("content")));
    assert!(!r.success);
    assert!(
        messages(&r).contains("is or contains the site's content/ folder"),
        "{}",
        messages(&r)
    );
    assert!(site.root.join("content/tin-tuc/tin-mot.md").exists());
}

#[cfg(unix)]
#[test]
fn symlink_outside_the_site_is_refused() {
    assert_broken(
        |s| std::os::unix::fs::symlink("/etc/hostname", s.root.join("content/tin-tuc/ngoai.md")).expect("symlink"),
        "content/tin-tuc/ngoai.md:1:1: this is a link to something outside the site folder",
    );
}
