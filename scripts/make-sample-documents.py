#!/usr/bin/env python3
"""Writes the sample portal's documents once: content/documents/*.md and their small files in content/files/.

Run by hand (the files are committed; the build never runs it). The PDFs are one A4 page holding the text as a
picture drawn by libvips (as many agencies' scans are), the DOCX files a minimal Word document written with zipfile.
"""
import pathlib, subprocess, tempfile, zipfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "content" / "documents"
FILES = ROOT / "content" / "files"

DOCUMENTS = [
    dict(name="03-kh-dus", number="03-KH/ĐUS", type="Kế hoạch", issuer="Đảng ủy Sở", issued="2018-03-15",
         effective="2018-03-15", expired="2018-10-01", signer="Nguyễn Văn Thành", field="Dân vận",
         title='Thực hiện công tác dân vận và phát động phong trào thi đua "Dân vận khéo" năm 2018',
         files=["pdf", "docx"], folder="2018",
         note="Thời gian thực hiện: từ ngày ban hành đến hết tháng 9/2018."),
    dict(name="01-nq-dus", number="01-NQ/ĐUS", type="Nghị quyết", issuer="Đảng ủy Sở", issued="2026-01-08",
         signer="Nguyễn Văn Thành", field="Xây dựng Đảng",
         title="Về lãnh đạo thực hiện nhiệm vụ chính trị năm 2026", files=["pdf"], folder="2026"),
    dict(name="12-kh-sldtbxh", number="12/KH-SLĐTBXH", type="Kế hoạch", issuer="Sở Lao động - Thương binh và Xã hội",
         issued="2026-02-10", expired="2027-01-01", signer="Trần Thị Mai", field="Việc làm",
         title="Tổ chức Ngày hội việc làm năm 2026", files=["pdf", "docx"], folder="2026"),
    dict(name="15-hd-sldtbxh", number="15/HD-SLĐTBXH", type="Hướng dẫn", issuer="Sở Lao động - Thương binh và Xã hội",
         issued="2026-03-20", signer="Trần Thị Mai", field="Giáo dục nghề nghiệp",
         title="Thực hiện chính sách hỗ trợ đào tạo nghề cho lao động nông thôn", files=["pdf"], folder="2026"),
    dict(name="245-qd-sldtbxh", number="245/QĐ-SLĐTBXH", type="Quyết định", issuer="Sở Lao động - Thương binh và Xã hội",
         issued="2026-05-04", effective="2026-05-04", signer="Lê Văn Hùng", field="Cải cách hành chính",
         title="Ban hành Quy chế làm việc của Sở Lao động - Thương binh và Xã hội", files=["pdf", "docx"], folder="2026",
         note="Quyết định này thay thế Quyết định số 120/QĐ-SLĐTBXH năm 2021."),
    dict(name="1520-sldtbxh-ncc", number="1520/SLĐTBXH-NCC", type="Công văn", issuer="Sở Lao động - Thương binh và Xã hội",
         issued="2026-06-18", signer="Lê Văn Hùng", field="Người có công",
         title="Rà soát, cập nhật thông tin người có công với cách mạng trên địa bàn tỉnh", files=["pdf"], folder="2026"),
    dict(name="35-bc-sldtbxh", number="35/BC-SLĐTBXH", type="Báo cáo", issuer="Sở Lao động - Thương binh và Xã hội",
         issued="2026-07-15", signer="Trần Thị Mai", field="Giảm nghèo",
         title="Kết quả thực hiện công tác giảm nghèo 6 tháng đầu năm 2026", files=["docx"], folder="2026"),
    dict(name="2150-qd-ubnd", number="2150/QĐ-UBND", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Vĩnh Long",
         issued="2026-09-08", effective="2026-09-15", signer="Phạm Minh Quang", field="Giảm nghèo",
         title="Phê duyệt Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2026 - 2030",
         files=["pdf"], folder="2026"),
    dict(name="08-tb-sldtbxh", number="08/TB-SLĐTBXH", type="Thông báo", issuer="Sở Lao động - Thương binh và Xã hội",
         issued="2026-10-02", expired="2027-01-01", signer="Lê Văn Hùng", field="Cải cách hành chính",
         title="Lịch tiếp công dân quý IV năm 2026", files=["pdf"], folder="2026"),
    dict(name="42-kh-sldtbxh", number="42/KH-SLĐTBXH", type="Kế hoạch", issuer="Sở Lao động - Thương binh và Xã hội",
         issued="2026-11-20", effective="2027-01-01", signer="Trần Thị Mai", field="An toàn lao động",
         title="Tổ chức Tháng hành động về an toàn, vệ sinh lao động năm 2027", files=["docx"], folder="2026"),
]

