//! Colloquial names and abbreviations citizens type for official terms.
//!
//! Each entry is `(aliases, phrases)`: when a page contains any of `phrases`, every alias is
//! indexed for it too, at the level (title, summary, body) where the phrase was found. The client
//! needs no table: "sổ đỏ" finds pages about "giấy chứng nhận quyền sử dụng đất" through the
//! index. Abbreviations go both ways, so they appear in two entries.

/// `(aliases, phrases)`: the aliases are added to pages containing one of the phrases.
pub(crate) const ALIASES: &[(&[&str], &[&str])] = &[
    // "Sổ đỏ" and "sổ hồng" name the certificate, not every text about land-use rights
    // ("đấu giá quyền sử dụng đất", "thế chấp quyền sử dụng đất" are other matters).
    (
        &["sổ đỏ", "sổ hồng"],
        &[
            "giấy chứng nhận quyền sử dụng đất",
            "giấy chứng nhận quyền sở hữu nhà ở",
            "GCNQSDĐ",
            "GCN QSDĐ",
        ],
    ),
    (&["QSDĐ"], &["quyền sử dụng đất"]),
    (&["quyền sử dụng đất"], &["QSDĐ"]),
    (
        &["CMND", "chứng minh nhân dân", "chứng minh thư", "CCCD"],
        &["căn cước công dân", "căn cước"],
    ),
    (&["căn cước công dân"], &["CCCD", "CMND", "chứng minh nhân dân"]),
    (&["hộ khẩu"], &["thường trú"]),
    (&["bằng lái", "bằng lái xe", "GPLX"], &["giấy phép lái xe"]),
    (&["giấy phép lái xe"], &["GPLX"]),
    (&["xin phép xây nhà", "GPXD"], &["giấy phép xây dựng"]),
    (&["UBND"], &["ủy ban nhân dân"]),
    (&["ủy ban nhân dân"], &["UBND"]),
    (&["HĐND"], &["hội đồng nhân dân"]),
    (&["hội đồng nhân dân"], &["HĐND"]),
    (&["BHYT", "thẻ bảo hiểm"], &["bảo hiểm y tế"]),
    (&["bảo hiểm y tế"], &["BHYT"]),
    (&["BHXH"], &["bảo hiểm xã hội"]),
    (&["bảo hiểm xã hội"], &["BHXH"]),
    (&["TTHC"], &["thủ tục hành chính"]),
    (&["KNTC"], &["khiếu nại, tố cáo", "khiếu nại tố cáo"]),
    (&["PCCC"], &["phòng cháy chữa cháy", "phòng cháy, chữa cháy"]),
    (&["phòng cháy chữa cháy"], &["PCCC"]),
    (&["NSNN"], &["ngân sách nhà nước"]),
    (&["VBQPPL"], &["văn bản quy phạm pháp luật"]),
    (
        &["ĐKKD", "giấy phép kinh doanh"],
        &["đăng ký kinh doanh", "đăng ký hộ kinh doanh"],
    ),
    (&["ATTP", "ATVSTP"], &["an toàn thực phẩm"]),
    (&["ĐTM"], &["đánh giá tác động môi trường"]),
    (&["MTTQ"], &["mặt trận tổ quốc"]),
    (
        &["GPMB", "đền bù"],
        &["giải phóng mặt bằng", "bồi thường, hỗ trợ, tái định cư"],
    ),
    (
        &["giấy độc thân", "xác nhận độc thân"],
        &["xác nhận tình trạng hôn nhân"],
    ),
    (&["giấy khai sinh"], &["đăng ký khai sinh"]),
    (&["giấy kết hôn"], &["đăng ký kết hôn"]),
];
