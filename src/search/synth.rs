//! A synthetic Vietnamese portal for size and speed measurements (tests only).
//!
//! Deterministic: the same `n` and seed give the same documents. Bodies mix template sentences
//! of administrative Vietnamese with windows of natural prose, document numbers, money amounts,
//! dates and person and place names, so that vocabulary and pair counts grow like a real portal's.

use super::SearchDoc;

/// SplitMix64.
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const ACTIONS: &[&str] = &[
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Thay đổi",
    "Xác nhận",
    "Chứng thực",
    "Thu hồi",
    "Giải quyết",
    "Hỗ trợ",
    "Thẩm định",
    "Phê duyệt",
    "Tiếp nhận",
    "Trích lục",
    "Đính chính",
    "Chuyển đổi",
];

const OBJECTS: &[&str] = &[
    "khai sinh",
    "khai tử",
    "kết hôn",
    "thường trú",
    "tạm trú",
    "tạm vắng",
    "giấy chứng nhận quyền sử dụng đất",
    "giấy phép xây dựng",
    "hộ kinh doanh",
    "giấy phép lái xe",
    "căn cước công dân",
    "bản sao từ sổ gốc",
    "chữ ký",
    "tình trạng hôn nhân",
    "nhận cha, mẹ, con",
    "giám hộ",
    "trợ cấp xã hội hàng tháng",
    "hộ nghèo",
    "người có công với cách mạng",
    "chuyển mục đích sử dụng đất",
    "biến động đất đai",
    "thế chấp quyền sử dụng đất",
    "nhà ở riêng lẻ",
    "an toàn thực phẩm",
    "phòng cháy chữa cháy",
    "khiếu nại lần đầu",
    "hợp đồng lao động",
    "bảo hiểm y tế",
    "học bổng chính sách",
    "miễn giảm học phí",
    "kinh phí mai táng",
    "cấp nước sạch",
    "thu gom rác thải",
    "lễ hội truyền thống",
    "di tích lịch sử",
    "giống cây trồng",
    "hỗ trợ sản xuất nông nghiệp",
    "đường giao thông nông thôn",
    "trạm y tế xã",
    "trường mầm non",
    "việc nuôi con nuôi",
    "quốc tịch",
    "lý lịch tư pháp",
    "kỹ thuật an toàn",
    "thủy lợi nội đồng",
    "hòa giải ở cơ sở",
    "đăng ký giao dịch bảo đảm",
    "di chuyển hài cốt",
];

const FIELDS: &[&str] = &[
    "Hộ tịch",
    "Đất đai",
    "Xây dựng",
    "Cư trú",
    "Chứng thực",
    "Bảo trợ xã hội",
    "Kinh doanh",
    "Giáo dục và đào tạo",
    "Y tế",
    "Giao thông vận tải",
    "Tài nguyên và môi trường",
    "Tài chính",
    "Lao động",
    "Văn hóa",
    "Nông nghiệp",
    "Tư pháp",
    "Nội vụ",
    "Thanh tra",
    "Người có công",
    "Dân tộc",
    "Thủy lợi",
    "Khoa học công nghệ",
];

const PLACES: &[&str] = &[
    "Hòa Bình",
    "Tân Định",
    "An Khánh",
    "Phú Mỹ",
    "Long Thạnh",
    "Bình Minh",
    "Đông Hòa",
    "Thanh Xuân",
    "Quảng Phú",
    "Hưng Lợi",
    "Mỹ Đức",
    "Kỳ Sơn",
    "Thủy An",
    "Tây Hồ",
    "Nghĩa Đô",
    "Phước Long",
    "Đức Thắng",
    "Yên Hòa",
    "Cẩm Lệ",
    "Hải Châu",
];

/// Agencies of one commune portal; a document's agency follows its field most of the time.
const AGENCIES: &[&str] = &[
    "UBND xã Hòa Bình",
    "Công an xã Hòa Bình",
    "Văn phòng đăng ký đất đai huyện",
    "Phòng Tư pháp huyện",
    "Trạm y tế xã Hòa Bình",
    "Trường tiểu học Hòa Bình",
    "Hội nông dân xã",
    "Ban chỉ huy quân sự xã",
    "Phòng Tài chính - Kế hoạch huyện",
    "Thanh tra huyện",
    "Bộ phận một cửa xã",
];