BODY = ("Căn cứ chức năng, nhiệm vụ được giao và tình hình thực tế của đơn vị, {issuer} ban hành {kind} "
        "với các nội dung chủ yếu sau đây. Các phòng, ban, đơn vị trực thuộc căn cứ nội dung văn bản "
        "tổ chức triển khai thực hiện, định kỳ báo cáo kết quả về cơ quan ban hành theo quy định.")


def file_name(doc, ext):
    # The name editors would give it, with capitals and marks: bantin publishes it slugged.
    return f"{doc['folder']}/{doc['type']} {doc['number'].replace('/', '-')}.{ext}"


def make_pdf(doc, path):
    lines = [doc["issuer"].upper(), f"Số: {doc['number']}", "", doc["type"].upper(), doc["title"], "",
             BODY.format(issuer=doc["issuer"], kind=doc["type"].lower()), "",
             "Vĩnh Long, ngày " + "/".join(reversed(doc["issued"].split("-"))), "", doc.get("signer", "")]
    text = "\n".join(escape(line) for line in lines)
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        # libvips draws the text (pango, DejaVu Sans: every Vietnamese letter), black on white, as a JPEG.
        subprocess.run(["vips", "text", str(work / "t.v"), text, "--width", "900", "--dpi", "150",
                        "--font", "DejaVu Sans 10"], check=True)
        subprocess.run(["vips", "invert", str(work / "t.v"), str(work / "i.v")], check=True)
        subprocess.run(["vips", "jpegsave", str(work / "i.v"), str(work / "t.jpg"), "--Q", "60"], check=True)
        jpeg = (work / "t.jpg").read_bytes()
    width, height = jpeg_size(jpeg)
    # A4 in points, the text at 150 dpi from the top-left margin.
    w, h = width * 72 / 150, height * 72 / 150
    content = f"q {w:.2f} 0 0 {h:.2f} 60 {842 - 60 - h:.2f} cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /DCTDecode /Length %d >>\nstream\n" % (width, height, len(jpeg)) + jpeg + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))


def jpeg_size(data):
    index = 2
    while index < len(data):
        marker, length = data[index + 1], int.from_bytes(data[index + 2:index + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(data[index + 7:index + 9], "big"), int.from_bytes(data[index + 5:index + 7], "big")
        index += 2 + length
    raise ValueError("no JPEG frame")


def make_docx(doc, path):
    paragraphs = [doc["issuer"], f"Số: {doc['number']}", doc["type"].upper(), doc["title"],
                  BODY.format(issuer=doc["issuer"], kind=doc["type"].lower())]
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f'<w:body>{body}</w:body></w:document>')


def quoted(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def main():
    DOCS.mkdir(parents=True, exist_ok=True)
    for doc in DOCUMENTS:
        files = []
        for ext in doc["files"]:
            name = file_name(doc, ext)
            (make_pdf if ext == "pdf" else make_docx)(doc, FILES / name)
            files.append("/files/" + name)
        front = ["---", f"number: {quoted(doc['number'])}", f"type: {quoted(doc['type'])}",
                 f"title: {quoted(doc['title'])}", f"issuer: {quoted(doc['issuer'])}", f"issued: {doc['issued']}"]
        for key in ["effective", "expired"]:
            if key in doc:
                front.append(f"{key}: {doc[key]}")
        for key in ["signer", "field"]:
            if key in doc:
                front.append(f"{key}: {quoted(doc[key])}")
        front.append("files:")
        front += [f"  - {quoted(f)}" for f in files]
        front.append("---")
        text = "\n".join(front) + "\n" + (doc.get("note", "") + "\n" if doc.get("note") else "")
        (DOCS / f"{doc['name']}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
