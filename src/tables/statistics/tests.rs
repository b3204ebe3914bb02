use super::*;

const PATH: &str = "content/thong-ke/ho-so.csv";

fn ok(text: &str) -> (StatsTable, Vec<String>) {
    let (t, d) = parse(PATH, text);
    let msgs: Vec<String> = d.iter().map(ToString::to_string).collect();
    (t.unwrap_or_else(|| panic!("no table: {msgs:?}")), msgs)
}

fn errors(text: &str) -> Vec<String> {
    let (t, d) = parse(PATH, text);
    assert!(t.is_none(), "a table despite errors");
    d.iter().map(ToString::to_string).collect()
}

fn dossier(t: &StatsTable) -> &DossierReport {
    match t {
        StatsTable::Dossier(r) => r,
        StatsTable::Generic(_) => panic!("generic"),
    }
}

const REPORT: &str = "period,received,resolved_early,resolved_on_time,resolved_late,pending,online,satisfaction\n\
    2024-Q1,1000,600,380,10,10,400,\"98,5\"\n\
    2024-Q2,1200,700,480,0,20,600,99.5%\n";

#[test]
fn periods() {
    assert_eq!(Period::parse("2019"), Some(Period::Year(2019)));
    assert_eq!(Period::parse("2019-Q3"), Some(Period::Quarter(2019, 3)));
    assert_eq!(Period::parse("2019-q4"), Some(Period::Quarter(2019, 4)));
    assert_eq!(Period::parse("2019-07"), Some(Period::Month(2019, 7)));
    for bad in ["2019-Q5", "2019-13", "2019-7", "19", "2019-Q", "2019/07", "Quý 3", ""] {
        assert_eq!(Period::parse(bad), None, "{bad}");
    }
    assert_eq!(Period::Quarter(2019, 3).label(), "Quý 3/2019");
    assert_eq!(Period::Month(2019, 7).label(), "Tháng 7/2019");
    assert_eq!(Period::Year(2019).label(), "Năm 2019");
    assert_eq!(Period::Month(2019, 7).code(), "2019-07");
    let mut v = vec![
        Period::Month(2019, 8),
        Period::Year(2019),
        Period::Quarter(2019, 3),
        Period::Month(2019, 7),
    ];
    v.sort();
    assert_eq!(
        v,
        vec![
            Period::Year(2019),
            Period::Quarter(2019, 3),
            Period::Month(2019, 7),
            Period::Month(2019, 8)
        ]
    );
}

#[test]
fn dossier_derivations() {
    let (t, w) = ok(REPORT);
    assert!(w.is_empty(), "{w:?}");
    let r = dossier(&t);
    let f = &r.rows[0].figures;
    assert_eq!(f.resolved(), 990);
    assert_eq!(f.on_time_rate(), Some(980.0 / 990.0));
    assert_eq!(f.online_share(), Some(0.4));
    assert_eq!(f.satisfaction, Some(98.5));
    assert_eq!(r.rows[1].figures.satisfaction, Some(99.5));
    let total = r.total();
    assert_eq!(total.received, 2200);
    assert_eq!(total.resolved(), 2170);
    assert_eq!(total.on_time_rate(), Some(2160.0 / 2170.0));
    assert_eq!(total.online_share(), Some(1000.0 / 2200.0));
    // Weighted by resolved: (98.5 × 990 + 99.5 × 1180) / 2170.
    let s = total.satisfaction.unwrap();
    assert!((s - (98.5 * 990.0 + 99.5 * 1180.0) / 2170.0).abs() < 1e-9);

    let v = t.view();
    assert_eq!(v.kind, "dossier");
    assert_eq!(v.headers[0], "Kỳ báo cáo");
    assert_eq!(
        v.rows[0].cells,
        vec![
            "Quý 1/2024",
            "1.000",
            "990",
            "600",
            "380",
            "10",
            "10",
            "400",
            "98,99%",
            "40,00%",
            "98,50%"
        ]
    );
    assert_eq!(v.totals.len(), 1);
    assert_eq!(v.totals[0].cells[..3], ["Tổng cộng", "2.200", "2.170"]);
    let summary = v.summary.unwrap();
    assert_eq!(summary.periods, "Quý 1/2024 – Quý 2/2024");
    assert_eq!(summary.on_time_rate, "99,54%");
    assert_eq!(summary.online_share.as_deref(), Some("45,45%"));
    assert_eq!(summary.satisfaction.as_deref(), Some("99,04%"));
    assert!(!v.numeric[0] && v.numeric[1]);
}

