#!/usr/bin/env python3
"""Writes the sample scanned documents of samples/attachments/ (Python 3, standard library only).

Each document of the sample dossiers (tờ trình, báo cáo thành tích, biên bản, quyết định) becomes
a one-page A4 PDF 1.4 with an uncompressed content stream, the standard fonts Helvetica and
Helvetica-Bold (WinAnsiEncoding), and a classic xref table with exact byte offsets, so that
`qpdf --check` passes. The standard fonts have no Vietnamese glyphs, so the text is printed
without diacritics ("UBND XA SON TIEN"); the catalogue below keeps the Vietnamese spelling, which
is also what the dossiers carry in their document metadata.

Output is deterministic: no clock, no random ids. Running the script again rewrites identical
bytes, so the sizes and SHA-256 digests written in samples/dossiers/ stay correct. Change a
document here and you must update every dossier that attaches it.

Also writes `not-a-pdf.pdf`, a plain-text file used by the attachment.not-pdf sample.

Usage: scripts/make-sample-pdfs.py [OUTPUT_DIR]   (default: samples/attachments beside scripts/)
"""

import hashlib
import os
import sys
import textwrap
import unicodedata

# --------------------------------------------------------------------------------------------
# Units: (parent organ, issuing organ, place written in the date line)
# --------------------------------------------------------------------------------------------
HUYEN = "UBND HUYỆN HƯƠNG SƠN"
U = {
    "pho-chau": (HUYEN, "UBND THỊ TRẤN PHỐ CHÂU", "Phố Châu"),
    "son-tien": (HUYEN, "UBND XÃ SƠN TIẾN", "Sơn Tiến"),
    "son-kim-1": (HUYEN, "UBND XÃ SƠN KIM 1", "Sơn Kim 1"),
    "son-tay": (HUYEN, "UBND XÃ SƠN TÂY", "Sơn Tây"),
    "pgddt": (HUYEN, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Hương Sơn"),
    "thcs-son-tien": ("PHÒNG GD&ĐT HƯƠNG SƠN", "TRƯỜNG THCS SƠN TIẾN", "Sơn Tiến"),
    "thcs-son-tay": ("PHÒNG GD&ĐT HƯƠNG SƠN", "TRƯỜNG THCS SƠN TÂY", "Sơn Tây"),
    "mn-son-kim-1": ("PHÒNG GD&ĐT HƯƠNG SƠN", "TRƯỜNG MẦM NON SƠN KIM 1", "Sơn Kim 1"),
    "thcs-son-tay-xa": ("UBND XÃ SƠN TÂY", "TRƯỜNG THCS SƠN TÂY", "Sơn Tây"),
    "th-son-tay": ("UBND XÃ SƠN TÂY", "TRƯỜNG TIỂU HỌC SƠN TÂY", "Sơn Tây"),
    "tyt-son-tay": ("UBND XÃ SƠN TÂY", "TRẠM Y TẾ XÃ SƠN TÂY", "Sơn Tây"),
    "tyt-son-kim-1": ("UBND XÃ SƠN KIM 1", "TRẠM Y TẾ XÃ SƠN KIM 1", "Sơn Kim 1"),
    "xa-son-kim-1": ("UBND TỈNH HÀ TĨNH", "UBND XÃ SƠN KIM 1", "Sơn Kim 1"),
    "thon-trung-luu": ("XÃ SƠN TÂY", "THÔN TRUNG LƯU", "Trung Lưu"),
    "thon-an-su": ("XÃ SƠN KIM 1", "THÔN AN SỬ", "Sơn Kim 1"),
    "thon-tan-huong": ("XÃ SƠN KIM 1", "THÔN TÂN HƯƠNG", "Sơn Kim 1"),
    "tdp-2": ("THỊ TRẤN PHỐ CHÂU", "TỔ DÂN PHỐ 2", "Phố Châu"),
    "tdp-6": ("THỊ TRẤN PHỐ CHÂU", "TỔ DÂN PHỐ 6", "Phố Châu"),
    "thpt-huong-son": ("SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ TĨNH", "TRƯỜNG THPT HƯƠNG SƠN", "Hương Sơn"),
    "ttyt": ("SỞ Y TẾ HÀ TĨNH", "TRUNG TÂM Y TẾ HUYỆN HƯƠNG SƠN", "Hương Sơn"),
    "ttyt-ksbt": ("TRUNG TÂM Y TẾ HUYỆN HƯƠNG SƠN", "KHOA KIỂM SOÁT BỆNH TẬT VÀ HIV/AIDS", "Hương Sơn"),
    "ttyt-noi": ("TRUNG TÂM Y TẾ HUYỆN HƯƠNG SƠN", "KHOA NỘI TỔNG HỢP", "Hương Sơn"),
    "ttyt-ngoai": ("TRUNG TÂM Y TẾ HUYỆN HƯƠNG SƠN", "KHOA NGOẠI TỔNG HỢP", "Hương Sơn"),
    "ttyt-tchc": ("TRUNG TÂM Y TẾ HUYỆN HƯƠNG SƠN", "PHÒNG TỔ CHỨC - HÀNH CHÍNH", "Hương Sơn"),
}

CATALOGUE = []


def doc(file, unit, number, notation, date, kind, subject, body, sign, name, position,
        to=None, subject_line=None):
    """Adds one document.

    file      output name without ".pdf"
    unit      key of U (parent organ, organ, place)
    number, notation  số and ký hiệu ("15", "TTr-UBND"); None for unnumbered documents
    date      issued date, YYYY-MM-DD
    kind      document type printed as the title ("TỜ TRÌNH", "BIÊN BẢN", ...)
    subject   trích yếu, as the dossier's <subject> carries it
    body      paragraphs
    sign      lines of the signature block above the name
    name      signer's full name; position: the signer's position as the dossier's <signer> has it
    to        "Kính gửi" line, if any
    subject_line  subject as printed under the title, when it differs from `subject`
    """
    CATALOGUE.append(dict(file=file + ".pdf", unit=unit, number=number, notation=notation,
                          date=date, kind=kind, subject=subject, body=body, sign=sign, name=name,
                          position=position, to=to, subject_line=subject_line or subject))


CT03 = ("Căn cứ Luật Thi đua, Khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013); Nghị định số "
        "91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ; Chỉ thị số 03/CT-UBND của UBND huyện Hương Sơn "
        "về việc phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã "
        "hội năm 2023;")
LUAT2022 = ("Căn cứ Luật Thi đua, Khen thưởng số 06/2022/QH15; Nghị định số 98/2023/NĐ-CP ngày "
            "31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, Khen "
            "thưởng;")
LUAT2025 = ("Căn cứ Luật Thi đua, Khen thưởng số 06/2022/QH15; Nghị định số 152/2025/NĐ-CP của "
            "Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng;")
TM_UBND = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]

# ============================================================================================
# huong-son-district-2023
# ============================================================================================

# 01 — UBND thị trấn Phố Châu, Giấy khen đợt 1 năm 2023
doc("pho-chau-2023-totrinh-52", "pho-chau", 52, "TTr-UBND", "2023-07-10", "TỜ TRÌNH",
    "Đề nghị tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc trong đợt thi đua thứ "
    "nhất năm 2023",
    [CT03,
     "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng thị trấn ngày 05/7/2023, UBND thị trấn "
     "Phố Châu kính trình Chủ tịch UBND huyện xem xét, tặng Giấy khen cho 01 tập thể và 02 cá "
     "nhân đã có thành tích xuất sắc trong đợt thi đua thứ nhất (từ 01/01/2023 đến 30/6/2023):",
     "1. Ban Chỉ huy Quân sự thị trấn Phố Châu.",
     "2. Bà Trần Thị Hoa, Tổ trưởng Tổ thu gom rác thải, thị trấn Phố Châu (người lao động trực "
     "tiếp).",
     "3. Ông Nguyễn Đức Thắng, Phó Chủ tịch UBND thị trấn Phố Châu.",
     "Hồ sơ kèm theo gồm: báo cáo thành tích của tập thể, cá nhân và biên bản họp xét của Hội "
     "đồng Thi đua - Khen thưởng thị trấn. Kính đề nghị Chủ tịch UBND huyện xem xét, quyết định."],
    TM_UBND, "Trần Quốc Hưng", "Chủ tịch UBND thị trấn Phố Châu",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn",
    subject_line="Về việc đề nghị tặng Giấy khen đợt thi đua thứ nhất năm 2023")
doc("pho-chau-2023-bctt-dot1", "pho-chau", None, None, "2023-07-03", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của tập thể, cá nhân đề nghị tặng Giấy khen đợt thi đua thứ nhất năm 2023",
    ["I. Tập thể: Ban Chỉ huy Quân sự thị trấn Phố Châu (07 người). Hoàn thành 100% chỉ tiêu "
     "giao quân năm 2023 ngay trong đợt tuyển quân tháng 02; huấn luyện dân quân đạt loại giỏi; "
     "phối hợp giữ gìn an ninh trật tự dịp Tết Nguyên đán và các ngày lễ lớn.",
     "II. Cá nhân: 1. Bà Trần Thị Hoa, Tổ trưởng Tổ thu gom rác thải: tổ chức thu gom rác hằng "
     "ngày tại 8 tổ dân phố, vận động 620 hộ phân loại rác tại nguồn, không để tồn đọng rác sau "
     "các đợt mưa lớn.",
     "2. Ông Nguyễn Đức Thắng, Phó Chủ tịch UBND thị trấn: chỉ đạo hoàn thành giải phóng mặt "
     "bằng tuyến đường nội thị trước thời hạn 01 tháng, giải quyết dứt điểm 07 đơn thư tồn đọng, "
     "không có đơn vượt cấp.",
     "Số liệu trên được tổng hợp từ báo cáo của các bộ phận chuyên môn và Ban Chỉ huy Quân sự "
     "thị trấn."],
    TM_UBND, "Trần Quốc Hưng", "Chủ tịch UBND thị trấn Phố Châu")
