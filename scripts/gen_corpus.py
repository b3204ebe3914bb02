#!/usr/bin/env python3
"""Deterministic synthetic corpus for static-site-generator benchmarks.

An extension of ../shared/bench/gen_corpus.py (whose news pages it reproduces exactly) that
writes a realistic transparency portal of N items in total:

  * 88% news pages of Vietnamese administrative prose (with diacritics), each ~600-1500 words,
    with headings, bullet and ordered lists, a pipe table (budget figures) and links to other
    items; front matter with title, date, summary/description, category, tags;
  * 10% administrative procedures: rows of CSV catalogs (one section per field under
    thu-tuc-hanh-chinh/, at most CATALOG_MAX_ROWS rows per catalog, unique codes, valid enums,
    multi-line Markdown cells, form files);
  * 1% budget disclosures: a YAML item naming a CSV of a few hundred rows with hierarchical
    codes (A, I, 1, 1.1, a) where every parent is exactly the sum of its children;
  * 1% statistics: dossier reports (received = early + on time + late + pending, by unit and
    period) and some generic tables with a chart.

Formats: `minhbach` (the content model of shared/spec/content-model.md; it builds with no error
and no warning, with the personal-data check on: no phone numbers, ID numbers or e-mail
addresses are generated), and `hugo` / `zola` with the same logical content as Markdown pages in
the same URL tree and a minimal theme that does comparable work:

  * base layout, single-page template, home page listing the 20 newest news pages;
  * section lists paginated by 20 (sorted by date, newest first);
  * "categories" taxonomy: terms list page + one paginated (20) page per term;
  * tags are plain metadata shown on the page (not a taxonomy in either tool);
  * no RSS feeds, no search index of the generator itself, no syntax highlighting.

Item i depends only on (seed, i): its kind is fixed by i % 100, its text by the seed and i (a
news page's links point at the real URL of their target, whatever its kind). A smaller corpus
is a prefix of a larger one except for the link targets (drawn from range(N)) and the split of
large catalogs into parts.

Usage:
    python3 gen_corpus.py --n 1000 --out /tmp/site-ours --format minhbach
    python3 gen_corpus.py --n 1000 --out /tmp/site-hugo --format hugo
    python3 gen_corpus.py --n 1000 --out /tmp/sites --format minhbach,hugo,zola   # one pass, one sub-folder each
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import re
import shutil
import string
import sys
import unicodedata

# --------------------------------------------------------------------------
# Vocabulary (Vietnamese public-administration register)
# --------------------------------------------------------------------------
PROVINCES = [
    "Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang",
    "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng",
    "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa",
    "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
LOCAL_UNITS = ["phường", "xã", "thị trấn", "quận", "huyện", "thị xã", "thành phố"]
PLACE_NAMES = [
    "Bến Nghé", "Tân Định", "Hòa Khánh", "Ngọc Hà", "Tràng Tiền", "Phước Long",
    "An Phú", "Tân Phong", "Hòa Xuân", "Vĩnh Trung", "Thạch Thang", "Long Biên",
    "Cầu Giấy", "Đống Đa", "Hoàn Kiếm", "Sơn Trà", "Ninh Kiều", "Cái Răng",
    "Thủ Đức", "Gò Vấp", "Bình Thạnh", "Phú Nhuận", "Hải Châu", "Liên Chiểu",
    "Mỹ Tho", "Cao Lãnh", "Sa Đéc", "Tam Kỳ", "Hội An", "Buôn Ma Thuột",
    "Pleiku", "Đồng Xoài", "Thủ Dầu Một", "Biên Hòa", "Long Xuyên", "Rạch Giá",
]
AGENCIES = [
    "Ủy ban nhân dân", "Sở Tư pháp", "Sở Tài chính", "Sở Kế hoạch và Đầu tư",
    "Sở Tài nguyên và Môi trường", "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Y tế",
    "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ",
    "Thanh tra tỉnh", "Văn phòng Ủy ban nhân dân", "Trung tâm Phục vụ hành chính công",
    "Cục Thuế", "Kho bạc Nhà nước", "Bảo hiểm xã hội", "Công an tỉnh", "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Thông tin và Truyền thông",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
]
PROCEDURES = [
    "đăng ký khai sinh", "đăng ký kết hôn", "cấp giấy chứng nhận quyền sử dụng đất",
    "cấp giấy phép xây dựng", "đăng ký thành lập doanh nghiệp", "cấp phiếu lý lịch tư pháp",
    "chứng thực bản sao từ bản chính", "đăng ký thường trú", "cấp đổi giấy phép lái xe",
    "đăng ký hộ kinh doanh", "thẩm định dự án đầu tư",
    "cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "đăng ký khai tử",
    "trợ cấp xã hội hằng tháng", "cấp thẻ bảo hiểm y tế", "hoàn thuế giá trị gia tăng",
    "đăng ký biến động đất đai", "cấp chứng chỉ hành nghề", "giải quyết khiếu nại",
    "tiếp công dân", "cấp giấy phép môi trường", "cấp lại căn cước",
    "đăng ký nhận cha, mẹ, con", "cấp giấy phép lao động cho người nước ngoài",
]
FIELDS = [
    "giáo dục", "y tế", "giao thông", "đất đai", "xây dựng", "môi trường", "nông nghiệp",
    "tư pháp", "hộ tịch", "đầu tư công", "an sinh xã hội", "khoa học công nghệ",
    "văn hóa", "du lịch", "thuế", "tài chính", "lao động", "nội vụ", "công thương",
]
VERBS = [
    "triển khai", "thực hiện", "tổ chức", "kiểm tra", "rà soát", "đánh giá", "công khai",
    "tiếp nhận", "giải quyết", "hướng dẫn", "phê duyệt", "ban hành", "sửa đổi", "bổ sung",
    "đơn giản hóa", "số hóa", "kết nối", "chia sẻ", "tích hợp", "phân bổ", "giải ngân",
    "quyết toán", "thẩm định", "xử lý", "khắc phục", "đôn đốc", "chỉ đạo", "tăng cường",
    "nâng cao", "đẩy mạnh", "theo dõi", "tổng hợp", "báo cáo", "cắt giảm", "chuẩn hóa",
]
OBJECTS = [
    "thủ tục hành chính", "hồ sơ", "dịch vụ công trực tuyến",
    "cơ sở dữ liệu quốc gia về dân cư", "kế hoạch", "dự toán ngân sách", "vốn đầu tư công",
    "kết luận thanh tra", "quy trình nội bộ", "bộ phận một cửa",
    "hệ thống thông tin giải quyết thủ tục hành chính", "chữ ký số", "định danh điện tử",
    "biên lai điện tử", "phí, lệ phí", "chỉ số hài lòng", "phản ánh, kiến nghị", "đề án",
    "nghị quyết", "quyết định", "thông tư", "văn bản quy phạm pháp luật",
    "kho dữ liệu điện tử", "kết quả giải quyết", "danh mục thủ tục", "quy chế phối hợp",
]
ACTORS = [
    "người dân", "doanh nghiệp", "hộ kinh doanh", "tổ chức", "hợp tác xã",
    "cán bộ, công chức", "viên chức", "đối tượng bảo trợ xã hội", "nhà đầu tư",
]
QUALIFIERS = [
    "đúng hạn", "trước hạn", "kịp thời", "công khai, minh bạch", "hiệu quả", "thuận lợi",
    "nhanh chóng", "chính xác", "đồng bộ", "thống nhất", "nghiêm túc", "triệt để",
    "đúng quy định", "liên thông", "trực tuyến toàn trình", "không giấy tờ",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Đức", "Ngọc", "Xuân", "Thu",
          "Hoài", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng",
         "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc",
         "Quang", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Trung", "Tuấn", "Việt",
         "Yến", "Đạt", "Ánh", "Oanh"]
POSITIONS = ["Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Chánh Thanh tra",
             "Chánh Văn phòng", "Trưởng phòng", "Phó Trưởng phòng"]
HEADINGS = [
    "Kết quả thực hiện", "Căn cứ pháp lý", "Thành phần hồ sơ", "Trình tự thực hiện",
    "Thời hạn giải quyết", "Phí, lệ phí", "Kiến nghị và đề xuất",
    "Nhiệm vụ trọng tâm thời gian tới", "Tình hình tiếp nhận hồ sơ",
    "Công tác thanh tra, kiểm tra", "Đánh giá chung", "Tồn tại, hạn chế", "Nguyên nhân",
    "Giải pháp", "Ý kiến của người dân", "Chuyển đổi số", "Tổ chức thực hiện",
]
BUDGET_ITEMS = [
    "Chi đầu tư phát triển", "Chi thường xuyên", "Chi sự nghiệp giáo dục",
    "Chi sự nghiệp y tế", "Chi quản lý hành chính", "Chi bảo đảm xã hội",
    "Chi sự nghiệp kinh tế", "Chi sự nghiệp môi trường", "Chi khoa học và công nghệ",
    "Chi dự phòng ngân sách", "Chi chuyển đổi số", "Chi an ninh, quốc phòng",
]
CATEGORIES = [
    "Cải cách hành chính", "Ngân sách", "Thanh tra", "Dịch vụ công", "Đất đai",
    "Hộ tịch", "Đầu tư", "Giáo dục", "Y tế", "Giao thông", "Môi trường", "Lao động",
]
TAGS = [
    "một cửa", "hồ sơ", "dịch vụ công trực tuyến", "đúng hạn", "cải cách", "ngân sách",
    "thanh tra", "người dân", "doanh nghiệp", "chuyển đổi số", "thủ tục hành chính",
    "định danh điện tử", "khiếu nại", "tố cáo", "đầu tư công", "giải ngân", "quyết toán",
    "công khai", "minh bạch", "chỉ số hài lòng", "phí lệ phí", "hộ tịch", "đất đai",
    "xây dựng", "môi trường", "an sinh", "y tế", "giáo dục", "giao thông", "lao động",
]
TITLE_PATTERNS = [
    "{agency} {prov} công khai kết quả giải quyết thủ tục hành chính {period}",
    "{prov}: {pct}% hồ sơ {proc} được giải quyết đúng hạn",
    "Công khai dự toán ngân sách {field} năm {year} của {agency} {prov}",
    "Kết luận thanh tra việc quản lý {field} tại {unit} {place}",
    "Hướng dẫn thực hiện thủ tục {proc} trên Cổng dịch vụ công trực tuyến",
    "{prov} đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân",
    "Thông báo tiếp nhận hồ sơ {proc} tại bộ phận một cửa {unit} {place}",
    "Báo cáo tình hình giải ngân vốn đầu tư công {period} tại {prov}",
    "{agency} {prov} rà soát, đơn giản hóa {small} thủ tục hành chính lĩnh vực {field}",
    "Lấy ý kiến người dân, doanh nghiệp về dự thảo quy trình {proc}",
]
SENTENCES = [
    "{agency} {prov} đã tiếp nhận {n} hồ sơ {proc} {period}, trong đó {pct}% được giải quyết {qual}.",
    "Theo báo cáo của {agency}, {period} tổng dự toán chi ngân sách lĩnh vực {field} đạt {money} tỷ đồng, tăng {pct}% so với cùng kỳ năm trước.",
    "Người dân và doanh nghiệp có thể nộp hồ sơ qua Cổng dịch vụ công trực tuyến hoặc trực tiếp tại bộ phận một cửa {unit} {place}.",
    "{agency} yêu cầu các đơn vị đẩy mạnh cải cách thủ tục hành chính, rút ngắn thời gian giải quyết xuống còn {days} ngày làm việc.",
    "Đoàn thanh tra của {agency} đã tiến hành thanh tra {small} đơn vị, phát hiện sai phạm trong lĩnh vực {field} với tổng số tiền {money} triệu đồng.",
    "Kể từ ngày {date}, thủ tục {proc} được thực hiện trực tuyến toàn trình, {actor} không phải nộp bản giấy.",
    "Ông {person}, {position} {agency}, cho biết đơn vị sẽ tiếp tục {verb} {obj} một cách {qual}.",
    "Bà {person}, {position} {agency}, đề nghị các phòng chuyên môn {verb} {obj} trước ngày {date}.",
    "Tỷ lệ hồ sơ trực tuyến {period} đạt {pct}%, cao hơn mức bình quân chung của cả nước.",
    "Trong số {n} phản ánh, kiến nghị của {actor}, đã có {small} trường hợp được trả lời {qual}.",
    "{unit_cap} {place} tiếp tục {verb} {obj}, bảo đảm {qual} và tạo thuận lợi cho {actor}.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách {level} với tổng mức {money} triệu đồng.",
    "Các trường hợp giải quyết quá hạn đều có văn bản xin lỗi {actor} và nêu rõ lý do.",
    "{agency} đã {verb} {obj} và {verb2} {obj2} theo chỉ đạo của {agency2}.",
    "Thời hạn giải quyết thủ tục {proc} là {days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Lệ phí thực hiện thủ tục là {fee} đồng; miễn lệ phí đối với hồ sơ nộp trực tuyến.",
    "Căn cứ Nghị định số {small}/{year}/NĐ-CP ngày {date} của Chính phủ về {obj}.",
    "Năm {year}, {prov} phấn đấu {pct}% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình.",
    "Hệ thống đã kết nối, chia sẻ dữ liệu với cơ sở dữ liệu quốc gia về dân cư, giúp giảm {small} loại giấy tờ.",
    "Đến ngày {date}, giá trị giải ngân vốn đầu tư công đạt {money} tỷ đồng, bằng {pct}% kế hoạch được giao.",
]
LIST_ITEMS = [
    "Tờ khai theo mẫu ban hành kèm theo {obj}",
    "Bản sao giấy tờ chứng minh nhân thân của {actor}",
    "{verb_cap} {obj} {qual}",
    "Tiếp tục {verb} {obj} tại {unit} {place}",
    "Niêm yết công khai {obj} tại trụ sở {agency}",
    "Bảo đảm {pct}% hồ sơ được số hóa khi tiếp nhận",
    "Phối hợp với {agency} để {verb} {obj}",
    "Thời gian giải quyết: {days} ngày làm việc",
    "Lệ phí: {fee} đồng",
    "Kinh phí: {money} triệu đồng từ nguồn ngân sách {level}",
]
STEPS = [
    "{actor_cap} chuẩn bị hồ sơ theo quy định",
    "Nộp hồ sơ trực tuyến trên Cổng dịch vụ công hoặc tại bộ phận một cửa {unit} {place}",
    "Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ",
    "Chuyển hồ sơ đến {agency} để thẩm định",
    "Lãnh đạo phê duyệt kết quả trong thời hạn {days} ngày làm việc",
    "Trả kết quả qua dịch vụ bưu chính công ích hoặc trên tài khoản định danh điện tử",
    "Lưu trữ hồ sơ điện tử vào kho dữ liệu của {agency}",
    "{actor_cap} đánh giá mức độ hài lòng về việc giải quyết thủ tục",
]
LEVELS = ["trung ương", "tỉnh", "huyện", "xã", "địa phương"]

BASE_DATE = dt.date(2015, 1, 1)
DATE_SPAN_DAYS = 3650  # all dates fall in 2015-01-01 .. 2024-12-29 (never in the future)


def vn_int(n: int) -> str:
    """Vietnamese thousands separator: 1.234.567"""
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float, digits: int = 1) -> str:
    """Vietnamese decimal comma and dot thousands: 9.297,59"""
    return f"{x:,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


_WORD_RE = re.compile(r"[^\s\w]*\w\S*")


def count_words(text: str) -> int:
    """Tokens that contain a letter or a digit (markdown punctuation not counted)."""
    return len(_WORD_RE.findall(text))


def slug(i: int) -> str:
    return f"bai-{i:06d}"


class Page:
    __slots__ = ("i", "rng", "date", "province", "agency", "field", "proc", "year")

    def __init__(self, seed: int, i: int):
        self.i = i
        self.rng = random.Random(f"{seed}:{i}")
        r = self.rng
        d = BASE_DATE + dt.timedelta(days=r.randrange(DATE_SPAN_DAYS))
        self.date = dt.datetime(d.year, d.month, d.day, r.randrange(7, 18), r.randrange(60))
        self.year = d.year
        self.province = r.choice(PROVINCES)
        self.agency = r.choice(AGENCIES)
        self.field = r.choice(FIELDS)
        self.proc = r.choice(PROCEDURES)

    # -- fillers ------------------------------------------------------------
    def fill(self, pattern: str) -> str:
        """Fill a pattern; only the fields it names consume random numbers."""
        r = self.rng
        fields = _fields(pattern)
        y = r.randrange(max(2015, self.year - 2), self.year + 1)
        vals = {}
        for name in fields:
            if name in vals:
                continue
            gen = _GEN.get(name)
            if gen is not None:
                vals[name] = gen(self, r, y)
        s = pattern.format(**vals)
        return s[0].upper() + s[1:]

    def sentence(self) -> str:
        return self.fill(self.rng.choice(SENTENCES))

    def paragraph(self, lo=3, hi=6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    # -- metadata -----------------------------------------------------------
    def title(self) -> str:
        r = random.Random(f"title:{self.i}:{self.rng.random()}")
        saved, self.rng = self.rng, r
        try:
            t = self.fill(r.choice(TITLE_PATTERNS))
        finally:
            self.rng = saved
        return t

    def meta(self):
        r = self.rng
        cats = r.sample(CATEGORIES, 1 if r.random() < 0.7 else 2)
        tags = r.sample(TAGS, r.randint(2, 4))
        return cats, tags


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _period(p, r, y):
    k = r.randrange(6)
    if k == 0:
        return f"trong quý {r.randrange(1, 5)}/{y}"
    if k == 1:
        return f"trong tháng {r.randrange(1, 13)}/{y}"
    if k == 2:
        return f"6 tháng đầu năm {y}"
    if k == 3:
        return f"năm {y}"
    if k == 4:
        return f"giai đoạn {y - 5}-{y}"
    return f"từ đầu năm {y} đến nay"


_GEN = {
    "agency": lambda p, r, y: p.agency if r.random() < 0.6 else r.choice(AGENCIES),
    "agency2": lambda p, r, y: r.choice(AGENCIES),
    "prov": lambda p, r, y: p.province if r.random() < 0.7 else r.choice(PROVINCES),
    "proc": lambda p, r, y: p.proc if r.random() < 0.6 else r.choice(PROCEDURES),
    "field": lambda p, r, y: p.field if r.random() < 0.6 else r.choice(FIELDS),
    "unit": lambda p, r, y: r.choice(LOCAL_UNITS),
    "unit_cap": lambda p, r, y: _cap(r.choice(LOCAL_UNITS)),
    "place": lambda p, r, y: r.choice(PLACE_NAMES),
    "n": lambda p, r, y: vn_int(r.randrange(120, 250_000)),
    "small": lambda p, r, y: str(r.randrange(2, 160)),
    "pct": lambda p, r, y: vn_dec(r.uniform(55, 100)),
    "money": lambda p, r, y: vn_dec(r.uniform(0.5, 9500), 2),
    "fee": lambda p, r, y: vn_int(r.randrange(1, 200) * 5_000),
    "days": lambda p, r, y: str(r.randrange(1, 31)),
    "year": lambda p, r, y: str(y),
    "date": lambda p, r, y: f"{r.randrange(1, 29):02d}/{r.randrange(1, 13):02d}/{y}",
    "period": _period,
    "qual": lambda p, r, y: r.choice(QUALIFIERS),
    "verb": lambda p, r, y: r.choice(VERBS),
    "verb_cap": lambda p, r, y: _cap(r.choice(VERBS)),
    "verb2": lambda p, r, y: r.choice(VERBS),
    "obj": lambda p, r, y: r.choice(OBJECTS),
    "obj2": lambda p, r, y: r.choice(OBJECTS),
    "actor": lambda p, r, y: r.choice(ACTORS),
    "actor_cap": lambda p, r, y: _cap(r.choice(ACTORS)),
    "person": lambda p, r, y: f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}",
    "position": lambda p, r, y: r.choice(POSITIONS),
    "level": lambda p, r, y: r.choice(LEVELS),
}
_FIELDS_CACHE: dict[str, tuple[str, ...]] = {}


def _fields(pattern: str) -> tuple[str, ...]:
    f = _FIELDS_CACHE.get(pattern)
    if f is None:
        f = tuple(name for _lit, name, _spec, _conv in string.Formatter().parse(pattern) if name)
        _FIELDS_CACHE[pattern] = f
    return f


_title_cache: dict[tuple[int, int], str] = {}


def page_title(seed: int, i: int) -> str:
    key = (seed, i)
    t = _title_cache.get(key)
    if t is None:
        t = Page(seed, i).title()
        _title_cache[key] = t
    return t


def body_markdown(p: Page, seed: int, n_total: int, target_of=None) -> str:
    """The news body.  `target_of(j)` gives (url, title) of item j; by default every item is a
    news page (the shared generator's behaviour).  It consumes no random numbers of page i, so
    the text of page i is the same whatever kinds the other items have."""
    if target_of is None:
        target_of = lambda j: (f"/news/{slug(j)}/", page_title(seed, j))
    r = p.rng
    target = r.randint(450, 1300)  # body ends up ~600-1500 words
    out: list[str] = []
    words = 0

    def add(block: str):
        nonlocal words
        out.append(block)
        words += count_words(block)

    def link_to_other() -> str:
        j = r.randrange(n_total)
        if j == p.i:
            j = (j + 1) % n_total
        return target_of(j)[0]

    add(p.paragraph(2, 4))
    headings = r.sample(HEADINGS, len(HEADINGS))
    # every page has one bullet list, one ordered list and one budget table,
    # in a page-specific order; further sections until the word target is met
    extras = ["list", "steps", "table"]
    r.shuffle(extras)
    hi = 0
    while hi < 3 or words < target:
        h = headings[hi % len(headings)]
        kind = extras[hi] if hi < 3 else r.choice(["none", "none", "list", "steps", "table"])
        hi += 1
        add(f"## {h}")
        add(p.paragraph(2, 5))
        if r.random() < 0.35:
            para = p.paragraph(1, 3)
            # inline link inside the paragraph
            para += f" Xem thêm [thông tin chi tiết]({link_to_other()})."
            add(para)
        if kind == "list":
            add(f"### {r.choice(HEADINGS)}")
            add("\n".join(f"- {p.fill(r.choice(LIST_ITEMS))}" for _ in range(r.randint(4, 7))))
        elif kind == "steps":
            steps = r.sample(STEPS, r.randint(4, 7))
            add("\n".join(f"{k}. {p.fill(s)}" for k, s in enumerate(steps, 1)))
        elif kind == "table":
            add(f"### Số liệu ngân sách năm {p.year}")
            add("Đơn vị tính: triệu đồng.")
            rows = ["| STT | Nội dung | Dự toán | Thực hiện | Tỷ lệ (%) |",
                    "|---:|---|---:|---:|---:|"]
            for k, item in enumerate(r.sample(BUDGET_ITEMS, r.randint(4, 8)), 1):
                plan = r.randrange(500, 2_500_000)
                done = int(plan * r.uniform(0.4, 1.1))
                rows.append(f"| {k} | {item} | {vn_int(plan)} | {vn_int(done)} | "
                            f"{vn_dec(100 * done / plan)} |")
            add("\n".join(rows))
        if hi > 40:  # safety net
            break
    # related links
    rel = []
    for _ in range(r.randint(3, 5)):
        j = r.randrange(n_total)
        if j == p.i:
            continue
        url, title = target_of(j)
        rel.append(f"- [{title}]({url})")
    if rel:
        add("## Tin liên quan")
        add("\n".join(rel))
    return "\n\n".join(out) + "\n"


def yq(s: str) -> str:
    """YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yl(items) -> str:
    return "[" + ", ".join(yq(x) for x in items) + "]"


# --------------------------------------------------------------------------
# Transparency content besides news: procedures (CSV catalogs), budget tables, statistics.
# minhbach gets them in its own content model; Hugo and Zola get the same facts as Markdown
# pages (a facts table, the steps, the budget or dossier table), so every tool builds n pages.
# --------------------------------------------------------------------------
CATALOG_MAX_ROWS = 2000  # rows per procedure catalog CSV


def item_kind(i: int) -> str:
    """What item i is; depends on i only: 10% procedures, 1% budget, 1% statistics, 88% news."""
    r = i % 100
    if r < 10:
        return "procedure"
    if r == 10:
        return "budget"
    if r == 11:
        return "statistics"
    return "news"


def fold(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def slugify(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s).lower()).strip("-")


PROC_FIELDS = {
    "Hộ tịch": ["Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Đăng ký nhận cha, mẹ, con",
                "Cấp bản sao trích lục hộ tịch", "Đăng ký giám hộ", "Xác nhận tình trạng hôn nhân",
                "Thay đổi, cải chính, bổ sung thông tin hộ tịch"],
    "Chứng thực": ["Chứng thực bản sao từ bản chính", "Chứng thực chữ ký trong giấy tờ, văn bản",
                   "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
                   "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "Chứng thực di chúc"],
    "Đất đai": ["Đăng ký biến động quyền sử dụng đất", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
                "Chuyển mục đích sử dụng đất", "Tách thửa hoặc hợp thửa đất",
                "Cấp đổi giấy chứng nhận quyền sử dụng đất", "Xóa đăng ký thế chấp quyền sử dụng đất"],
    "Xây dựng": ["Cấp giấy phép xây dựng nhà ở riêng lẻ", "Điều chỉnh giấy phép xây dựng",
                 "Gia hạn giấy phép xây dựng", "Cấp giấy phép sửa chữa, cải tạo công trình",
                 "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở"],
    "Đăng ký kinh doanh": ["Đăng ký thành lập hộ kinh doanh", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
                           "Tạm ngừng kinh doanh hộ kinh doanh", "Chấm dứt hoạt động hộ kinh doanh",
                           "Đăng ký thành lập hợp tác xã"],
    "Bảo trợ xã hội": ["Trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội", "Hỗ trợ chi phí mai táng",
                       "Xác định mức độ khuyết tật", "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở"],
    "Người có công": ["Giải quyết chế độ trợ cấp một lần đối với người có công",
                      "Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ", "Hỗ trợ người có công cải thiện nhà ở"],
    "Giáo dục và Đào tạo": ["Chuyển trường đối với học sinh trung học cơ sở", "Cho phép trường mầm non hoạt động giáo dục",
                            "Công nhận xã đạt chuẩn phổ cập giáo dục", "Xét tuyển sinh vào lớp 6"],
    "Y tế": ["Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
             "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", "Cấp giấy phép hoạt động phòng khám"],
    "Môi trường": ["Đăng ký môi trường", "Cấp giấy phép môi trường", "Xác nhận hoàn thành công trình bảo vệ môi trường"],
    "Giao thông vận tải": ["Cấp giấy phép thi công công trình trên đường bộ", "Cấp giấy phép lưu hành xe quá tải trọng",
                           "Cấp đổi giấy phép lái xe"],
    "Tư pháp": ["Cấp phiếu lý lịch tư pháp", "Công nhận hòa giải viên", "Thôi làm hòa giải viên",
                "Công nhận tuyên truyền viên pháp luật"],
    "Văn hóa": ["Thông báo tổ chức lễ hội", "Cấp giấy phép kinh doanh dịch vụ karaoke", "Công nhận gia đình văn hóa"],
    "Thi đua, khen thưởng": ["Tặng giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", "Tặng danh hiệu Lao động tiên tiến",
                             "Khen thưởng đột xuất"],
}
PROC_FIELD_NAMES = list(PROC_FIELDS)
PROC_VARIANTS = ["", "", "", "", " (cấp xã)", " (cấp huyện)", " có yếu tố nước ngoài", " trực tuyến",
                 " (trường hợp đặc biệt)", " lần đầu", " cho người đang cư trú ở nước ngoài"]
PROC_LEVELS = ["province", "district", "commune"]
PROC_RESULTS = ["Giấy chứng nhận", "Quyết định phê duyệt", "Văn bản trả lời", "Giấy phép", "Bản trích lục",
                "Văn bản xác nhận", "Giấy khen"]
DOC_ITEMS = [
    "Tờ khai theo mẫu ban hành kèm theo {obj}", "Đơn đề nghị của {actor}", "Giấy tờ chứng minh nơi cư trú",
    "Văn bản ủy quyền trong trường hợp nộp thay", "Bản vẽ thiết kế, bản đồ vị trí", "Biên bản kiểm tra thực tế",
    "Bản sao quyết định của {agency}", "Báo cáo kết quả {obj}", "Giấy tờ về quyền sử dụng đất",
    "Danh sách {actor} đề nghị giải quyết",
]
COPIES = ["01 bản chính", "01 bản sao", "01 bản chính hoặc bản sao có chứng thực", "02 bản chính", "01 bản điện tử"]
LEGAL_TYPES = [("Luật", "QH"), ("Nghị định", "NĐ-CP"), ("Thông tư", "TT-BTP"), ("Thông tư", "TT-BTC"),
               ("Quyết định", "QĐ-UBND"), ("Nghị quyết", "NQ-HĐND")]
FORM_TITLES = ["Tờ khai", "Đơn đề nghị", "Mẫu báo cáo", "Phiếu đề nghị", "Bản cam kết"]
FORMS_PER_SECTION = 4

REVENUE_GROUPS = ["Thu nội địa", "Thu từ hoạt động xuất nhập khẩu", "Thu bổ sung từ ngân sách cấp trên",
                  "Thu kết dư ngân sách năm trước", "Thu chuyển nguồn", "Thu viện trợ", "Thu huy động đóng góp"]
EXPENSE_GROUPS = ["Chi đầu tư phát triển", "Chi thường xuyên", "Chi trả nợ lãi", "Chi bổ sung quỹ dự trữ tài chính",
                  "Dự phòng ngân sách", "Chi tạo nguồn cải cách tiền lương", "Chi các chương trình mục tiêu quốc gia"]
REVENUE_ITEMS = ["Thu từ doanh nghiệp nhà nước", "Thu từ khu vực ngoài quốc doanh", "Thuế thu nhập cá nhân",
                 "Lệ phí trước bạ", "Thu phí, lệ phí", "Thuế sử dụng đất phi nông nghiệp", "Thu tiền sử dụng đất",
                 "Thu tiền thuê đất", "Thu từ xổ số kiến thiết", "Thu khác ngân sách", "Thuế bảo vệ môi trường"]
STAGE_LABELS = {"estimate": "dự toán", "execution": "tình hình thực hiện dự toán", "settlement": "quyết toán"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
DOSSIER_HEADER = ["period", "unit", "received", "resolved_early", "resolved_on_time", "resolved_late",
                  "pending", "online", "satisfaction"]


def vn_tenths(v: int) -> str:
    """An amount in tenths, Vietnamese style: 12345 -> 1.234,5 (exact, no float)."""
    return f"{vn_int(v // 10)},{v % 10}"


def iso_date(d: dt.date) -> str:
    return d.strftime("%Y-%m-%d")


def vn_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def rand_date(r: random.Random) -> dt.date:
    return BASE_DATE + dt.timedelta(days=r.randrange(DATE_SPAN_DAYS))


def proc_head(seed: int, i: int):
    """(field, title, code, slug) of procedure item i: cheap, used for the URL index."""
    r = random.Random(f"proc:{seed}:{i}")
    field = r.choice(PROC_FIELD_NAMES)
    title = r.choice(PROC_FIELDS[field]) + r.choice(PROC_VARIANTS)
    code = f"{1 + i % 3}.{i:06d}"
    return field, title, code, f"{slugify(title)}-{code.replace('.', '-')}"


def budget_head(seed: int, i: int):
    r = random.Random(f"budget:{seed}:{i}")
    stage = r.choice(list(STAGE_LABELS))
    year = 2016 + r.randrange(9)
    prov = r.choice(PROVINCES)
    unit = r.choice(["tỉnh", "huyện", "xã", "phường", "thị xã"])
    place = r.choice(PLACE_NAMES)
    title = f"Công khai {STAGE_LABELS[stage]} ngân sách {unit} {place} ({prov}) năm {year}"
    return r, stage, year, title, f"ngan-sach-{i:06d}"


def stats_head(seed: int, i: int):
    r = random.Random(f"stats:{seed}:{i}")
    generic = (i // 100) % 4 == 3
    agency = r.choice(AGENCIES)
    prov = r.choice(PROVINCES)
    if generic:
        title = f"Dân số, số hộ theo đơn vị hành chính của {r.choice(LOCAL_UNITS)} {r.choice(PLACE_NAMES)} ({prov})"
    else:
        title = f"Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính của {agency} {prov}"
    return r, generic, title, f"thong-ke-{i:06d}"


class Layout:
    """Where every item goes and what it is called: the URL index the news links point into."""

    def __init__(self, seed: int, n: int):
        self.seed, self.n = seed, n
        self.proc_dir: dict[int, str] = {}
        self.proc_sections: dict[str, str] = {}  # dir -> field
        per_field: dict[str, int] = {}
        for i in range(n):
            if item_kind(i) != "procedure":
                continue
            field, _title, _code, _slug = proc_head(seed, i)
            k = per_field.get(field, 0)
            per_field[field] = k + 1
            part = k // CATALOG_MAX_ROWS
            d = slugify(field) + (f"-{part + 1}" if part else "")
            self.proc_dir[i] = d
            self.proc_sections[d] = field

    def target(self, j: int) -> tuple[str, str]:
        kind = item_kind(j)
        if kind == "news":
            return f"/news/{slug(j)}/", page_title(self.seed, j)
        if kind == "procedure":
            _field, title, _code, s = proc_head(self.seed, j)
            return f"/thu-tuc-hanh-chinh/{self.proc_dir[j]}/{s}/", title
        if kind == "budget":
            _r, _stage, _year, title, s = budget_head(self.seed, j)
            return f"/cong-khai-ngan-sach/{s}/", title
        _r, _generic, title, s = stats_head(self.seed, j)
        return f"/thong-ke/{s}/", title


# -- procedures ---------------------------------------------------------------
def procedure_record(seed: int, i: int) -> dict:
    """One procedure as catalog cells (the column names of the content model)."""
    field, title, code, slg = proc_head(seed, i)
    p = Page(seed, i)
    r = p.rng
    level = sorted(r.sample(PROC_LEVELS, r.randint(1, 2)), key=PROC_LEVELS.index)
    audience = sorted(r.sample(["citizen", "business", "organization"], r.randint(1, 2)))
    channels = ["in_person"] + [c for c in ("online", "postal") if r.random() < 0.6]
    online = r.choice(["full", "partial"]) if "online" in channels else "none"
    days = r.randint(1, 30)
    fee = 0 if r.random() < 0.4 else r.randrange(1, 100) * 5_000
    y = p.year
    steps = "\n".join(f"{k}. {p.fill(s)}." for k, s in enumerate(r.sample(STEPS, r.randint(4, 7)), 1))
    docs = "\n".join(f"- {p.fill(r.choice(DOC_ITEMS))}: {r.choice(COPIES)}." for _ in range(r.randint(3, 7)))
    conditions = p.paragraph(1, 2) if r.random() < 0.5 else ""
    legal = []
    for _ in range(r.randint(1, 4)):
        typ, suffix = r.choice(LEGAL_TYPES)
        ly = r.randrange(2010, y + 1)
        legal.append(f"{typ} số {r.randrange(1, 400)}/{ly}/{suffix} ngày {r.randrange(1, 29)}/{r.randrange(1, 13)}/{ly} "
                     f"của {r.choice(AGENCIES)} về {r.choice(OBJECTS)}")
    forms = []
    if r.random() < 0.3:
        for k in sorted(r.sample(range(1, FORMS_PER_SECTION + 1), r.randint(1, 2))):
            forms.append(f"{FORM_TITLES[k % len(FORM_TITLES)]} mẫu số {k:02d}|bieu-mau/mau-{k:02d}.docx")
    effective = dt.date(y, 1, 1) + dt.timedelta(days=r.randrange(365))
    repealed = iso_date(effective + dt.timedelta(days=r.randrange(30, 900))) if r.random() < 0.03 else ""
    return {
        "code": code, "title": title, "slug": slg, "field": field, "level": ";".join(level),
        "agency": f"{r.choice(AGENCIES)} {p.province}", "audience": ";".join(audience),
        "channels": ";".join(channels), "online": online,
        "online_url": f"https://dichvucong.gov.vn/thu-tuc?ma={code}" if online != "none" else "",
        "processing_time": f"{days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "processing_days": str(days),
        "fees": "Miễn phí" if fee == 0 else f"{vn_int(fee)} đồng/hồ sơ", "fee_amount": str(fee),
        "result": f"{r.choice(PROC_RESULTS)} (bản giấy hoặc bản điện tử)",
        "steps": steps, "documents": docs, "conditions": conditions, "legal_basis": ";".join(legal),
        "forms": ";".join(forms), "effective": iso_date(effective), "repealed": repealed,
    }


CATALOG_COLUMNS = ["code", "title", "slug", "field", "level", "agency", "audience", "channels", "online", "online_url",
                   "processing_time", "processing_days", "fees", "fee_amount", "result", "steps", "documents",
                   "conditions", "legal_basis", "forms", "effective", "repealed"]
VN_LABEL = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã", "citizen": "công dân",
            "business": "doanh nghiệp", "organization": "tổ chức", "in_person": "trực tiếp", "online": "trực tuyến",
            "postal": "bưu chính", "full": "toàn trình", "partial": "một phần", "none": "không"}


def procedure_markdown(rec: dict) -> str:
    """The same procedure as a Markdown page body (Hugo, Zola)."""
    lab = lambda v: ", ".join(VN_LABEL.get(x, x) for x in v.split(";") if x)
    facts = [("Mã thủ tục", rec["code"]), ("Lĩnh vực", rec["field"]), ("Cấp thực hiện", lab(rec["level"])),
             ("Cơ quan thực hiện", rec["agency"]), ("Đối tượng", lab(rec["audience"])),
             ("Cách thức thực hiện", lab(rec["channels"])), ("Dịch vụ công trực tuyến", lab(rec["online"])),
             ("Thời hạn giải quyết", rec["processing_time"]), ("Phí, lệ phí", rec["fees"]),
             ("Kết quả", rec["result"]), ("Ngày hiệu lực", rec["effective"])]
    out = ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in facts]
    out = ["\n".join(out), "## Trình tự thực hiện", rec["steps"], "## Thành phần hồ sơ", rec["documents"]]
    if rec["conditions"]:
        out += ["## Yêu cầu, điều kiện", rec["conditions"]]
    out += ["## Căn cứ pháp lý", "\n".join(f"- {x}" for x in rec["legal_basis"].split(";"))]
    if rec["forms"]:
        out += ["## Mẫu đơn, tờ khai", "\n".join(f"- {f.split('|')[0]}" for f in rec["forms"].split(";"))]
    return "\n\n".join(out) + "\n"


# -- budget -------------------------------------------------------------------
def budget_record(seed: int, i: int) -> dict:
    """A budget disclosure: metadata and a hierarchical table (amounts in tenths of a million
    đồng) where every parent is exactly the sum of its children."""
    r, stage, year, title, s = budget_head(seed, i)
    rows: list[list] = []  # [code, name, plan, done]
    side = "A"

    def leaf() -> tuple[int, int]:
        plan = r.randrange(50, 500_000)
        return plan, int(plan * r.uniform(0.5, 1.15))

    def node(code: str, name: str, depth: int, arabic: str) -> tuple[int, int]:
        row = [code, name, 0, 0]
        rows.append(row)
        if depth == 1:
            kids = [(ROMAN[k], r.choice(REVENUE_GROUPS if code == "A" else EXPENSE_GROUPS), str(k + 1))
                    for k in range(r.randint(3, 6))]
        elif depth == 2:
            names = REVENUE_ITEMS if side == "A" else BUDGET_ITEMS + [f"Chi sự nghiệp {f}" for f in FIELDS[:6]]
            kids = [(str(k + 1), r.choice(names), str(k + 1))
                    for k in range(r.randint(3, 8))]
        elif depth == 3:
            kids = [] if r.random() < 0.4 else [
                (f"{arabic}.{k + 1}", f"{r.choice(AGENCIES)} {r.choice(PLACE_NAMES)}", arabic)
                for k in range(r.randint(2, 6))]
        elif depth == 4:
            kids = [] if r.random() < 0.85 else [
                ("abcdefgh"[k], f"Kinh phí {r.choice(OBJECTS)}", arabic) for k in range(r.randint(2, 3))]
        else:
            kids = []
        if not kids:
            row[2], row[3] = leaf()
        else:
            for kc, kn, ka in kids:
                pl, dn = node(kc, kn, depth + 1, ka)
                row[2] += pl
                row[3] += dn
        return row[2], row[3]

    node("A", "Tổng thu ngân sách", 1, "")
    side = "B"
    node("B", "Tổng chi ngân sách", 1, "")
    done_label = {"estimate": "Ước thực hiện", "execution": "Thực hiện", "settlement": "Quyết toán"}[stage]
    header = ["STT", "Nội dung", f"Dự toán năm {year}", f"{done_label} năm {year}", "So sánh (%)"]
    table = [[c, n, vn_tenths(pl), vn_tenths(dn), vn_tenths(dn * 1000 // pl)] for c, n, pl, dn in rows]
    d = dt.date(year, 1, 1) + dt.timedelta(days=r.randrange(360))
    unit_place = title.split("ngân sách ", 1)[1].rsplit(" năm", 1)[0]
    return {
        "slug": s, "title": title, "stage": stage, "year": year, "date": d, "header": header, "rows": table,
        "form": f"Biểu số {r.choice([117, 118, 119, 83, 84, 96])}/CK-NSNN",
        "period": r.choice(["6 tháng đầu năm", "9 tháng đầu năm", "Quý I", "Quý III"]) if stage == "execution" else "",
        "decision": f"Quyết định số {r.randrange(1, 900)}/QĐ-UBND ngày {vn_date(d)} của Ủy ban nhân dân {unit_place} "
                    f"về việc công bố công khai {STAGE_LABELS[stage]} ngân sách năm {year}",
        "summary": f"Số liệu {STAGE_LABELS[stage]} thu, chi ngân sách {unit_place} năm {year}: tổng thu "
                   f"{vn_tenths(rows[0][2])} triệu đồng, {len(rows)} dòng chi tiết.",
    }


# -- statistics ---------------------------------------------------------------
def stats_record(seed: int, i: int) -> dict:
    r, generic, title, s = stats_head(seed, i)
    y0 = 2016 + r.randrange(7)
    d = dt.date(y0 + 2, 1, 1) + dt.timedelta(days=r.randrange(360))
    if generic:
        header = ["Đơn vị", "Số hộ", "Dân số", "Diện tích (km²)"]
        rows = []
        for k in range(r.randint(8, 40)):
            households = r.randrange(300, 9_000)
            rows.append([f"Khu phố {k + 1}", str(households), str(int(households * r.uniform(3.2, 4.6))),
                         f"{r.uniform(0.2, 12):.2f}"])
        return {"slug": s, "title": title, "date": d, "header": header, "rows": rows, "generic": True,
                "unit": "người", "summary": f"Số hộ, dân số và diện tích của {len(rows)} khu phố."}
    units = r.sample(AGENCIES, r.randint(3, 8))
    mode = r.choice(["quarter", "quarter", "month", "year"])
    if mode == "quarter":
        periods = [f"{y}-Q{q}" for y in range(y0, y0 + r.randint(2, 4)) for q in range(1, 5)]
    elif mode == "month":
        periods = [f"{y}-{m:02d}" for y in range(y0, y0 + r.randint(1, 2)) for m in range(1, 13)]
    else:
        periods = [str(y) for y in range(y0 - r.randint(3, 6), y0 + 1)]
    rows = []
    for per in periods:
        for u in units:
            received = r.randrange(50, 5_000)
            pending = int(received * r.uniform(0.02, 0.1))
            late = int(received * r.uniform(0, 0.03))
            early = int((received - pending - late) * r.uniform(0.25, 0.55))
            on_time = received - pending - late - early  # received = early + on_time + late + pending
            online = int(received * r.uniform(0.3, 0.95))
            rows.append([per, u, str(received), str(early), str(on_time), str(late), str(pending), str(online),
                         f"{r.uniform(85, 99.9):.1f}"])
    return {"slug": s, "title": title, "date": d, "header": DOSSIER_HEADER, "rows": rows, "generic": False,
            "unit": "hồ sơ",
            "summary": f"Số hồ sơ tiếp nhận, giải quyết trước hạn, đúng hạn, trễ hạn và đang giải quyết của "
                       f"{len(units)} đơn vị qua {len(periods)} kỳ báo cáo."}


def pipe_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows]
    return "\n".join(out)


def stats_markdown(rec: dict) -> str:
    if rec["generic"]:
        return f"{rec['summary']}\n\n{pipe_table(rec['header'], rec['rows'])}\n"
    # the rates minhbach derives, written out for the peers
    header = ["Kỳ", "Đơn vị", "Tiếp nhận", "Trước hạn", "Đúng hạn", "Trễ hạn", "Đang giải quyết", "Trực tuyến",
              "Hài lòng (%)", "Đã giải quyết", "Đúng hạn (%)"]
    rows = []
    for per, u, rec_, e, o, l, p_, onl, sat in rec["rows"]:
        resolved = int(e) + int(o) + int(l)
        rows.append([per, u, rec_, e, o, l, p_, onl, sat, str(resolved),
                     vn_dec(100 * (int(e) + int(o)) / resolved) if resolved else "-"])
    return f"{rec['summary']}\n\n{pipe_table(header, rows)}\n"


# --------------------------------------------------------------------------
# Writing the sites
# --------------------------------------------------------------------------
def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def front(title: str, date: str, desc: str, extra: str = "") -> str:
    """YAML front matter for Hugo and Zola pages."""
    return f"---\ntitle: {yq(title)}\ndate: {date}\ndescription: {yq(desc)}\n{extra}---\n\n"


def news_file(seed: int, i: int, n_total: int, fmt: str, target_of) -> str:
    p = Page(seed, i)
    title = page_title(seed, i)
    cats, tags = p.meta()
    desc = p.sentence()
    date = p.date.strftime("%Y-%m-%dT%H:%M:00+07:00")
    body = body_markdown(p, seed, n_total, target_of)
    if fmt == "minhbach":
        # byline from its own stream: the text stays the shared generator's
        m = random.Random(f"meta:{seed}:{i}")
        author = f"\nauthor: {yq(m.choice(FAMILY) + ' ' + m.choice(MIDDLE) + ' ' + m.choice(GIVEN))}" if m.random() < 0.5 else ""
        fm = (f"---\ntitle: {yq(title)}\ndate: {date}\nsummary: {yq(desc)}\n"
              f"category: {yq(cats[0])}\ntags: {yl(tags)}{author}\n---\n\n")
    elif fmt == "hugo":
        fm = (f"---\ntitle: {yq(title)}\ndate: {date}\ndescription: {yq(desc)}\n"
              f"categories: {yl(cats)}\ntags: {yl(tags)}\n---\n\n")
    else:
        fm = (f"---\ntitle: {yq(title)}\ndate: {date}\ndescription: {yq(desc)}\n"
              f"taxonomies:\n  categories: {yl(cats)}\nextra:\n  tags: {yl(tags)}\n---\n\n")
    return fm + body


def page_file(seed: int, i: int, n_total: int, fmt: str) -> str:
    """The shared generator's all-news page i (kept for compatibility)."""
    return news_file(seed, i, n_total, fmt, None)


# --------------------------------------------------------------------------
# Minimal themes
# --------------------------------------------------------------------------
SITE_TITLE = "Cổng thông tin điện tử (bộ dữ liệu thử nghiệm)"
BASE_URL = "https://example.gov.vn"

HUGO_FILES = {
    "config.toml": f'''baseURL = "{BASE_URL}/"
languageCode = "vi"
defaultContentLanguage = "vi"
title = "{SITE_TITLE}"
paginate = 20
disableKinds = ["RSS"]
removePathAccents = true
enableRobotsTXT = true
[taxonomies]
  category = "categories"
''',
    "content/news/_index.md": '---\ntitle: "Tin tức"\n---\n',
    "layouts/_default/baseof.html": '''<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
</head>
<body>
<header><a href="{{ site.BaseURL }}">{{ site.Title }}</a>
<nav><a href="/news/">Tin tức</a> <a href="/categories/">Chuyên mục</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>Cổng thông tin điện tử — dữ liệu tổng hợp phục vụ đo hiệu năng</footer>
</body>
</html>
''',
    "layouts/_default/single.html": '''{{ define "title" }}{{ .Title }} | {{ site.Title }}{{ end }}
{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "02/01/2006" }}</time>
{{- with .GetTerms "categories" }} · {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.Permalink }}">{{ $t.LinkTitle }}</a>{{ end }}{{ end }}</p>
{{ with .Params.tags }}<p class="tags">Từ khóa: {{ range $i, $t := . }}{{ if $i }}, {{ end }}<span>{{ $t }}</span>{{ end }}</p>{{ end }}
{{ .Content }}
</article>
<nav class="prevnext">{{ with .NextInSection }}<a href="{{ .Permalink }}">← {{ .Title }}</a>{{ end }} {{ with .PrevInSection }}<a href="{{ .Permalink }}">{{ .Title }} →</a>{{ end }}</nav>
{{ end }}
''',
    "layouts/_default/list.html": '''{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="list">
{{ range .Paginator.Pages }}<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02/01/2006" }}</time><p>{{ .Description }}</p></li>
{{ end }}</ul>
{{ with .Paginator }}<nav class="pager">{{ with .Prev }}<a href="{{ .URL }}">← Trang trước</a>{{ end }} Trang {{ .PageNumber }}/{{ .TotalPages }} {{ with .Next }}<a href="{{ .URL }}">Trang sau →</a>{{ end }}</nav>{{ end }}
{{ end }}
''',
    "layouts/_default/terms.html": '''{{ define "main" }}
<h1>Chuyên mục</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.Permalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
''',
    "layouts/index.html": '''{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul class="list">{{ range first 20 (where site.RegularPages "Section" "news") }}<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02/01/2006" }}</time></li>
{{ end }}</ul>
<p><a href="/news/">Tất cả tin tức</a></p>
{{ end }}
''',
}

ZOLA_FILES = {
    "config.toml": f'''base_url = "{BASE_URL}"
title = "{SITE_TITLE}"
default_language = "vi"
compile_sass = false
build_search_index = false
generate_feeds = false
taxonomies = [
  {{ name = "categories", paginate_by = 20 }},
]
''',
    "content/_index.md": '+++\ntitle = "Trang chủ"\n+++\n',
    "content/news/_index.md": '+++\ntitle = "Tin tức"\nsort_by = "date"\npaginate_by = 20\n+++\n',
    "templates/base.html": '''<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
</head>
<body>
<header><a href="{{ config.base_url }}/">{{ config.title }}</a>
<nav><a href="/news/">Tin tức</a> <a href="/categories/">Chuyên mục</a></nav></header>
<main>{% block content %}{% endblock content %}</main>
<footer>Cổng thông tin điện tử — dữ liệu tổng hợp phục vụ đo hiệu năng</footer>
</body>
</html>
''',
    "templates/page.html": '''{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block content %}
<article data-pagefind-body>
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date }}">{{ page.date | date(format="%d/%m/%Y") }}</time>
{%- if page.taxonomies.categories %} · {% for c in page.taxonomies.categories %}{% if not loop.first %}, {% endif %}<a href="{{ get_taxonomy_url(kind="categories", name=c) }}">{{ c }}</a>{% endfor %}{% endif %}</p>
{% if page.extra.tags %}<p class="tags">Từ khóa: {% for t in page.extra.tags %}{% if not loop.first %}, {% endif %}<span>{{ t }}</span>{% endfor %}</p>{% endif %}
{{ page.content | safe }}
</article>
<nav class="prevnext">{% if page.lower %}<a href="{{ page.lower.permalink }}">← {{ page.lower.title }}</a>{% endif %} {% if page.higher %}<a href="{{ page.higher.permalink }}">{{ page.higher.title }} →</a>{% endif %}</nav>
{% endblock content %}
''',
    "templates/section.html": '''{% extends "base.html" %}
{% block content %}
<h1>{{ section.title }}</h1>
<ul class="list">
{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time>{{ p.date | date(format="%d/%m/%Y") }}</time><p>{{ p.description }}</p></li>
{% endfor %}</ul>
<nav class="pager">{% if paginator.previous %}<a href="{{ paginator.previous }}">← Trang trước</a>{% endif %} Trang {{ paginator.current_index }}/{{ paginator.number_pagers }} {% if paginator.next %}<a href="{{ paginator.next }}">Trang sau →</a>{% endif %}</nav>
{% endblock content %}
''',
    "templates/index.html": '''{% extends "base.html" %}
{% block content %}
<h1>{{ config.title }}</h1>
{% set news = get_section(path="news/_index.md") %}
<ul class="list">{% for p in news.pages | slice(end=20) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time>{{ p.date | date(format="%d/%m/%Y") }}</time></li>
{% endfor %}</ul>
<p><a href="/news/">Tất cả tin tức</a></p>
{% endblock content %}
''',
    "templates/taxonomy_list.html": '''{% extends "base.html" %}
{% block content %}
<h1>Chuyên mục</h1>
<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.page_count }})</li>
{% endfor %}</ul>
{% endblock content %}
''',
    "templates/taxonomy_single.html": '''{% extends "base.html" %}
{% block content %}
<h1>{{ term.name }}</h1>
<ul class="list">
{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time>{{ p.date | date(format="%d/%m/%Y") }}</time><p>{{ p.description }}</p></li>
{% endfor %}</ul>
<nav class="pager">{% if paginator.previous %}<a href="{{ paginator.previous }}">← Trang trước</a>{% endif %} Trang {{ paginator.current_index }}/{{ paginator.number_pagers }} {% if paginator.next %}<a href="{{ paginator.next }}">Trang sau →</a>{% endif %}</nav>
{% endblock content %}
''',
}


OUR_SITE_YAML = f'''title: "{SITE_TITLE}"
base_url: "{BASE_URL}/"
language: vi
organization:
  name: "Văn phòng Ủy ban nhân dân tỉnh (dữ liệu thử nghiệm)"
  address: "Số 1 đường Trần Hưng Đạo, phường Hòa Khánh"
  phone: "0203 3835 123"
  email: "vanphong@example.gov.vn"
  working_hours: "Thứ Hai đến Thứ Sáu, 7 giờ 30 - 17 giờ 00"
menu:
  - {{ title: "Trang chủ", url: "/" }}
  - {{ title: "Tin tức", section: news }}
  - {{ title: "Thủ tục hành chính", section: thu-tuc-hanh-chinh }}
  - {{ title: "Công khai ngân sách", section: cong-khai-ngan-sach }}
  - {{ title: "Thống kê", section: thong-ke }}
search:
  enabled: true
privacy:
  pii_check: error
'''
OUR_FILES = {
    "site.yaml": OUR_SITE_YAML,
    "content/news/_section.yaml": 'kind: news\ntitle: "Tin tức"\nper_page: 20\nsort: date_desc\n',
    "content/thu-tuc-hanh-chinh/_section.yaml": 'kind: procedures\ntitle: "Thủ tục hành chính"\nper_page: 20\nsort: title\n',
    "content/cong-khai-ngan-sach/_section.yaml": 'kind: budget\ntitle: "Công khai ngân sách"\nper_page: 20\nsort: date_desc\n',
    "content/thong-ke/_section.yaml": 'kind: statistics\ntitle: "Thống kê"\nper_page: 20\nsort: date_desc\n',
}
# Section pages the peers need for the same URL tree (Hugo: _index.md makes a folder a section).
PEER_SECTIONS = {"thu-tuc-hanh-chinh": "Thủ tục hành chính", "cong-khai-ngan-sach": "Công khai ngân sách",
                 "thong-ke": "Thống kê"}


def section_index(fmt: str, title: str) -> str:
    if fmt == "zola":
        return f'+++\ntitle = "{title}"\nsort_by = "date"\npaginate_by = 20\n+++\n'
    return f'---\ntitle: {yq(title)}\n---\n'


def write(path: str, text: str):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


class Writer:
    """One output site; counts what it writes."""

    def __init__(self, root: str, fmt: str):
        self.root, self.fmt = root, fmt
        self.bytes = 0
        self.files = 0
        if os.path.exists(root):
            shutil.rmtree(root)
        base = {"hugo": HUGO_FILES, "zola": ZOLA_FILES, "minhbach": OUR_FILES}[fmt]
        for rel, text in base.items():
            self.put(rel, text)
        os.makedirs(os.path.join(root, "content", "news"), exist_ok=True)

    def put(self, rel: str, text: str):
        write(os.path.join(self.root, rel), text)
        self.bytes += len(text.encode("utf-8"))
        self.files += 1

    def put_bytes(self, rel: str, data: bytes):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1


def fake_docx(title: str) -> bytes:
    """A small stand-in for a form file (the generator copies it; its content does not matter)."""
    return ("PK\x03\x04 " + title + "\n").encode("utf-8") + bytes(range(256)) * 16


def generate(seed: int, n: int, outs: dict[str, str]) -> dict:
    """Writes the corpus in every format of `outs` (format -> site root) in one pass."""
    layout = Layout(seed, n)
    writers = {fmt: Writer(root, fmt) for fmt, root in outs.items()}
    target = layout.target
    catalogs: dict[str, list[list[str]]] = {d: [] for d in layout.proc_sections}
    counts = {"news": 0, "procedure": 0, "budget": 0, "statistics": 0}
    words = 0
    peers = [w for f, w in writers.items() if f != "minhbach"]
    for w in peers:
        for d, title in PEER_SECTIONS.items():
            w.put(f"content/{d}/_index.md", section_index(w.fmt, title))
        for d, field in layout.proc_sections.items():
            w.put(f"content/thu-tuc-hanh-chinh/{d}/_index.md", section_index(w.fmt, f"Thủ tục lĩnh vực {field}"))
    for i in range(n):
        kind = item_kind(i)
        counts[kind] += 1
        if kind == "news":
            for fmt, w in writers.items():
                text = news_file(seed, i, n, fmt, target)
                w.put(f"content/news/{slug(i)}.md", text)
            words += count_words(text.split("---\n", 2)[2])
        elif kind == "procedure":
            rec = procedure_record(seed, i)
            d = layout.proc_dir[i]
            catalogs[d].append([rec[c] for c in CATALOG_COLUMNS])
            desc = f"Thủ tục {rec['title'].lower()}, lĩnh vực {rec['field']}, mã {rec['code']}."
            for w in peers:
                w.put(f"content/thu-tuc-hanh-chinh/{d}/{rec['slug']}.md",
                      front(rec["title"], rec["effective"], desc) + procedure_markdown(rec))
        elif kind == "budget":
            rec = budget_record(seed, i)
            s = rec["slug"]
            if "minhbach" in writers:
                period = f"period: {yq(rec['period'])}\n" if rec["period"] else ""
                writers["minhbach"].put(f"content/cong-khai-ngan-sach/{s}.yaml", (
                    f"title: {yq(rec['title'])}\nform: {yq(rec['form'])}\nfiscal_year: {rec['year']}\n"
                    f"stage: {rec['stage']}\n{period}unit: \"triệu đồng\"\ndecision: {yq(rec['decision'])}\n"
                    f"date: {iso_date(rec['date'])}\ntable: {s}.csv\nsummary: {yq(rec['summary'])}\n"
                    f"tags: [\"ngân sách\", {yq(STAGE_LABELS[rec['stage']])}]\n"))
                writers["minhbach"].put(f"content/cong-khai-ngan-sach/{s}.csv", csv_text(rec["header"], rec["rows"]))
            for w in peers:
                body = (f"{rec['form']}. {rec['decision']}.\n\nĐơn vị tính: triệu đồng.\n\n"
                        f"{pipe_table(rec['header'], rec['rows'])}\n")
                w.put(f"content/cong-khai-ngan-sach/{s}.md", front(rec["title"], iso_date(rec["date"]), rec["summary"]) + body)
        else:
            rec = stats_record(seed, i)
            s = rec["slug"]
            if "minhbach" in writers:
                chart = ('chart: {type: bar, x: "Đơn vị", y: ["Dân số"]}\n' if rec["generic"] else "")
                writers["minhbach"].put(f"content/thong-ke/{s}.yaml", (
                    f"title: {yq(rec['title'])}\ndate: {iso_date(rec['date'])}\ntable: {s}.csv\n"
                    f"unit: {yq(rec['unit'])}\n{chart}summary: {yq(rec['summary'])}\n"
                    f"tags: [\"thống kê\", \"cải cách hành chính\"]\n"))
                writers["minhbach"].put(f"content/thong-ke/{s}.csv", csv_text(rec["header"], rec["rows"]))
            for w in peers:
                w.put(f"content/thong-ke/{s}.md", front(rec["title"], iso_date(rec["date"]), rec["summary"]) + stats_markdown(rec))
    if "minhbach" in writers:
        w = writers["minhbach"]
        for d, rows in catalogs.items():
            field = layout.proc_sections[d]
            part = d.rsplit("-", 1)[1] if d != slugify(field) else ""
            title = f"Thủ tục lĩnh vực {field}" + (f" (phần {part})" if part else "")
            w.put(f"content/thu-tuc-hanh-chinh/{d}/_section.yaml",
                  f"kind: procedures\ntitle: {yq(title)}\ncatalog: danh-muc.csv\nper_page: 20\nsort: title\n")
            w.put(f"content/thu-tuc-hanh-chinh/{d}/danh-muc.csv", csv_text(CATALOG_COLUMNS, rows))
            for k in range(1, FORMS_PER_SECTION + 1):
                w.put_bytes(f"content/thu-tuc-hanh-chinh/{d}/bieu-mau/mau-{k:02d}.docx",
                            fake_docx(f"{FORM_TITLES[k % len(FORM_TITLES)]} mẫu số {k:02d}"))
    return {"counts": counts, "news_words": words, "catalogs": {d: len(r) for d, r in catalogs.items()},
            "writers": {f: (w.files, w.bytes) for f, w in writers.items()}}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of items in total")
    ap.add_argument("--out", required=True,
                    help="site root to create (replaced if it exists); with several formats, a folder "
                         "that gets one sub-folder per format")
    ap.add_argument("--format", required=True,
                    help="hugo, zola or minhbach, or several separated by commas (generated in one pass)")
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args(argv)
    if a.n < 2:
        ap.error("--n must be >= 2")
    fmts = [f.strip() for f in a.format.split(",") if f.strip()]
    for f in fmts:
        if f not in ("hugo", "zola", "minhbach"):
            ap.error(f"unknown format {f!r}")
    outs = {fmts[0]: a.out} if len(fmts) == 1 else {f: os.path.join(a.out, f) for f in fmts}
    info = generate(a.seed, a.n, outs)
    c = info["counts"]
    print(f"{a.n} items: {c['news']} news ({info['news_words']} words, avg {info['news_words'] // max(1, c['news'])}), "
          f"{c['procedure']} procedures in {len(info['catalogs'])} catalogs "
          f"(largest {max(info['catalogs'].values(), default=0)} rows), {c['budget']} budget tables, "
          f"{c['statistics']} statistics tables", file=sys.stderr)
    for f, (files, nbytes) in info["writers"].items():
        print(f"  {f}: {files} files, {nbytes} bytes -> {outs[f]}", file=sys.stderr)


if __name__ == "__main__":
    main()
