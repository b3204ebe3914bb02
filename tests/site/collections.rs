//! Transparency collections: every kind's pages, numbers, derived rates, warnings, downloads
//! and browse pages, plus broken cases (at least two per kind).

use crate::common::{TempSite, messages, snapshot};

fn built() -> TempSite {
    let site = TempSite::fixture("collections");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    site
}

#[test]
fn budget_table_chart_and_downloads() {
    let site = TempSite::fixture("collections");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let html = site.read_output("ngan-sach/du-toan-2026/index.html");
    assert!(html.contains("12.345,6"), "Vietnamese number format");
    assert!(html.contains("<caption"), "table caption");
    assert!(
        html.contains("scope=\"col\"") && html.contains("scope=\"row\""),
        "th scope"
    );
    assert!(html.contains("<svg") && html.contains("role=\"img\""), "SVG chart");
    assert!(
        html.contains("bang.csv") && html.contains("bang.json"),
        "download links"
    );
    let csv_text = site.read_output("ngan-sach/du-toan-2026/bang.csv");
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(rdr.records().count(), 7);
    let json: serde_json::Value =
        serde_json::from_str(&site.read_output("ngan-sach/du-toan-2026/bang.json")).expect("json");
    assert!(json.is_array() || json.is_object());
    // Parent ≠ sum of children is a warning naming the row.
    let all = messages(&r);
    assert!(all.contains("content/ngan-sach/quyet-toan-2025.csv:2:"), "{all}");
    // Browse by year and stage.
    assert!(site.output().join("ngan-sach/nam/2026/index.html").exists());
    assert!(site.output().join("ngan-sach/giai-doan/settlement/index.html").exists());
}

#[test]
fn statistics_derive_rates() {
    let site = built();
    let html = site.read_output("thong-ke/ho-so/index.html");
    assert!(html.contains("99,50%"), "on-time rate of Q1");
    assert!(html.contains("99,59%"), "on-time rate of Q2");
    assert!(html.contains("Quý 1/2026"), "period label");
    assert!(html.contains("<svg"), "chart");
    let generic = site.read_output("thong-ke/dan-so/index.html");
    assert!(generic.contains("3.200"), "{generic}");
    assert!(generic.contains("<desc"), "chart text alternative");
}

#[test]
fn statistics_warn_when_received_is_not_resolved_plus_pending() {
    let site = TempSite::fixture("collections");
    site.write(
        "content/thong-ke/ho-so.csv",
        "period,received,resolved_early,resolved_on_time,resolved_late,pending\n2026-Q1,1000,600,395,5,7\n",
    );
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    assert!(
        messages(&r).contains("content/thong-ke/ho-so.csv:2:"),
        "{}",
        messages(&r)
    );
}

#[test]
fn inspections_complaints_procurement_documents() {
    let site = built();
    let kl = site.read_output("thanh-tra/kl-05/index.html");
    assert!(
        kl.contains("125.000.000 đồng") && kl.contains("25.000.000 đồng"),
        "money in VND"
    );
    assert!(kl.contains("Thu hồi 25 triệu đồng"));
    assert!(site.output().join("thanh-tra/nam/2026/index.html").exists());
    let kn = site.read_output("khieu-nai/qd-12/index.html");
    assert!(
        kn.contains("Khiếu nại") && kn.contains("Đúng một phần"),
        "Vietnamese labels"
    );
    for f in [
        "khieu-nai/loai/complaint/index.html",
        "khieu-nai/ket-qua/partly_upheld/index.html",
        "khieu-nai/nam/2026/index.html",
    ] {
        assert!(site.output().join(f).exists(), "{f}");
    }
    let running = site.read_output("dau-thau/tien-do/dang-trien-khai/index.html");
    assert!(running.contains("Nâng cấp hẻm 45") && !running.contains("Cải tạo trụ sở"));
    let done = site.read_output("dau-thau/tien-do/hoan-tat/index.html");
    assert!(done.contains("Cải tạo trụ sở"));
    let ocds: serde_json::Value = serde_json::from_str(&site.read_output("dau-thau/hem-45/ocds.json")).expect("ocds");
    assert_eq!(ocds["version"], "1.1");
    let release = &ocds["releases"][0];
    assert!(release["ocid"].as_str().is_some_and(|s| s.starts_with("ocds-")));
    assert_eq!(
        release["awards"][0]["suppliers"][0]["name"],
        "Công ty TNHH Xây dựng Minh Phát"
    );
    assert_eq!(release["tender"]["value"]["amount"], 1_850_000_000_i64);
    let all: serde_json::Value =
        serde_json::from_str(&site.read_output("data/dau-thau-ocds.json")).expect("collection ocds");
    assert_eq!(all["releases"].as_array().map(Vec::len), Some(2));
    let tb = site.read_output("van-ban/tb-98/index.html");
    assert!(tb.contains("Hết hiệu lực"), "expired document marked");
    for f in [
        "van-ban/loai/quyet-dinh/index.html",
        "van-ban/nam/2026/index.html",
        "van-ban/co-quan/ubnd-phuong/index.html",
        "van-ban/linh-vuc/cai-cach-hanh-chinh/index.html",
    ] {
        assert!(site.output().join(f).exists(), "{f}");
    }
}

