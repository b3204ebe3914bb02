use super::levels::{Code, classify_code};
use super::sums::announces_part;
use super::*;

const PATH: &str = "content/ngan-sach/a.csv";

fn ok(text: &str) -> (BudgetTable, Vec<String>) {
    let (t, d) = parse(PATH, text);
    let msgs: Vec<String> = d.iter().map(ToString::to_string).collect();
    (t.unwrap_or_else(|| panic!("no table: {msgs:?}")), msgs)
}

fn errors(text: &str) -> Vec<String> {
    let (t, d) = parse(PATH, text);
    assert!(t.is_none(), "a table despite errors");
    d.iter().map(ToString::to_string).collect()
}

fn levels(t: &BudgetTable) -> Vec<(String, usize)> {
    t.rows.iter().map(|r| (r.code.clone(), r.level)).collect()
}

fn texts(t: &BudgetTable) -> Vec<Vec<String>> {
    t.view()
        .rows
        .into_iter()
        .map(|r| r.cells.into_iter().map(|c| c.text).collect())
        .collect()
}

#[test]
fn plain_numbers() {
    let (t, w) = ok("STT,Nội dung,Dự toán\n1,Thu,1234.5\n2,Chi,-\n3,Khác,\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(t.rows[0].values[0], Decimal::parse_plain("1234.5"));
    assert_eq!(t.rows[1].values[0], None);
    assert_eq!(t.rows[2].values[0], None);
    assert_eq!(texts(&t), vec![vec!["1.234,5"], vec!["–"], vec!["–"]]);
    assert_eq!(t.decimals(), vec![1]);
}

#[test]
fn vietnamese_numbers() {
    let (t, _) = ok("STT,Nội dung,Dự toán,Thực hiện\n1,Thu,\"1.234,5\",1.000\n2,Chi,–,\"12,25\"\n");
    assert_eq!(
        t.rows[0].values,
        vec![Decimal::parse_plain("1234.5"), Decimal::parse_plain("1000")]
    );
    assert_eq!(t.rows[1].values[1], Decimal::parse_plain("12.25"));
    assert_eq!(texts(&t), vec![vec!["1.234,5", "1.000,00"], vec!["–", "12,25"]]);
}

#[test]
fn point_numbers_with_comma_grouping() {
    let (t, _) = ok("STT,Nội dung,Dự toán\n1,Thu,\"1,234.5\"\n2,Chi,\"1,000\"\n");
    assert_eq!(t.rows[0].values[0], Decimal::parse_plain("1234.5"));
    assert_eq!(t.rows[1].values[0], Decimal::parse_plain("1000"));
}

#[test]
fn ambiguous_numbers_follow_the_file() {
    // Alone, `1.234` groups thousands.
    let (t, _) = ok("STT,Nội dung,A\n1,Thu,1.234\n");
    assert_eq!(t.rows[0].values[0], Decimal::parse_plain("1234"));
    // With `7.5` elsewhere, the file uses a decimal point.
    let (t, _) = ok("STT,Nội dung,A\n1,Thu,1.234\n2,Chi,7.5\n");
    assert_eq!(t.rows[0].values[0], Decimal::parse_plain("1.234"));
    // Both shapes and nothing to decide: Vietnamese, with a warning.
    let (t, w) = ok("STT,Nội dung,A,B\n1,Thu,1.234,\"5,678\"\n");
    assert_eq!(t.rows[0].values[1], Decimal::parse_plain("5.678"));
    assert_eq!(w.len(), 1);
    assert!(w[0].starts_with("content/ngan-sach/a.csv:2:4: warning: \"5,678\" in column \"B\" could be a thousand or a decimal; it is read as 5,678"), "{w:?}");
}

#[test]
fn mixed_conventions_are_an_error_at_the_first_conflict() {
    let e = errors("STT,Nội dung,A,B\n1,Thu,\"1.234,5\",1\n2,Chi,3,\"1,234.5\"\n3,Khác,\"9,000.5\",1\n");
    assert_eq!(
        e,
        vec![
            "content/ngan-sach/a.csv:3:4: \"1,234.5\" in column \"B\" is written with a decimal point, but \"1.234,5\" at line 2, column 3 is written with a decimal comma (write every number of a file the same way, here like 1.234,5)"
        ]
    );
}

#[test]
fn bad_cells_name_line_and_column() {
    let e = errors(
        "STT,Nội dung,Dự toán năm 2024,Dự toán năm 2025\n1,Thu,1,2\n2,Chi,3,4\n\n3,Khác,5,6\n4,A,7,8\n5,B,9,\"12,3,4\"\n6,C,abc,1\n",
    );
    assert_eq!(
        e,
        vec![
            "content/ngan-sach/a.csv:7:4: \"12,3,4\" is not a number in column \"Dự toán năm 2025\" (write 1234.5 or 1.234,5; leave empty or write - for no value)",
            "content/ngan-sach/a.csv:8:3: \"abc\" is not a number in column \"Dự toán năm 2024\" (write 1234.5 or 1.234,5; leave empty or write - for no value)",
        ]
    );
    let e = errors("STT,Nội dung,Dự toán\n1,Thu,1\n2,Chi,3,4\n");
    assert_eq!(
        e,
        vec![
            "content/ngan-sach/a.csv:3:1: this row has 4 cells but the header has 3 (a cell containing a comma must be in double quotes)"
        ]
    );
    let e = errors("STT,Nội dung\n1,Thu\n");
    assert!(e[0].starts_with("content/ngan-sach/a.csv:1:1: a budget table needs a code column, a name column and at least one column of numbers"), "{e:?}");
    let e = errors("STT,Nội dung,A,A\n1,Thu,1,2\n");
    assert!(
        e[0].starts_with("content/ngan-sach/a.csv:1:4: column title \"A\" is already used by column 3"),
        "{e:?}"
    );
    let e = errors("STT,Nội dung,A\n");
    assert!(
        e[0].starts_with("content/ngan-sach/a.csv:1:1: the table has no rows"),
        "{e:?}"
    );
}

#[test]
fn codes_give_levels() {
    let csv = "STT,Nội dung,Số tiền\n\
        ,TỔNG SỐ,100\n\
        A,Thu,100\n\
        I,Thu cân đối,100\n\
        1,Thu nội địa,60\n\
        1.1,Thuế,60\n\
        1.1.1,Thuế GTGT,60\n\
        a,Doanh nghiệp,60\n\
        -,Nhà nước,60\n\
        +,Trung ương,60\n\
        2.,Thu khác,40\n\
        a),Phí,40\n\
        II,Thu khác,0\n\
        B,Chi,90\n\
        I,Chi thường xuyên,90\n\
        ,Chi tiết,10\n\
        II,Dự phòng,0\n";
    let (t, w) = ok(csv);
    assert!(w.is_empty(), "{w:?}");
    let l: Vec<usize> = t.rows.iter().map(|r| r.level).collect();
    assert_eq!(l, vec![0, 0, 1, 2, 3, 4, 5, 6, 7, 2, 3, 1, 0, 1, 2, 1]);
    assert_eq!(t.rows[14].parent, Some(13));
    assert!(t.rows[14].detail && t.rows[0].detail);
    let view = t.view();
    assert!(view.rows[1].is_parent && !view.rows[8].is_parent);
    assert_eq!(view.rows[9].code, "2.");
    // The leading total is left out of the chart's rows.
    let tops: Vec<String> = t.top_level().into_iter().map(|(l, _)| l).collect();
    assert_eq!(tops, vec!["Thu", "Chi"]);
}

#[test]
fn roman_numerals_start_without_letters() {
    let (t, _) = ok("STT,Nội dung,X\nI,Thu,1\n1,Thuế,1\nII,Chi,2\n1,Lương,2\na,Cơ sở,2\nIII,Khác,\nIV,Nữa,\nV,Cuối,\n");
    assert_eq!(
        levels(&t),
        [
            ("I", 0),
            ("1", 1),
            ("II", 0),
            ("1", 1),
            ("a", 2),
            ("III", 0),
            ("IV", 0),
            ("V", 0)
        ]
        .map(|(c, l)| (c.to_string(), l))
    );
}

#[test]
fn capital_i_is_a_letter_after_h() {
    // Sections A..H, then I as a section with Roman children, then J.
    let mut csv = String::from("STT,Nội dung,X\n");
    for c in "ABCDEFGH".chars() {
        csv.push_str(&format!("{c},Mục {c},\n"));
    }
    csv.push_str("I,Mục I,\nI,La mã một,\nII,La mã hai,\nJ,Mục J,\n");
    let (t, _) = ok(&csv);
    let tail: Vec<(String, usize)> = levels(&t)[7..].to_vec();
    assert_eq!(
        tail,
        [("H", 0), ("I", 0), ("I", 1), ("II", 1), ("J", 0)].map(|(c, l)| (c.to_string(), l))
    );
    // After H, an I followed by II is Roman.
    let (t, _) = ok("STT,Nội dung,X\nG,g,\nH,h,\nI,một,\nII,hai,\n");
    assert_eq!(levels(&t)[2..], [("I".to_string(), 1), ("II".to_string(), 1)]);
    assert_eq!(classify_code("IV"), Code::Roman(4));
    assert_eq!(classify_code("IIII"), Code::None);
    assert_eq!(classify_code("(a)"), Code::Lower);
    assert_eq!(classify_code("Đ"), Code::Letter('Đ'));
    assert_eq!(classify_code("*"), Code::None);
}

#[test]
fn level_column() {
    let (t, w) =
        ok("STT,Nội dung,level,Số tiền\nA,Tổng,1,10\n,Phần một,2,4\n,Phần hai,2,6\n,Chi tiết,3,6\nB,Khác,1,\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(t.headers, vec!["STT", "Nội dung", "Số tiền"]);
    assert_eq!(t.rows.iter().map(|r| r.level).collect::<Vec<_>>(), vec![0, 1, 1, 2, 0]);
    assert_eq!(t.rows[3].parent, Some(2));
    let (_, w) = ok("STT,Nội dung,Level,Số tiền\nA,Tổng,1,10\n,Phần một,2,4\n");
    assert_eq!(
        w,
        vec![
            "content/ngan-sach/a.csv:2:4: warning: row A \"Tổng\" is 10 but the 1 row below it add up to 4 in column \"Số tiền\" (check the numbers; when the rows below are only part of it, put a \"Trong đó\" row before them)"
        ]
    );
    let e = errors("STT,Nội dung,level,Số tiền\nA,Tổng,1,10\n,Phần,3,4\n,Sai,x,1\n");
    assert_eq!(
        e,
        vec![
            "content/ngan-sach/a.csv:3:3: level 3 is more than one level below the row above (level 1) (levels start at 1 and a row can be at most one level deeper than the row above)",
            "content/ngan-sach/a.csv:4:3: \"x\" is not a level in column \"level\" (write a whole number: 1 for top-level rows, 2 for their parts, and so on)",
        ]
    );
}

#[test]
fn sums_are_checked_with_rounding_tolerance() {
    let csv = "STT,Nội dung,Dự toán,Thực hiện\n\
        A,Tổng thu,100,\"50,5\"\n\
        1,Thuế,\"33,33\",\"20,3\"\n\
        2,Phí,\"33,33\",\"30,3\"\n\
        3,Khác,\"33,33\",-\n\
        B,Tổng chi,90,80\n\
        1,Lương,50,40\n\
        2,Khác,30,40\n";
    let (_, w) = ok(csv);
    assert_eq!(
        w,
        vec![
            "content/ngan-sach/a.csv:2:4: warning: row A \"Tổng thu\" is 50,5 but the 2 rows below it add up to 50,6 in column \"Thực hiện\" (check the numbers; when the rows below are only part of it, put a \"Trong đó\" row before them)",
            "content/ngan-sach/a.csv:6:3: warning: row B \"Tổng chi\" is 90,00 but the 2 rows below it add up to 80,00 in column \"Dự toán\" (check the numbers; when the rows below are only part of it, put a \"Trong đó\" row before them)",
        ]
    );
}

#[test]
fn partial_breakdowns_and_details_are_not_summed() {
    let csv = "STT,Nội dung,Số tiền\n\
        1,Chi thường xuyên,1000\n\
        ,Trong đó:,\n\
        a,Giáo dục,400\n\
        b,Y tế,100\n\
        2,Chi đầu tư,500\n\
        ,Từ nguồn xổ số,200\n";
    let (t, w) = ok(csv);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(t.rows[2].parent, Some(0));
    assert_eq!(t.rows[2].level, 1);
}

#[test]
fn announced_parts() {
    assert!(announces_part("Trong đó:"));
    assert!(announces_part("- Trong đó: chi giáo dục"));
    assert!(announces_part("trong do:"));
    assert!(!announces_part("Trong đô thị"));
    assert!(!announces_part("Thu trong đó"));
    // Six decimals: no rounding tolerance left, and no panic.
    let (_, w) = ok("STT,Nội dung,A\n1,Tổng,0.000003\n1.1,Một,0.000001\n1.2,Hai,0.000001\n");
    assert_eq!(w.len(), 1, "{w:?}");
}

#[test]
fn percentage_columns() {
    assert!(is_percent_title("So sánh (%)"));
    assert!(is_percent_title("Tỷ lệ thực hiện"));
    assert!(is_percent_title("TỶ LỆ"));
    assert!(is_percent_title("Tỉ lệ"));
    assert!(is_percent_title("So sánh dự toán"));
    assert!(!is_percent_title("So sánh tuyệt đối"));
    assert!(!is_percent_title("Dự toán"));
    let (t, w) = ok("STT,Nội dung,Dự toán,So sánh (%)\nA,Tổng,100,\"98,5\"\n1,Một,60,50%\n2,Hai,40,\"101,25 %\"\n");
    assert!(w.is_empty(), "percentages are not summed: {w:?}");
    assert!(t.columns[1].percent && !t.columns[0].percent);
    assert_eq!(
        texts(&t),
        vec![vec!["100", "98,50%"], vec!["60", "50,00%"], vec!["40", "101,25%"]]
    );
    let e = errors("STT,Nội dung,Tỷ lệ\n1,Một,50%%\n");
    assert!(
        e[0].ends_with(
            "(write 1234.5 or 1.234,5; leave empty or write - for no value; a % sign is allowed in this column)"
        ),
        "{e:?}"
    );
}

#[test]
fn csv_and_json_exports_round_trip() {
    let csv = "STT,Nội dung,\"Dự toán, năm 2025\",Tỷ lệ (%)\n\
        A,\"Thu \"\"cân đối\"\"\",\"1.234,5\",\"99,5\"\n\
        1,Thuế,\"1.000\",\n\
        2,Phí,\"234,5\",-\n\
        B,Chi,-,\n";
    let (t, _) = ok(csv);
    let out = t.to_csv();
    assert_eq!(
        out,
        "code,name,level,\"Dự toán, năm 2025\",Tỷ lệ (%)\n\
         A,\"Thu \"\"cân đối\"\"\",1,1234.5,99.5\n\
         1,Thuế,2,1000,\n\
         2,Phí,2,234.5,\n\
         B,Chi,1,,\n"
    );
    assert_eq!(t.to_csv(), out, "deterministic");
    let (back, w) = ok(&out);
    assert!(w.is_empty(), "{w:?}");
    let strip = |t: &BudgetTable| {
        t.rows
            .iter()
            .map(|r| (r.code.clone(), r.name.clone(), r.level, r.values.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&back), strip(&t));

    let json = serde_json::to_string(&t.to_json()).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = parsed.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["code"], "A");
    assert_eq!(rows[0]["name"], "Thu \"cân đối\"");
    assert_eq!(rows[0]["level"], 1);
    assert_eq!(rows[0]["Dự toán, năm 2025"], 1234.5);
    assert_eq!(rows[1]["Dự toán, năm 2025"], 1000);
    assert_eq!(rows[1]["level"], 2);
    assert!(rows[3]["Dự toán, năm 2025"].is_null());
    assert_eq!(serde_json::to_string(&t.to_json()).unwrap(), json, "deterministic");
}

#[test]
fn view_and_chart() {
    let (t, _) = ok(
        "STT,Nội dung,Dự toán,Thực hiện,So sánh (%)\nA,Thu,\"12.345,6\",\"12.000\",\"97,2\"\n1,Thuế,\"12.345,6\",\"12.000\",\n B ,Chi,10.000,\"9.000,5\",90\n",
    );
    let v = t.view();
    assert_eq!(
        v.headers,
        vec!["STT", "Nội dung", "Dự toán", "Thực hiện", "So sánh (%)"]
    );
    assert_eq!(v.rows[0].cells[0].text, "12.345,6");
    assert_eq!(v.rows[0].cells[0].value, Some(12345.6));
    assert_eq!(v.rows[0].cells[1].text, "12.000,0");
    assert_eq!(v.rows[2].code, "B");
    assert_eq!(v.rows[2].level, 0);
    let tops = t.top_level();
    assert_eq!(
        tops,
        vec![
            ("Thu".to_string(), vec![Some(12345.6), Some(12000.0), Some(97.2)]),
            ("Chi".to_string(), vec![Some(10000.0), Some(9000.5), Some(90.0)]),
        ]
    );
    let chart = t.chart("Cân đối ngân sách", "triệu đồng").unwrap();
    assert_eq!(
        chart.alt,
        "Biểu đồ cột: Cân đối ngân sách. Dự toán — Thu: 12.345,6 triệu đồng; Chi: 10.000,0 triệu đồng. \
         Thực hiện — Thu: 12.000,0 triệu đồng; Chi: 9.000,5 triệu đồng."
    );
    assert!(chart.svg.contains("<title id="));
    let serialized = serde_json::to_value(&v).unwrap();
    assert_eq!(serialized["rows"][0]["cells"][2]["text"], "97,2%");
    assert_eq!(serialized["rows"][0]["is_parent"], true);
}