const LEVELS: &[&str] = &["Cấp xã", "Cấp huyện", "Cấp tỉnh"];

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý",
];

const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
    "Long", "Mai", "Minh", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Thảo", "Thủy", "Trang", "Tuấn", "Việt", "Yến",
];

const TOPICS: &[&str] = &[
    "chuyển đổi số",
    "cải cách hành chính",
    "xây dựng nông thôn mới",
    "phòng chống thiên tai",
    "bảo vệ môi trường",
    "an ninh trật tự",
    "phòng chống dịch bệnh",
    "giảm nghèo bền vững",
    "phát triển kinh tế hộ gia đình",
    "quản lý đất đai",
    "trật tự xây dựng",
    "tiêm chủng mở rộng",
    "phổ biến giáo dục pháp luật",
    "vệ sinh an toàn thực phẩm",
    "khuyến học khuyến tài",
    "đền ơn đáp nghĩa",
    "an toàn giao thông",
    "sản xuất vụ đông xuân",
    "nước sạch nông thôn",
    "công tác dân vận",
    "tiếp công dân",
    "thu ngân sách",
    "đầu tư công",
    "bầu cử đại biểu",
];

const SENTENCES: &[&str] = &[
    "Cá nhân, tổ chức nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của {agency}.",
    "Thời hạn giải quyết là {n} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Lệ phí: {money} đồng.",
    "Thành phần hồ sơ gồm tờ khai theo mẫu, bản sao giấy tờ tùy thân và giấy tờ chứng minh nơi cư trú.",
    "Trường hợp hồ sơ chưa đầy đủ, cán bộ tiếp nhận hướng dẫn người nộp bổ sung một lần.",
    "Căn cứ Quyết định số {doc} ngày {date} của Chủ tịch UBND tỉnh về việc {topic}.",
    "Năm {year}, toàn xã đã thực hiện {topic} đạt {n} phần trăm kế hoạch.",
    "Ông {name}, trú tại thôn {place}, đề nghị xem xét việc {object}.",
    "Kinh phí thực hiện là {money} đồng từ nguồn ngân sách nhà nước.",
    "Hội nghị do đồng chí {name}, Chủ tịch UBND xã, chủ trì.",
    "Đoàn thanh tra đã kiểm tra hồ sơ {object} tại {agency} và phát hiện một số thiếu sót.",
    "Kết quả giải quyết được trả trực tiếp hoặc qua dịch vụ bưu chính công ích.",
    "Người dân có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia.",
    "Gói thầu {project} có giá trị {money} đồng, thời gian thực hiện {n} tháng.",
    "Tổng thu ngân sách trên địa bàn đạt {money} đồng, bằng {n} phần trăm dự toán.",
    "Theo số liệu thống kê, dân số trung bình của xã {place} là {n} nghìn người.",
    "Bà {name} phản ánh về việc {topic} tại thôn {place}.",
    "Yêu cầu các ngành, đoàn thể phối hợp triển khai {topic} trong tháng {month}.",
    "Việc {object} phải tuân thủ quy định của pháp luật hiện hành.",
    "Mẫu đơn, tờ khai được đăng tải tại mục Biểu mẫu của cổng thông tin điện tử.",
];