doc("pho-chau-2023-bienban-05", "pho-chau", 5, "BB-HĐTĐKT", "2023-07-05", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng thị trấn xét khen thưởng đợt thi đua thứ nhất "
    "năm 2023",
    ["Thời gian: 14 giờ 00 ngày 05/7/2023, tại hội trường UBND thị trấn Phố Châu. Chủ trì: ông "
     "Trần Quốc Hưng, Chủ tịch Hội đồng. Có mặt 9/9 thành viên Hội đồng.",
     "Hội đồng đã nghe báo cáo kết quả phong trào thi đua đợt 1 năm 2023, thảo luận và biểu "
     "quyết công khai đề nghị Chủ tịch UBND huyện tặng Giấy khen cho Ban Chỉ huy Quân sự thị "
     "trấn (9/9 đồng ý), bà Trần Thị Hoa (9/9 đồng ý) và ông Nguyễn Đức Thắng (8/9 đồng ý).",
     "Cuộc họp kết thúc lúc 16 giờ 15 cùng ngày; biên bản đã được đọc lại và các thành viên "
     "thống nhất."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Trần Quốc Hưng",
    "Chủ tịch Hội đồng Thi đua - Khen thưởng thị trấn Phố Châu",
    subject_line="Họp xét khen thưởng đợt thi đua thứ nhất năm 2023")

# 02 — Trường THCS Sơn Tiến, Lao động tiên tiến năm học 2022-2023
doc("thcs-son-tien-2023-totrinh-28", "thcs-son-tien", 28, "TTr-THCS", "2023-06-12", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Lao động tiên tiến năm học 2022-2023",
    ["Căn cứ Luật Thi đua, Khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013) và Nghị định số "
     "91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;",
     "Căn cứ kết quả bình xét thi đua cuối năm học 2022-2023 ngày 29/5/2023, Trường THCS Sơn "
     "Tiến đề nghị Chủ tịch UBND huyện (qua Phòng Giáo dục và Đào tạo) công nhận danh hiệu Lao "
     "động tiên tiến cho 06 cán bộ, giáo viên, nhân viên: Phan Thị Lý, Lê Văn Tuấn, Hồ Thị Mai "
     "Anh, Đinh Xuân Hòa, Nguyễn Thị Nga, Trần Văn Lục.",
     "Các cá nhân trên đều được xếp loại hoàn thành tốt nhiệm vụ trở lên, không vi phạm kỷ luật "
     "và không bị xử phạt vi phạm hành chính trong năm học."],
    ["HIỆU TRƯỞNG"], "Nguyễn Thị Thanh Tâm", "Hiệu trưởng Trường THCS Sơn Tiến",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("thcs-son-tien-2023-bienban-binhxet-03", "thcs-son-tien", 3, "BB-THCS", "2023-05-29",
    "BIÊN BẢN", "Biên bản họp bình xét thi đua cuối năm học 2022-2023",
    ["Thời gian: 15 giờ 30 ngày 29/5/2023 tại phòng họp Trường THCS Sơn Tiến. Thành phần: toàn "
     "thể 32 cán bộ, giáo viên, nhân viên; vắng 01 (có lý do).",
     "Hội nghị nghe các tổ chuyên môn báo cáo kết quả tự đánh giá, bình xét công khai và biểu "
     "quyết đề nghị danh hiệu Lao động tiên tiến cho 06 cá nhân: Phan Thị Lý (29/31), Lê Văn "
     "Tuấn (31/31), Hồ Thị Mai Anh (28/31), Đinh Xuân Hòa (30/31), Nguyễn Thị Nga (27/31), Trần "
     "Văn Lục (31/31).",
     "Biên bản được thông qua lúc 17 giờ 00 cùng ngày."],
    ["CHỦ TRÌ", "HIỆU TRƯỞNG"], "Nguyễn Thị Thanh Tâm", "Hiệu trưởng Trường THCS Sơn Tiến",
    subject_line="Họp bình xét thi đua cuối năm học 2022-2023")

# 03 — UBND xã Sơn Tiến, Chiến sĩ thi đua cơ sở năm 2023
doc("son-tien-2023-totrinh-112", "son-tien", 112, "TTr-UBND", "2023-12-20", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2023",
    [CT03,
     "Năm 2023 UBND xã Sơn Tiến có 21 cán bộ, công chức đạt danh hiệu Lao động tiên tiến. Căn cứ "
     "kết quả họp Hội đồng Thi đua - Khen thưởng xã ngày 15/12/2023 (bỏ phiếu kín), UBND xã kính "
     "trình Chủ tịch UBND huyện công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2023 cho 03 cá nhân "
     "(14,3% số Lao động tiên tiến):",
     "1. Bà Phan Thị Thu Hà, công chức Văn phòng - Thống kê.",
     "2. Ông Nguyễn Văn Hùng, công chức Địa chính - Nông nghiệp - Xây dựng - Môi trường.",
     "3. Ông Lê Đình Quang, Chỉ huy trưởng Ban Chỉ huy Quân sự xã.",
     "Sáng kiến của các cá nhân đã được công nhận tại Quyết định số 245/QĐ-UBND ngày 28/11/2023."],
    TM_UBND, "Phan Văn Lực", "Chủ tịch UBND xã Sơn Tiến",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("son-tien-2023-bctt-phan-thi-thu-ha", "son-tien", None, None, "2023-12-08",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2023 của bà Phan "
    "Thị Thu Hà",
    ["Họ và tên: Phan Thị Thu Hà; năm sinh 1986; chức vụ: công chức Văn phòng - Thống kê, UBND xã "
     "Sơn Tiến.",
     "Năm 2023 tiếp nhận và trả kết quả đúng hạn 2.416 hồ sơ thủ tục hành chính; tỷ lệ hồ sơ nộp "
     "trực tuyến đạt 68%, cao nhất khối xã miền núi của huyện.",
     "Sáng kiến: Số hóa và liên thông hồ sơ thủ tục hành chính tại Bộ phận Một cửa xã Sơn Tiến, "
     "được công nhận tại Quyết định số 245/QĐ-UBND ngày 28/11/2023 của Chủ tịch UBND xã.",
     "Xếp loại chất lượng năm 2023: hoàn thành xuất sắc nhiệm vụ."],
    ["NGƯỜI BÁO CÁO"], "Phan Thị Thu Hà", "Công chức Văn phòng - Thống kê xã Sơn Tiến")
doc("son-tien-2023-bctt-nguyen-van-hung", "son-tien", None, None, "2023-12-08",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2023 của ông "
    "Nguyễn Văn Hùng",
    ["Họ và tên: Nguyễn Văn Hùng; năm sinh 1982; chức vụ: công chức Địa chính - Nông nghiệp - Xây "
     "dựng - Môi trường, UBND xã Sơn Tiến.",
     "Tham mưu hoàn thành dồn điền đổi thửa 46 ha tại thôn Thiên Nhẫn; cấp đổi 312 giấy chứng "
     "nhận quyền sử dụng đất, vượt 24% kế hoạch năm.",
     "Sáng kiến: Dồn điền đổi thửa gắn với quy hoạch vùng trồng cam bù tập trung tại thôn Thiên "
     "Nhẫn, được công nhận tại Quyết định số 245/QĐ-UBND ngày 28/11/2023.",
     "Xếp loại chất lượng năm 2023: hoàn thành xuất sắc nhiệm vụ."],
    ["NGƯỜI BÁO CÁO"], "Nguyễn Văn Hùng",
    "Công chức Địa chính - Nông nghiệp - Xây dựng - Môi trường xã Sơn Tiến")
doc("son-tien-2023-bctt-le-dinh-quang", "son-tien", None, None, "2023-12-08",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2023 của ông Lê "
    "Đình Quang",
    ["Họ và tên: Lê Đình Quang; năm sinh 1979; chức vụ: Chỉ huy trưởng Ban Chỉ huy Quân sự xã Sơn "
     "Tiến.",
     "Hoàn thành 100% chỉ tiêu giao quân; tổ chức 14 đợt tuần tra chung với lực lượng kiểm lâm, "
     "không để xảy ra cháy rừng trên địa bàn trong mùa khô năm 2023.",
     "Sáng kiến: Quy trình phối hợp tuần tra, phòng chống cháy rừng tại tuyến giáp ranh huyện "
     "Thanh Chương (Nghệ An), được công nhận tại Quyết định số 245/QĐ-UBND ngày 28/11/2023.",
     "Xếp loại chất lượng năm 2023: hoàn thành xuất sắc nhiệm vụ."],
    ["NGƯỜI BÁO CÁO"], "Lê Đình Quang", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã Sơn Tiến")
doc("son-tien-2023-bienban-21", "son-tien", 21, "BB-HĐTĐKT", "2023-12-15", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng xã xét danh hiệu thi đua và hình thức khen "
    "thưởng năm 2023",
    ["Thời gian: 08 giờ 00 ngày 15/12/2023 tại hội trường UBND xã Sơn Tiến. Chủ trì: ông Phan "
     "Văn Lực, Chủ tịch Hội đồng. Có mặt 11/11 thành viên.",
     "1. Danh hiệu Chiến sĩ thi đua cơ sở (bỏ phiếu kín): bà Phan Thị Thu Hà 11/11 phiếu, ông "
     "Nguyễn Văn Hùng 10/11 phiếu, ông Lê Đình Quang 10/11 phiếu.",
     "2. Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen (bỏ phiếu kín): ông Trần Đình Lương, nông dân "
     "thôn Thiên Nhẫn, 11/11 phiếu (100%).",
     "Hội đồng thống nhất trình UBND huyện theo quy định. Biên bản kết thúc lúc 10 giờ 30."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Phan Văn Lực", "Chủ tịch Hội đồng Thi đua - Khen thưởng xã Sơn Tiến",
    subject_line="Họp xét danh hiệu thi đua và hình thức khen thưởng năm 2023")
doc("son-tien-2023-qd-sangkien-245", "son-tien", 245, "QĐ-UBND", "2023-11-28", "QUYẾT ĐỊNH",
    "Công nhận sáng kiến cấp cơ sở năm 2023",
    ["CHỦ TỊCH UBND XÃ SƠN TIẾN. Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02/3/2012 của Chính phủ "
     "ban hành Điều lệ Sáng kiến; xét đề nghị của Hội đồng sáng kiến xã;",
     "QUYẾT ĐỊNH: Điều 1. Công nhận 03 sáng kiến cấp cơ sở năm 2023:",
     "1. Số hóa và liên thông hồ sơ thủ tục hành chính tại Bộ phận Một cửa xã Sơn Tiến - tác giả "
     "Phan Thị Thu Hà.",
     "2. Dồn điền đổi thửa gắn với quy hoạch vùng trồng cam bù tập trung tại thôn Thiên Nhẫn - "
     "tác giả Nguyễn Văn Hùng.",
     "3. Quy trình phối hợp tuần tra, phòng chống cháy rừng tại tuyến giáp ranh huyện Thanh "
     "Chương (Nghệ An) - tác giả Lê Đình Quang.",
     "Điều 2. Quyết định có hiệu lực kể từ ngày ký."],
    ["CHỦ TỊCH"], "Phan Văn Lực", "Chủ tịch UBND xã Sơn Tiến",
    subject_line="Về việc công nhận sáng kiến cấp cơ sở năm 2023")

# 04 and 06 — Phòng GD&ĐT, năm học 2022-2023: Tập thể lao động tiên tiến and (upward) xuất sắc
doc("pgddt-2023-totrinh-86", "pgddt", 86, "TTr-PGDĐT", "2023-06-20", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu thi đua cho tập thể năm học 2022-2023",
    ["Căn cứ Luật Thi đua, Khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013) và Nghị định số "
     "91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;",
     "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng ngành Giáo dục ngày 16/6/2023, Phòng "
     "Giáo dục và Đào tạo kính trình:",
     "1. Chủ tịch UBND huyện công nhận danh hiệu Tập thể lao động tiên tiến năm học 2022-2023 cho "
     "Trường Mầm non Sơn Tiến và Trường Tiểu học Sơn Tây.",
     "2. Chủ tịch UBND huyện đề nghị Chủ tịch UBND tỉnh tặng danh hiệu Tập thể lao động xuất sắc "
     "năm học 2022-2023 cho Trường Mầm non Sơn Kim 1."],
    ["TRƯỞNG PHÒNG"], "Thái Văn Đức", "Trưởng phòng Giáo dục và Đào tạo huyện Hương Sơn",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("pgddt-2023-bctt-ttldtt", "pgddt", None, None, "2023-06-10", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của các tập thể đề nghị công nhận danh hiệu Tập thể lao động tiên tiến "
    "năm học 2022-2023",
    ["1. Trường Mầm non Sơn Tiến (26 cán bộ, giáo viên, nhân viên): duy trì chuẩn quốc gia mức "
     "độ 1; 100% trẻ được ăn bán trú; tỷ lệ trẻ suy dinh dưỡng giảm còn 3,1%; 19 người đạt Lao "
     "động tiên tiến, 02 Chiến sĩ thi đua cơ sở.",
     "2. Trường Tiểu học Sơn Tây (31 cán bộ, giáo viên, nhân viên): 100% học sinh hoàn thành "
     "chương trình lớp học; 12 học sinh đạt giải cấp huyện; 18 người đạt Lao động tiên tiến, 01 "
     "Chiến sĩ thi đua cơ sở; 01 người bị khiển trách, không có ai bị kỷ luật từ cảnh cáo trở lên.",
     "Số liệu do các nhà trường báo cáo, Phòng Giáo dục và Đào tạo đã kiểm tra, xác nhận."],
    ["TRƯỞNG PHÒNG"], "Thái Văn Đức", "Trưởng phòng Giáo dục và Đào tạo huyện Hương Sơn")
doc("pgddt-2023-bienban-12", "pgddt", 12, "BB-HĐTĐKT", "2023-06-16", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng ngành Giáo dục xét danh hiệu thi đua năm học "
    "2022-2023",
    ["Thời gian: 08 giờ 00 ngày 16/6/2023 tại Phòng Giáo dục và Đào tạo huyện Hương Sơn. Chủ trì: "
     "ông Thái Văn Đức, Chủ tịch Hội đồng. Có mặt 9/9 thành viên.",
     "1. Tập thể lao động tiên tiến (biểu quyết công khai): Trường Mầm non Sơn Tiến 9/9, Trường "
     "Tiểu học Sơn Tây 9/9.",
     "2. Tập thể lao động xuất sắc (bỏ phiếu kín): Trường Mầm non Sơn Kim 1 đạt 9/9 phiếu (100%).",
     "Hội đồng thống nhất trình Chủ tịch UBND huyện theo quy định."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Thái Văn Đức", "Chủ tịch Hội đồng Thi đua - Khen thưởng ngành Giáo dục",
    subject_line="Họp xét danh hiệu thi đua năm học 2022-2023")
doc("mn-son-kim-1-2023-bctt-ttldxs", "mn-son-kim-1", None, None, "2023-06-08",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị tặng danh hiệu Tập thể lao động xuất sắc năm học 2022-2023 của "
    "Trường Mầm non Sơn Kim 1",
    ["Trường có 24 cán bộ, giáo viên, nhân viên; 100% hoàn thành nhiệm vụ, 18 người đạt Lao động "
     "tiên tiến (75%), 02 người đạt Chiến sĩ thi đua cơ sở; không có ai bị kỷ luật.",
     "Là trường vùng biên giới, nhà trường duy trì 03 điểm trường lẻ tại các thôn xa, huy động "
     "98% trẻ 3-5 tuổi ra lớp, 100% trẻ 5 tuổi hoàn thành chương trình giáo dục mầm non.",
     "Xây dựng mô hình trường học xanh - sạch - đẹp - an toàn được Sở Giáo dục và Đào tạo chọn "
     "làm điểm học tập kinh nghiệm."],
    ["HIỆU TRƯỞNG"], "Hoàng Thị Liên", "Hiệu trưởng Trường Mầm non Sơn Kim 1")

# 05 — UBND xã Sơn Kim 1, thôn văn hóa năm 2023
doc("son-kim-1-2023-totrinh-198", "son-kim-1", 198, "TTr-UBND", "2023-12-12", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Thôn văn hóa năm 2023 (Mẫu số 04)",
    ["Căn cứ Nghị định số 122/2018/NĐ-CP ngày 17/9/2018 của Chính phủ quy định về xét tặng danh "
     "hiệu Gia đình văn hóa, Thôn văn hóa, Tổ dân phố văn hóa;",
     "Sau khi niêm yết công khai từ ngày 24/11/2023 đến ngày 04/12/2023 và họp xét ngày "
     "08/12/2023, UBND xã Sơn Kim 1 kính đề nghị Chủ tịch UBND huyện công nhận danh hiệu Thôn văn "
     "hóa năm 2023 cho 02 thôn: thôn An Sử và thôn Tân Hương."],
    TM_UBND, "Võ Minh Tuấn", "Chủ tịch UBND xã Sơn Kim 1",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("son-kim-1-2023-bctt-thon-an-su", "thon-an-su", None, None, "2023-11-20",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích xây dựng Thôn văn hóa năm 2023 của thôn An Sử (Mẫu số 05)",
    ["Thôn An Sử có 186 hộ, 712 nhân khẩu. Năm 2023 có 91% hộ đạt Gia đình văn hóa; thu nhập bình "
     "quân 46 triệu đồng/người/năm; hộ nghèo còn 2,7%.",
     "Nhân dân hiến 1.200 m2 đất, góp 380 ngày công làm 1,2 km đường bê tông; duy trì câu lạc bộ "
     "văn nghệ và đội bóng chuyền; không có tệ nạn xã hội, không có đơn thư vượt cấp."],
    ["TRƯỞNG THÔN"], "Hồ Văn Thắng", "Trưởng thôn An Sử")
doc("son-kim-1-2023-bctt-thon-tan-huong", "thon-tan-huong", None, None, "2023-11-20",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích xây dựng Thôn văn hóa năm 2023 của thôn Tân Hương (Mẫu số 05)",
    ["Thôn Tân Hương có 142 hộ, 538 nhân khẩu. Năm 2023 có 89% hộ đạt Gia đình văn hóa; 100% hộ "
     "dùng nước hợp vệ sinh; xây mới nhà văn hóa thôn bằng nguồn xã hội hóa 650 triệu đồng.",
     "Tổ xung kích của thôn tham gia bảo vệ rừng, không để xảy ra cháy rừng; an ninh trật tự "
     "khu vực gần cửa khẩu được giữ vững."],
    ["TRƯỞNG THÔN"], "Nguyễn Văn Bảy", "Trưởng thôn Tân Hương")
doc("son-kim-1-2023-bienban-niemyet-31", "son-kim-1", 31, "BB-UBND", "2023-12-05", "BIÊN BẢN",
    "Biên bản kết thúc niêm yết công khai danh sách đề nghị công nhận Thôn văn hóa năm 2023",
    ["Danh sách đề nghị công nhận Thôn văn hóa năm 2023 (thôn An Sử, thôn Tân Hương) đã được "
     "niêm yết tại trụ sở UBND xã và nhà văn hóa các thôn từ ngày 24/11/2023 đến ngày "
     "04/12/2023 (10 ngày).",
     "Trong thời gian niêm yết, UBND xã không nhận được ý kiến phản ánh, khiếu nại nào."],
    TM_UBND, "Võ Minh Tuấn", "Chủ tịch UBND xã Sơn Kim 1",
    subject_line="Kết thúc niêm yết công khai danh sách đề nghị công nhận Thôn văn hóa năm 2023")
doc("son-kim-1-2023-bienban-xet-32", "son-kim-1", 32, "BB-UBND", "2023-12-08", "BIÊN BẢN",
    "Biên bản họp xét công nhận danh hiệu Thôn văn hóa năm 2023 (Mẫu số 06)",
    ["Thời gian: 14 giờ 00 ngày 08/12/2023 tại UBND xã Sơn Kim 1; thành phần: Ban Chỉ đạo phong "
     "trào Toàn dân đoàn kết xây dựng đời sống văn hóa xã, có mặt 13/15 thành viên.",
     "Kết quả biểu quyết: thôn An Sử 13/13 đồng ý; thôn Tân Hương 12/13 đồng ý. Ban Chỉ đạo "
     "thống nhất đề nghị Chủ tịch UBND huyện công nhận danh hiệu Thôn văn hóa năm 2023."],
    TM_UBND, "Võ Minh Tuấn", "Chủ tịch UBND xã Sơn Kim 1",
    subject_line="Họp xét công nhận danh hiệu Thôn văn hóa năm 2023")

# 07 — UBND xã Sơn Tiến, đề nghị Bằng khen của Chủ tịch UBND tỉnh năm 2023
doc("son-tien-2023-totrinh-115", "son-tien", 115, "TTr-UBND", "2023-12-22", "TỜ TRÌNH",
    "Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho ông Trần Đình Lương, nông dân sản xuất kinh "
    "doanh giỏi năm 2023",
    [CT03,
     "Căn cứ kết quả bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng xã ngày 15/12/2023 (11/11 "
     "phiếu đồng ý), UBND xã Sơn Tiến kính đề nghị Chủ tịch UBND huyện xem xét, trình Chủ tịch "
     "UBND tỉnh tặng Bằng khen cho ông Trần Đình Lương, Tổ trưởng Tổ hợp tác chăn nuôi hươu thôn "
     "Thiên Nhẫn, đã có thành tích xuất sắc trong phong trào nông dân thi đua sản xuất, kinh doanh "
     "giỏi năm 2023."],
    TM_UBND, "Phan Văn Lực", "Chủ tịch UBND xã Sơn Tiến",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("son-tien-2023-bctt-tran-dinh-luong", "son-tien", None, None, "2023-12-10",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho ông Trần Đình Lương",
    ["Họ và tên: Trần Đình Lương; năm sinh 1968; nông dân, Tổ trưởng Tổ hợp tác chăn nuôi hươu "
     "thôn Thiên Nhẫn, xã Sơn Tiến.",
     "Gia đình nuôi 42 con hươu sao và trồng 2,5 ha cam bù; doanh thu năm 2023 đạt 1,6 tỷ đồng, "
     "lợi nhuận 620 triệu đồng; tạo việc làm thường xuyên cho 05 lao động địa phương.",
     "Chuyển giao kỹ thuật cắt nhung, phòng bệnh cho 31 hộ trong tổ hợp tác; ủng hộ 50 triệu đồng "
     "xây dựng nông thôn mới nâng cao.",
     "Xác nhận của UBND xã Sơn Tiến: thành tích nêu trên là đúng sự thật."],
    ["NGƯỜI BÁO CÁO"], "Trần Đình Lương", "Tổ trưởng Tổ hợp tác chăn nuôi hươu thôn Thiên Nhẫn")

# ============================================================================================
# huong-son-district-2024
# ============================================================================================

# 08 — UBND xã Sơn Kim 1, Giấy khen đợt cao điểm phòng cháy, chữa cháy rừng 2024
doc("son-kim-1-2024-totrinh-142", "son-kim-1", 142, "TTr-UBND", "2024-09-12", "TỜ TRÌNH",
    "Đề nghị tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc trong đợt cao điểm "
    "phòng cháy, chữa cháy rừng mùa khô năm 2024",
    [LUAT2022,
     "Trong đợt cao điểm phòng cháy, chữa cháy rừng mùa khô năm 2024 (từ 01/4/2024 đến "
     "31/8/2024), trên địa bàn xã Sơn Kim 1 đã phát hiện và dập tắt kịp thời 03 điểm cháy, không "
     "để cháy lan vào rừng tự nhiên.",
     "UBND xã kính đề nghị Chủ tịch UBND huyện tặng Giấy khen cho 01 tập thể và 03 cá nhân: Tổ "
     "xung kích phòng cháy, chữa cháy rừng thôn Tân Hương; ông Võ Văn Quang; bà Lê Thị Hằng; ông "
     "Nguyễn Hữu Đạt."],
    TM_UBND, "Võ Minh Tuấn", "Chủ tịch UBND xã Sơn Kim 1",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("son-kim-1-2024-bctt-pccr", "son-kim-1", None, None, "2024-09-05", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của tập thể, cá nhân trong đợt cao điểm phòng cháy, chữa cháy rừng mùa "
    "khô năm 2024",
    ["1. Tổ xung kích phòng cháy, chữa cháy rừng thôn Tân Hương (12 thành viên): trực 24/24 giờ "
     "tại chòi canh Khe Bò trong 153 ngày; phát hiện sớm và dập tắt 02 điểm cháy thực bì.",
     "2. Ông Võ Văn Quang, Tổ trưởng Tổ xung kích: trực tiếp chỉ huy dập lửa đêm 14/6/2024, "
     "khoanh vùng cháy dưới 0,3 ha.",
     "3. Bà Lê Thị Hằng, thành viên Tổ xung kích thôn An Sử: tuyên truyền 180 hộ ký cam kết không "
     "đốt thực bì trong mùa khô; tham gia dập 01 điểm cháy.",
     "4. Ông Nguyễn Hữu Đạt, Phó Chỉ huy trưởng Ban Chỉ huy Quân sự xã: xây dựng phương án, huy "
     "động 45 dân quân ứng trực các ngày nắng nóng cực đoan."],
    TM_UBND, "Võ Minh Tuấn", "Chủ tịch UBND xã Sơn Kim 1")
doc("son-kim-1-2024-bienban-18", "son-kim-1", 18, "BB-HĐTĐKT", "2024-09-09", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng xã xét khen thưởng đợt cao điểm phòng cháy, "
    "chữa cháy rừng năm 2024",
    ["Thời gian: 14 giờ 00 ngày 09/9/2024 tại UBND xã Sơn Kim 1. Chủ trì: ông Võ Minh Tuấn. Có "
     "mặt 9/9 thành viên Hội đồng.",
     "Hội đồng biểu quyết công khai đề nghị tặng Giấy khen cho Tổ xung kích thôn Tân Hương (9/9), "
     "ông Võ Văn Quang (9/9), bà Lê Thị Hằng (9/9), ông Nguyễn Hữu Đạt (8/9)."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Võ Minh Tuấn", "Chủ tịch Hội đồng Thi đua - Khen thưởng xã Sơn Kim 1",
    subject_line="Họp xét khen thưởng đợt cao điểm phòng cháy, chữa cháy rừng năm 2024")

# 09 — UBND thị trấn Phố Châu, Lao động tiên tiến năm 2024
doc("pho-chau-2024-totrinh-231", "pho-chau", 231, "TTr-UBND", "2024-12-18", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2024",
    [LUAT2022,
     "Căn cứ kết quả bình xét thi đua năm 2024 ngày 11/12/2024, UBND thị trấn Phố Châu kính đề "
     "nghị Chủ tịch UBND huyện công nhận danh hiệu Lao động tiên tiến năm 2024 cho 05 cá nhân: "
     "Nguyễn Thị Lan Anh, Đặng Văn Bình, Hoàng Thị Thúy, Bùi Xuân Trường, Lê Văn Cường."],
    TM_UBND, "Trần Quốc Hưng", "Chủ tịch UBND thị trấn Phố Châu",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("pho-chau-2024-bienban-binhxet-27", "pho-chau", 27, "BB-UBND", "2024-12-11", "BIÊN BẢN",
    "Biên bản họp bình xét thi đua năm 2024 của cán bộ, công chức, người lao động thị trấn",
    ["Thời gian: 15 giờ 00 ngày 11/12/2024 tại hội trường UBND thị trấn Phố Châu; có mặt 26/27 "
     "cán bộ, công chức, người lao động.",
     "Hội nghị bình xét công khai, biểu quyết đề nghị danh hiệu Lao động tiên tiến cho: Nguyễn Thị "
     "Lan Anh (25/26), Đặng Văn Bình (26/26), Hoàng Thị Thúy (24/26), Bùi Xuân Trường (25/26), Lê "
     "Văn Cường (26/26)."],
    TM_UBND, "Trần Quốc Hưng", "Chủ tịch UBND thị trấn Phố Châu",
    subject_line="Họp bình xét thi đua năm 2024")

# 10 — Trường THCS Sơn Tây, Chiến sĩ thi đua cơ sở năm học 2023-2024
doc("thcs-son-tay-2024-totrinh-19", "thcs-son-tay", 19, "TTr-THCS", "2024-06-14", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm học 2023-2024",
    [LUAT2022,
     "Năm học 2023-2024 nhà trường có 18 cán bộ, giáo viên đạt Lao động tiên tiến. Căn cứ kết "
     "quả bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng nhà trường ngày 07/6/2024, Trường THCS "
     "Sơn Tây đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở cho bà Dương Thị Thu Trang và ông "
     "Hồ Sỹ Phong."],
    ["HIỆU TRƯỞNG"], "Lê Quang Vinh", "Hiệu trưởng Trường THCS Sơn Tây",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("thcs-son-tay-2024-bctt-cstdcs", "thcs-son-tay", None, None, "2024-06-05",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của cá nhân đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm học "
    "2023-2024",
    ["1. Bà Dương Thị Thu Trang, giáo viên Toán, Tổ trưởng Tổ Khoa học tự nhiên: bồi dưỡng 06 học "
     "sinh đạt giải học sinh giỏi cấp huyện, 02 học sinh đạt giải cấp tỉnh môn Toán lớp 9. Sáng "
     "kiến: Một số biện pháp bồi dưỡng học sinh giỏi môn Toán lớp 9 ở trường miền núi.",
     "2. Ông Hồ Sỹ Phong, giáo viên Tin học: xây dựng kho học liệu số dùng chung cho toàn trường, "
     "hướng dẫn 100% giáo viên dạy học trên lớp học trực tuyến. Sáng kiến: Ứng dụng lớp học trực "
     "tuyến trong dạy học Tin học lớp 8.",
     "Các sáng kiến đã được công nhận tại Quyết định số 145/QĐ-PGDĐT ngày 20/5/2024. Cả hai cá nhân "
     "được xếp loại hoàn thành xuất sắc nhiệm vụ."],
    ["HIỆU TRƯỞNG"], "Lê Quang Vinh", "Hiệu trưởng Trường THCS Sơn Tây")
doc("thcs-son-tay-2024-bienban-05", "thcs-son-tay", 5, "BB-HĐTĐKT", "2024-06-07", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng nhà trường xét danh hiệu Chiến sĩ thi đua cơ sở "
    "năm học 2023-2024",
    ["Thời gian: 14 giờ 00 ngày 07/6/2024 tại Trường THCS Sơn Tây. Chủ trì: ông Lê Quang Vinh. Có "
     "mặt 7/7 thành viên.",
     "Kết quả bỏ phiếu kín: bà Dương Thị Thu Trang 7/7 phiếu; ông Hồ Sỹ Phong 6/7 phiếu."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Lê Quang Vinh", "Chủ tịch Hội đồng Thi đua - Khen thưởng Trường THCS Sơn Tây",
    subject_line="Họp xét danh hiệu Chiến sĩ thi đua cơ sở năm học 2023-2024")
doc("pgddt-2024-qd-sangkien-145", "pgddt", 145, "QĐ-PGDĐT", "2024-05-20", "QUYẾT ĐỊNH",
    "Công nhận sáng kiến kinh nghiệm cấp huyện năm học 2023-2024",
    ["TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO. Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02/3/2012 của "
     "Chính phủ ban hành Điều lệ Sáng kiến; xét đề nghị của Hội đồng khoa học ngành;",
     "QUYẾT ĐỊNH: Điều 1. Công nhận 27 sáng kiến kinh nghiệm cấp huyện năm học 2023-2024, trong đó "
     "có:",
     "- Một số biện pháp bồi dưỡng học sinh giỏi môn Toán lớp 9 ở trường miền núi - Dương Thị Thu "
     "Trang, Trường THCS Sơn Tây.",
     "- Ứng dụng lớp học trực tuyến trong dạy học Tin học lớp 8 - Hồ Sỹ Phong, Trường THCS Sơn "
     "Tây.",
     "Điều 2. Quyết định có hiệu lực kể từ ngày ký."],
    ["TRƯỞNG PHÒNG"], "Thái Văn Đức", "Trưởng phòng Giáo dục và Đào tạo huyện Hương Sơn",
    subject_line="Về việc công nhận sáng kiến kinh nghiệm cấp huyện năm học 2023-2024")

# 11 and 13 — Phòng GD&ĐT, năm học 2023-2024
doc("pgddt-2024-totrinh-74", "pgddt", 74, "TTr-PGDĐT", "2024-06-24", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu thi đua cho tập thể năm học 2023-2024",
    [LUAT2022,
     "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng ngành Giáo dục ngày 19/6/2024, Phòng Giáo "
     "dục và Đào tạo kính trình:",
     "1. Chủ tịch UBND huyện công nhận danh hiệu Tập thể lao động tiên tiến năm học 2023-2024 cho "
     "Trường Mầm non Sơn Tây, Trường Tiểu học Sơn Kim 1 và Trường THCS Sơn Tiến.",
     "2. Chủ tịch UBND huyện đề nghị Chủ tịch UBND tỉnh tặng danh hiệu Tập thể lao động xuất sắc "
     "năm học 2023-2024 cho Trường THCS Sơn Tây."],
    ["TRƯỞNG PHÒNG"], "Thái Văn Đức", "Trưởng phòng Giáo dục và Đào tạo huyện Hương Sơn",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("pgddt-2024-bctt-ttldtt", "pgddt", None, None, "2024-06-12", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của các tập thể đề nghị công nhận danh hiệu Tập thể lao động tiên tiến "
    "năm học 2023-2024",
    ["1. Trường Mầm non Sơn Tây (28 người): 17 Lao động tiên tiến, 01 Chiến sĩ thi đua cơ sở; "
     "hoàn thành xây dựng trường chuẩn quốc gia mức độ 2.",
     "2. Trường Tiểu học Sơn Kim 1 (22 người): 14 Lao động tiên tiến, 01 Chiến sĩ thi đua cơ sở; "
     "duy trì 02 điểm trường ở thôn vùng cao, 100% học sinh dân tộc thiểu số hoàn thành chương "
     "trình.",
     "3. Trường THCS Sơn Tiến (32 người): 20 Lao động tiên tiến, 02 Chiến sĩ thi đua cơ sở; 98,6% "
     "học sinh lớp 9 trúng tuyển lớp 10; 01 người chưa hoàn thành nhiệm vụ do nghỉ ốm dài ngày.",
     "Không tập thể nào có thành viên bị kỷ luật."],
    ["TRƯỞNG PHÒNG"], "Thái Văn Đức", "Trưởng phòng Giáo dục và Đào tạo huyện Hương Sơn")
doc("pgddt-2024-bienban-09", "pgddt", 9, "BB-HĐTĐKT", "2024-06-19", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng ngành Giáo dục xét danh hiệu thi đua năm học "
    "2023-2024",
    ["Thời gian: 08 giờ 00 ngày 19/6/2024 tại Phòng Giáo dục và Đào tạo. Chủ trì: ông Thái Văn "
     "Đức. Có mặt 9/9 thành viên.",
     "1. Tập thể lao động tiên tiến (biểu quyết công khai): Trường Mầm non Sơn Tây 9/9; Trường Tiểu "
     "học Sơn Kim 1 9/9; Trường THCS Sơn Tiến 8/9.",
     "2. Tập thể lao động xuất sắc (bỏ phiếu kín): Trường THCS Sơn Tây 9/9 phiếu (100%)."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Thái Văn Đức", "Chủ tịch Hội đồng Thi đua - Khen thưởng ngành Giáo dục",
    subject_line="Họp xét danh hiệu thi đua năm học 2023-2024")
doc("thcs-son-tay-2024-bctt-ttldxs", "thcs-son-tay", None, None, "2024-06-10",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị tặng danh hiệu Tập thể lao động xuất sắc năm học 2023-2024 của "
    "Trường THCS Sơn Tây",
    ["Nhà trường có 25 cán bộ, giáo viên, nhân viên; 100% hoàn thành nhiệm vụ; 18 người đạt Lao "
     "động tiên tiến (72%); 02 người được đề nghị Chiến sĩ thi đua cơ sở; không có ai bị kỷ luật.",
     "Học sinh giỏi: 21 giải cấp huyện, 04 giải cấp tỉnh; tỷ lệ học sinh lớp 9 tốt nghiệp 100%.",
     "Nhà trường dẫn đầu khối thi đua các trường THCS vùng Tây huyện Hương Sơn."],
    ["HIỆU TRƯỞNG"], "Lê Quang Vinh", "Hiệu trưởng Trường THCS Sơn Tây")

# 12 — UBND thị trấn Phố Châu, tổ dân phố văn hóa năm 2024
doc("pho-chau-2024-totrinh-226", "pho-chau", 226, "TTr-UBND", "2024-12-10", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Tổ dân phố văn hóa năm 2024 (Mẫu số 04)",
    ["Căn cứ Luật Thi đua, Khen thưởng số 06/2022/QH15 và Nghị định số 86/2023/NĐ-CP ngày "
     "07/12/2023 của Chính phủ quy định khung tiêu chuẩn và thủ tục xét tặng danh hiệu Gia đình "
     "văn hóa, Thôn, Tổ dân phố văn hóa;",
     "Sau khi niêm yết công khai từ ngày 22/11/2024 đến ngày 02/12/2024 và họp xét ngày 06/12/2024, "
     "UBND thị trấn Phố Châu kính đề nghị Chủ tịch UBND huyện công nhận danh hiệu Tổ dân phố văn "
     "hóa năm 2024 cho Tổ dân phố 2 và Tổ dân phố 6."],
    TM_UBND, "Trần Quốc Hưng", "Chủ tịch UBND thị trấn Phố Châu",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("pho-chau-2024-bctt-tdp-2", "tdp-2", None, None, "2024-11-15", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích xây dựng Tổ dân phố văn hóa năm 2024 của Tổ dân phố 2 (Mẫu số 05)",
    ["Tổ dân phố 2 có 214 hộ, 806 nhân khẩu; 93% hộ đạt Gia đình văn hóa; 100% tuyến đường có "
     "điện chiếu sáng; mô hình khu dân cư tự quản về an ninh trật tự hoạt động hiệu quả.",
     "Nhân dân đóng góp 420 triệu đồng chỉnh trang vỉa hè, trồng 160 cây xanh; không có tụ điểm "
     "tệ nạn xã hội."],
    ["TỔ TRƯỞNG TỔ DÂN PHỐ"], "Trần Thị Minh", "Tổ trưởng Tổ dân phố 2")
doc("pho-chau-2024-bctt-tdp-6", "tdp-6", None, None, "2024-11-15", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích xây dựng Tổ dân phố văn hóa năm 2024 của Tổ dân phố 6 (Mẫu số 05)",
    ["Tổ dân phố 6 có 178 hộ, 655 nhân khẩu; 90% hộ đạt Gia đình văn hóa; 100% hộ phân loại rác "
     "tại nguồn; câu lạc bộ dân ca ví, giặm Nghệ Tĩnh sinh hoạt đều đặn hằng tháng.",
     "Không có hộ nghèo; hòa giải thành 04/04 vụ việc mâu thuẫn tại cơ sở."],
    ["TỔ TRƯỞNG TỔ DÂN PHỐ"], "Phan Văn Chương", "Tổ trưởng Tổ dân phố 6")
doc("pho-chau-2024-bienban-niemyet-25", "pho-chau", 25, "BB-UBND", "2024-12-03", "BIÊN BẢN",
    "Biên bản kết thúc niêm yết công khai danh sách đề nghị công nhận Tổ dân phố văn hóa năm 2024",
    ["Danh sách đề nghị (Tổ dân phố 2, Tổ dân phố 6) đã được niêm yết tại trụ sở UBND thị trấn "
     "và nhà văn hóa các tổ dân phố từ ngày 22/11/2024 đến ngày 02/12/2024 (10 ngày).",
     "Không có ý kiến phản ánh, khiếu nại."],
    TM_UBND, "Trần Quốc Hưng", "Chủ tịch UBND thị trấn Phố Châu",
    subject_line="Kết thúc niêm yết công khai danh sách đề nghị công nhận Tổ dân phố văn hóa năm 2024")
doc("pho-chau-2024-bienban-xet-26", "pho-chau", 26, "BB-UBND", "2024-12-06", "BIÊN BẢN",
    "Biên bản họp xét công nhận danh hiệu Tổ dân phố văn hóa năm 2024 (Mẫu số 06)",
    ["Thời gian: 14 giờ 00 ngày 06/12/2024 tại UBND thị trấn Phố Châu; có mặt 11/13 thành viên "
     "Ban Chỉ đạo phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa thị trấn.",
     "Kết quả biểu quyết: Tổ dân phố 2: 11/11 đồng ý; Tổ dân phố 6: 10/11 đồng ý."],
    TM_UBND, "Trần Quốc Hưng", "Chủ tịch UBND thị trấn Phố Châu",
    subject_line="Họp xét công nhận danh hiệu Tổ dân phố văn hóa năm 2024")

# 14 — UBND xã Sơn Tây, đề nghị Bằng khen của Chủ tịch UBND tỉnh năm 2024 (lập tháng 01/2025)
doc("son-tay-2025-totrinh-05", "son-tay", 5, "TTr-UBND", "2025-01-08", "TỜ TRÌNH",
    "Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho cá nhân có thành tích xuất sắc năm 2024",
    [LUAT2022,
     "Căn cứ kết quả bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng xã ngày 06/01/2025, UBND xã "
     "Sơn Tây kính đề nghị Chủ tịch UBND huyện xem xét, trình Chủ tịch UBND tỉnh tặng Bằng khen "
     "cho bà Đào Thị Nhung, chủ trang trại chăn nuôi hươu sao thôn Tây Lộc, và ông Nguyễn Công "
     "Thành, Phó Chủ tịch UBND xã, đã có thành tích xuất sắc năm 2024."],
    TM_UBND, "Đặng Văn Hải", "Chủ tịch UBND xã Sơn Tây",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("son-tay-2025-bienban-02", "son-tay", 2, "BB-HĐTĐKT", "2025-01-06", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng xã xét đề nghị Bằng khen của Chủ tịch UBND tỉnh "
    "năm 2024",
    ["Thời gian: 08 giờ 00 ngày 06/01/2025 tại UBND xã Sơn Tây. Chủ trì: ông Đặng Văn Hải. Có mặt "
     "11/11 thành viên.",
     "Kết quả bỏ phiếu kín: bà Đào Thị Nhung 11/11 phiếu (100%); ông Nguyễn Công Thành 10/11 phiếu "
     "(90,9%)."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Đặng Văn Hải", "Chủ tịch Hội đồng Thi đua - Khen thưởng xã Sơn Tây",
    subject_line="Họp xét đề nghị Bằng khen của Chủ tịch UBND tỉnh năm 2024")
doc("son-tay-2025-bctt-bangkhen", "son-tay", None, None, "2025-01-03", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của cá nhân đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2024",
    ["1. Bà Đào Thị Nhung, nông dân, thôn Tây Lộc: phát triển trang trại 60 con hươu sao và cơ sở "
     "sơ chế nhung hươu đạt chứng nhận OCOP 3 sao; doanh thu năm 2024 đạt 1,2 tỷ đồng; tạo việc "
     "làm cho 04 lao động; giúp 06 hộ nghèo con giống trả chậm.",
     "2. Ông Nguyễn Công Thành, Phó Chủ tịch UBND xã: chỉ đạo hoàn thành 19/19 tiêu chí xã nông "
     "thôn mới nâng cao; vận động nhân dân hiến 8.600 m2 đất mở rộng đường liên thôn.",
     "UBND xã Sơn Tây xác nhận thành tích trên là đúng sự thật."],
    TM_UBND, "Đặng Văn Hải", "Chủ tịch UBND xã Sơn Tây")

# 23 — UBND xã Sơn Tây, Giấy khen theo thủ tục đơn giản (cứu người đuối nước), 2024
doc("son-tay-2024-totrinh-87", "son-tay", 87, "TTr-UBND", "2024-05-22", "TỜ TRÌNH",
    "Đề nghị tặng Giấy khen cho cá nhân có hành động dũng cảm cứu người bị đuối nước",
    [LUAT2022,
     "Chiều ngày 18/5/2024, tại khúc sông Ngàn Phố đoạn qua thôn Tây Lộc, hai cháu nhỏ bị nước "
     "cuốn khi tắm sông. Ông Hồ Văn Lâm và em Nguyễn Văn Khoa đã không quản nguy hiểm, lao xuống "
     "dòng nước xiết cứu sống cả hai cháu.",
     "UBND xã Sơn Tây kính đề nghị Chủ tịch UBND huyện tặng Giấy khen theo thủ tục đơn giản cho "
     "ông Hồ Văn Lâm và em Nguyễn Văn Khoa."],
    TM_UBND, "Đặng Văn Hải", "Chủ tịch UBND xã Sơn Tây",
    to="Kính gửi: Chủ tịch UBND huyện Hương Sơn")
doc("son-tay-2024-tomtat-cuu-nguoi", "son-tay", None, None, "2024-05-21", "TÓM TẮT THÀNH TÍCH",
    "Tóm tắt thành tích cứu người bị đuối nước trên sông Ngàn Phố ngày 18/5/2024",
    ["Khoảng 16 giờ 30 ngày 18/5/2024, ông Hồ Văn Lâm (sinh năm 1990, nông dân thôn Tây Lộc) đang "
     "làm đồng gần bờ sông thì nghe tiếng kêu cứu, lập tức bơi ra giữa dòng đưa cháu Phan Gia B. "
     "(8 tuổi) vào bờ.",
     "Em Nguyễn Văn Khoa (sinh năm 2008, học sinh lớp 10) dùng can nhựa bơi ra giữ cháu Phan Minh "
     "T. (10 tuổi) nổi trên mặt nước cho đến khi ông Lâm quay lại hỗ trợ. Hai cháu được sơ cứu "
     "kịp thời, sức khỏe ổn định.",
     "Thành tích đã được Công an xã và Ban điều hành thôn Tây Lộc xác nhận."],
    TM_UBND, "Đặng Văn Hải", "Chủ tịch UBND xã Sơn Tây")

# ============================================================================================
# son-tay-commune-2025
# ============================================================================================

# 15 — Trường Tiểu học Sơn Tây, Giấy khen năm học 2024-2025
doc("th-son-tay-2025-totrinh-21", "th-son-tay", 21, "TTr-TH", "2025-07-14", "TỜ TRÌNH",
    "Đề nghị Chủ tịch UBND xã Sơn Tây tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc "
    "năm học 2024-2025",
    [LUAT2025,
     "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng nhà trường ngày 25/6/2025, Trường Tiểu học "
     "Sơn Tây kính đề nghị Chủ tịch UBND xã Sơn Tây tặng Giấy khen cho Tổ chuyên môn khối 4-5 và "
     "03 giáo viên: Trần Thị Hương Giang, Lê Văn Hải, Nguyễn Thị Yến."],
    ["HIỆU TRƯỞNG"], "Phạm Thị Kim Oanh", "Hiệu trưởng Trường Tiểu học Sơn Tây",
    to="Kính gửi: Chủ tịch UBND xã Sơn Tây")
doc("th-son-tay-2025-bctt-giaykhen", "th-son-tay", None, None, "2025-06-20", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của tập thể, cá nhân đề nghị tặng Giấy khen năm học 2024-2025",
    ["1. Tổ chuyên môn khối 4-5 (09 giáo viên): 100% học sinh hoàn thành chương trình; 08 học "
     "sinh đạt giải giao lưu Tiếng Việt và Toán cấp huyện.",
     "2. Bà Trần Thị Hương Giang, giáo viên chủ nhiệm lớp 5A: lớp dẫn đầu phong trào Đọc sách, "
     "100% học sinh hoàn thành tốt các môn học.",
     "3. Ông Lê Văn Hải, giáo viên Giáo dục thể chất: huấn luyện đội bóng đá mini đạt giải Nhì "
     "cấp huyện; tổ chức dạy bơi an toàn cho 140 học sinh.",
     "4. Bà Nguyễn Thị Yến, giáo viên Tiếng Anh: 05 học sinh đạt giải Olympic Tiếng Anh cấp "
     "huyện."],
    ["HIỆU TRƯỞNG"], "Phạm Thị Kim Oanh", "Hiệu trưởng Trường Tiểu học Sơn Tây")
doc("th-son-tay-2025-bienban-04", "th-son-tay", 4, "BB-HĐTĐKT", "2025-06-25", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng nhà trường xét khen thưởng năm học 2024-2025",
    ["Thời gian: 14 giờ 00 ngày 25/6/2025 tại Trường Tiểu học Sơn Tây. Có mặt 7/7 thành viên.",
     "Biểu quyết công khai đề nghị tặng Giấy khen: Tổ chuyên môn khối 4-5 (7/7), Trần Thị Hương "
     "Giang (7/7), Lê Văn Hải (7/7), Nguyễn Thị Yến (6/7)."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Phạm Thị Kim Oanh", "Chủ tịch Hội đồng Thi đua - Khen thưởng Trường Tiểu học Sơn Tây",
    subject_line="Họp xét khen thưởng năm học 2024-2025")

# 16 — Trạm Y tế xã Sơn Tây, Lao động tiên tiến năm 2025
doc("tyt-son-tay-2025-totrinh-48", "tyt-son-tay", 48, "TTr-TYT", "2025-12-19", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2025",
    [LUAT2025,
     "Căn cứ kết quả bình xét thi đua ngày 12/12/2025, Trạm Y tế xã Sơn Tây kính đề nghị Chủ tịch "
     "UBND xã công nhận danh hiệu Lao động tiên tiến năm 2025 cho 04 viên chức: Nguyễn Thị Minh "
     "Châu, Thái Văn Long, Lê Thị Thanh Bình, Hồ Thị Lài."],
    ["TRẠM TRƯỞNG"], "Dương Văn Khánh", "Trạm trưởng Trạm Y tế xã Sơn Tây",
    to="Kính gửi: Chủ tịch UBND xã Sơn Tây")
doc("tyt-son-tay-2025-bienban-binhxet-07", "tyt-son-tay", 7, "BB-TYT", "2025-12-12", "BIÊN BẢN",
    "Biên bản họp bình xét thi đua năm 2025 của Trạm Y tế xã Sơn Tây",
    ["Thời gian: 16 giờ 00 ngày 12/12/2025; có mặt 7/7 viên chức, người lao động của Trạm.",
     "Kết quả biểu quyết đề nghị Lao động tiên tiến: Nguyễn Thị Minh Châu 7/7, Thái Văn Long 7/7, "
     "Lê Thị Thanh Bình 7/7, Hồ Thị Lài 6/7."],
    ["TRẠM TRƯỞNG"], "Dương Văn Khánh", "Trạm trưởng Trạm Y tế xã Sơn Tây",
    subject_line="Họp bình xét thi đua năm 2025")

# 21 — Trạm Y tế xã Sơn Kim 1, Lao động tiên tiến năm 2026 (ha-tinh-commune-2025)
doc("tyt-son-kim-1-2026-totrinh-31", "tyt-son-kim-1", 31, "TTr-TYT", "2026-11-20", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2026",
    [LUAT2025,
     "Căn cứ kết quả bình xét thi đua ngày 16/11/2026, Trạm Y tế xã Sơn Kim 1 kính đề nghị Chủ tịch "
     "UBND xã công nhận danh hiệu Lao động tiên tiến năm 2026 cho 02 viên chức: Phan Thị Hoài Thu, "
     "Võ Đình Quang."],
    ["TRẠM TRƯỞNG"], "Nguyễn Hữu Phước", "Trạm trưởng Trạm Y tế xã Sơn Kim 1",
    to="Kính gửi: Chủ tịch UBND xã Sơn Kim 1")
doc("tyt-son-kim-1-2026-bienban-binhxet-05", "tyt-son-kim-1", 5, "BB-TYT", "2026-11-16", "BIÊN BẢN",
    "Biên bản họp bình xét thi đua năm 2026 của Trạm Y tế xã Sơn Kim 1",
    ["Thời gian: 15 giờ 30 ngày 16/11/2026; có mặt 6/6 viên chức, người lao động của Trạm.",
     "Kết quả biểu quyết đề nghị Lao động tiên tiến: Phan Thị Hoài Thu 6/6, Võ Đình Quang 6/6."],
    ["TRẠM TRƯỞNG"], "Nguyễn Hữu Phước", "Trạm trưởng Trạm Y tế xã Sơn Kim 1",
    subject_line="Họp bình xét thi đua năm 2026")

# 22 — UBND xã Sơn Kim 1 đề nghị Bằng khen của Chủ tịch UBND tỉnh (ha-tinh-province-2025)
doc("xa-son-kim-1-2026-totrinh-112", "xa-son-kim-1", 112, "TTr-UBND", "2026-11-24", "TỜ TRÌNH",
    "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho cá nhân có thành tích xuất sắc năm 2026",
    [LUAT2025,
     "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng xã ngày 23/11/2026 (bỏ phiếu kín 9/9 "
     "thành viên đồng ý), UBND xã Sơn Kim 1 kính trình Chủ tịch UBND tỉnh tặng Bằng khen cho bà "
     "Đặng Thị Ngọc Hà, Chủ tịch Hội Nông dân xã, đã có thành tích xuất sắc trong xây dựng mô hình "
     "kinh tế rừng bền vững năm 2026."],
    TM_UBND, "Lê Văn Thành", "Chủ tịch UBND xã Sơn Kim 1",
    to="Kính gửi: Chủ tịch UBND tỉnh Hà Tĩnh (qua Sở Nội vụ)")
doc("xa-son-kim-1-2026-bienban-hd-09", "xa-son-kim-1", 9, "BB-HĐTĐKT", "2026-11-23", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng xã Sơn Kim 1 ngày 23/11/2026",
    ["Có mặt 9/9 thành viên Hội đồng. Bỏ phiếu kín đề nghị Bằng khen của Chủ tịch UBND tỉnh cho bà "
     "Đặng Thị Ngọc Hà: 9/9 phiếu đồng ý (100%)."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Lê Văn Thành", "Chủ tịch Hội đồng Thi đua - Khen thưởng xã Sơn Kim 1",
    subject_line="Họp xét đề nghị khen thưởng năm 2026")
doc("xa-son-kim-1-2026-bctt-ngoc-ha", "xa-son-kim-1", None, None, "2026-11-20", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026: bà Đặng Thị Ngọc Hà",
    ["Chủ tịch Hội Nông dân xã Sơn Kim 1; vận động 64 hộ trồng rừng gỗ lớn có chứng chỉ FSC trên "
     "210 ha; thu nhập bình quân của các hộ tham gia tăng 18% so với năm 2025.",
     "Xác nhận của UBND xã Sơn Kim 1: nội dung báo cáo đúng sự thật."],
    ["NGƯỜI BÁO CÁO"], "Đặng Thị Ngọc Hà", "Chủ tịch Hội Nông dân xã Sơn Kim 1")

# 28 — Thôn Trung Lưu đề nghị Bằng khen của Chủ tịch UBND tỉnh cho một hộ gia đình, qua xã Sơn Tây
# (ha-tinh-commune-2025: the commune's council votes, its chairperson forwards to the province)
doc("thon-trung-luu-2026-totrinh-bangkhen", "thon-trung-luu", None, None, "2026-11-27", "TỜ TRÌNH",
    "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho hộ ông Nguyễn Văn Toàn năm 2026",
    [LUAT2025,
     "Căn cứ kết quả họp thôn ngày 25/11/2026, thôn Trung Lưu kính đề nghị Chủ tịch UBND xã Sơn "
     "Tây trình Chủ tịch UBND tỉnh tặng Bằng khen cho hộ ông Nguyễn Văn Toàn, đã hiến 620 m2 đất "
     "và 45 ngày công để mở rộng đường liên thôn năm 2026."],
    ["TRƯỞNG THÔN"], "Lê Văn Sáu", "Trưởng thôn Trung Lưu",
    to="Kính gửi: Chủ tịch UBND xã Sơn Tây")
doc("thon-trung-luu-2026-bienban-hop-thon", "thon-trung-luu", None, None, "2026-11-25", "BIÊN BẢN",
    "Biên bản họp thôn Trung Lưu xét đề nghị khen thưởng hộ gia đình hiến đất làm đường năm 2026",
    ["Thời gian: 19 giờ 30 ngày 25/11/2026 tại nhà văn hóa thôn Trung Lưu; có mặt 121/131 đại diện "
     "hộ gia đình.",
     "Hội nghị biểu quyết đề nghị khen thưởng hộ ông Nguyễn Văn Toàn: 121/121 đồng ý."],
    ["CHỦ TRÌ", "TRƯỞNG THÔN"], "Lê Văn Sáu", "Trưởng thôn Trung Lưu",
    subject_line="Họp thôn xét đề nghị khen thưởng năm 2026")
doc("thon-trung-luu-2026-bctt-ho-nguyen-van-toan", "thon-trung-luu", None, None, "2026-11-24",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026: hộ ông Nguyễn Văn Toàn",
    ["Hộ ông Nguyễn Văn Toàn, thôn Trung Lưu, 05 nhân khẩu; năm 2026 tự nguyện hiến 620 m2 đất vườn "
     "và tháo dỡ 40 m tường rào, góp 45 ngày công để mở rộng đường liên thôn Trung Lưu - Kim Lộc.",
     "Xác nhận của thôn Trung Lưu: nội dung báo cáo đúng sự thật."],
    ["NGƯỜI BÁO CÁO"], "Nguyễn Văn Toàn", "Chủ hộ")

# 29 — Trường THPT Hương Sơn đề nghị Bằng khen của Chủ tịch UBND tỉnh cho một giáo viên, qua Sở
# GD&ĐT (ha-tinh-education-department-2025: the department's council votes, its Director forwards)
doc("thpt-huong-son-2026-totrinh-87", "thpt-huong-son", 87, "TTr-THPTHS", "2026-11-26", "TỜ TRÌNH",
    "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho giáo viên có thành tích xuất sắc năm học "
    "2025-2026",
    [LUAT2025,
     "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng nhà trường ngày 24/11/2026, Trường THPT "
     "Hương Sơn kính đề nghị Giám đốc Sở Giáo dục và Đào tạo trình Chủ tịch UBND tỉnh tặng Bằng "
     "khen cho thầy Phan Đình Khôi, giáo viên Vật lý, đã bồi dưỡng 06 học sinh đạt giải học sinh "
     "giỏi cấp quốc gia năm học 2025-2026."],
    ["HIỆU TRƯỞNG"], "Trần Thị Thu Hằng", "Hiệu trưởng Trường THPT Hương Sơn",
    to="Kính gửi: Giám đốc Sở Giáo dục và Đào tạo Hà Tĩnh")
doc("thpt-huong-son-2026-bienban-hd-05", "thpt-huong-son", 5, "BB-HĐTĐKT", "2026-11-24", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng Trường THPT Hương Sơn ngày 24/11/2026",
    ["Có mặt 11/11 thành viên Hội đồng. Bỏ phiếu kín đề nghị Bằng khen của Chủ tịch UBND tỉnh cho "
     "thầy Phan Đình Khôi: 11/11 phiếu đồng ý (100%)."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Trần Thị Thu Hằng", "Chủ tịch Hội đồng Thi đua - Khen thưởng nhà trường",
    subject_line="Họp xét đề nghị khen thưởng năm học 2025-2026")
doc("thpt-huong-son-2026-bctt-dinh-khoi", "thpt-huong-son", None, None, "2026-11-20",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm học 2025-2026: thầy Phan "
    "Đình Khôi",
    ["Giáo viên Vật lý, Trường THPT Hương Sơn; năm học 2025-2026 bồi dưỡng đội tuyển Vật lý của tỉnh: "
     "06 học sinh đạt giải học sinh giỏi cấp quốc gia (01 giải Nhì, 02 giải Ba, 03 giải Khuyến khích); "
     "hai năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở.",
     "Xác nhận của Trường THPT Hương Sơn: nội dung báo cáo đúng sự thật."],
    ["NGƯỜI BÁO CÁO"], "Phan Đình Khôi", "Giáo viên Trường THPT Hương Sơn")

# 17 — Thôn Trung Lưu, Gia đình văn hóa năm 2025 (văn bản của thôn không đánh số)
doc("thon-trung-luu-2025-totrinh", "thon-trung-luu", None, None, "2025-12-05", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Gia đình văn hóa năm 2025",
    ["Căn cứ kết quả họp bình xét của thôn ngày 29/11/2025, thôn Trung Lưu kính đề nghị Chủ tịch "
     "UBND xã Sơn Tây công nhận danh hiệu Gia đình văn hóa năm 2025 cho 05 hộ gia đình: Nguyễn Văn "
     "Toàn, Lê Thị Sen, Trần Xuân Hiếu, Phan Thị Thanh Huyền, Đinh Văn Khải."],
    ["TRƯỞNG THÔN"], "Lê Văn Sáu", "Trưởng thôn Trung Lưu",
    to="Kính gửi: Chủ tịch UBND xã Sơn Tây")
doc("thon-trung-luu-2025-bienban-binhxet", "thon-trung-luu", None, None, "2025-11-29",
    "BIÊN BẢN", "Biên bản họp bình xét Gia đình văn hóa năm 2025 thôn Trung Lưu",
    ["Thời gian: 19 giờ 30 ngày 29/11/2025 tại nhà văn hóa thôn Trung Lưu; có mặt 118/131 đại diện "
     "hộ gia đình.",
     "Hội nghị bình xét công khai, biểu quyết đề nghị 05 hộ: Nguyễn Văn Toàn (112/118), Lê Thị Sen "
     "(116/118), Trần Xuân Hiếu (109/118), Phan Thị Thanh Huyền (114/118), Đinh Văn Khải "
     "(107/118)."],
    ["CHỦ TRÌ", "TRƯỞNG THÔN"], "Lê Văn Sáu", "Trưởng thôn Trung Lưu",
    subject_line="Họp bình xét Gia đình văn hóa năm 2025")

# 18 — Trường THCS Sơn Tây, đề nghị Bằng khen của Chủ tịch UBND tỉnh năm 2025 (lập tháng 01/2026)
doc("thcs-son-tay-2026-totrinh-04", "thcs-son-tay-xa", 4, "TTr-THCS", "2026-01-16", "TỜ TRÌNH",
    "Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho tập thể, cá nhân có thành tích xuất sắc năm "
    "2025",
    [LUAT2025,
     "Căn cứ kết quả bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng nhà trường ngày 12/01/2026, "
     "Trường THCS Sơn Tây kính đề nghị Chủ tịch UBND xã Sơn Tây xem xét, trình Chủ tịch UBND tỉnh "
     "tặng Bằng khen cho Tổ Khoa học tự nhiên và bà Dương Thị Thu Trang, giáo viên Toán."],
    ["HIỆU TRƯỞNG"], "Lê Quang Vinh", "Hiệu trưởng Trường THCS Sơn Tây",
    to="Kính gửi: Chủ tịch UBND xã Sơn Tây")
doc("thcs-son-tay-2026-bienban-01", "thcs-son-tay-xa", 1, "BB-HĐTĐKT", "2026-01-12", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng nhà trường xét đề nghị Bằng khen năm 2025",
    ["Thời gian: 14 giờ 00 ngày 12/01/2026 tại Trường THCS Sơn Tây. Có mặt 7/7 thành viên.",
     "Kết quả bỏ phiếu kín: Tổ Khoa học tự nhiên 7/7 phiếu (100%); bà Dương Thị Thu Trang 7/7 phiếu "
     "(100%)."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Lê Quang Vinh", "Chủ tịch Hội đồng Thi đua - Khen thưởng Trường THCS Sơn Tây",
    subject_line="Họp xét đề nghị Bằng khen năm 2025")
doc("thcs-son-tay-2026-bctt-bangkhen", "thcs-son-tay-xa", None, None, "2026-01-08",
    "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của tập thể, cá nhân đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm "
    "2025",
    ["1. Tổ Khoa học tự nhiên (11 giáo viên): 100% hoàn thành nhiệm vụ, 09 Lao động tiên tiến, 02 "
     "Chiến sĩ thi đua cơ sở; học sinh đạt 03 giải cấp tỉnh các môn Toán, Vật lý, Sinh học năm "
     "2025.",
     "2. Bà Dương Thị Thu Trang, Tổ trưởng: hai năm liền đạt Chiến sĩ thi đua cơ sở; bồi dưỡng 02 "
     "học sinh đạt giải Nhì, giải Ba cấp tỉnh môn Toán lớp 9 năm 2025.",
     "UBND xã Sơn Tây xác nhận thành tích trên."],
    ["HIỆU TRƯỞNG"], "Lê Quang Vinh", "Hiệu trưởng Trường THCS Sơn Tây")

# ============================================================================================
# huong-son-health-centre-2024
# ============================================================================================

# 19 — Khoa KSBT, Giấy khen đợt cao điểm phòng, chống sốt xuất huyết 2024
doc("ttyt-ksbt-2024-totrinh-36", "ttyt-ksbt", 36, "TTr-KSBT", "2024-12-05", "TỜ TRÌNH",
    "Đề nghị Giám đốc Trung tâm tặng Giấy khen cho tập thể, cá nhân có thành tích trong đợt cao "
    "điểm phòng, chống dịch sốt xuất huyết năm 2024",
    [LUAT2022,
     "Trong đợt cao điểm (01/7/2024 - 30/11/2024), toàn huyện ghi nhận 27 ca sốt xuất huyết, xử lý "
     "triệt để 04 ổ dịch, không có ca tử vong. Khoa Kiểm soát bệnh tật và HIV/AIDS kính đề nghị "
     "Giám đốc Trung tâm tặng Giấy khen cho Trạm Y tế xã Sơn Tiến, bà Võ Thị Hồng Nhung và ông "
     "Phan Đức Mạnh."],
    ["TRƯỞNG KHOA"], "Nguyễn Thị Thu Hiền", "Trưởng khoa Kiểm soát bệnh tật và HIV/AIDS",
    to="Kính gửi: Giám đốc Trung tâm Y tế huyện Hương Sơn")
doc("ttyt-ksbt-2024-bctt-sxh", "ttyt-ksbt", None, None, "2024-12-02", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của tập thể, cá nhân trong đợt cao điểm phòng, chống dịch sốt xuất huyết "
    "năm 2024",
    ["1. Trạm Y tế xã Sơn Tiến (06 người): phát hiện sớm ca bệnh chỉ điểm tại thôn 5, phối hợp xử "
     "lý ổ dịch trong 48 giờ; tổ chức 03 đợt diệt lăng quăng cho 1.150 hộ.",
     "2. Bà Võ Thị Hồng Nhung, bác sĩ y học dự phòng: trực tiếp điều tra, giám sát 04 ổ dịch; xây "
     "dựng bản đồ nguy cơ theo thôn.",
     "3. Ông Phan Đức Mạnh, kỹ thuật viên xét nghiệm: thực hiện 412 test NS1 nhanh, trả kết quả "
     "trong ngày."],
    ["TRƯỞNG KHOA"], "Nguyễn Thị Thu Hiền", "Trưởng khoa Kiểm soát bệnh tật và HIV/AIDS")
doc("ttyt-ksbt-2024-bienban-06", "ttyt-ksbt", 6, "BB-KSBT", "2024-12-03", "BIÊN BẢN",
    "Biên bản họp xét khen thưởng đợt cao điểm phòng, chống dịch sốt xuất huyết năm 2024",
    ["Thời gian: 15 giờ 00 ngày 03/12/2024 tại Khoa Kiểm soát bệnh tật và HIV/AIDS; có mặt 12/13 "
     "viên chức của khoa.",
     "Biểu quyết công khai đề nghị tặng Giấy khen: Trạm Y tế xã Sơn Tiến 12/12; Võ Thị Hồng Nhung "
     "12/12; Phan Đức Mạnh 11/12."],
    ["TRƯỞNG KHOA"], "Nguyễn Thị Thu Hiền", "Trưởng khoa Kiểm soát bệnh tật và HIV/AIDS",
    subject_line="Họp xét khen thưởng đợt cao điểm phòng, chống dịch sốt xuất huyết năm 2024")

# 20 — Khoa Nội tổng hợp, Lao động tiên tiến năm 2024
doc("ttyt-noi-2024-totrinh-41", "ttyt-noi", 41, "TTr-KNTH", "2024-12-23", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2024",
    [LUAT2022,
     "Căn cứ kết quả bình xét ngày 18/12/2024, Khoa Nội tổng hợp kính đề nghị Giám đốc Trung tâm "
     "công nhận danh hiệu Lao động tiên tiến năm 2024 cho 05 viên chức, người lao động: Hoàng Minh "
     "Đức, Đặng Thị Hoài, Nguyễn Thị Phương Thảo, Trần Thị Ngọc Ánh, Phan Văn Tình."],
    ["TRƯỞNG KHOA"], "Lê Đình Chiến", "Trưởng khoa Nội tổng hợp",
    to="Kính gửi: Giám đốc Trung tâm Y tế huyện Hương Sơn")
doc("ttyt-noi-2024-bienban-binhxet-09", "ttyt-noi", 9, "BB-KNTH", "2024-12-18", "BIÊN BẢN",
    "Biên bản họp bình xét thi đua năm 2024 của Khoa Nội tổng hợp",
    ["Thời gian: 16 giờ 00 ngày 18/12/2024; có mặt 17/18 viên chức, người lao động của khoa.",
     "Kết quả biểu quyết đề nghị Lao động tiên tiến: Hoàng Minh Đức 17/17, Đặng Thị Hoài 17/17, "
     "Nguyễn Thị Phương Thảo 16/17, Trần Thị Ngọc Ánh 15/17, Phan Văn Tình 17/17."],
    ["TRƯỞNG KHOA"], "Lê Đình Chiến", "Trưởng khoa Nội tổng hợp",
    subject_line="Họp bình xét thi đua năm 2024")

# 21 — Khoa Ngoại tổng hợp, Chiến sĩ thi đua cơ sở năm 2025
doc("ttyt-ngoai-2025-totrinh-52", "ttyt-ngoai", 52, "TTr-KNgTH", "2025-12-22", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
    [LUAT2022,
     "Căn cứ kết quả bỏ phiếu kín ngày 16/12/2025, Khoa Ngoại tổng hợp kính đề nghị Giám đốc Trung "
     "tâm công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2025 cho bác sĩ Nguyễn Văn Tuệ và điều "
     "dưỡng Lê Thị Mỹ Hạnh."],
    ["TRƯỞNG KHOA"], "Bùi Văn Tâm", "Trưởng khoa Ngoại tổng hợp",
    to="Kính gửi: Giám đốc Trung tâm Y tế huyện Hương Sơn")
doc("ttyt-ngoai-2025-bctt-cstdcs", "ttyt-ngoai", None, None, "2025-12-10", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của cá nhân đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
    ["1. BSCKI Nguyễn Văn Tuệ: thực hiện 186 ca phẫu thuật nội soi, không có tai biến; chủ nhiệm "
     "đề tài cơ sở Đánh giá kết quả phẫu thuật nội soi cắt ruột thừa viêm tại Trung tâm Y tế huyện "
     "Hương Sơn.",
     "2. Điều dưỡng Lê Thị Mỹ Hạnh: tỷ lệ nhiễm khuẩn vết mổ của khoa giảm từ 2,1% xuống 0,8%; "
     "sáng kiến Cải tiến quy trình chăm sóc vết mổ sau phẫu thuật bụng.",
     "Đề tài và sáng kiến đã được công nhận tại Quyết định số 1025/QĐ-TTYT ngày 25/11/2025."],
    ["TRƯỞNG KHOA"], "Bùi Văn Tâm", "Trưởng khoa Ngoại tổng hợp")
doc("ttyt-ngoai-2025-bienban-11", "ttyt-ngoai", 11, "BB-KNgTH", "2025-12-16", "BIÊN BẢN",
    "Biên bản họp xét danh hiệu Chiến sĩ thi đua cơ sở năm 2025 của Khoa Ngoại tổng hợp",
    ["Thời gian: 15 giờ 00 ngày 16/12/2025; có mặt 15/16 viên chức của khoa.",
     "Kết quả bỏ phiếu kín: Nguyễn Văn Tuệ 15/15 phiếu; Lê Thị Mỹ Hạnh 14/15 phiếu."],
    ["TRƯỞNG KHOA"], "Bùi Văn Tâm", "Trưởng khoa Ngoại tổng hợp",
    subject_line="Họp xét danh hiệu Chiến sĩ thi đua cơ sở năm 2025")
doc("ttyt-2025-qd-sangkien-1025", "ttyt", 1025, "QĐ-TTYT", "2025-11-25", "QUYẾT ĐỊNH",
    "Công nhận sáng kiến, đề tài nghiên cứu khoa học cấp cơ sở năm 2025",
    ["GIÁM ĐỐC TRUNG TÂM Y TẾ HUYỆN HƯƠNG SƠN. Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02/3/2012 "
     "của Chính phủ ban hành Điều lệ Sáng kiến; xét đề nghị của Hội đồng khoa học Trung tâm;",
     "QUYẾT ĐỊNH: Điều 1. Công nhận 09 sáng kiến, đề tài cấp cơ sở năm 2025, trong đó có:",
     "- Đề tài: Đánh giá kết quả phẫu thuật nội soi cắt ruột thừa viêm tại Trung tâm Y tế huyện "
     "Hương Sơn - Nguyễn Văn Tuệ.",
     "- Sáng kiến: Cải tiến quy trình chăm sóc vết mổ sau phẫu thuật bụng - Lê Thị Mỹ Hạnh.",
     "Điều 2. Quyết định có hiệu lực kể từ ngày ký."],
    ["GIÁM ĐỐC"], "Trần Xuân Hòa", "Giám đốc Trung tâm Y tế huyện Hương Sơn",
    subject_line="Về việc công nhận sáng kiến, đề tài nghiên cứu khoa học cấp cơ sở năm 2025")

# 22 — Phòng Tổ chức - Hành chính, Tập thể lao động tiên tiến năm 2024
doc("ttyt-tchc-2024-totrinh-118", "ttyt-tchc", 118, "TTr-TCHC", "2024-12-26", "TỜ TRÌNH",
    "Đề nghị công nhận danh hiệu Tập thể lao động tiên tiến năm 2024",
    [LUAT2022,
     "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng Trung tâm ngày 24/12/2024, Phòng Tổ chức - "
     "Hành chính kính trình Giám đốc công nhận danh hiệu Tập thể lao động tiên tiến năm 2024 cho "
     "Khoa Dược - Trang thiết bị - Vật tư y tế, Khoa Chăm sóc sức khỏe sinh sản và Trạm Y tế xã "
     "Sơn Kim 1."],
    ["TRƯỞNG PHÒNG"], "Đinh Thị Phương", "Trưởng phòng Tổ chức - Hành chính",
    to="Kính gửi: Giám đốc Trung tâm Y tế huyện Hương Sơn")
doc("ttyt-tchc-2024-bctt-ttldtt", "ttyt-tchc", None, None, "2024-12-16", "BÁO CÁO THÀNH TÍCH",
    "Báo cáo thành tích của các tập thể đề nghị công nhận danh hiệu Tập thể lao động tiên tiến "
    "năm 2024",
    ["1. Khoa Dược - Trang thiết bị - Vật tư y tế (12 người, 08 Lao động tiên tiến): bảo đảm đủ "
     "thuốc, không để xảy ra thiếu thuốc trong năm; triển khai đơn thuốc điện tử.",
     "2. Khoa Chăm sóc sức khỏe sinh sản (09 người, 06 Lao động tiên tiến): quản lý thai nghén "
     "cho 1.284 sản phụ, không có tử vong mẹ.",
     "3. Trạm Y tế xã Sơn Kim 1 (07 người, 05 Lao động tiên tiến): tiêm chủng đầy đủ cho trẻ "
     "dưới 1 tuổi đạt 98,5% tại xã biên giới.",
     "Không tập thể nào có thành viên bị kỷ luật."],
    ["TRƯỞNG PHÒNG"], "Đinh Thị Phương", "Trưởng phòng Tổ chức - Hành chính")
doc("ttyt-2024-bienban-hdtdkt-14", "ttyt", 14, "BB-HĐTĐKT", "2024-12-24", "BIÊN BẢN",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng Trung tâm xét danh hiệu tập thể năm 2024",
    ["Thời gian: 08 giờ 00 ngày 24/12/2024 tại Trung tâm Y tế huyện Hương Sơn. Chủ trì: ông Trần "
     "Xuân Hòa, Giám đốc. Có mặt 11/11 thành viên.",
     "Biểu quyết công khai đề nghị Tập thể lao động tiên tiến: Khoa Dược - Trang thiết bị - Vật tư "
     "y tế 11/11; Khoa Chăm sóc sức khỏe sinh sản 11/11; Trạm Y tế xã Sơn Kim 1 10/11."],
    ["CHỦ TỊCH HỘI ĐỒNG"], "Trần Xuân Hòa", "Chủ tịch Hội đồng Thi đua - Khen thưởng Trung tâm",
    subject_line="Họp xét danh hiệu tập thể năm 2024")

NOT_A_PDF = (
    "This file is plain text, not a PDF, although its name ends in .pdf.\n"
    "It is used by the awardflow sample dossier that breaks the rule attachment.not-pdf.\n"
    "Tệp này là văn bản thuần, không phải tệp PDF.\n"
).encode("utf-8")

# --------------------------------------------------------------------------------------------
# PDF writer
# --------------------------------------------------------------------------------------------
# Advance widths (1/1000 em) of the ASCII range 32..126 in the standard Helvetica fonts (AFM).
_W = {
    "F1": [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
           556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
           1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
           667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
           333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
           556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584],
    "F2": [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
           556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
           975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
           667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
           333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
           611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584],
}

PAGE_W, PAGE_H = 595, 842
MARGIN = 62


def ascii_text(text):
    """Vietnamese to plain ASCII: drops the diacritics, đ -> d, typographic dashes -> '-'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2026", "...")
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    out = "".join(c for c in unicodedata.normalize("NFD", text)
                  if unicodedata.category(c) != "Mn")
    if any(ord(c) > 126 for c in out):
        raise ValueError("cannot write as ASCII: %r" % text)
    return out


def width(text, font, size):
    return sum(_W[font][ord(c) - 32] for c in text) * size / 1000.0


def pdf_string(text):
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


class Page:
    def __init__(self):
        self.ops = []

    def text(self, x, y, s, font="F1", size=11.0):
        self.ops.append("BT /%s %.1f Tf %.2f %.2f Td %s Tj ET" % (font, size, x, y, pdf_string(s)))

    def centered(self, cx, y, s, font="F1", size=11.0):
        self.text(cx - width(s, font, size) / 2, y, s, font, size)

    def rule(self, x1, y, x2):
        self.ops.append("%.2f %.2f m %.2f %.2f l S" % (x1, y, x2, y))

    def content(self):
        return ("0.6 w\n" + "\n".join(self.ops) + "\n").encode("ascii")


def wrap(text, font, size, max_width):
    lines, current = [], ""
    for word in text.split():
        candidate = word if not current else current + " " + word
        if width(candidate, font, size) <= max_width:
            current = candidate
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def vn_date(iso, place):
    y, m, d = iso.split("-")
    return "%s, ngày %s tháng %s năm %s" % (place, d, m, y)


def render(entry):
    parent, organ, place = U[entry["unit"]]
    p = Page()
    left_cx, right_cx = MARGIN + 110, PAGE_W - MARGIN - 135
    y = PAGE_H - 60
    # Header: issuing organ on the left, national motto on the right.
    p.centered(left_cx, y, ascii_text(parent), "F1", 9.5)
    p.centered(right_cx, y, "CONG HOA XA HOI CHU NGHIA VIET NAM", "F2", 9.5)
    y -= 13
    p.centered(left_cx, y, ascii_text(organ), "F2", 9.5)
    p.centered(right_cx, y, "Doc lap - Tu do - Hanh phuc", "F2", 10)
    p.rule(right_cx - 62, y - 4, right_cx + 62)
    p.rule(left_cx - 30, y - 4, left_cx + 30)
    y -= 20
    if entry["number"] is not None:
        p.centered(left_cx, y, "So: %d/%s" % (entry["number"], ascii_text(entry["notation"])),
                   "F1", 10)
    p.centered(right_cx, y, ascii_text(vn_date(entry["date"], place)), "F1", 10)
    y -= 44
    # Title and subject.
    p.centered(PAGE_W / 2, y, ascii_text(entry["kind"]), "F2", 14)
    y -= 18
    for line in wrap(ascii_text(entry["subject_line"]), "F2", 11, PAGE_W - 2 * MARGIN - 40):
        p.centered(PAGE_W / 2, y, line, "F2", 11)
        y -= 14
    p.rule(PAGE_W / 2 - 40, y + 6, PAGE_W / 2 + 40)
    y -= 14
    if entry["to"]:
        p.centered(PAGE_W / 2, y, ascii_text(entry["to"]), "F1", 11)
        y -= 24
    # Body.
    for paragraph in entry["body"]:
        lines = wrap(ascii_text(paragraph), "F1", 10.5, PAGE_W - 2 * MARGIN - 16)
        for i, line in enumerate(lines):
            p.text(MARGIN + (16 if i == 0 else 0), y, line, "F1", 10.5)
            y -= 14
        y -= 5
    # Signature block on the right.
    y -= 12
    for line in entry["sign"]:
        p.centered(right_cx, y, ascii_text(line), "F2", 10.5)
        y -= 14
    p.centered(right_cx, y, "(Da ky)", "F1", 9.5)
    y -= 44
    p.centered(right_cx, y, ascii_text(entry["name"]), "F2", 10.5)
    if y < 80:
        raise ValueError("text does not fit on one page: " + entry["file"])
    # Footer.
    p.rule(MARGIN, 52, PAGE_W - MARGIN)
    p.text(MARGIN, 40, "Tai lieu mau cua awardflow (ban quet gia lap, nhan vat hu cau) - "
           + entry["file"], "F1", 7.5)
    return p.content()


def pdf_bytes(content, title, date):
    """A one-page PDF 1.4 with a classic xref table; offsets are counted as the bytes are laid out."""
    ymd = date.replace("-", "")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
         "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>"
         % (PAGE_W, PAGE_H)).encode("ascii"),
        b"<< /Length " + str(len(content)).encode("ascii") + b" >>\nstream\n" + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        ("<< /Title %s /Producer (awardflow scripts/make-sample-pdfs.py) "
         "/CreationDate (D:%s090000+07'00') >>" % (pdf_string(title), ymd)).encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    file_id = hashlib.md5(bytes(out)).hexdigest().encode("ascii")
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R /ID [<%s> <%s>] >>\n"
            % (len(objects) + 1, file_id, file_id))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = argv[1] if len(argv) > 1 else os.path.join(here, "..", "samples", "attachments")
    os.makedirs(out_dir, exist_ok=True)
    names, digests = set(), {}
    for entry in CATALOGUE:
        if entry["file"] in names:
            raise ValueError("duplicate file name " + entry["file"])
        names.add(entry["file"])
        data = pdf_bytes(render(entry), ascii_text(entry["subject"]), entry["date"])
        digest = hashlib.sha256(data).hexdigest()
        if digest in digests:
            raise ValueError("%s has the same bytes as %s" % (entry["file"], digests[digest]))
        digests[digest] = entry["file"]
        with open(os.path.join(out_dir, entry["file"]), "wb") as f:
            f.write(data)
    with open(os.path.join(out_dir, "not-a-pdf.pdf"), "wb") as f:
        f.write(NOT_A_PDF)
    print("wrote %d PDF files and not-a-pdf.pdf to %s" % (len(CATALOGUE), os.path.normpath(out_dir)))


if __name__ == "__main__":
    main(sys.argv)