#[test]
fn every_download_is_valid_csv_or_json() {
    let site = built();
    let files = snapshot(&site.output());
    let mut n = 0;
    for (path, bytes) in &files {
        if path.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
            n += 1;
        } else if path.ends_with(".csv") {
            let mut rdr = csv::Reader::from_reader(bytes.as_slice());
            for rec in rdr.records() {
                rec.unwrap_or_else(|e| panic!("{path}: {e}"));
            }
            n += 1;
        }
    }
    assert!(n >= 12, "{n} data files");
    let catalog: serde_json::Value = serde_json::from_slice(&files["data/catalog.json"]).expect("catalog");
    let datasets = catalog["dcat:dataset"].as_array().expect("datasets");
    assert!(datasets.len() >= 8);
    for d in datasets {
        for key in ["dct:title", "dct:publisher", "dcat:distribution"] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
        for dist in d["dcat:distribution"].as_array().expect("distributions") {
            let url = dist["dcat:downloadURL"].as_str().expect("url");
            let rel = url
                .strip_prefix("https://thu.example.gov.vn/cong/")
                .expect("absolute under base");
            assert!(files.contains_key(rel), "{rel} listed in the catalog but not written");
        }
    }
}

/// A broken case: builds must fail with a line starting with `expected`.
fn assert_fails(file: &str, content: &str, expected: &str) {
    let site = TempSite::fixture("collections");
    site.write(file, content);
    let r = site.build();
    let all = messages(&r);
    assert!(!r.success, "expected failure `{expected}`:\n{all}");
    assert!(
        all.lines().any(|l| l.starts_with(expected)),
        "expected a line starting with\n  {expected}\ngot:\n{all}"
    );
}

#[test]
fn budget_bad_cell() {
    assert_fails(
        "content/ngan-sach/du-toan-2026.csv",
        "STT,Nội dung,Dự toán\nI,Thu,\"12,3,4\"\n",
        "content/ngan-sach/du-toan-2026.csv:2:3:",
    );
}

#[test]
fn budget_bad_stage_and_missing_table() {
    assert_fails(
        "content/ngan-sach/x.yaml",
        "title: X\nfiscal_year: 2026\nstage: estimat\ntable: khong-co.csv\n",
        "content/ngan-sach/x.yaml:3:1: `estimat` is not a valid `stage` (did you mean `estimate`?",
    );
    assert_fails(
        "content/ngan-sach/x.yaml",
        "title: X\nfiscal_year: 2026\nstage: estimate\ntable: khong-co.csv\n",
        "content/ngan-sach/x.yaml:4:1: `table`: `content/ngan-sach/khong-co.csv` does not exist",
    );
}

#[test]
fn statistics_bad_period_and_chart_column() {
    assert_fails(
        "content/thong-ke/ho-so.csv",
        "period,received,resolved_early,resolved_on_time,resolved_late,pending\nQuý 1,10,1,1,1,7\n",
        "content/thong-ke/ho-so.csv:2:",
    );
    assert_fails(
        "content/thong-ke/dan-so.yaml",
        "title: D\ntable: dan-so.csv\nchart: {type: bar, x: \"Khu phố\", y: [\"Số dân\"]}\n",
        "content/thong-ke/dan-so.yaml:3:1:",
    );
}

#[test]
fn inspections_missing_number_and_bad_status() {
    assert_fails(
        "content/thanh-tra/x.md",
        "---\ntitle: X\ndate: 2026-01-01\n---\n",
        "content/thanh-tra/x.md:1:1: missing required key `number`",
    );
    assert_fails(
        "content/thanh-tra/x.md",
        "---\ntitle: X\nnumber: 1/KL\ndate: 2026-01-01\nstatus: done\n---\n",
        "content/thanh-tra/x.md:5:1: `done` is not a valid `status`",
    );
}

#[test]
fn complaints_bad_type_and_result() {
    assert_fails(
        "content/khieu-nai/x.md",
        "---\ntitle: X\nnumber: 1/QĐ\ntype: complain\n---\n",
        "content/khieu-nai/x.md:4:1: `complain` is not a valid `type` (did you mean `complaint`?",
    );
    assert_fails(
        "content/khieu-nai/x.md",
        "---\ntitle: X\nnumber: 1/QĐ\nresult: partly\n---\n",
        "content/khieu-nai/x.md:4:1: `partly` is not a valid `result`",
    );
}