const PROSE: &str = "Trong những năm qua, được sự quan tâm lãnh đạo của cấp ủy, chính quyền các cấp \
và sự đồng thuận của nhân dân, kinh tế xã hội trên địa bàn tiếp tục phát triển ổn định. Đời sống vật \
chất và tinh thần của người dân từng bước được nâng lên, hạ tầng giao thông nông thôn được đầu tư đồng bộ. \
Công tác cải cách thủ tục hành chính được chú trọng, thời gian giải quyết hồ sơ được rút ngắn, tỷ lệ hồ sơ \
trực tuyến tăng cao. Bên cạnh những kết quả đạt được vẫn còn một số khó khăn, hạn chế như nguồn lực đầu tư \
còn hạn chế, một bộ phận người dân chưa quen với dịch vụ công trực tuyến, tình trạng lấn chiếm đất công \
vẫn còn xảy ra ở một vài nơi. Để khắc phục, ủy ban nhân dân xã đã chỉ đạo các bộ phận chuyên môn tăng cường \
tuyên truyền, hướng dẫn người dân thực hiện các thủ tục trên môi trường điện tử, đồng thời kiểm tra, xử lý \
nghiêm các trường hợp vi phạm. Mùa mưa bão năm nay diễn biến phức tạp, gây thiệt hại về nhà cửa, hoa màu và \
công trình thủy lợi. Ban chỉ huy phòng chống thiên tai đã kịp thời sơ tán các hộ dân ở vùng trũng thấp, hỗ trợ \
lương thực, nước uống và thuốc men. Ngành giáo dục tiếp tục duy trì kết quả phổ cập giáo dục, chất lượng dạy \
và học có chuyển biến tích cực, nhiều học sinh đạt giải trong các kỳ thi học sinh giỏi. Công tác chăm sóc sức \
khỏe ban đầu cho nhân dân được quan tâm, trạm y tế đạt chuẩn quốc gia, tỷ lệ người tham gia bảo hiểm y tế đạt \
trên chín mươi phần trăm. Các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời, đúng đối tượng; các \
gia đình chính sách, người có công, hộ nghèo được thăm hỏi, tặng quà nhân dịp lễ, tết. Tình hình an ninh chính \
trị, trật tự an toàn xã hội được giữ vững, không để xảy ra điểm nóng. Phong trào toàn dân bảo vệ an ninh Tổ quốc \
được triển khai sâu rộng, nhiều mô hình tự quản ở khu dân cư phát huy hiệu quả. Về quản lý đất đai, xã đã hoàn \
thành việc cấp giấy chứng nhận lần đầu cho các hộ gia đình, cá nhân đủ điều kiện, giải quyết dứt điểm nhiều vụ \
tranh chấp kéo dài. Trong thời gian tới, xã tập trung thực hiện các giải pháp thu hút đầu tư, phát triển sản \
xuất hàng hóa, nâng cao thu nhập cho người dân, xây dựng chính quyền thân thiện, phục vụ nhân dân ngày càng tốt \
hơn. Mọi ý kiến đóng góp xin gửi về bộ phận một cửa hoặc hộp thư điện tử của ủy ban. Kỹ thuật canh tác mới được \
chuyển giao cho nông dân, giúp tăng năng suất lúa và giảm chi phí phân bón. Hợp tác xã dịch vụ nông nghiệp mở \
rộng liên kết tiêu thụ sản phẩm, xây dựng thương hiệu nông sản địa phương.";

fn fill(template: &str, rng: &mut Rng, agency: &str) -> String {
    let mut out = template.to_owned();
    while let Some(start) = out.find('{') {
        let end = out[start..].find('}').map_or(out.len(), |e| start + e + 1);
        let value = match &out[start + 1..end - 1] {
            "agency" => agency.to_owned(),
            "n" => (1 + rng.below(120)).to_string(),
            "money" => format!("{}.{:03}.{:03}", 1 + rng.below(900), rng.below(1000), rng.below(1000)),
            "doc" => format!("{}/QĐ-UBND", 1 + rng.below(3000)),
            "date" => format!(
                "{:02}/{:02}/{}",
                1 + rng.below(28),
                1 + rng.below(12),
                2018 + rng.below(9)
            ),
            "year" => (2018 + rng.below(9)).to_string(),
            "month" => (1 + rng.below(12)).to_string(),
            "topic" => rng.pick(TOPICS).to_owned(),
            "object" => rng.pick(OBJECTS).to_owned(),
            "place" => rng.pick(PLACES).to_owned(),
            "project" => format!("{} thôn {}", rng.pick(OBJECTS), rng.pick(PLACES)),
            "name" => name(rng),
            _ => String::new(),
        };
        out.replace_range(start..end, &value);
    }
    out
}