#[test]
fn units_are_summed_per_period() {
    let csv = "Period,Unit,Received,Resolved_early,Resolved_on_time,Resolved_late,Pending\n\
        2024-02,Hộ tịch,10,5,5,0,0\n\
        2024-01,Hộ tịch,20,10,5,5,0\n\
        2024-01,Đất đai,\"1.000\",0,900,100,0\n";
    let (t, w) = ok(csv);
    assert!(w.is_empty(), "{w:?}");
    let r = dossier(&t);
    let by = r.by_period();
    assert_eq!(by.len(), 2);
    assert_eq!(by[0].0, Period::Month(2024, 1));
    assert_eq!(by[0].1.received, 1020);
    assert_eq!(by[0].1.on_time_rate(), Some(915.0 / 1020.0));
    assert_eq!(by[0].1.online_share(), None);
    let v = t.view();
    assert_eq!(v.headers[1], "Đơn vị");
    assert_eq!(v.totals.len(), 3);
    assert_eq!(v.totals[0].cells[..3], ["Tháng 1/2024", "Cộng", "1.020"]);
    assert_eq!(v.totals[2].cells[..3], ["Tổng cộng", "", "1.030"]);
    assert!(v.summary.unwrap().online_share.is_none());
    // One unit per period: no per-period sums, they would repeat the rows.
    let (one, _) = ok(
        "period,unit,received,resolved_early,resolved_on_time,resolved_late,pending\n\
        2024-01,Hộ tịch,10,5,5,0,0\n\
        2024-02,Hộ tịch,20,10,5,5,0\n",
    );
    assert_eq!(one.view().totals.len(), 1);
}

#[test]
fn received_must_equal_resolved_plus_pending() {
    let csv = "period,received,resolved_early,resolved_on_time,resolved_late,pending,online\n\
        2024,100,50,40,5,3,120\n";
    let (_, w) = ok(csv);
    assert_eq!(
        w,
        vec![
            "content/thong-ke/ho-so.csv:2:2: warning: 100 received but 95 resolved (50 early + 40 on time + 5 late) and 3 pending make 98 (received should equal resolved plus pending; check the row)",
            "content/thong-ke/ho-so.csv:2:7: warning: 120 received online but only 100 received in all (online dossiers are part of the received ones)",
        ]
    );
}

#[test]
fn bad_cells_and_periods_are_errors() {
    let csv = "period,received,resolved_early,resolved_on_time,resolved_late,pending,satisfaction\n\
        2024-13,10,5,5,0,0,\n\
        2024-Q1,10,5,\"5,5\",0,,101\n\
        2024-Q2,10,5,5,0,0,\n\
        2024-Q2,10,5,5,0,0,\n";
    let e = errors(csv);
    assert_eq!(
        e,
        vec![
            "content/thong-ke/ho-so.csv:2:1: \"2024-13\" is not a period in column \"period\" (write a year 2019, a quarter 2019-Q3 or a month 2019-07)",
            "content/thong-ke/ho-so.csv:3:4: \"5,5\" is not a whole number in column \"resolved_on_time\" (write a count of dossiers such as 1234 or 1.234, 0 when there are none)",
            "content/thong-ke/ho-so.csv:3:6: missing value in column \"pending\" (write a count of dossiers such as 1234 or 1.234, 0 when there are none)",
            "content/thong-ke/ho-so.csv:3:7: \"101\" is not a percentage in column \"satisfaction\" (write the share of satisfied users from 0 to 100, such as 98,5)",
            "content/thong-ke/ho-so.csv:5:1: period 2024-Q2 appears twice: here and at line 4 (keep one row per period and unit, or the totals would count it twice)",
        ]
    );
}

