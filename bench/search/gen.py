#!/usr/bin/env python3
"""Synthetic Vietnamese district portal with planted relevance, for the search benchmark.

    python3 bench/search/gen.py --pages 10000 --out /tmp/portal [--seed 20261122]

Writes a minhbach site (`site.yaml`, `content/...`) of exactly N items — news, a procedure
catalog (CSV with fields, levels, agencies), documents, inspection conclusions, complaint
decisions, procurement, budget disclosures (YAML + CSV), statistics and pages — and
`qrels.json`: for each query of QUERIES (written below, by class) the pages relevant to it,
with a grade decided by the generator.

How relevance is decided. Each query has one or more *topics* (what the citizen wants:
"đăng ký khai sinh", "sổ đỏ", …). The generator plants topics in pages and records the grade:

  3  the page is about the topic (its title was made from the topic's templates, e.g. the
     procedure "Đăng ký lại khai sinh", the news "Hướng dẫn đăng ký tạm trú cho người thuê trọ");
  2  the topic is a substantial part of the page (planted in the summary, planted twice in the
     body, a closely related procedure such as "Tách hộ" for "hộ khẩu", every procedure of the
     field "Đất đai" for "đất đai");
  1  the page mentions the topic once in passing.

Then every page is scanned for each topic's *evidence* phrases (exact spelling, lower case,
with the variant spellings the topic lists: "đăng kí", "hoà", "lí lịch"): evidence in the
title gives 3, in the summary or twice in the body 2, once 1. A page's grade is the maximum of
the planted and scanned grades, so the qrels agree with the text even where a filler sentence or
a legal basis happens to name a topic. Pages that only hold the words of a query apart
("tạm ứng … cư trú" for "tạm trú") are not relevant; the generator plants many of them.

Deterministic: the same --pages and --seed give byte-identical files. No personal data: no
phone-like or ID-like numbers (the minhbach build must report zero errors).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field

SEED = 20261122

# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return nfc(s.replace("đ", "d"))


def slugify(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(s: str) -> list[str]:
    return WORD.findall(fold(s))


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def yq(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(nfc(s), ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# The district
# ---------------------------------------------------------------------------------------------

DISTRICT = "quận Hòa Bình"
WARDS = [
    "An Khánh", "Tân Định", "Hòa Khánh", "Bến Nghé", "Ngọc Hà", "Tràng Tiền", "Phước Long",
    "Tân Phú", "Bình An", "Thạnh Mỹ", "Long Bình", "Phú Hữu", "Thảo Điền", "An Phú",
    "Bình Trưng", "Cát Lái", "Thạnh Lộc", "Đông Hưng",
]
UNITS = [f"phường {w}" for w in WARDS]
DISTRICT_AGENCIES = [
    "Ủy ban nhân dân quận Hòa Bình",
    "Phòng Tư pháp quận Hòa Bình",
    "Phòng Tài nguyên và Môi trường quận Hòa Bình",
    "Phòng Quản lý đô thị quận Hòa Bình",
    "Phòng Lao động - Thương binh và Xã hội quận Hòa Bình",
    "Phòng Tài chính - Kế hoạch quận Hòa Bình",
    "Phòng Văn hóa và Thông tin quận Hòa Bình",
    "Phòng Giáo dục và Đào tạo quận Hòa Bình",
    "Phòng Y tế quận Hòa Bình",
    "Công an quận Hòa Bình",
    "Thanh tra quận Hòa Bình",
    "Chi cục Thuế quận Hòa Bình",
]
WARD_AGENCIES = [f"Ủy ban nhân dân {u}" for u in UNITS]
PLACES = [f"khu phố {i}" for i in range(1, 13)] + ["chợ Bình An", "hẻm 45", "đường Trần Khánh Dư",
                                                   "đường Nguyễn Văn Hưởng", "công viên Thạnh Mỹ"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Đức", "Ngọc", "Xuân", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Mai", "Nam",
         "Phong", "Quân", "Tâm", "Thảo", "Trâm", "Tuấn", "Vy", "Yến"]
POSITIONS = ["Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng", "Trưởng phòng", "Chánh Thanh tra"]
YEARS = list(range(2019, 2027))


# ---------------------------------------------------------------------------------------------
# Topics: what queries look for. Evidence phrases are matched exactly (lower case, NFC).
# ---------------------------------------------------------------------------------------------


@dataclass
class Topic:
    id: str
    evidence: list[str]
    # Procedure bases: (title, field, grade). Grade 3 = about, 2 = closely related, 1 = touches.
    procedures: list[tuple[str, str, int]] = field(default_factory=list)
    news: list[str] = field(default_factory=list)  # about-templates for news titles
    docs: list[tuple[str, str]] = field(default_factory=list)  # (doc_type, trích yếu template)
    mentions: list[str] = field(default_factory=list)  # sentences that mention the topic
    summary: list[str] = field(default_factory=list)  # summary templates for about pages
    section: str = ""  # a paragraph for about pages (news, documents)
    regex: str | None = None  # extra evidence, a regular expression on lower-case text
    field_grade: tuple[str, int] | None = None  # every procedure of this field gets this grade


TOPICS: list[Topic] = [
    Topic(
        "khai_sinh", ["đăng ký khai sinh", "đăng kí khai sinh"],
        procedures=[
            ("Đăng ký khai sinh", "Hộ tịch", 3),
            ("Đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch", 3),
            ("Đăng ký lại khai sinh", "Hộ tịch", 3),
            ("Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", "Hộ tịch", 3),
            ("Đăng ký khai sinh lưu động", "Hộ tịch", 3),
            ("Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Hộ tịch", 3),
        ],
        news=[
            "Hướng dẫn đăng ký khai sinh trực tuyến tại {unit}",
            "{Unit} đẩy mạnh đăng ký khai sinh đúng hạn cho trẻ em",
            "Cha mẹ có thể đăng kí khai sinh cho con ngay tại nhà qua Cổng dịch vụ công",
            "Những lỗi thường gặp khi đăng ký khai sinh cho trẻ và cách khắc phục",
        ],
        docs=[("Kế hoạch", "tăng cường đăng ký khai sinh, khai tử đúng hạn trên địa bàn năm {year}")],
        mentions=[
            "Người dân có thể nộp hồ sơ đăng ký khai sinh trực tuyến trên Cổng dịch vụ công.",
            "Trong kỳ, Bộ phận Một cửa đã giải quyết {n} hồ sơ đăng ký khai sinh, không có hồ sơ trễ hạn.",
            "Cha mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh con.",
            "Việc đăng kí khai sinh cho trẻ được thực hiện miễn phí khi đúng hạn.",
        ],
        summary=["Hướng dẫn cha mẹ đăng ký khai sinh cho con: hồ sơ, nơi nộp và thời hạn giải quyết tại {unit}."],
        section="Thủ tục đăng ký khai sinh được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình. Người đi đăng ký khai sinh chuẩn bị Giấy chứng sinh, tờ khai theo mẫu và tài khoản định danh điện tử; kết quả là bản điện tử Giấy khai sinh.",
    ),
    Topic(
        "tam_tru", ["tạm trú"],
        procedures=[
            ("Đăng ký tạm trú", "Cư trú", 3),
            ("Gia hạn tạm trú", "Cư trú", 3),
            ("Xóa đăng ký tạm trú", "Cư trú", 3),
        ],
        news=[
            "Hướng dẫn đăng ký tạm trú cho người lao động thuê trọ tại {unit}",
            "Công an {unit} rà soát việc đăng ký tạm trú tại các khu nhà trọ",
            "Người thuê nhà cần biết: đăng ký tạm trú trực tuyến trong 5 bước",
        ],
        docs=[("Công văn", "rà soát, hướng dẫn đăng ký tạm trú đối với người thuê trọ trên địa bàn")],
        mentions=[
            "Người thuê trọ cần đăng ký tạm trú tại Công an phường trong thời hạn quy định.",
            "Chủ nhà trọ có trách nhiệm nhắc người thuê thực hiện việc đăng ký tạm trú.",
            "Thông tin tạm trú của người lao động được cập nhật vào Cơ sở dữ liệu về cư trú.",
        ],
        summary=["Người lao động thuê trọ tại {unit} được hướng dẫn đăng ký tạm trú trực tuyến, không phải nộp giấy tờ bản giấy."],
        section="Công dân đến sinh sống tại chỗ ở hợp pháp ngoài nơi thường trú từ 30 ngày trở lên phải đăng ký tạm trú. Hồ sơ đăng ký tạm trú gồm tờ khai thay đổi thông tin cư trú và giấy tờ chứng minh chỗ ở hợp pháp.",
    ),
    Topic(
        "ho_khau", ["thường trú", "hộ khẩu"],
        procedures=[
            ("Đăng ký thường trú", "Cư trú", 3),
            ("Xóa đăng ký thường trú", "Cư trú", 3),
            ("Tách hộ", "Cư trú", 2),
            ("Điều chỉnh thông tin về cư trú trong Cơ sở dữ liệu về cư trú", "Cư trú", 2),
        ],
        news=[
            "Sổ hộ khẩu giấy hết giá trị: người dân dùng giấy tờ gì thay thế?",
            "Hướng dẫn đăng ký thường trú trực tuyến cho người dân {unit}",
            "Công an {unit} giải đáp thắc mắc về đăng ký thường trú khi mua nhà",
        ],
        docs=[("Kế hoạch", "thu hồi sổ hộ khẩu, sổ tạm trú giấy và cập nhật dữ liệu cư trú")],
        mentions=[
            "Công dân không còn phải xuất trình sổ hộ khẩu khi làm thủ tục hành chính.",
            "Thông tin nơi thường trú được khai thác từ Cơ sở dữ liệu quốc gia về dân cư.",
            "Người dân chuyển đến chỗ ở mới cần đăng ký thường trú trong thời hạn 12 tháng.",
        ],
        summary=["Từ ngày 01/01/2023 sổ hộ khẩu giấy không còn giá trị; người dân đăng ký thường trú và khai thác thông tin cư trú trên ứng dụng định danh."],
        section="Việc quản lý cư trú bằng sổ hộ khẩu giấy đã chấm dứt; thông tin về nơi thường trú của mỗi người được lưu trong Cơ sở dữ liệu về cư trú. Người dân đăng ký thường trú tại Công an cấp xã nơi có chỗ ở hợp pháp.",
    ),
    Topic(
        "dat_dai", ["đất đai"],
        procedures=[
            ("Hòa giải tranh chấp đất đai", "Đất đai", 3),
            ("Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp huyện", "Đất đai", 3),
            ("Cung cấp thông tin, dữ liệu đất đai", "Đất đai", 3),
            ("Chuyển mục đích sử dụng đất", "Đất đai", 2),
        ],
        news=[
            "Hội nghị tuyên truyền Luật Đất đai năm 2024 cho người dân {unit}",
            "{Unit} đối thoại với người dân về giải quyết tranh chấp đất đai",
            "Tăng cường quản lý nhà nước về đất đai trên địa bàn {unit}",
        ],
        docs=[("Kế hoạch", "triển khai thi hành Luật Đất đai trên địa bàn {unit}"),
              ("Báo cáo", "kết quả công tác quản lý nhà nước về đất đai năm {year}")],
        mentions=[
            "Các vướng mắc về đất đai được tổ hòa giải ở khu phố tiếp nhận và giải quyết kịp thời.",
            "Hồ sơ đất đai của hộ dân được số hóa và lưu trữ tại Văn phòng đăng ký đất đai.",
            "Cán bộ địa chính giải đáp các câu hỏi của cử tri liên quan đến đất đai.",
        ],
        summary=["{Unit} tăng cường quản lý đất đai, giải quyết dứt điểm các tranh chấp đất đai kéo dài."],
        section="Trong năm, địa phương tiếp nhận nhiều đơn liên quan đến đất đai, chủ yếu là tranh chấp ranh giới và đề nghị cấp giấy chứng nhận lần đầu. Luật Đất đai năm 2024 có hiệu lực đặt ra yêu cầu cập nhật kịp thời cơ sở dữ liệu đất đai.",
        field_grade=("Đất đai", 2),
    ),
    Topic(
        "so_do", ["giấy chứng nhận quyền sử dụng đất", "sổ đỏ", "sổ hồng"],
        procedures=[
            ("Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu", "Đất đai", 3),
            ("Cấp đổi giấy chứng nhận quyền sử dụng đất", "Đất đai", 3),
            ("Cấp lại giấy chứng nhận quyền sử dụng đất do bị mất", "Đất đai", 3),
            ("Đính chính giấy chứng nhận quyền sử dụng đất đã cấp", "Đất đai", 3),
            ("Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho, thừa kế", "Đất đai", 2),
            ("Đăng ký thế chấp quyền sử dụng đất", "Đất đai", 1),
        ],
        news=[
            "Đẩy nhanh tiến độ cấp sổ đỏ cho người dân {unit}",
            "Cấp giấy chứng nhận quyền sử dụng đất lần đầu: những điều người dân cần biết",
            "{Unit} trao {n} giấy chứng nhận quyền sử dụng đất cho các hộ dân",
            "Sổ hồng, sổ đỏ: thủ tục cấp đổi sang mẫu mới như thế nào?",
        ],
        docs=[("Kế hoạch", "đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất lần đầu năm {year}")],
        mentions=[
            "Người dân được hướng dẫn thủ tục cấp sổ đỏ ngay tại Bộ phận Một cửa.",
            "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất được giải quyết đúng hạn.",
            "Nhiều hộ dân đã nhận sổ hồng sau khi hoàn thành nghĩa vụ tài chính.",
        ],
        summary=["Người dân {unit} được hướng dẫn hồ sơ, trình tự cấp giấy chứng nhận quyền sử dụng đất (sổ đỏ) lần đầu."],
        section="Giấy chứng nhận quyền sử dụng đất, quen gọi là sổ đỏ, được cấp cho hộ gia đình, cá nhân đang sử dụng đất ổn định, không tranh chấp. Hồ sơ gồm đơn đăng ký, giấy tờ về quyền sử dụng đất và chứng từ thực hiện nghĩa vụ tài chính.",
    ),
    Topic(
        "thue_dat", ["thuê đất"],
        procedures=[
            ("Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất", "Đất đai", 3),
            ("Gia hạn thời hạn thuê đất", "Đất đai", 3),
            ("Chuyển từ hình thức thuê đất trả tiền hằng năm sang thuê đất trả tiền một lần", "Đất đai", 3),
        ],
        news=["Công khai danh sách dự án được cho thuê đất năm {year}",
              "Doanh nghiệp được hướng dẫn gia hạn thời hạn thuê đất"],
        docs=[("Quyết định", "cho thuê đất để xây dựng cơ sở sản xuất tại {unit}")],
        mentions=["Tiền thuê đất được nộp theo thông báo của cơ quan thuế.",
                  "Doanh nghiệp đề nghị được gia hạn thời hạn thuê đất để tiếp tục sản xuất."],
        summary=["Thông tin về diện tích, thời hạn và tiền thuê đất của các dự án tại {unit}."],
        section="Tổ chức, cá nhân có nhu cầu thuê đất nộp hồ sơ tại Phòng Tài nguyên và Môi trường. Thời hạn thuê đất và đơn giá thuê đất được xác định theo quy định hiện hành.",
    ),
    Topic(
        "thue_dat_tax", ["thuế đất", "thuế sử dụng đất"],
        procedures=[
            ("Khai thuế sử dụng đất phi nông nghiệp", "Thuế", 3),
            ("Miễn, giảm thuế sử dụng đất phi nông nghiệp", "Thuế", 3),
            ("Gia hạn nộp tiền thuế đất", "Thuế", 3),
        ],
        news=["Hướng dẫn nộp thuế đất phi nông nghiệp năm {year} qua ứng dụng ngân hàng",
              "Chi cục Thuế nhắc người dân nộp thuế sử dụng đất đúng hạn"],
        docs=[("Thông báo", "thời hạn nộp thuế sử dụng đất phi nông nghiệp năm {year}")],
        mentions=["Người dân có thể nộp thuế đất qua ứng dụng ngân hàng.",
                  "Hộ gia đình thuộc diện chính sách được miễn, giảm thuế sử dụng đất phi nông nghiệp."],
        summary=["Thời hạn, cách nộp thuế đất phi nông nghiệp và các trường hợp được miễn, giảm."],
        section="Thuế sử dụng đất phi nông nghiệp được nộp mỗi năm một lần; người nộp thuế nhận thông báo nộp thuế đất từ Chi cục Thuế và có thể nộp trực tuyến.",
    ),
    Topic(
        "gpxd", ["giấy phép xây dựng", "cấp phép xây dựng"],
        procedures=[
            ("Cấp giấy phép xây dựng đối với nhà ở riêng lẻ", "Xây dựng", 3),
            ("Cấp giấy phép xây dựng sửa chữa, cải tạo công trình", "Xây dựng", 3),
            ("Điều chỉnh giấy phép xây dựng", "Xây dựng", 3),
            ("Gia hạn giấy phép xây dựng", "Xây dựng", 3),
            ("Cấp lại giấy phép xây dựng", "Xây dựng", 3),
            ("Cấp giấy phép xây dựng có thời hạn", "Xây dựng", 3),
        ],
        news=[
            "Hướng dẫn thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
            "{Unit} rút ngắn thời gian cấp phép xây dựng còn {d} ngày",
            "Xây nhà không có giấy phép xây dựng sẽ bị xử lý thế nào?",
        ],
        docs=[("Quyết định", "ủy quyền cấp giấy phép xây dựng nhà ở riêng lẻ cho {unit}")],
        mentions=[
            "Chủ hộ phải có giấy phép xây dựng trước khi khởi công công trình.",
            "Công trình xây dựng sai nội dung giấy phép xây dựng đã bị lập biên bản.",
            "Thời gian cấp phép xây dựng nhà ở riêng lẻ đã được rút ngắn.",
        ],
        summary=["Hồ sơ, trình tự và thời hạn cấp giấy phép xây dựng nhà ở riêng lẻ tại {unit}."],
        section="Trước khi khởi công xây dựng nhà ở riêng lẻ trong đô thị, chủ đầu tư phải có giấy phép xây dựng. Hồ sơ đề nghị cấp giấy phép xây dựng gồm đơn theo mẫu, giấy tờ về quyền sử dụng đất và bản vẽ thiết kế.",
    ),
    Topic(
        "can_cuoc", ["căn cước", "cccd"],
        procedures=[
            ("Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên", "Căn cước", 3),
            ("Cấp đổi thẻ căn cước", "Căn cước", 3),
            ("Cấp lại thẻ căn cước", "Căn cước", 3),
            ("Cấp giấy chứng nhận căn cước", "Căn cước", 3),
        ],
        news=[
            "Công an {unit} cấp căn cước lưu động cho người cao tuổi",
            "Thẻ căn cước công dân gắn chíp và những tiện ích khi làm thủ tục",
            "Cấp đổi thẻ CCCD sang thẻ căn cước: người dân cần chuẩn bị gì?",
        ],
        docs=[("Kế hoạch", "cao điểm cấp thẻ căn cước cho học sinh, người cao tuổi trên địa bàn")],
        mentions=[
            "Người dân mang theo thẻ căn cước khi đến làm thủ tục.",
            "Công dân sử dụng thẻ CCCD gắn chíp để đăng nhập Cổng dịch vụ công.",
        ],
        summary=["Lịch cấp thẻ căn cước lưu động và giấy tờ cần mang theo khi làm thủ tục tại {unit}."],
        section="Công dân từ đủ 14 tuổi trở lên làm thủ tục cấp thẻ căn cước tại Công an cấp xã hoặc điểm cấp lưu động. Thẻ căn cước công dân đã cấp vẫn có giá trị đến hết thời hạn ghi trên thẻ.",
    ),
    Topic(
        "ket_hon", ["đăng ký kết hôn", "đăng kí kết hôn"],
        procedures=[
            ("Đăng ký kết hôn", "Hộ tịch", 3),
            ("Đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch", 3),
            ("Đăng ký lại kết hôn", "Hộ tịch", 3),
            ("Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", "Hộ tịch", 2),
        ],
        news=["Hướng dẫn đăng ký kết hôn trực tuyến cho các cặp đôi",
              "{Unit} trao giấy chứng nhận đăng ký kết hôn tại lễ cưới tập thể"],
        docs=[],
        mentions=["Hai bên nam, nữ cùng có mặt khi đăng ký kết hôn.",
                  "Việc đăng ký kết hôn được giải quyết ngay trong ngày nhận đủ hồ sơ."],
        summary=["Điều kiện, hồ sơ và trình tự đăng ký kết hôn tại Ủy ban nhân dân cấp xã."],
        section="Nam, nữ đủ điều kiện kết hôn nộp tờ khai đăng ký kết hôn tại Ủy ban nhân dân cấp xã nơi cư trú của một trong hai bên; giấy chứng nhận kết hôn được trao ngay khi hai bên cùng có mặt.",
    ),
    Topic(
        "doc_than", ["tình trạng hôn nhân", "giấy độc thân"],
        procedures=[("Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", 3)],
        news=["Xin giấy xác nhận tình trạng hôn nhân trực tuyến: nhanh, không phải đi lại"],
        mentions=["Người dân có thể xin giấy xác nhận tình trạng hôn nhân trên Cổng dịch vụ công."],
        summary=["Cách xin giấy xác nhận tình trạng hôn nhân (thường gọi là giấy độc thân) trực tuyến."],
        section="Giấy xác nhận tình trạng hôn nhân, người dân quen gọi là giấy độc thân, có giá trị 6 tháng kể từ ngày cấp và được dùng để đăng ký kết hôn hoặc giao dịch dân sự.",
    ),
    Topic(
        "ho_ngheo", ["hộ nghèo"],
        procedures=[
            ("Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", "Bảo trợ xã hội", 3),
            ("Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm", "Bảo trợ xã hội", 3),
            ("Hỗ trợ nhà ở cho hộ nghèo", "Bảo trợ xã hội", 3),
        ],
        news=[
            "{Unit} tổng kết rà soát hộ nghèo, hộ cận nghèo năm {year}",
            "Hỗ trợ xây nhà đại đoàn kết cho hộ nghèo tại {place}",
            "Trao quà Tết cho hộ nghèo, hộ cận nghèo {unit}",
        ],
        docs=[("Quyết định", "công nhận danh sách hộ nghèo, hộ cận nghèo năm {year}"),
              ("Kế hoạch", "rà soát hộ nghèo, hộ cận nghèo năm {year}")],
        mentions=["Số hộ nghèo trên địa bàn giảm còn {n2} hộ.",
                  "Các hộ nghèo được hỗ trợ vay vốn tạo việc làm."],
        summary=["Kết quả rà soát hộ nghèo, hộ cận nghèo và các chính sách hỗ trợ hộ nghèo tại {unit}."],
        section="Qua rà soát, địa phương còn {n2} hộ nghèo và {n} hộ cận nghèo. Các hộ nghèo được cấp thẻ bảo hiểm y tế, hỗ trợ tiền điện và vay vốn ưu đãi.",
    ),
    Topic(
        "pccc", ["phòng cháy chữa cháy", "phòng cháy, chữa cháy", "phòng cháy và chữa cháy", "pccc"],
        procedures=[
            ("Thẩm định thiết kế về phòng cháy và chữa cháy", "Phòng cháy, chữa cháy", 3),
            ("Nghiệm thu về phòng cháy và chữa cháy", "Phòng cháy, chữa cháy", 3),
            ("Phê duyệt phương án chữa cháy của cơ sở", "Phòng cháy, chữa cháy", 3),
            ("Cấp giấy chứng nhận huấn luyện nghiệp vụ phòng cháy, chữa cháy", "Phòng cháy, chữa cháy", 3),
        ],
        news=["Diễn tập phòng cháy chữa cháy tại {place}",
              "Tuyên truyền kỹ năng phòng cháy, chữa cháy cho hộ kinh doanh",
              "Ra mắt tổ liên gia an toàn PCCC tại {place}"],
        docs=[("Chỉ thị", "tăng cường công tác phòng cháy, chữa cháy mùa khô năm {year}")],
        mentions=["Các hộ gia đình được khuyến cáo trang bị bình chữa cháy và kiểm tra hệ thống điện.",
                  "Lực lượng PCCC cơ sở được tập huấn định kỳ."],
        summary=["Tăng cường công tác phòng cháy chữa cháy tại khu dân cư, nhà trọ và hộ kinh doanh."],
        section="Lực lượng phòng cháy chữa cháy cơ sở đã kiểm tra các khu nhà trọ, hướng dẫn người dân sử dụng bình chữa cháy và thoát nạn an toàn.",
    ),
    Topic(
        "chung_thuc", ["chứng thực bản sao"],
        procedures=[
            ("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp", "Chứng thực", 3),
            ("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của nước ngoài cấp", "Chứng thực", 3),
            ("Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", "Chứng thực", 2),
            ("Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", 1),
            ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", "Chứng thực", 1),
        ],
        news=["Chứng thực bản sao điện tử từ bản chính: người dân không phải xếp hàng"],
        mentions=["Việc chứng thực bản sao từ bản chính được thực hiện ngay trong ngày."],
        summary=["Người dân có thể yêu cầu chứng thực bản sao điện tử từ bản chính trên Cổng dịch vụ công."],
        section="Người yêu cầu chứng thực bản sao xuất trình bản chính giấy tờ; lệ phí chứng thực bản sao từ bản chính là 2.000 đồng mỗi trang.",
    ),
    Topic(
        "thanh_tra", ["kết luận thanh tra"],
        news=["Công khai kết luận thanh tra việc quản lý ngân sách tại {unit}"],
        mentions=["Đơn vị đã thực hiện đầy đủ các kiến nghị tại kết luận thanh tra."],
    ),
    Topic(
        "du_toan_2025", [],
        regex=r"dự toán ngân sách[^.\n]{0,60}2025",
        docs=[],
        mentions=["Dự toán ngân sách năm 2025 được giao sớm để các đơn vị chủ động triển khai."],
    ),
    Topic(
        "bhyt", ["bảo hiểm y tế", "bhyt"],
        procedures=[
            ("Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Y tế", 3),
            ("Cấp thẻ bảo hiểm y tế cho người thuộc hộ nghèo, hộ cận nghèo", "Y tế", 3),
            ("Cấp lại thẻ bảo hiểm y tế do bị mất, hỏng", "Y tế", 3),
            ("Đăng ký tham gia bảo hiểm y tế hộ gia đình", "Y tế", 3),
        ],
        news=["Vận động người dân tham gia bảo hiểm y tế hộ gia đình",
              "{Unit} đạt tỷ lệ bao phủ bảo hiểm y tế {pct}",
              "Học sinh được hướng dẫn dùng thẻ BHYT trên ứng dụng định danh"],
        docs=[("Kế hoạch", "phát triển người tham gia bảo hiểm y tế năm {year}")],
        mentions=["Người dân được vận động tham gia bảo hiểm y tế hộ gia đình.",
                  "Thẻ BHYT của trẻ em được cấp cùng lúc với giấy khai sinh."],
        summary=["Tỷ lệ người dân tham gia bảo hiểm y tế và các giải pháp mở rộng bao phủ tại {unit}."],
        section="Tỷ lệ tham gia bảo hiểm y tế trên địa bàn đạt {pct}. Người thuộc hộ cận nghèo được ngân sách hỗ trợ mức đóng bảo hiểm y tế.",
    ),
    Topic(
        "gplx", ["giấy phép lái xe", "bằng lái"],
        procedures=[
            ("Cấp đổi giấy phép lái xe", "Đường bộ", 3),
            ("Cấp lại giấy phép lái xe", "Đường bộ", 3),
            ("Đổi giấy phép lái xe do ngành Quốc phòng cấp", "Đường bộ", 3),
        ],
        news=["Người dân đổi giấy phép lái xe tại Công an cấp xã từ tháng 3/2025",
              "Đổi bằng lái xe trực tuyến: các bước thực hiện"],
        mentions=["Người dân có thể đổi giấy phép lái xe trực tuyến."],
        summary=["Hướng dẫn cấp đổi, cấp lại giấy phép lái xe cho người dân."],
        section="Giấy phép lái xe hết hạn hoặc bị hỏng được cấp đổi trực tuyến; người dân không phải khám sức khỏe lại đối với bằng lái hạng A1.",
    ),
    Topic(
        "ho_kinh_doanh", ["hộ kinh doanh"],
        procedures=[
            ("Đăng ký thành lập hộ kinh doanh", "Kinh doanh", 3),
            ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Kinh doanh", 3),
            ("Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh", "Kinh doanh", 3),
            ("Chấm dứt hoạt động hộ kinh doanh", "Kinh doanh", 3),
            ("Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", "Kinh doanh", 3),
        ],
        news=["Hướng dẫn đăng ký hộ kinh doanh qua mạng",
              "{Unit} hỗ trợ hộ kinh doanh chuyển đổi số"],
        mentions=["Các hộ kinh doanh được hướng dẫn sử dụng hóa đơn điện tử."],
        summary=["Hồ sơ và trình tự đăng ký hộ kinh doanh, thời hạn cấp Giấy chứng nhận đăng ký hộ kinh doanh."],
        section="Cá nhân, thành viên hộ gia đình đăng ký hộ kinh doanh tại Phòng Tài chính - Kế hoạch; Giấy chứng nhận đăng ký hộ kinh doanh được cấp trong 3 ngày làm việc.",
    ),
    Topic(
        "tro_cap", ["trợ cấp xã hội"],
        procedures=[
            ("Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", 3),
            ("Chi trả trợ cấp xã hội hằng tháng khi đối tượng thay đổi nơi cư trú", "Bảo trợ xã hội", 3),
            ("Trợ giúp xã hội khẩn cấp về hỗ trợ chi phí mai táng", "Bảo trợ xã hội", 1),
        ],
        news=["Chi trả trợ cấp xã hội qua tài khoản ngân hàng cho người cao tuổi"],
        docs=[("Quyết định", "điều chỉnh mức trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội")],
        mentions=["Người cao tuổi nhận trợ cấp xã hội hằng tháng qua tài khoản ngân hàng."],
        summary=["Mức trợ cấp xã hội hằng tháng và cách nhận qua tài khoản ngân hàng."],
        section="Đối tượng bảo trợ xã hội được hưởng trợ cấp xã hội hằng tháng từ tháng Ủy ban nhân dân cấp huyện ký quyết định.",
    ),
    Topic(
        "khieu_nai", ["giải quyết khiếu nại"],
        procedures=[
            ("Giải quyết khiếu nại lần đầu", "Giải quyết khiếu nại", 3),
            ("Giải quyết khiếu nại lần hai", "Giải quyết khiếu nại", 3),
        ],
        news=["Nâng cao hiệu quả tiếp công dân, giải quyết khiếu nại tại {unit}"],
        docs=[("Báo cáo", "kết quả công tác tiếp công dân, giải quyết khiếu nại, tố cáo năm {year}")],
        mentions=["Việc giải quyết khiếu nại bảo đảm đúng thời hạn theo quy định."],
        summary=["Kết quả tiếp công dân, giải quyết khiếu nại, tố cáo trong năm."],
        section="Trong năm, các cơ quan tiếp nhận {n} đơn; việc giải quyết khiếu nại đạt tỷ lệ {pct}, không có vụ việc phức tạp, kéo dài.",
    ),
    Topic(
        "attp", ["an toàn thực phẩm"],
        procedures=[
            ("Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm", 3),
            ("Cấp lại giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm", 3),
            ("Xác nhận kiến thức về an toàn thực phẩm", "An toàn thực phẩm", 3),
        ],
        news=["Kiểm tra an toàn thực phẩm dịp Tết Trung thu tại {unit}",
              "Phát động Tháng hành động vì an toàn thực phẩm năm {year}"],
        docs=[("Kế hoạch", "triển khai Tháng hành động vì an toàn thực phẩm năm {year}")],
        mentions=["Đoàn kiểm tra liên ngành kiểm tra an toàn thực phẩm tại các bếp ăn tập thể."],
        summary=["Kết quả kiểm tra an toàn thực phẩm tại các cơ sở kinh doanh ăn uống trên địa bàn."],
        section="Đoàn kiểm tra liên ngành về an toàn thực phẩm đã kiểm tra {n} cơ sở, nhắc nhở các cơ sở chưa bảo đảm điều kiện vệ sinh.",
    ),
    Topic(
        "ly_lich", ["lý lịch tư pháp", "lí lịch tư pháp"],
        procedures=[
            ("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", "Lý lịch tư pháp", 3),
            ("Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng", "Lý lịch tư pháp", 3),
            ("Cấp Phiếu lý lịch tư pháp trên ứng dụng định danh điện tử", "Lý lịch tư pháp", 3),
        ],
        news=["Xin phiếu lí lịch tư pháp trên điện thoại: nhận kết quả sau 3 ngày",
              "Cấp phiếu lý lịch tư pháp trực tuyến cho người lao động đi làm việc ở nước ngoài"],
        mentions=["Người lao động có thể xin phiếu lí lịch tư pháp trực tuyến."],
        summary=["Thủ tục cấp phiếu lý lịch tư pháp trực tuyến, thời hạn và lệ phí."],
        section="Phiếu lý lịch tư pháp được cấp trực tuyến qua ứng dụng định danh; người yêu cầu không phải nộp bản sao giấy tờ tùy thân.",
    ),
    Topic(
        "hoa_giai", ["hòa giải viên", "hoà giải viên"],
        procedures=[
            ("Công nhận hòa giải viên", "Phổ biến, giáo dục pháp luật", 3),
            ("Công nhận tổ trưởng tổ hòa giải", "Phổ biến, giáo dục pháp luật", 2),
            ("Thôi làm hòa giải viên", "Phổ biến, giáo dục pháp luật", 3),
            ("Thanh toán thù lao cho hòa giải viên", "Phổ biến, giáo dục pháp luật", 3),
        ],
        news=["Hội thi hoà giải viên giỏi {unit} năm {year}",
              "Bồi dưỡng kỹ năng cho hòa giải viên ở cơ sở"],
        docs=[("Kế hoạch", "tổ chức Hội thi hòa giải viên giỏi năm {year}")],
        mentions=["Các hoà giải viên ở khu phố đã hòa giải thành nhiều vụ việc."],
        summary=["Nâng cao kỹ năng cho đội ngũ hòa giải viên ở cơ sở."],
        section="Mỗi tổ hòa giải có từ 3 hòa giải viên trở lên; hoà giải viên được bồi dưỡng kỹ năng và được thanh toán thù lao theo vụ việc.",
    ),
]
TOPIC = {t.id: t for t in TOPICS}

# Variant spellings planted in a share of replicas (y/i, old tone placement).
SPELLING_VARIANTS = {
    "lý lịch": "lí lịch",
    "hòa giải": "hoà giải",
}

# ---------------------------------------------------------------------------------------------
# Queries (≥ 40), by class. `intended`: what the citizen means (used for statistics only).
# ---------------------------------------------------------------------------------------------

QUERIES: list[dict] = []


def _q(q, cls, topics, intended=None, phrase=False):
    QUERIES.append({"q": q, "class": cls, "topics": topics, "intended": intended or q, "phrase": phrase})


# With diacritics.
_q("đăng ký khai sinh", "diacritics", ["khai_sinh"])
_q("tạm trú", "diacritics", ["tam_tru"], phrase=True)
_q("đất đai", "diacritics", ["dat_dai"], phrase=True)
_q("giấy phép xây dựng", "diacritics", ["gpxd"])
_q("giấy chứng nhận quyền sử dụng đất", "diacritics", ["so_do"])
_q("đăng ký thường trú", "diacritics", ["ho_khau"])
_q("đăng ký kết hôn", "diacritics", ["ket_hon"])
_q("hộ nghèo", "diacritics", ["ho_ngheo"], phrase=True)
_q("phòng cháy chữa cháy", "diacritics", ["pccc"])
_q("chứng thực bản sao", "diacritics", ["chung_thuc"])
_q("kết luận thanh tra", "diacritics", ["thanh_tra"])
_q("dự toán ngân sách năm 2025", "diacritics", ["du_toan_2025"])
_q("bảo hiểm y tế", "diacritics", ["bhyt"])
_q("cấp đổi giấy phép lái xe", "diacritics", ["gplx"])
_q("đăng ký hộ kinh doanh", "diacritics", ["ho_kinh_doanh"])
_q("trợ cấp xã hội", "diacritics", ["tro_cap"])
_q("giải quyết khiếu nại", "diacritics", ["khieu_nai"])
_q("an toàn thực phẩm", "diacritics", ["attp"])
_q("thuê đất", "diacritics", ["thue_dat"], phrase=True)
_q("thuế đất", "diacritics", ["thue_dat_tax"], phrase=True)
_q("lý lịch tư pháp", "diacritics", ["ly_lich"])
_q("hoà giải viên", "diacritics", ["hoa_giai"])
# Without diacritics.
_q("dang ky khai sinh", "no-diacritics", ["khai_sinh"], "đăng ký khai sinh")
_q("tam tru", "no-diacritics", ["tam_tru"], "tạm trú", phrase=True)
_q("dat dai", "no-diacritics", ["dat_dai"], "đất đai", phrase=True)
_q("cap phep xay dung", "no-diacritics", ["gpxd"], "cấp phép xây dựng")
_q("giay chung nhan quyen su dung dat", "no-diacritics", ["so_do"], "giấy chứng nhận quyền sử dụng đất")
_q("dang ky thuong tru", "no-diacritics", ["ho_khau"], "đăng ký thường trú")
_q("dang ky ket hon", "no-diacritics", ["ket_hon"], "đăng ký kết hôn")
_q("xac nhan tinh trang hon nhan", "no-diacritics", ["doc_than"], "xác nhận tình trạng hôn nhân")
_q("ho ngheo", "no-diacritics", ["ho_ngheo"], "hộ nghèo", phrase=True)
_q("phong chay chua chay", "no-diacritics", ["pccc"], "phòng cháy chữa cháy")
_q("chung thuc ban sao", "no-diacritics", ["chung_thuc"], "chứng thực bản sao")
_q("ket luan thanh tra", "no-diacritics", ["thanh_tra"], "kết luận thanh tra")
_q("du toan ngan sach 2025", "no-diacritics", ["du_toan_2025"], "dự toán ngân sách 2025")
_q("bao hiem y te", "no-diacritics", ["bhyt"], "bảo hiểm y tế")
_q("dang ky ho kinh doanh", "no-diacritics", ["ho_kinh_doanh"], "đăng ký hộ kinh doanh")
_q("tro cap xa hoi", "no-diacritics", ["tro_cap"], "trợ cấp xã hội")
_q("giai quyet khieu nai", "no-diacritics", ["khieu_nai"], "giải quyết khiếu nại")
_q("an toan thuc pham", "no-diacritics", ["attp"], "an toàn thực phẩm")
_q("thue dat", "no-diacritics", ["thue_dat", "thue_dat_tax"], "thuê đất", phrase=True)
_q("ly lich tu phap", "no-diacritics", ["ly_lich"], "lý lịch tư pháp")
_q("can cuoc cong dan", "no-diacritics", ["can_cuoc"], "căn cước công dân")
# Telex typed without an input method, and typos.
_q("dangw kys khai sinh", "telex-typo", ["khai_sinh"], "đăng ký khai sinh")
_q("ddaat ddai", "telex-typo", ["dat_dai"], "đất đai")
_q("ddaats ddai", "telex-typo", ["dat_dai"], "đất đai")
_q("tamj trus", "telex-typo", ["tam_tru"], "tạm trú")
_q("giaays pheps xaay dungj", "telex-typo", ["gpxd"], "giấy phép xây dựng")
_q("dangw kys kets hoon", "telex-typo", ["ket_hon"], "đăng ký kết hôn")
_q("hooj ngheof", "telex-typo", ["ho_ngheo"], "hộ nghèo")
_q("chuwngs thuwcj banr sao", "telex-typo", ["chung_thuc"], "chứng thực bản sao")
_q("dang ky khai sihn", "telex-typo", ["khai_sinh"], "đăng ký khai sinh")
_q("dnag ky ket hon", "telex-typo", ["ket_hon"], "đăng ký kết hôn")
_q("giay phep xay dugn", "telex-typo", ["gpxd"], "giấy phép xây dựng")
_q("bao hiem y tees", "telex-typo", ["bhyt"], "bảo hiểm y tế")
# Colloquial names and abbreviations.
_q("sổ đỏ", "colloquial", ["so_do"])
_q("so do", "colloquial", ["so_do"], "sổ đỏ")
_q("sổ hồng", "colloquial", ["so_do"])
_q("căn cước", "colloquial", ["can_cuoc"])
_q("cccd", "colloquial", ["can_cuoc"])
_q("hộ khẩu", "colloquial", ["ho_khau"])
_q("ho khau", "colloquial", ["ho_khau"], "hộ khẩu")
_q("bằng lái xe", "colloquial", ["gplx"])
_q("doi bang lai xe", "colloquial", ["gplx"], "đổi bằng lái xe")
_q("giấy độc thân", "colloquial", ["doc_than"])
_q("giấy phép kinh doanh", "colloquial", ["ho_kinh_doanh"])
_q("xin phép xây nhà", "colloquial", ["gpxd"])
_q("pccc", "colloquial", ["pccc"])
_q("bhyt", "colloquial", ["bhyt"])

# ---------------------------------------------------------------------------------------------
# Filler: administrative prose with none of the evidence phrases (checked at start), but with
# plenty of the same syllables apart ("tạm ứng", "cư trú", "triển khai", "vệ sinh", "kết quả").
# ---------------------------------------------------------------------------------------------

FILLER = [
    "Ủy ban nhân dân {unit} đã tổ chức hội nghị triển khai nhiệm vụ trọng tâm năm {year}.",
    "Hội nghị có sự tham dự của lãnh đạo các phòng, ban, đoàn thể và đại diện {n} khu phố.",
    "Đồng chí {person}, {position}, phát biểu chỉ đạo và đề nghị các đơn vị khẩn trương triển khai kế hoạch.",
    "Các đơn vị được giao nhiệm vụ chủ động phối hợp, báo cáo kết quả trước ngày {date}.",
    "Công tác cải cách hành chính tiếp tục được quan tâm, tỷ lệ hồ sơ giải quyết đúng hạn đạt {pct}.",
    "Bộ phận Một cửa tiếp nhận {n} hồ sơ, trong đó {n2} hồ sơ được nộp trực tuyến.",
    "Người dân có thể theo dõi tình trạng hồ sơ trên Cổng dịch vụ công hoặc qua tin nhắn.",
    "Chiến dịch vệ sinh môi trường được phát động tại {place} với sự tham gia của đông đảo người dân.",
    "Lực lượng đoàn viên thanh niên ra quân thu gom rác thải, khơi thông cống rãnh tại {place}.",
    "Trường tiểu học trên địa bàn tổ chức khai giảng năm học mới cho hơn {n} học sinh.",
    "Nhiều học sinh có hoàn cảnh khó khăn được trao học bổng và dụng cụ học tập.",
    "Kinh phí tạm ứng cho công trình được giải ngân theo tiến độ thực hiện.",
    "Ban quản lý dự án đề nghị tạm dừng thi công trong thời gian mưa lớn để bảo đảm an toàn.",
    "Cơ quan chức năng đã tạm giữ phương tiện vi phạm và lập biên bản theo quy định.",
    "Các hộ dân cư trú dọc tuyến kênh được vận động giữ gìn vệ sinh chung.",
    "Người dân có nhu cầu lưu trú tại nhà văn hóa khu phố trong mùa mưa bão được bố trí chỗ ở tạm thời.",
    "Khu vực trú ẩn an toàn cho người dân được bố trí tại trường học và nhà văn hóa.",
    "Sinh hoạt chuyên đề về phát triển kinh tế tập thể được tổ chức tại {place}.",
    "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa tiếp tục phát huy hiệu quả.",
    "Các khoản thu, chi được công khai đầy đủ tại trụ sở và trên trang thông tin điện tử.",
    "Tổng kinh phí thực hiện là {money} đồng, từ nguồn ngân sách và xã hội hóa.",
    "Đến nay đã hoàn thành {pct} khối lượng công việc theo kế hoạch.",
    "Ủy ban nhân dân {unit} đề nghị người dân phản ánh kịp thời các vướng mắc qua đường dây nóng.",
    "Ý kiến phản ánh của người dân được tiếp nhận, phân loại và chuyển đến cơ quan có thẩm quyền.",
    "Tổ công tác đã kê khai, thống kê đầy đủ tài sản trên đất của các hộ bị ảnh hưởng.",
    "Các tờ khai được niêm yết công khai tại trụ sở Ủy ban nhân dân trong thời hạn 15 ngày.",
    "Hội nghị tổng kết đánh giá kết quả đạt được và chỉ ra những hạn chế cần khắc phục.",
    "Công tác phòng, chống dịch sốt xuất huyết được triển khai đồng loạt tại {n} khu phố.",
    "Trạm y tế tổ chức tiêm chủng mở rộng cho trẻ em theo lịch.",
    "Chương trình chuyển đổi số được triển khai, người dân được hướng dẫn cài đặt ứng dụng định danh.",
    "Tổ công nghệ số cộng đồng hướng dẫn người cao tuổi sử dụng dịch vụ công trực tuyến.",
    "Hệ thống camera an ninh được lắp đặt tại các tuyến đường chính của {unit}.",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn được giữ vững.",
    "Lực lượng công an phối hợp với bảo vệ dân phố tuần tra vào ban đêm.",
    "Cuộc vận động ủng hộ quỹ vì người nghèo đã nhận được sự hưởng ứng của các doanh nghiệp.",
    "Chương trình giảm nghèo bền vững tiếp tục được lồng ghép với các chính sách an sinh.",
    "Các gia đình chính sách, người có công được thăm hỏi, tặng quà nhân dịp lễ, Tết.",
    "Hội Liên hiệp Phụ nữ tổ chức sinh hoạt chuyên đề về bình đẳng giới.",
    "Đoàn kiểm tra đánh giá cao sự chủ động của địa phương trong triển khai nhiệm vụ.",
    "Ủy ban nhân dân {unit} yêu cầu các bộ phận chuyên môn rà soát, cập nhật số liệu.",
    "Hạ tầng giao thông tại {place} được nâng cấp, mở rộng, tạo thuận lợi cho người dân đi lại.",
    "Công trình sửa chữa hệ thống thoát nước được nghiệm thu, đưa vào sử dụng.",
    "Dự án xây dựng nhà văn hóa {place} dự kiến hoàn thành trong quý {q} năm {year}.",
    "Cử tri kiến nghị đẩy nhanh tiến độ chỉnh trang đô thị và bổ sung cây xanh.",
    "Tiếp xúc cử tri trước kỳ họp Hội đồng nhân dân, các đại biểu đã tiếp thu, giải trình nhiều ý kiến.",
    "Kết quả khảo sát cho thấy mức độ hài lòng của người dân đạt {pct}.",
    "Hồ sơ được số hóa và lưu trữ điện tử, giúp việc tra cứu nhanh chóng hơn.",
    "Người dân được miễn phí sao chụp giấy tờ tại Bộ phận Một cửa.",
    "Các đơn vị sự nghiệp công lập được giao tự chủ tài chính theo lộ trình.",
    "Hội thao chào mừng ngày thành lập {unit} thu hút {n} vận động viên tham gia.",
    "Lễ hội văn hóa ẩm thực được tổ chức tại {place} vào dịp cuối tuần.",
    "Thư viện khu phố mở cửa miễn phí cho học sinh vào buổi tối.",
    "Công tác tuyển quân năm {year} hoàn thành đạt chỉ tiêu được giao.",
    "Các cơ sở kinh doanh được nhắc nhở không lấn chiếm vỉa hè, lòng đường.",
    "Đội trật tự đô thị đã xử lý {n2} trường hợp lấn chiếm lòng lề đường.",
    "Nhân dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc được khen thưởng.",
    "Kế hoạch được xây dựng trên cơ sở đánh giá thực tiễn và đề xuất của các khu phố.",
    "Báo cáo nêu rõ nguyên nhân của các hạn chế và đề ra giải pháp khắc phục trong thời gian tới.",
    "Đăng ký tham gia giải chạy vì cộng đồng được thực hiện trực tuyến đến hết ngày {date}.",
    "Học viên đăng ký dự lớp bồi dưỡng nghiệp vụ được cấp giấy chứng nhận hoàn thành.",
    "Đơn vị tư vấn đã khảo sát hiện trạng và lập phương án thiết kế sơ bộ.",
    "Việc phát triển kinh tế hộ gia đình gắn với xây dựng khu phố văn minh, sạch đẹp.",
    "Chợ truyền thống được cải tạo, sắp xếp lại các quầy hàng theo ngành hàng.",
    "Các tuyến hẻm được bê tông hóa và lắp đặt hệ thống chiếu sáng công cộng.",
    "Người dân góp ý vào dự thảo kế hoạch trong thời hạn 30 ngày kể từ ngày đăng tải.",
    "Các tổ chức, cá nhân thực hiện nghiêm quy định về giữ gìn trật tự, mỹ quan đô thị.",
    "Công tác sinh hoạt chi bộ được đổi mới về nội dung và hình thức.",
    "Công chức được bố trí làm việc vào sáng thứ Bảy để tiếp nhận hồ sơ.",
    "Thời gian tạm ngưng cấp nước để sửa chữa đường ống được thông báo trước cho các hộ dân.",
    "Một số tuyến đường được phân luồng tạm thời trong thời gian thi công.",
    "Việc thanh toán không dùng tiền mặt được khuyến khích tại các chợ và cửa hàng.",
    "Quỹ khuyến học trao tặng phần thưởng cho các em học sinh, sinh viên đạt thành tích cao.",
]

HEADINGS = ["Kết quả thực hiện", "Nhiệm vụ thời gian tới", "Tình hình chung", "Những điểm mới",
            "Ý kiến người dân", "Giải pháp", "Tổ chức thực hiện", "Nội dung chính", "Hướng dẫn"]

NEWS_GENERIC = [
    "{Unit} tổ chức hội nghị tổng kết công tác năm {year}",
    "Khai mạc Hội thao {unit} năm {year}",
    "{Unit} ra quân chiến dịch vệ sinh môi trường tại {place}",
    "Hội nghị triển khai nhiệm vụ cải cách hành chính năm {year}",
    "Trao học bổng cho học sinh có hoàn cảnh khó khăn tại {unit}",
    "Tiếp xúc cử tri trước kỳ họp thứ {k} Hội đồng nhân dân {unit}",
    "Ra mắt mô hình khu phố an toàn, văn minh tại {place}",
    "Đối thoại giữa Chủ tịch Ủy ban nhân dân với người dân {unit}",
    "Phát động phong trào thi đua yêu nước năm {year}",
    "Kiểm tra công tác phòng, chống dịch sốt xuất huyết tại {place}",
    "Nâng cấp hệ thống thoát nước tại {place}",
    "Lễ hội văn hóa ẩm thực {unit} năm {year}",
    "Tổ công nghệ số cộng đồng hỗ trợ người dân {unit}",
    "Khánh thành nhà văn hóa {place}",
    "Ngày hội đại đoàn kết toàn dân tộc tại {place}",
    "Kết quả khảo sát sự hài lòng của người dân quý {q} năm {year}",
    "{Unit} tuyên dương các tập thể, cá nhân tiêu biểu năm {year}",
    "Chỉnh trang đô thị, lắp đặt chiếu sáng công cộng tại {place}",
    "Thông báo tạm ngưng cấp nước tại {place}",
    "Phân luồng giao thông tạm thời trên {place2}",
    "Hội Liên hiệp Phụ nữ {unit} ra mắt câu lạc bộ khởi nghiệp",
    "Tuyển quân năm {year}: {unit} hoàn thành chỉ tiêu",
    "Khai giảng lớp bồi dưỡng nghiệp vụ cho công chức {unit}",
    "Lắp đặt camera an ninh tại các tuyến đường chính {unit}",
]
NEWS_CATEGORIES = ["Hoạt động chính quyền", "Cải cách hành chính", "Kinh tế - Xã hội", "Văn hóa - Xã hội",
                   "Quốc phòng - An ninh", "Thông báo"]
NEWS_TAGS = ["cải cách hành chính", "chuyển đổi số", "an sinh xã hội", "đô thị", "giáo dục", "y tế",
             "văn hóa", "an ninh trật tự", "môi trường", "dịch vụ công"]

GENERIC_PROCEDURES = [
    ("Thành lập cơ sở giáo dục mầm non tư thục", "Giáo dục và đào tạo"),
    ("Cho phép trường tiểu học hoạt động giáo dục", "Giáo dục và đào tạo"),
    ("Chuyển trường đối với học sinh trung học cơ sở", "Giáo dục và đào tạo"),
    ("Xét tặng danh hiệu Gia đình văn hóa", "Văn hóa"),
    ("Công nhận danh hiệu Tổ dân phố văn hóa", "Văn hóa"),
    ("Đăng ký tổ chức lễ hội truyền thống", "Văn hóa"),
    ("Cấp giấy phép tổ chức biểu diễn nghệ thuật", "Văn hóa"),
    ("Hỗ trợ kinh phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội"),
    ("Đăng ký nuôi con nuôi trong nước", "Hộ tịch"),
    ("Đăng ký giám hộ", "Hộ tịch"),
    ("Đăng ký khai tử", "Hộ tịch"),
    ("Đăng ký nhận cha, mẹ, con", "Hộ tịch"),
    ("Thay đổi, cải chính, bổ sung thông tin hộ tịch", "Hộ tịch"),
    ("Cấp bản sao trích lục hộ tịch", "Hộ tịch"),
    ("Khai báo tạm vắng", "Cư trú"),
    ("Thông báo lưu trú", "Cư trú"),
    ("Đăng ký kế hoạch bảo vệ môi trường", "Tài nguyên và môi trường"),
    ("Thẩm định báo cáo đánh giá tác động môi trường", "Tài nguyên và môi trường"),
    ("Cấp giấy phép đào đường, vỉa hè để thi công công trình", "Giao thông"),
    ("Cấp phép sử dụng tạm thời một phần lòng đường, hè phố", "Giao thông"),
    ("Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông", "Giao thông"),
    ("Cấp giấy phép bán lẻ sản phẩm rượu", "Công thương"),
    ("Cấp giấy phép bán lẻ sản phẩm thuốc lá", "Công thương"),
    ("Đăng ký thành lập hợp tác xã", "Kinh doanh"),
    ("Giải quyết chế độ trợ cấp một lần đối với người có công", "Người có công"),
    ("Xác nhận người có công với cách mạng", "Người có công"),
    ("Hỗ trợ người lao động tạm hoãn thực hiện hợp đồng lao động", "Lao động"),
    ("Giải quyết hưởng trợ cấp thất nghiệp", "Lao động"),
    ("Đăng ký nội quy lao động", "Lao động"),
    ("Đăng ký, cấp biển số xe", "Đường bộ"),
    ("Thu hồi chứng nhận đăng ký, biển số xe", "Đường bộ"),
    ("Cấp học bổng chính sách cho học sinh", "Giáo dục và đào tạo"),
    ("Miễn, giảm học phí cho học sinh", "Giáo dục và đào tạo"),
    ("Hỗ trợ chi phí học tập", "Giáo dục và đào tạo"),
    ("Đăng ký hoạt động thư viện tư nhân", "Văn hóa"),
    ("Tiếp nhận đối tượng cần bảo vệ khẩn cấp vào cơ sở trợ giúp xã hội", "Bảo trợ xã hội"),
    ("Đăng ký hoạt động tín ngưỡng", "Tôn giáo"),
    ("Thông báo tổ chức quyên góp trong địa bàn một xã", "Tôn giáo"),
    ("Di chuyển hài cốt liệt sĩ", "Người có công"),
    ("Xét công nhận sáng kiến", "Thi đua, khen thưởng"),
    ("Khen thưởng thành tích thực hiện nhiệm vụ chính trị", "Thi đua, khen thưởng"),
    ("Đăng ký khai thác nước dưới đất", "Tài nguyên và môi trường"),
    ("Hỗ trợ sản xuất nông nghiệp khắc phục thiệt hại do thiên tai", "Nông nghiệp"),
    ("Cấp giấy chứng nhận kinh tế trang trại", "Nông nghiệp"),
    ("Giải quyết tố cáo tại cấp xã", "Giải quyết tố cáo"),
    ("Tiếp công dân tại cấp xã", "Tiếp công dân"),
    ("Xử lý đơn tại cấp xã", "Xử lý đơn thư"),
    ("Cấp giấy phép lao động cho người nước ngoài", "Lao động"),
    ("Cấp giấy chứng nhận đủ điều kiện về an ninh, trật tự", "An ninh trật tự"),
    ("Xác nhận thông tin hộ tịch", "Hộ tịch"),
    ("Cấp thẻ hướng dẫn viên du lịch nội địa", "Du lịch"),
    ("Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở", "Xây dựng"),
    ("Cấp chứng chỉ hành nghề hoạt động xây dựng", "Xây dựng"),
    ("Thông báo khởi công xây dựng công trình", "Xây dựng"),
]
GENERIC_PERMITS = [
    "hoạt động cơ sở bán lẻ thuốc", "hoạt động in", "tổ chức triển lãm", "quảng cáo ngoài trời",
    "hoạt động điểm truy cập internet công cộng", "vận tải hành khách tuyến cố định",
    "khai thác khoáng sản làm vật liệu thông thường", "xả nước thải vào nguồn nước",
    "hoạt động cơ sở giáo dục nghề nghiệp", "hoạt động nhóm trẻ độc lập", "sản xuất rượu thủ công",
    "hoạt động dạy thêm, học thêm", "hoạt động cơ sở giết mổ gia súc", "buôn bán thuốc bảo vệ thực vật",
    "cửa hàng bán lẻ khí dầu mỏ hóa lỏng", "thành lập quỹ từ thiện", "hoạt động cơ sở chăm sóc người cao tuổi",
    "hoạt động bến thủy nội địa", "sử dụng tần số vô tuyến điện", "hoạt động của cơ sở trợ giúp xã hội",
]
GENERIC_PERMIT_ACTIONS = ["Cấp giấy phép", "Cấp lại giấy phép", "Gia hạn giấy phép", "Điều chỉnh giấy phép",
                          "Thu hồi giấy phép"]
PERMIT_FIELDS = ["Công thương", "Văn hóa", "Tài nguyên và môi trường", "Giáo dục và đào tạo", "Y tế",
                 "Giao thông", "Nông nghiệp", "Thông tin và truyền thông"]

GENERIC_ACTIONS = ["Công nhận", "Xác nhận", "Thẩm định", "Phê duyệt", "Đăng ký", "Thông báo", "Hỗ trợ",
                   "Chấp thuận", "Kiểm tra", "Cấp giấy chứng nhận"]
GENERIC_OBJECTS = [
    "kế hoạch bảo vệ môi trường của cơ sở", "tổ hợp tác", "làng nghề truyền thống", "sản phẩm OCOP",
    "điểm du lịch cộng đồng", "câu lạc bộ thể dục thể thao", "đội văn nghệ quần chúng", "vùng trồng rau an toàn",
    "cơ sở chăn nuôi gia súc", "phương án phòng, chống thiên tai", "công trình thủy lợi nhỏ",
    "danh hiệu khu phố văn hóa", "hoạt động của nhóm trẻ", "cơ sở in", "bảng quảng cáo", "tuyến xe buýt",
    "điểm trông giữ xe", "chợ tạm", "phương án sắp xếp hàng rong", "cơ sở sản xuất nước đá",
    "giống cây trồng mới", "chương trình khuyến nông", "mô hình sinh kế", "quỹ khuyến học",
    "hội quán người cao tuổi", "lớp học tình thương", "phương án chuyển đổi cây trồng", "đề án khởi nghiệp",
    "hợp đồng thuê khoán rừng", "kế hoạch tổ chức hội chợ", "dự án trồng cây xanh", "hồ sơ hoàn công công trình",
    "bản vẽ hiện trạng", "tờ trình kinh phí sự kiện", "danh sách tình nguyện viên", "đề xuất sáng kiến",
    "cơ sở sơ chế nông sản", "phương án giao thông tạm thời", "đội tự quản an ninh", "tổ tự quản vệ sinh",
]
GENERIC_OBJECT_FIELDS = ["Môi trường", "Nông nghiệp", "Văn hóa", "Giao thông", "Công thương", "Kinh tế hợp tác",
                         "Thể dục thể thao", "Du lịch"]

LEGAL = {
    "Hộ tịch": ["Luật Hộ tịch ngày 20/11/2014", "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ"],
    "Cư trú": ["Luật Cư trú ngày 13/11/2020", "Nghị định số 62/2021/NĐ-CP ngày 29/6/2021 của Chính phủ"],
    "Đất đai": ["Luật Đất đai ngày 18/01/2024", "Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 của Chính phủ"],
    "Xây dựng": ["Luật Xây dựng ngày 18/6/2014", "Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ"],
    "Chứng thực": ["Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ"],
    "Thuế": ["Luật Quản lý thuế ngày 13/6/2019"],
}
STEPS = [
    "Tổ chức, cá nhân nộp hồ sơ trực tiếp tại Bộ phận Một cửa, qua dịch vụ bưu chính hoặc trực tuyến trên Cổng dịch vụ công.",
    "Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung một lần bằng văn bản.",
    "Bộ phận chuyên môn thẩm định hồ sơ, trình lãnh đạo xem xét, ký duyệt.",
    "Trả kết quả tại Bộ phận Một cửa, qua dịch vụ bưu chính hoặc bản điện tử trên tài khoản của người yêu cầu.",
]
DOCS_GENERIC = [
    "Đơn đề nghị theo mẫu: 01 bản chính.",
    "Giấy tờ chứng minh nhân thân của người nộp hồ sơ: 01 bản sao.",
    "Văn bản ủy quyền (nếu có): 01 bản chính hoặc bản sao có chứng thực.",
    "Các giấy tờ có liên quan khác: 01 bản sao.",
]
RESULTS = ["Quyết định", "Giấy chứng nhận", "Văn bản trả lời", "Giấy phép", "Trích lục", "Phiếu kết quả"]

# Fields of documents that are about no topic (a document's field is shown on its page and
# indexed with it, so it has to fit what the document is about).
DOC_FIELDS = ["Cải cách hành chính", "Văn hóa - Xã hội", "Kinh tế", "Quốc phòng - An ninh", "Tổ chức bộ máy",
              "Tài chính - Ngân sách", "Đô thị"]

DOC_TYPES = [("Quyết định", "QĐ-UBND"), ("Kế hoạch", "KH-UBND"), ("Thông báo", "TB-UBND"),
             ("Công văn", "UBND-VP"), ("Chỉ thị", "CT-UBND"), ("Báo cáo", "BC-UBND")]
DOC_GENERIC = [
    ("Quyết định", "thành lập Ban chỉ đạo chuyển đổi số {unit}"),
    ("Kế hoạch", "tổ chức các hoạt động kỷ niệm ngày thành lập {unit}"),
    ("Thông báo", "lịch tiếp công dân của lãnh đạo Ủy ban nhân dân tháng {m}/{year}"),
    ("Công văn", "tăng cường công tác vệ sinh môi trường, phòng chống dịch bệnh"),
    ("Kế hoạch", "cải cách hành chính năm {year}"),
    ("Quyết định", "ban hành Quy chế làm việc của Ủy ban nhân dân {unit}"),
    ("Báo cáo", "tình hình kinh tế - xã hội {m} tháng đầu năm {year}"),
    ("Kế hoạch", "tổ chức Ngày hội đại đoàn kết toàn dân tộc năm {year}"),
    ("Thông báo", "kết luận của Chủ tịch Ủy ban nhân dân tại cuộc họp giao ban tháng {m}/{year}"),
    ("Công văn", "đôn đốc giải ngân vốn đầu tư công năm {year}"),
    ("Quyết định", "phê duyệt danh sách học sinh được hỗ trợ chi phí học tập năm học {year}"),
    ("Kế hoạch", "chỉnh trang đô thị, lắp đặt chiếu sáng công cộng năm {year}"),
    ("Chỉ thị", "tăng cường công tác bảo đảm trật tự an toàn giao thông năm {year}"),
    ("Quyết định", "công bố danh mục thủ tục hành chính lĩnh vực {field}"),
    ("Kế hoạch", "tuyển quân năm {year}"),
    ("Báo cáo", "kết quả thực hiện chương trình giảm nghèo bền vững năm {year}"),
]

INSPECTION_SCOPES = [
    ("việc quản lý, sử dụng ngân sách năm {year} tại {unit}", {}),
    ("việc chấp hành quy định về an toàn thực phẩm tại các cơ sở kinh doanh ăn uống", {"attp": 3}),
    ("công tác quản lý nhà nước về đất đai, trật tự xây dựng tại {unit}", {"dat_dai": 3}),
    ("công tác cấp giấy phép xây dựng nhà ở riêng lẻ tại {unit}", {"gpxd": 3}),
    ("việc thực hiện chính sách giảm nghèo và hỗ trợ hộ nghèo tại {unit}", {"ho_ngheo": 3}),
    ("công tác phòng cháy, chữa cháy tại các chợ truyền thống", {"pccc": 3}),
    ("việc thu, chi các khoản đóng góp tại trường học năm học {year}", {}),
    ("trách nhiệm thực hiện pháp luật về tiếp công dân, giải quyết khiếu nại, tố cáo", {"khieu_nai": 2}),
    ("công tác chứng thực tại Ủy ban nhân dân {unit}", {"chung_thuc": 1}),
    ("việc quản lý, sử dụng vốn đầu tư công tại các dự án nâng cấp hẻm", {}),
    ("việc chi trả trợ cấp xã hội hằng tháng tại {unit}", {"tro_cap": 3}),
    ("việc quản lý, sử dụng tài sản công tại {unit}", {}),
]
COMPLAINT_MATTERS = [
    ("bồi thường, hỗ trợ khi Nhà nước thu hồi đất tại {place}", {"dat_dai": 1}),
    ("quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng", {"gpxd": 1}),
    ("việc cấp giấy chứng nhận quyền sử dụng đất tại {place}", {}),
    ("việc giải quyết hồ sơ chứng thực hợp đồng tại Bộ phận Một cửa", {}),
    ("tiếng ồn của cơ sở sản xuất tại {place}", {}),
    ("việc lấn chiếm hẻm công cộng tại {place}", {}),
    ("việc xét duyệt hộ nghèo, hộ cận nghèo tại {place}", {"ho_ngheo": 2}),
    ("việc thu hồi biển hiệu quảng cáo tại {place}", {}),
]
PROCUREMENT = [
    ("Nâng cấp, mở rộng hẻm {k} {place}", {}),
    ("Xây dựng nhà văn hóa {place}", {}),
    ("Mua sắm trang thiết bị phục vụ số hóa hồ sơ tại Bộ phận Một cửa", {}),
    ("Cải tạo trụ sở Ủy ban nhân dân {unit}", {}),
    ("Lắp đặt camera an ninh trên các tuyến đường chính {unit}", {}),
    ("Mua sắm trang thiết bị phòng cháy chữa cháy cho khu dân cư {place}", {}),
    ("Sửa chữa hệ thống thoát nước {place}", {}),
    ("Lắp đặt chiếu sáng công cộng tại {place}", {}),
    ("Mua sắm máy tính, thiết bị văn phòng năm {year}", {}),
    ("Trồng cây xanh, cải tạo công viên {place}", {}),
]
# (code, name, children): leaves get random values, parents the sums of their children.
BUDGET_TREE = [
    ("A", "Tổng thu ngân sách", [
        ("I", "Các khoản thu hưởng 100%", [("1", "Phí, lệ phí", []), ("2", "Thu từ quỹ đất công ích", [])]),
        ("II", "Thu bổ sung từ ngân sách cấp trên", []),
    ]),
    ("B", "Tổng chi ngân sách", [
        ("I", "Chi đầu tư phát triển", []),
        ("II", "Chi thường xuyên", [("1", "Chi quản lý hành chính", []), ("2", "Chi sự nghiệp văn hóa, thông tin", []),
                                    ("3", "Chi đảm bảo xã hội", [])]),
        ("III", "Dự phòng ngân sách", []),
    ]),
]
BUDGET_ROWS = []


def _names(tree):
    for code, name, kids in tree:
        BUDGET_ROWS.append((code, name))
        _names(kids)


_names(BUDGET_TREE)


def budget_block(r, node):
    """Rows (code, name, (estimate, actual)) of a budget subtree, parents first."""
    code, name, kids = node
    if not kids:
        a = r.randint(120, 9000)
        return [(code, name, (a, int(a * r.uniform(0.4, 1.1))))]
    rows = []
    for k in kids:
        rows.extend(budget_block(r, k))
    # Sum the direct children only.
    direct = []
    for k in kids:
        direct.append(next(x for x in rows if x[0] == k[0] and x[1] == k[1]))
    total = (sum(x[2][0] for x in direct), sum(x[2][1] for x in direct))
    return [(code, name, total)] + rows
STAGES = [("estimate", "dự toán ngân sách"), ("execution", "tình hình thực hiện dự toán ngân sách"),
          ("settlement", "quyết toán ngân sách")]

# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


@dataclass
class Page:
    url: str  # relative to the site root, e.g. "tin-tuc/abc/"
    kind: str
    title: str = ""
    summary: str = ""
    body: str = ""  # everything else the page shows (Markdown, procedure fields, …)
    planted: dict = field(default_factory=dict)  # topic -> grade

    def plant(self, topic: str, grade: int) -> None:
        if grade > self.planted.get(topic, 0):
            self.planted[topic] = grade


class Ctx:
    def __init__(self, rng: random.Random):
        self.r = rng

    def person(self) -> str:
        r = self.r
        return f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def date(self, year=None) -> str:
        r = self.r
        y = year or r.choice(YEARS[:-1])
        return f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{y}"

    def fill(self, s: str, **kw) -> str:
        r = self.r
        unit = kw.get("unit") or r.choice(UNITS)
        vals = {
            "unit": unit, "Unit": cap(unit), "place": r.choice(PLACES), "place2": r.choice(PLACES),
            "n": r.randint(12, 480), "n2": r.randint(3, 95), "k": r.randint(2, 19), "d": r.randint(5, 12),
            "q": r.choice(["I", "II", "III", "IV"]), "m": r.randint(1, 12),
            "pct": f"{r.randint(85, 99)},{r.randint(0, 9)}%", "year": kw.get("year") or r.choice(YEARS),
            "date": self.date(kw.get("year")), "person": self.person(), "position": r.choice(POSITIONS),
            "money": vn_int(r.randint(12, 9800) * 1_000_000), "field": kw.get("field", "Hộ tịch"),
        }
        return s.format(**vals)

    def paragraph(self, k: int, **kw) -> str:
        return " ".join(self.fill(self.r.choice(FILLER), **kw) for _ in range(k))


def vary(text: str, rng: random.Random, share: float) -> str:
    """Writes a variant spelling (lí lịch, hoà giải) in a share of texts."""
    for a, b in SPELLING_VARIANTS.items():
        if a in text and rng.random() < share:
            text = text.replace(a, b)
    return text


def mention_plan(rng: random.Random, page: Page, ctx: Ctx, rate: float) -> list[str]:
    """Topic sentences for the body of a page not about that topic: once (grade 1), sometimes twice (2)."""
    out = []
    if rng.random() < rate:
        t = rng.choice([t for t in TOPICS if t.mentions])
        k = 2 if rng.random() < 0.2 else 1
        for s in rng.sample(t.mentions, min(k, len(t.mentions))):
            out.append(ctx.fill(s))
        page.plant(t.id, 2 if len(out) >= 2 else 1)
    return out


def body_sections(rng: random.Random, ctx: Ctx, words_target: int, inserts: list[str], unit: str) -> str:
    """Markdown: a lead paragraph and sections of filler, with `inserts` (sentences or
    paragraphs) placed at random positions."""
    paras = []
    n_words = 0
    while n_words < words_target:
        p = ctx.paragraph(rng.randint(3, 6), unit=unit)
        paras.append(p)
        n_words += len(p.split())
    for s in inserts:
        i = rng.randrange(len(paras))
        paras[i] = paras[i] + " " + s
    out = [paras[0]]
    for i, p in enumerate(paras[1:]):
        if i % 2 == 0:
            out.append("## " + rng.choice(HEADINGS))
        out.append(p)
    return "\n\n".join(out)


def split_counts(n: int) -> dict[str, int]:
    shares = [("procedure", 0.18), ("document", 0.20), ("inspection", 0.04), ("complaint", 0.05),
              ("procurement", 0.05), ("budget", 0.03), ("statistics", 0.02), ("page", 0.01)]
    c = {k: max(3, int(n * s)) for k, s in shares}
    c["news"] = n - sum(c.values())
    return c


def about_slots(rng: random.Random, count: int, templates: list[tuple[str, str]], rate: float) -> dict[int, tuple]:
    """Chooses which indices of a kind are about which topic template: about `rate` × count
    pages per template, at least one each while room remains."""
    per = max(1, round(rate * count))
    want = []
    for tpl in templates:
        want.extend([tpl] * per)
    rng.shuffle(want)
    idx = list(range(count))
    rng.shuffle(idx)
    limit = count // 2
    return {i: w for i, w in zip(idx, want[:limit])}


def gen_site(n: int, seed: int, out: str) -> dict:
    counts = split_counts(n)
    pages: list[Page] = []
    files: dict[str, str] = {}

    def write(path: str, text: str) -> None:
        files[path] = text

    # ---- procedures (one CSV catalog) -----------------------------------------------------
    rng = random.Random(f"{seed}:procedure")
    topic_bases = [(title, fld, t.id, g) for t in TOPICS for (title, fld, g) in t.procedures]
    generic_bases = [(title, fld, None, 0) for title, fld in GENERIC_PROCEDURES]
    for a in GENERIC_PERMIT_ACTIONS:
        for i, obj in enumerate(GENERIC_PERMITS):
            generic_bases.append((f"{a} {obj}", PERMIT_FIELDS[i % len(PERMIT_FIELDS)], None, 0))
    for a in GENERIC_ACTIONS:
        for j, obj in enumerate(GENERIC_OBJECTS):
            generic_bases.append((f"{a} {obj}", GENERIC_OBJECT_FIELDS[j % len(GENERIC_OBJECT_FIELDS)], None, 0))
    # A catalog lists each procedure once per level that handles it (replica 0: commune, 1:
    # district, 2: province), so a topic has a handful of procedure pages, not dozens. Every
    # topic procedure is in the first rows, so small portals have them all once.
    first = topic_bases[:]
    rng.shuffle(first)
    rest = [(b, 1) for b in topic_bases] + [(b, 0) for b in generic_bases] + [(b, 1) for b in generic_bases]
    rng.shuffle(rest)
    rows = [(b, 0) for b in first] + rest
    rep = 2
    while len(rows) < counts["procedure"]:
        more = [(b, rep) for b in topic_bases + generic_bases]
        rng.shuffle(more)
        rows += more
        rep += 1
    rows = rows[: counts["procedure"]]
    catalog = []
    for i, ((title, fld, tid, grade), rep) in enumerate(rows):
        r = random.Random(f"{seed}:procedure:{i}")
        ctx = Ctx(r)
        level = ["commune", "district", "province"][min(rep, 2)]
        if level == "commune":
            agency = r.choice(WARD_AGENCIES)
            suffix = " (cấp xã)" if rep else ""
        elif level == "district":
            agency = r.choice(DISTRICT_AGENCIES)
            suffix = " (cấp huyện)"
        else:
            agency = "Ủy ban nhân dân Thành phố"
            suffix = " (cấp tỉnh)"
        if rep > 2:
            suffix += f" - {agency}"
        t = vary(title, r, 0.35) + suffix
        code = f"1.{100000 + i:06d}"
        slug = f"{slugify(title)[:70].strip('-')}-{i + 1}"
        page = Page(url=f"thu-tuc-hanh-chinh/{slug}/", kind="procedure", title=t)
        if tid:
            page.plant(tid, grade)
        steps = list(STEPS)
        docs = list(DOCS_GENERIC)
        conds = []
        topic = TOPIC.get(tid) if tid else None
        if topic and grade >= 2 and topic.section:
            conds.append(vary(ctx.fill(topic.section, unit=agency), r, 0.35))
        # Step 3 names the procedure; documents name its form.
        steps[2] = f"Bộ phận chuyên môn thẩm định hồ sơ {t[:1].lower() + t[1:]}, trình lãnh đạo xem xét, ký duyệt."
        docs[0] = f"Tờ khai hoặc đơn đề nghị {t[:1].lower() + t[1:]} theo mẫu: 01 bản chính."
        if r.random() < 0.5:
            docs.insert(1, "Bản sao thẻ căn cước hoặc giấy tờ tùy thân có ảnh của người yêu cầu.")
        conds.append(ctx.paragraph(r.randint(1, 3), unit=agency.replace("Ủy ban nhân dân ", "")))
        for s in mention_plan(r, page, ctx, 0.08):
            conds.append(s)
        legal = LEGAL.get(fld, ["Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ"])
        days = r.choice([1, 3, 5, 7, 10, 15, 20, 30])
        online = r.choice(["full", "partial", "none"])
        row = {
            "code": code, "title": t, "slug": slug, "field": fld, "level": level, "agency": agency,
            "audience": r.choice(["citizen", "citizen;business", "organization"]),
            "channels": "in_person;online;postal" if online != "none" else "in_person;postal",
            "online": online,
            "online_url": f"https://dichvucong.example.gov.vn/thu-tuc/{code}" if online != "none" else "",
            "processing_time": f"{days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "processing_days": str(days),
            "fees": "Không" if r.random() < 0.5 else f"{vn_int(r.choice([10, 20, 50, 100, 200]) * 1000)} đồng/hồ sơ",
            "fee_amount": "",
            "result": f"{r.choice(RESULTS)} về việc {t[:1].lower() + t[1:]}",
            "steps": "\n".join(f"{k + 1}. {s}" for k, s in enumerate(steps)),
            "documents": "\n".join(f"- {d}" for d in docs),
            "conditions": "\n\n".join(conds),
            "legal_basis": ";".join(legal),
            "forms": "", "effective": f"{r.choice([2021, 2022, 2023, 2024, 2025])}-0{r.randint(1, 9)}-15",
            "repealed": "",
        }
        catalog.append(row)
        page.body = "\n".join(row[k] for k in ("field", "agency", "processing_time", "fees", "result", "steps",
                                                "documents", "conditions", "legal_basis"))
        if topic and topic.field_grade is None:
            pass
        for tp in TOPICS:
            if tp.field_grade and fld == tp.field_grade[0]:
                page.plant(tp.id, tp.field_grade[1])
        pages.append(page)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(catalog[0].keys()), lineterminator="\n")
    w.writeheader()
    for row in catalog:
        w.writerow(row)
    write("content/thu-tuc-hanh-chinh/danh-muc.csv", buf.getvalue())
    write("content/thu-tuc-hanh-chinh/_section.yaml",
          'kind: procedures\ntitle: "Thủ tục hành chính"\ncatalog: danh-muc.csv\nper_page: 20\nsort: title\n')

    # ---- news -------------------------------------------------------------------------------
    rng = random.Random(f"{seed}:news")
    templates = [(t.id, s) for t in TOPICS for s in t.news]
    slots = about_slots(rng, counts["news"], templates, 0.0012)
    for i in range(counts["news"]):
        r = random.Random(f"{seed}:news:{i}")
        ctx = Ctx(r)
        unit = r.choice(UNITS)
        year = r.choice(YEARS[:-1] + [2025, 2025])
        inserts = []
        if i in slots:
            tid, tpl = slots[i]
            t = TOPIC[tid]
            title = vary(ctx.fill(tpl, unit=unit, year=year), r, 0.35)
            summary = vary(ctx.fill(r.choice(t.summary), unit=unit, year=year), r, 0.35) if t.summary else ctx.fill(
                r.choice(FILLER), unit=unit)
            if t.section:
                inserts.append(vary(ctx.fill(t.section, unit=unit, year=year), r, 0.35))
            for s in r.sample(t.mentions, min(len(t.mentions), r.randint(1, 2))):
                inserts.append(vary(ctx.fill(s, unit=unit, year=year), r, 0.35))
            page_topic = (tid, 3)
        else:
            title = ctx.fill(r.choice(NEWS_GENERIC), unit=unit, year=year)
            summary = ctx.fill(r.choice(FILLER), unit=unit, year=year)
            page_topic = None
        slug = f"{slugify(title)[:70].strip('-')}-{i + 1}"
        page = Page(url=f"tin-tuc/{slug}/", kind="news", title=title, summary=summary)
        if page_topic:
            page.plant(*page_topic)
        # Passing mentions of other topics in about a quarter of the news.
        inserts += mention_plan(r, page, ctx, 0.25)
        body = body_sections(r, ctx, r.randint(180, 800), inserts, unit)
        page.body = body
        date = f"{year}-{r.randint(1, 12) if year < 2026 else r.randint(1, 6):02d}-{r.randint(1, 28):02d} {r.randint(7, 17):02d}:{r.choice(['00', '15', '30', '45'])}"
        fm = [
            "---", f"title: {yq(title)}", f"date: {date}", f"type: {r.choice(['news', 'news', 'news', 'announcement', 'event'])}",
            f"category: {yq(r.choice(NEWS_CATEGORIES))}", f"tags: [{', '.join(yq(x) for x in r.sample(NEWS_TAGS, 2))}]",
            f"author: {yq(ctx.person())}", f"summary: {yq(summary)}", "---", "",
        ]
        write(f"content/tin-tuc/{slug}.md", "\n".join(fm) + body + "\n")
        pages.append(page)
    write("content/tin-tuc/_section.yaml", 'kind: news\ntitle: "Tin tức - Sự kiện"\nper_page: 20\nsort: date_desc\n')

    # ---- documents ------------------------------------------------------------------------
    rng = random.Random(f"{seed}:document")
    dtemplates = [(t.id, d) for t in TOPICS for d in t.docs]
    dtemplates += [("du_toan_2025", ("Quyết định", "giao dự toán ngân sách năm 2025 cho các đơn vị"))]
    dtemplates += [("du_toan_2025", ("Nghị quyết", "phê chuẩn dự toán ngân sách năm 2025"))]
    slots = about_slots(rng, counts["document"], dtemplates, 0.0015)
    fields_of = sorted({f for _, f, _, _ in topic_bases})
    for i in range(counts["document"]):
        r = random.Random(f"{seed}:document:{i}")
        ctx = Ctx(r)
        issuer = r.choice(DISTRICT_AGENCIES[:1] * 4 + WARD_AGENCIES)
        unit = issuer.replace("Ủy ban nhân dân ", "") if issuer.startswith("Ủy ban nhân dân phường") else r.choice(UNITS)
        year = r.choice(YEARS[:-1] + [2025])
        inserts = []
        about = None
        fld = r.choice(DOC_FIELDS)
        if i in slots:
            tid, (dtype, tpl) = slots[i]
            about = tid
            t = TOPIC[tid]
            fld = t.procedures[0][1] if t.procedures else "Tài chính - Ngân sách"
            if tid == "du_toan_2025":
                year = 2024 if r.random() < 0.7 else 2025
            trich = vary(ctx.fill(tpl, unit=unit, year=year), r, 0.35)
            if t.section:
                inserts.append(vary(ctx.fill(t.section, unit=unit, year=year), r, 0.35))
        else:
            dtype, tpl = r.choice(DOC_GENERIC)
            if "danh mục thủ tục hành chính" in tpl:
                fld = r.choice(fields_of)
            trich = ctx.fill(tpl, unit=unit, year=year, field=fld)
            if "danh mục thủ tục hành chính" in tpl:
                names = [b[0] for b in topic_bases if b[1] == fld] + [g[0] for g in GENERIC_PROCEDURES if g[1] == fld]
                listing = "Danh mục gồm các thủ tục: " + "; ".join(r.sample(names, min(len(names), r.randint(2, 5)))) + "."
                inserts.append(listing)
        code = dict(DOC_TYPES).get(dtype, "NQ-HĐND")
        number = f"{r.randint(1, 420)}/{code}"
        title = f"{dtype} về việc {trich}" if dtype not in ("Kế hoạch", "Báo cáo") else f"{dtype} {trich}"
        title = cap(title)
        summary = cap(trich) + "."
        slug = f"{slugify(number)}-{slugify(trich)[:60].strip('-')}-{i + 1}"
        page = Page(url=f"van-ban/{slug}/", kind="document", title=title, summary=summary)
        if about:
            page.plant(about, 3)
        inserts += mention_plan(r, page, ctx, 0.15)
        body = body_sections(r, ctx, r.randint(120, 500), inserts, unit)
        page.body = body + "\n" + number + "\n" + dtype + "\n" + issuer + "\n" + fld
        date = f"{year}-{r.randint(1, 12) if year < 2026 else r.randint(1, 6):02d}-{r.randint(1, 28):02d}"
        fm = ["---", f"title: {yq(title)}", f"number: {yq(number)}", f"doc_type: {yq(dtype)}",
              f"issuer: {yq(issuer)}", f"signer: {yq(ctx.person() + ' - ' + r.choice(POSITIONS))}",
              f"date: {date}", f"field: {yq(fld)}", f"summary: {yq(summary)}", "---", ""]
        write(f"content/van-ban/{slug}.md", "\n".join(fm) + body + "\n")
        pages.append(page)
    write("content/van-ban/_section.yaml", 'kind: documents\ntitle: "Văn bản chỉ đạo, điều hành"\nper_page: 20\nsort: date_desc\n')

    # ---- inspections ----------------------------------------------------------------------
    for i in range(counts["inspection"]):
        r = random.Random(f"{seed}:inspection:{i}")
        ctx = Ctx(r)
        unit = r.choice(UNITS)
        year = r.choice(YEARS)
        scope_tpl, grades = INSPECTION_SCOPES[i % len(INSPECTION_SCOPES)]
        scope = ctx.fill(scope_tpl, unit=unit, year=year)
        kind_word = "Kết luận thanh tra" if r.random() < 0.85 else "Kết luận kiểm tra"
        title = f"{kind_word} {scope}"
        number = f"{r.randint(1, 60):02d}/KL-TTr"
        summary = cap(ctx.fill(r.choice(FILLER), unit=unit, year=year))
        slug = f"kl-{slugify(number)}-{slugify(scope)[:50].strip('-')}-{i + 1}"
        page = Page(url=f"thanh-tra/{slug}/", kind="inspection", title=title, summary=summary)
        page.plant("thanh_tra", 3 if kind_word == "Kết luận thanh tra" else 2)
        for tid, g in grades.items():
            page.plant(tid, g)
        inserts = [f"Qua thanh tra, phát hiện sai phạm với tổng số tiền {vn_int(r.randint(5, 900) * 1_000_000)} đồng, đã thu hồi nộp ngân sách."]
        inserts += mention_plan(r, page, ctx, 0.15)
        body = body_sections(r, ctx, r.randint(200, 600), inserts, unit)
        page.body = body + "\n" + scope
        date = f"{year}-{r.randint(1, 12) if year < 2026 else r.randint(1, 6):02d}-{r.randint(1, 28):02d}"
        fm = ["---", f"title: {yq(title)}", f"number: {yq(number)}", f"date: {date}",
              f"issuer: {yq('Thanh tra quận Hòa Bình')}", f"subject: {yq('Ủy ban nhân dân ' + unit)}",
              f"scope: {yq(cap(scope))}", f"status: {r.choice(['open', 'implemented'])}",
              f"summary: {yq(summary)}", "---", ""]
        write(f"content/thanh-tra/{slug}.md", "\n".join(fm) + body + "\n")
        pages.append(page)
    write("content/thanh-tra/_section.yaml", 'kind: inspections\ntitle: "Thanh tra"\nper_page: 20\nsort: date_desc\n')

    # ---- complaints -----------------------------------------------------------------------
    for i in range(counts["complaint"]):
        r = random.Random(f"{seed}:complaint:{i}")
        ctx = Ctx(r)
        unit = r.choice(UNITS)
        year = r.choice(YEARS)
        matter_tpl, grades = COMPLAINT_MATTERS[i % len(COMPLAINT_MATTERS)]
        matter = ctx.fill(matter_tpl, unit=unit, year=year)
        ctype = ["complaint", "complaint", "denunciation", "petition"][i % 4]
        if ctype == "complaint":
            head = r.choice(["Quyết định giải quyết khiếu nại lần đầu về", "Quyết định giải quyết khiếu nại lần hai về"])
        elif ctype == "denunciation":
            head = "Kết luận nội dung tố cáo về"
        else:
            head = "Thông báo kết quả xử lý phản ánh về"
        title = f"{head} {matter}"
        number = f"{r.randint(1, 300)}/{'QĐ-UBND' if ctype == 'complaint' else 'KL-UBND' if ctype == 'denunciation' else 'TB-UBND'}"
        slug = f"{slugify(number)}-{slugify(matter)[:50].strip('-')}-{i + 1}"
        summary = cap(ctx.fill(r.choice(FILLER), unit=unit, year=year))
        page = Page(url=f"khieu-nai-to-cao/{slug}/", kind="complaint", title=title, summary=summary)
        for tid, g in grades.items():
            page.plant(tid, g)
        inserts = mention_plan(r, page, ctx, 0.15)
        body = body_sections(r, ctx, r.randint(150, 450), inserts, unit)
        page.body = body + "\n" + matter
        date = f"{year}-{r.randint(1, 12) if year < 2026 else r.randint(1, 6):02d}-{r.randint(1, 28):02d}"
        fm = ["---", f"title: {yq(title)}", f"number: {yq(number)}", f"date: {date}", f"type: {ctype}",
              f"issuer: {yq('Chủ tịch Ủy ban nhân dân ' + unit)}", f"subject: {yq(cap(matter))}",
              f"result: {r.choice(['upheld', 'partly_upheld', 'rejected', 'withdrawn'])}",
              f"summary: {yq(summary)}", "---", ""]
        write(f"content/khieu-nai-to-cao/{slug}.md", "\n".join(fm) + body + "\n")
        pages.append(page)
    write("content/khieu-nai-to-cao/_section.yaml",
          'kind: complaints\ntitle: "Kết quả giải quyết khiếu nại, tố cáo"\nper_page: 20\nsort: date_desc\n')

    # ---- procurement ----------------------------------------------------------------------
    for i in range(counts["procurement"]):
        r = random.Random(f"{seed}:procurement:{i}")
        ctx = Ctx(r)
        unit = r.choice(UNITS)
        year = r.choice(YEARS)
        tpl, grades = PROCUREMENT[i % len(PROCUREMENT)]
        name = ctx.fill(tpl, unit=unit, year=year)
        title = name
        slug = f"{slugify(name)[:60].strip('-')}-{i + 1}"
        summary = cap(ctx.fill(r.choice(FILLER), unit=unit, year=year))
        page = Page(url=f"du-an-dau-thau/{slug}/", kind="procurement", title=title, summary=summary)
        for tid, g in grades.items():
            page.plant(tid, g)
        if "phòng cháy chữa cháy" in name:
            page.plant("pccc", 3)
        inserts = mention_plan(r, page, ctx, 0.1)
        body = body_sections(r, ctx, r.randint(120, 400), inserts, unit)
        page.body = body
        date = f"{year}-{r.randint(1, 12) if year < 2026 else r.randint(1, 6):02d}-{r.randint(1, 28):02d}"
        fm = ["---", f"title: {yq(title)}", f"date: {date}", f"project: {yq(name)}",
              f"package: {yq('Gói thầu số 01: ' + name)}", f"investor: {yq('Ủy ban nhân dân ' + unit)}",
              f"method: {yq(r.choice(['Chào hàng cạnh tranh qua mạng', 'Đấu thầu rộng rãi qua mạng', 'Chỉ định thầu rút gọn']))}",
              f"value: {r.randint(2, 90) * 50_000_000}", f"funding: {yq('Ngân sách ' + unit + ' năm ' + str(year))}",
              f"status: {r.choice(['planned', 'bidding', 'awarded', 'in_progress', 'completed'])}",
              f"summary: {yq(summary)}", "---", ""]
        write(f"content/du-an-dau-thau/{slug}.md", "\n".join(fm) + body + "\n")
        pages.append(page)
    write("content/du-an-dau-thau/_section.yaml",
          'kind: procurement\ntitle: "Dự án - Đấu thầu"\nper_page: 20\nsort: date_desc\n')

    # ---- budget ---------------------------------------------------------------------------
    combos = [(y, st, u) for y in [2025, 2024, 2026, 2023, 2022, 2021, 2020, 2019] for st in STAGES
              for u in ["quận Hòa Bình"] + UNITS]
    # Interleave so that small portals still hold every year and stage.
    rngb = random.Random(f"{seed}:budget")
    head = [c for c in combos if c[2] == "quận Hòa Bình"]
    tail = [c for c in combos if c[2] != "quận Hòa Bình"]
    rngb.shuffle(tail)
    combos = head + tail
    for i in range(counts["budget"]):
        r = random.Random(f"{seed}:budget:{i}")
        ctx = Ctx(r)
        year, (stage, label), unit = combos[i % len(combos)]
        extra = "" if i < len(combos) else f" (lần {i // len(combos) + 1})"
        if stage == "execution":
            title = f"Công khai {label} {unit} 6 tháng đầu năm {year}{extra}"
        else:
            title = f"Công khai {label} {unit} năm {year}{extra}"
        slug = f"{slugify(title)[:80].strip('-')}-{i + 1}"
        summary = f"{cap(label)} {unit} năm {year} được công khai theo quy định; số liệu chi tiết tại bảng kèm theo."
        page = Page(url=f"cong-khai-ngan-sach/{slug}/", kind="budget", title=title, summary=summary)
        if year == 2025 and stage == "estimate":
            page.plant("du_toan_2025", 3)
        elif year == 2025 and stage == "execution":
            page.plant("du_toan_2025", 2)
        # Table: parents are the sums of their children (the build checks it).
        lines = ["STT,Nội dung,Dự toán,Thực hiện"]
        for block in BUDGET_TREE:
            for code, name, vals in budget_block(r, block):
                lines.append(f'{code},"{name}","{vn_int(vals[0])},0","{vn_int(vals[1])},0"')
        table = f"bang-{i + 1}.csv"
        write(f"content/cong-khai-ngan-sach/{table}", "\n".join(lines) + "\n")
        body = ctx.paragraph(r.randint(2, 4), unit=unit, year=year)
        page.body = body + "\n" + "\n".join(n for _, n in BUDGET_ROWS)
        fm = [f"title: {yq(title)}", f"form: {yq('Biểu số ' + str(r.randint(90, 120)) + '/CK-NSNN')}",
              f"fiscal_year: {year}", f"stage: {stage}", 'unit: "triệu đồng"',
              f"date: {year if stage != 'settlement' else min(year + 1, 2026)}-0{r.randint(1, 6)}-{r.randint(10, 28)}",
              f"table: {table}", f"summary: {yq(summary)}"]
        write(f"content/cong-khai-ngan-sach/{slug}.yaml", "\n".join(fm) + "\n")
        pages.append(page)
    write("content/cong-khai-ngan-sach/_section.yaml",
          'kind: budget\ntitle: "Công khai ngân sách"\nper_page: 20\nsort: date_desc\n')

    # ---- statistics -----------------------------------------------------------------------
    for i in range(counts["statistics"]):
        r = random.Random(f"{seed}:statistics:{i}")
        unit = UNITS[i % len(UNITS)]
        year = YEARS[(i // len(UNITS)) % len(YEARS)]
        variant = i % 3
        slug_base = ""
        if variant == 0:
            title = f"Kết quả giải quyết hồ sơ thủ tục hành chính {unit} năm {year}"
            lines = ["period,unit,received,resolved_early,resolved_on_time,resolved_late,pending,online,satisfaction"]
            for qn in range(1, 5):
                rec = r.randint(300, 1500)
                early = r.randint(50, rec // 3)
                on = r.randint(50, rec // 2)
                late = r.randint(0, 20)
                pending = rec - early - on - late
                lines.append(f"{year}-Q{qn},{yq('Ủy ban nhân dân ' + unit)},{rec},{early},{on},{late},{pending},{r.randint(50, rec)},{r.randint(900, 999) / 10}")
            plant = None
        elif variant == 1:
            title = f"Số hộ nghèo, hộ cận nghèo theo khu phố {unit} năm {year}"
            lines = ["Khu phố,Hộ nghèo,Hộ cận nghèo"] + [f"Khu phố {k},{r.randint(0, 30)},{r.randint(0, 40)}" for k in range(1, 9)]
            plant = ("ho_ngheo", 3)
        else:
            title = f"Tỷ lệ tham gia bảo hiểm y tế theo khu phố {unit} năm {year}"
            lines = ["Khu phố,Dân số,Số người tham gia"] + [f"Khu phố {k},{r.randint(2000, 6000)},{r.randint(1500, 5000)}" for k in range(1, 9)]
            plant = ("bhyt", 3)
        slug = f"{slugify(title)[:80].strip('-')}-{i + 1}"
        table = f"bang-{i + 1}.csv"
        write(f"content/thong-ke/{table}", "\n".join(lines) + "\n")
        summary = f"Số liệu {title[:1].lower() + title[1:]}."
        page = Page(url=f"thong-ke/{slug}/", kind="statistics", title=title, summary=summary)
        if plant:
            page.plant(*plant)
        page.body = lines[0]
        fm = [f"title: {yq(title)}", f"date: {year}-12-{r.randint(10, 28)}" if year < 2026 else f"date: 2026-06-{r.randint(10, 28)}",
              f"table: {table}", 'unit: "hộ"' if variant == 1 else 'unit: "người"' if variant == 2 else 'unit: "hồ sơ"',
              f"summary: {yq(summary)}"]
        write(f"content/thong-ke/{slug}.yaml", "\n".join(fm) + "\n")
        pages.append(page)
    write("content/thong-ke/_section.yaml", 'kind: statistics\ntitle: "Thống kê"\nper_page: 20\nsort: date_desc\n')

    # ---- pages ----------------------------------------------------------------------------
    for i in range(counts["page"]):
        r = random.Random(f"{seed}:page:{i}")
        ctx = Ctx(r)
        unit = UNITS[i % len(UNITS)]
        what = ["Giới thiệu", "Cơ cấu tổ chức", "Chức năng, nhiệm vụ", "Lịch tiếp công dân"][(i // len(UNITS)) % 4]
        title = f"{what} {unit}" + (f" ({i // (4 * len(UNITS)) + 1})" if i >= 4 * len(UNITS) else "")
        slug = f"{slugify(title)}-{i + 1}"
        page = Page(url=f"gioi-thieu/{slug}/", kind="page", title=title)
        inserts = mention_plan(r, page, ctx, 0.1)
        body = body_sections(r, ctx, r.randint(100, 300), inserts, unit)
        page.body = body
        write(f"content/gioi-thieu/{slug}.md", "\n".join(["---", f"title: {yq(title)}", f"weight: {i + 1}", "---", ""]) + body + "\n")
        pages.append(page)
    write("content/gioi-thieu/_section.yaml", 'kind: pages\ntitle: "Giới thiệu"\nsort: weight\n')

    write("site.yaml", SITE_YAML)
    return {"pages": pages, "files": files, "counts": counts}


SITE_YAML = """# Synthetic portal for the search benchmark (bench/search/gen.py); fictional data.
title: "Cổng thông tin điện tử quận Hòa Bình"
base_url: "https://hoabinh.example.gov.vn/"
language: vi
timezone: "Asia/Ho_Chi_Minh"
organization:
  name: "Ủy ban nhân dân quận Hòa Bình"
  address: "Số 125 đường Trần Khánh Dư, quận Hòa Bình"
  phone: "028 3999 0101"
  email: "ubnd@hoabinh.example.gov.vn"