fn name(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(SURNAMES),
        rng.pick(&["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh"]),
        rng.pick(GIVEN)
    )
}

fn prose(rng: &mut Rng, words: &[&str], n: usize) -> String {
    let start = rng.below(words.len().saturating_sub(n).max(1));
    words[start..(start + n).min(words.len())].join(" ")
}

/// `n` synthetic documents of every kind.
pub(crate) fn portal(n: usize, seed: u64) -> Vec<SearchDoc<'static>> {
    let mut rng = Rng::new(seed);
    let words: Vec<&str> = PROSE.split_whitespace().collect();
    let kinds: [(&'static str, usize); 9] = [
        ("news", 30),
        ("procedure", 20),
        ("document", 20),
        ("budget", 5),
        ("inspection", 5),
        ("complaint", 7),
        ("procurement", 7),
        ("statistics", 4),
        ("page", 2),
    ];
    let mut docs = Vec::with_capacity(n);
    for i in 0..n {
        let mut r = rng.below(100);
        let kind = kinds
            .iter()
            .find(|(_, w)| {
                if r < *w {
                    true
                } else {
                    r -= w;
                    false
                }
            })
            .map_or("page", |(k, _)| k);
        let place = rng.pick(PLACES);
        let field = rng.below(FIELDS.len());
        let agency = if rng.below(5) == 0 {
            rng.pick(AGENCIES)
        } else {
            AGENCIES[(field * 7 + kind.len()) % AGENCIES.len()]
        };
        let year = 2018 + rng.below(9) as i32;
        let topic = rng.pick(TOPICS);
        let object = rng.pick(OBJECTS);
        let title = match kind {
            "procedure" => format!("{} {}", rng.pick(ACTIONS), object),
            "news" => format!("{agency} triển khai {topic} năm {year}"),
            "document" => format!("Quyết định số {}/QĐ-UBND về việc {topic}", 1 + rng.below(3000)),
            "budget" => format!("Công khai dự toán ngân sách xã {place} năm {year}"),
            "inspection" => format!("Kết luận thanh tra việc {object} tại {agency}"),
            "complaint" => format!("Kết quả giải quyết khiếu nại của ông {} về {object}", name(&mut rng)),
            "procurement" => format!("Kế hoạch lựa chọn nhà thầu gói thầu {object} thôn {place}"),
            "statistics" => format!("Số liệu thống kê {topic} quý {} năm {year}", 1 + rng.below(4)),
            _ => format!("Giới thiệu {topic} xã {place}"),
        };
        let mut text = String::new();
        let target = 200 + rng.below(700);
        let mut count = 0;
        while count < target {
            let sentence = if rng.below(10) < 7 {
                fill(rng.pick(SENTENCES), &mut rng, agency)
            } else {
                let n = 8 + rng.below(30);
                format!("{}.", prose(&mut rng, &words, n))
            };
            count += sentence.split_whitespace().count();
            text.push_str(&sentence);
            text.push(if rng.below(5) == 0 { '\n' } else { ' ' });
        }
        let summary = fill(rng.pick(SENTENCES), &mut rng, agency);
        let procedure = kind == "procedure";
        docs.push(SearchDoc {
            url: format!("/{kind}/{i}-{}/", crate::text::slugify(&title)),
            title,
            kind,
            date: Some(format!("{:02}/{:02}/{year}", 1 + rng.below(28), 1 + rng.below(12))),
            year: Some(year),
            field: (procedure || rng.below(2) == 0).then(|| FIELDS[field].to_owned()),
            level: if procedure {
                vec![rng.pick(LEVELS).to_owned()]
            } else {
                Vec::new()
            },
            agency: Some(agency.to_owned()),
            keywords: if procedure {
                vec![format!("1.{:06}", rng.below(1_000_000))]
            } else {
                Vec::new()
            },
            summary,
            facts: String::new(),
            text: text.into(),
        });
    }
    docs
}