#[test]
fn a_misspelt_dossier_column_is_an_error() {
    let e = errors("period,received,resolved_early,resolved_ontime,resolved_late,pending\n2024,1,1,0,0,0\n");
    assert_eq!(
        e,
        vec![
            "content/thong-ke/ho-so.csv:1:1: this dossier report has no `resolved_on_time` column (did you mean `resolved_on_time` instead of `resolved_ontime`?)"
        ]
    );
    let (_, w) =
        ok("period,received,resolved_early,resolved_on_time,resolved_late,pending,ghi chú\n2024,1,1,0,0,0,x\n");
    assert_eq!(
        w,
        vec![
            "content/thong-ke/ho-so.csv:1:7: warning: column \"ghi chú\" is not a dossier report column and is left out (the columns of a dossier report are period, received, resolved_early, resolved_on_time, resolved_late, pending, unit, online, satisfaction)"
        ]
    );
}

#[test]
fn generic_tables_and_chart_specs() {
    let (t, w) = ok(
        "Năm,Dân số,Hộ gia đình,Ghi chú\n2022,\"12.345\",\"3.100\",ước tính\n2023,\"12.800\",-,\n2024,\"13.050,5\",\"3.300\",\n",
    );
    assert!(w.is_empty(), "{w:?}");
    let StatsTable::Generic(g) = &t else { panic!("dossier") };
    assert_eq!(g.numeric, vec![true, true, true, false]);
    assert_eq!(g.values[0][1], Some(12345.0));
    assert_eq!(g.values[2][1], Some(13050.5));
    assert_eq!(g.values[1][2], None);
    let v = t.view();
    assert_eq!(v.kind, "generic");
    assert_eq!(v.rows[0].cells, vec!["2022", "12.345,0", "3.100", "ước tính"]);
    assert_eq!(v.rows[1].cells, vec!["2023", "12.800,0", "–", ""]);
    assert_eq!(g.formatted, vec![false, true, true, false]);
    let (plain, _) = ok("Khu phố,Nhân khẩu\nKhu phố 1,4382\n");
    assert_eq!(plain.view().rows[0].cells, vec!["Khu phố 1", "4.382"]);

    let spec: ChartSpec =
        serde_json::from_str(r#"{"type": "line", "x": "Năm", "y": ["Dân số", "Hộ gia đình"]}"#).unwrap();
    assert_eq!(validate_chart(&t, &spec), Ok(()));
    let charts = t.charts("Dân số phường", "người", Some(&spec));
    assert_eq!(charts.len(), 1);
    assert!(
        charts[0]
            .alt
            .starts_with("Biểu đồ đường: Dân số phường. Dân số — 2022: 12.345,0 người;"),
        "{}",
        charts[0].alt
    );
    assert!(
        charts[0]
            .alt
            .contains("Hộ gia đình — 2022: 3.100,0 người; 2023: không có số liệu;")
    );

    let one: ChartSpec = serde_json::from_str(r#"{"x": "năm", "y": "Dân sô"}"#).unwrap();
    assert_eq!(one.kind, ChartKind::Bar);
    assert_eq!(
        validate_chart(&t, &one),
        Err("chart column \"Dân sô\" is not in the table; did you mean \"Dân số\"? (columns: \"Năm\", \"Dân số\", \"Hộ gia đình\", \"Ghi chú\")".to_owned())
    );
    let text_y = ChartSpec {
        kind: ChartKind::Bar,
        x: "Năm".into(),
        y: vec!["Ghi chú".into()],
    };
    assert_eq!(
        validate_chart(&t, &text_y),
        Err("chart column \"Ghi chú\" does not hold numbers, so it cannot be drawn".to_owned())
    );
    assert!(t.charts("x", "", Some(&text_y)).is_empty());
    assert!(t.charts("x", "", None).is_empty());
}

#[test]
fn dossier_charts() {
    let (t, _) = ok(REPORT);
    let charts = t.charts("Kết quả giải quyết hồ sơ", "", None);
    assert_eq!(charts.len(), 2);
    assert_eq!(
        charts[0].alt,
        "Biểu đồ cột: Kết quả giải quyết hồ sơ: hồ sơ tiếp nhận và đã giải quyết. \
         Tiếp nhận — Quý 1/2024: 1.000 hồ sơ; Quý 2/2024: 1.200 hồ sơ. \
         Đã giải quyết — Quý 1/2024: 990 hồ sơ; Quý 2/2024: 1.180 hồ sơ."
    );
    assert!(
        charts[1]
            .alt
            .starts_with("Biểu đồ đường: Kết quả giải quyết hồ sơ: tỷ lệ. Tỷ lệ đúng hạn — Quý 1/2024: 98,99%;"),
        "{}",
        charts[1].alt
    );
    assert!(
        charts[1]
            .alt
            .contains("Tỷ lệ hài lòng — Quý 1/2024: 98,50%; Quý 2/2024: 99,50%.")
    );
    let spec = ChartSpec {
        kind: ChartKind::Line,
        x: "period".into(),
        y: vec!["online_share".into()],
    };
    assert_eq!(validate_chart(&t, &spec), Ok(()));
    let c = t.charts("Trực tuyến", "", Some(&spec));
    assert_eq!(
        c[0].alt,
        "Biểu đồ đường: Trực tuyến. Tỷ lệ trực tuyến — Quý 1/2024: 40,00%; Quý 2/2024: 50,00%."
    );
    let bad = ChartSpec {
        kind: ChartKind::Line,
        x: "period".into(),
        y: vec!["recieved".into()],
    };
    assert!(
        validate_chart(&t, &bad)
            .unwrap_err()
            .contains("did you mean \"received\"?")
    );
}

#[test]
fn csv_and_json_exports() {
    let (t, _) = ok(REPORT);
    let csv = t.to_csv();
    assert_eq!(
        csv,
        "period,received,resolved_early,resolved_on_time,resolved_late,resolved,pending,online,on_time_rate,online_share,satisfaction\n\
         2024-Q1,1000,600,380,10,990,10,400,98.99,40.00,98.5\n\
         2024-Q2,1200,700,480,0,1180,20,600,100.00,50.00,99.5\n"
    );
    let json = serde_json::to_string(&t.to_json()).unwrap();
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back[0]["period"], "2024-Q1");
    assert_eq!(back[0]["resolved"], 990);
    assert_eq!(back[0]["on_time_rate"], 98.99);
    assert_eq!(back[1]["on_time_rate"], 100.0);
    assert_eq!(back[0]["online_share"], 40.0);
    assert_eq!(back[1]["satisfaction"], 99.5);
    assert_eq!(t.to_csv(), csv, "deterministic");

    let (g, _) = ok("Năm,Dân số,Ghi chú\n2022,\"12.345\",\"ước, tính\"\n2023,-,\n");
    assert_eq!(g.to_csv(), "Năm,Dân số,Ghi chú\n2022,12.345,\"ước, tính\"\n2023,-,\n");
    let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&g.to_json()).unwrap()).unwrap();
    assert_eq!(back[0]["Dân số"], 12345);
    assert_eq!(back[0]["Ghi chú"], "ước, tính");
    assert!(back[1]["Dân số"].is_null() && back[1]["Ghi chú"].is_null());
}