menu:
  - { title: "Trang chủ", url: "/" }
  - { title: "Tin tức", section: tin-tuc }
  - { title: "Thủ tục hành chính", section: thu-tuc-hanh-chinh }
  - { title: "Văn bản", section: van-ban }
  - { title: "Công khai ngân sách", section: cong-khai-ngan-sach }
  - { title: "Thanh tra", section: thanh-tra }
  - { title: "Khiếu nại tố cáo", section: khieu-nai-to-cao }
  - { title: "Dự án - Đấu thầu", section: du-an-dau-thau }
  - { title: "Thống kê", section: thong-ke }
  - { title: "Giới thiệu", section: gioi-thieu }
search:
  enabled: true
privacy:
  pii_check: error
"""

# ---------------------------------------------------------------------------------------------
# Relevance
# ---------------------------------------------------------------------------------------------


_EVIDENCE: dict[str, re.Pattern] = {}


def evidence_count(topic: Topic, text: str) -> int:
    """Occurrences of the topic's evidence in `text` (lower case, whole words)."""
    pat = _EVIDENCE.get(topic.id)
    if pat is None:
        alts = [r"(?<!\w)" + re.escape(e) + r"(?!\w)" for e in topic.evidence]
        if topic.regex:
            alts.append(topic.regex)
        pat = _EVIDENCE[topic.id] = re.compile("|".join(alts))
    low = nfc(text.lower())
    if not topic.regex and not any(e in low for e in topic.evidence):
        return 0
    return len(pat.findall(low))