#[test]
fn procurement_bad_value_and_dates() {
    assert_fails(
        "content/dau-thau/x.md",
        "---\ntitle: X\nvalue: 1,5 tỷ\n---\n",
        "content/dau-thau/x.md:3:1: `value` must be an amount in đồng",
    );
    assert_fails(
        "content/dau-thau/x.md",
        "---\ntitle: X\nstart: 2026-06-01\nend: 2026-01-01\n---\n",
        "content/dau-thau/x.md:4:1: `end` is before `start`",
    );
}

#[test]
fn documents_missing_number_and_date() {
    assert_fails(
        "content/van-ban/x.md",
        "---\ntitle: X\ndate: 2026-01-01\n---\n",
        "content/van-ban/x.md:1:1: missing required key `number`",
    );
    assert_fails(
        "content/van-ban/x.md",
        "---\ntitle: X\nnumber: 1/QĐ\n---\n",
        "content/van-ban/x.md:1:1: missing required key `date`",
    );
}

#[test]
fn procedures_from_markdown_and_catalog_give_the_same_page() {
    let csv = "code,title,slug,field,level,agency,audience,channels,online,online_url,processing_time,processing_days,fees,fee_amount,result,steps,documents,conditions,legal_basis,forms,effective\n\
1.001193,Đăng ký khai sinh,dang-ky-khai-sinh,Hộ tịch,commune,UBND phường,citizen,in_person;online,full,https://dichvucong.example.gov.vn/ks,Ngay trong ngày,1,Miễn phí,0,Giấy khai sinh,\"1. Nộp tờ khai.\n2. Nhận kết quả.\",\"- Tờ khai: 01 bản chính\",Không,Luật Hộ tịch 2014;Nghị định 123/2015/NĐ-CP,Tờ khai|to-khai.pdf,2026-01-01\n";
    let md = "---\ncode: \"1.001193\"\ntitle: Đăng ký khai sinh\nfield: Hộ tịch\nlevel: [commune]\nagency: UBND phường\naudience: [citizen]\nchannels: [in_person, online]\nonline: full\nonline_url: https://dichvucong.example.gov.vn/ks\nprocessing_time: Ngay trong ngày\nprocessing_days: 1\nfees: Miễn phí\nfee_amount: 0\nresult: Giấy khai sinh\nsteps: |\n  1. Nộp tờ khai.\n  2. Nhận kết quả.\ndocuments: \"- Tờ khai: 01 bản chính\"\nconditions: Không\nlegal_basis: [Luật Hộ tịch 2014, Nghị định 123/2015/NĐ-CP]\nforms: [{title: Tờ khai, file: to-khai.pdf}]\neffective: 2026-01-01\n---\n";
    let a = TempSite::fixture("minimal");
    a.write("content/thu-tuc/danh-muc.csv", csv);
    a.write("content/thu-tuc/to-khai.pdf", "%PDF-1.4\n");
    let b = TempSite::fixture("minimal");
    b.write("content/thu-tuc/danh-muc.csv", "code,title\n");
    b.write("content/thu-tuc/dang-ky-khai-sinh.md", md);
    b.write("content/thu-tuc/to-khai.pdf", "%PDF-1.4\n");
    let (ra, rb) = (a.build(), b.build());
    assert!(ra.success, "{}", messages(&ra));
    assert!(rb.success, "{}", messages(&rb));
    let pa = a.read_output("thu-tuc/dang-ky-khai-sinh/index.html");
    let pb = b.read_output("thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(pa.contains("Giấy khai sinh") && pa.contains("Nghị định 123/2015/NĐ-CP"));
    assert_eq!(pa, pb, "the catalog row and the Markdown file must give the same page");
}

#[test]
fn pages_missing_title_and_bad_weight() {
    let site_file = "content/gioi-thieu/x.md";
    for (content, expected) in [
        (
            "---\nweight: 2\n---\nNội dung.\n",
            "content/gioi-thieu/x.md:1:1: missing required key `title`",
        ),
        (
            "---\ntitle: X\nweight: đầu tiên\n---\n",
            "content/gioi-thieu/x.md:3:1: `weight` must be a whole number",
        ),
    ] {
        let site = TempSite::fixture("minimal");
        site.write(site_file, content);
        let r = site.build();
        let all = messages(&r);
        assert!(!r.success, "{all}");
        assert!(
            all.lines().any(|l| l.starts_with(expected)),
            "expected {expected}\ngot:\n{all}"
        );
    }
}

#[test]
fn news_bad_type_and_image_outside_the_site() {
    let site = TempSite::fixture("minimal");
    site.write(
        "content/tin-tuc/x.md",
        "---\ntitle: X\nimage: ../../../anh.png\nimage_alt: Ảnh\n---\n",
    );
    let r = site.build();
    assert!(
        messages(&r).contains("content/tin-tuc/x.md:3:1: `image`: `../../../anh.png` leads outside the site folder"),
        "{}",
        messages(&r)
    );
}