def grade(page: Page, topic: Topic) -> int:
    g = page.planted.get(topic.id, 0)
    if evidence_count(topic, page.title):
        g = max(g, 3)
    if evidence_count(topic, page.summary):
        g = max(g, 2)
    b = evidence_count(topic, page.body)
    if b >= 2:
        g = max(g, 2)
    elif b == 1:
        g = max(g, 1)
    return g


def check_filler() -> None:
    """No filler sentence may carry a topic's evidence: the qrels would still be right (the scan
    finds it), but relevance would no longer be planted on purpose."""
    ctx = Ctx(random.Random(1))
    bad = []
    for s in FILLER + NEWS_GENERIC + [t for t, _ in GENERIC_PROCEDURES] + [tpl for _, tpl in DOC_GENERIC]:
        text = ctx.fill(s)
        for t in TOPICS:
            if evidence_count(t, text):
                bad.append((t.id, s))
    if bad:
        raise SystemExit(f"filler carries topic evidence: {bad}")


def qrels(pages: list[Page]) -> list[dict]:
    graded = {t.id: {} for t in TOPICS}
    for p in pages:
        for t in TOPICS:
            g = grade(p, t)
            if g:
                graded[t.id][p.url] = g
    # Folded token sets for statistics.
    toks = []
    for p in pages:
        w = words(p.title + "\n" + p.summary + "\n" + p.body)
        toks.append((set(w), " " + " ".join(w) + " "))
    out = []
    for i, q in enumerate(QUERIES):
        rel = {}
        for tid in q["topics"]:
            for u, g in graded[tid].items():
                rel[u] = max(rel.get(u, 0), g)
        iw = words(q["intended"])
        phrase = " " + " ".join(iw) + " "
        apart = sum(1 for s, _ in toks if all(x in s for x in iw))
        together = sum(1 for _, j in toks if phrase in j)
        out.append({
            "id": f"q{i + 1:02d}", "q": q["q"], "class": q["class"], "topics": q["topics"],
            "intended": q["intended"], "phrase": q["phrase"],
            "stats": {"pages_with_phrase": together, "pages_with_words": apart,
                      "grade3": sum(1 for g in rel.values() if g == 3),
                      "grade2": sum(1 for g in rel.values() if g == 2),
                      "grade1": sum(1 for g in rel.values() if g == 1)},
            "relevant": dict(sorted(rel.items())),
        })
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.pages < 200:
        raise SystemExit("--pages must be at least 200")
    check_filler()
    site = gen_site(args.pages, args.seed, args.out)
    pages = site["pages"]
    assert len(pages) == args.pages, (len(pages), args.pages)
    urls = [p.url for p in pages]
    assert len(set(urls)) == len(urls), "duplicate URLs"
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    for path, text in site["files"].items():
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(nfc(text))
    q = qrels(pages)
    meta = {
        "generator": "bench/search/gen.py", "pages": args.pages, "seed": args.seed, "counts": site["counts"],
        "grades": {"3": "about the topic", "2": "a substantial part of the page", "1": "mentioned in passing"},
        "urls": "relative to the site root (the item's path, with a trailing slash)",
        "classes": sorted({x["class"] for x in q}),
    }
    with open(os.path.join(args.out, "qrels.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "queries": q}, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    print(f"wrote {args.pages} pages ({', '.join(f'{k} {v}' for k, v in site['counts'].items())}) and "
          f"{len(q)} queries to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
