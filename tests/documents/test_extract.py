"""Text extraction reads every supported format, and refuses bombs and damage with a clear code."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
import zipfile
from datetime import date
from email.message import EmailMessage

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from dossier.documents.extract import Extracted, ExtractionError, extract, sniff
from dossier.documents.extract.sniff import DOCX, EML, PDF, XLSX
from dossier.documents.extract.text import decode_text, tidy

MiB = 2**20


def run(content: bytes, filename: str, **options: int | str) -> Extracted:
    return extract(io.BytesIO(content), filename=filename, **options)  # type: ignore[arg-type]


def refused(content: bytes, filename: str, **options: int) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        run(content, filename, **options)
    return caught.value


# --- fixtures, all built here -------------------------------------------------------------


def make_pdf(*pages: str, title: str = "Quarterly report", author: str = "Zhang Wei") -> bytes:
    """A minimal hand-written PDF: one Helvetica text object per page."""
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    font = 3 + 2 * count
    for i, text in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        stream = f"BT /F1 18 Tf 72 700 Td ({text}) Tj ET".encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info = len(objects) + 1
    objects.append(f"<< /Title ({title}) /Author ({author}) >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypt_pdf(content: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "客户拜访纪要"
    document.core_properties.author = "王芳"
    document.add_paragraph("北京某某科技有限公司 拜访记录")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "联系人"
    table.cell(0, 1).text = "电话"
    table.cell(1, 0).text = "张伟"
    table.cell(1, 1).text = "13800138000"
    document.add_paragraph("下次跟进：签订合同")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(*, far_cell: str | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    customers = workbook.active
    assert customers is not None
    customers.title = "客户"
    customers.append(["名称", "城市", "签约日期", "金额"])
    customers.append(["上海甲乙贸易有限公司", "上海", date(2024, 3, 1), 12000])
    contacts = workbook.create_sheet("联系人")
    contacts.append(["李娜", "13900139000", True])
    if far_cell:
        customers[far_cell] = "远"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_zip(members: dict[str, bytes], *, first: str = "[Content_Types].xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(first, b"<Types/>")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_zip_bomb() -> bytes:
    """A DOCX-looking zip whose one member inflates to 200 MiB of zeros (about 200 KB packed)."""
    buffer = io.BytesIO()
    zeros = bytes(MiB)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(200):
                member.write(zeros)
    return buffer.getvalue()


def gbk_subject_mail() -> bytes:
    message = EmailMessage()
    message["From"] = "张伟 <zhangwei@example.cn>"
    message["To"] = "sales@example.com"
    message["Subject"] = "SUBJECT-PLACEHOLDER"
    message["Date"] = "Mon, 04 Mar 2024 10:30:00 +0800"
    message.set_content("王经理您好：\n\n附件是报价单和合同，请查收。", charset="gbk", cte="base64")
    message.add_attachment(
        make_pdf("Price list"), maintype="application", subtype="pdf", filename="quote.pdf"
    )
    message.add_attachment(
        "客户名单".encode("gbk"), maintype="text", subtype="plain", filename="客户名单.txt"
    )
    message.add_attachment(b"\x00\x01raw", maintype="application", subtype="octet-stream")
    # EmailMessage re-encodes headers as UTF-8; real Chinese clients send GBK encoded-words.
    return message.as_bytes().replace(
        b"SUBJECT-PLACEHOLDER", b"=?gbk?b?" + _b64("报价单 2024".encode("gbk")) + b"?="
    )


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data)


# --- sniffing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "filename", "expected"),
    [
        (b"%PDF-1.7\n", "", PDF),
        (b"%PDF-1.4\n", "report.docx", PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.pdf", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "", "image/jpeg"),
        (b"GIF89a\x01\x00", "", "image/gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "", "image/webp"),
        (b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml", "", DOCX),
        (b"PK\x03\x04" + b"\x00" * 26 + b"xl/workbook.xml", "", XLSX),
        (b"PK\x03\x04" + b"\x00" * 40, "book.xlsx", XLSX),
        (b"PK\x03\x04" + b"\x00" * 40, "archive.zip", "application/zip"),
        (b"From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nbody", "", EML),
        (b"Subject: hi\r\n\r\nbody", "mail.eml", EML),
        (b"Subject: hi\r\n\r\nbody", "notes.txt", "text/plain"),
        ("名称,电话\n张伟,138".encode("gbk"), "customers.csv", "text/csv"),
        ("客户备注".encode(), "", "text/plain"),
        (b"\xff\xfe" + "备注".encode("utf-16-le"), "a.txt", "text/plain"),
        (b"<!DOCTYPE html><html>", "", "text/html"),
        (b"\x00\x01\x02\x03binary", "notes.txt", "application/octet-stream"),
        (b"\x00\x01\x02\x03binary", "report.pdf", PDF),
        (b"", "", "application/octet-stream"),
    ],
)
def test_sniff_trusts_magic_bytes_before_the_name(
    head: bytes, filename: str, expected: str
) -> None:
    assert sniff(head, filename) == expected


@given(st.binary(max_size=2048), st.text(max_size=40))
def test_sniff_never_raises(head: bytes, filename: str) -> None:
    assert "/" in sniff(head, filename)


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_pages_are_joined_by_blank_lines_with_title_author_and_page_count() -> None:
    result = run(make_pdf("Hello Dossier", "Second page"), "report.pdf")
    assert result.media_type == PDF
    assert result.text == "Hello Dossier\n\nSecond page"
    assert not result.truncated
    assert dict(result.meta) == {"title": "Quarterly report", "author": "Zhang Wei", "pages": "2"}


def test_pdf_encrypted_with_the_empty_password_is_read() -> None:
    result = run(encrypt_pdf(make_pdf("Open to all"), user_password=""), "open.pdf")
    assert result.text == "Open to all"


def test_pdf_with_a_password_is_refused_as_encrypted() -> None:
    error = refused(encrypt_pdf(make_pdf("Secret"), user_password="s3cret"), "locked.pdf")
    assert error.code == "encrypted"
    assert "password" in error.message


def test_truncated_pdf_is_corrupt() -> None:
    content = make_pdf("Hello Dossier")
    error = refused(content[: len(content) // 2], "broken.pdf")
    assert error.code == "corrupt"
    assert error.message.startswith("the PDF cannot be read")


def test_garbage_named_pdf_is_corrupt() -> None:
    assert refused(b"\x00\x01 not a pdf at all", "scan.pdf").code == "corrupt"


# --- DOCX ----------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_rows_in_order_with_core_properties() -> None:
    result = run(make_docx(), "纪要.docx")
    assert result.media_type == DOCX
    assert result.text == (
        "北京某某科技有限公司 拜访记录\n联系人\t电话\n张伟\t13800138000\n下次跟进：签订合同"
    )
    assert result.meta["title"] == "客户拜访纪要"
    assert result.meta["author"] == "王芳"


def test_docx_detected_without_its_extension() -> None:
    assert run(make_docx(), "upload").media_type == DOCX


def test_docx_with_a_broken_document_part_is_corrupt() -> None:
    content = make_zip({"word/document.xml": b"<w:document><unclosed"})
    error = refused(content, "broken.docx")
    assert error.code == "corrupt"
    assert "Word document" in error.message


def test_password_protected_office_file_is_encrypted() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    assert refused(ole, "合同.docx").code == "encrypted"


# --- XLSX ----------------------------------------------------------------------------------


def test_xlsx_each_sheet_name_then_tab_separated_rows() -> None:
    result = run(make_xlsx(), "客户表.xlsx")
    assert result.media_type == XLSX
    assert result.text == (
        "客户\n名称\t城市\t签约日期\t金额\n上海甲乙贸易有限公司\t上海\t2024-03-01\t12000"
        "\n\n联系人\n李娜\t13900139000\tTRUE"
    )
    assert result.meta["sheets"] == "2"


def test_xlsx_rows_beyond_the_cap_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dossier.documents.extract.sheet.MAX_ROWS", 2)
    result = run(make_xlsx(), "客户表.xlsx")
    assert result.truncated
    assert "上海甲乙" in result.text
    assert "李娜" not in result.text


def test_xlsx_whose_grid_would_fill_memory_is_refused() -> None:
    # calamine allocates rows × columns up front: A1 plus XFD1048576 would abort the worker.
    error = refused(make_xlsx(far_cell="XFD1048576"), "far.xlsx")
    assert error.code == "too_large"
    assert "rows" in error.message


def test_xlsx_grid_is_measured_also_for_cells_without_a_position() -> None:
    # 3,000 cells without `r` in row 1 and one in row 2,000: a 6 M-cell grid for calamine.
    wide = "<row>" + "<c><v>1</v></c>" * 3000 + '</row><row r="2000"><c><v>2</v></c></row>'
    content = _with_sheet_data(make_xlsx(), wide)
    error = refused(content, "wide.xlsx")
    assert error.code == "too_large"
    assert "2000 rows × 3000 columns" in error.message


def _with_sheet_data(workbook: bytes, rows: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, rest = data.partition(b"<sheetData>")
                tail = rest.partition(b"</sheetData>")[2]
                data = head + b"<sheetData>" + rows.encode() + b"</sheetData>" + tail
            target.writestr(info, data)
    return buffer.getvalue()


def test_xlsx_with_a_broken_workbook_is_corrupt() -> None:
    content = make_zip({"xl/workbook.xml": b"<workbook"})
    assert refused(content, "broken.xlsx").code == "corrupt"


# --- TXT / CSV -----------------------------------------------------------------------------

NOTE = "客户：北京某某科技有限公司\n联系人：王芳，电话 13800138000\n备注：重要客户"


@pytest.mark.parametrize(
    "content",
    [
        NOTE.encode("gbk"),
        NOTE.encode("gb18030"),
        NOTE.encode("utf-8"),
        NOTE.encode("utf-8-sig"),
        NOTE.encode("utf-16"),
    ],
    ids=["gbk", "gb18030", "utf-8", "utf-8-bom", "utf-16-bom"],
)
def test_text_in_common_chinese_encodings_is_decoded(content: bytes) -> None:
    result = run(content, "备注.txt")
    assert result.media_type == "text/plain"
    assert result.text == NOTE


def test_short_gbk_is_not_mistaken_for_big5() -> None:
    assert decode_text("你好".encode("gbk"))[0] == "你好"


def test_csv_in_gbk_is_kept_as_text() -> None:
    table = "名称,电话,城市\n张伟,13800138000,北京\n李娜,13900139000,上海\n"
    result = run(table.encode("gbk"), "客户.csv")
    assert result.media_type == "text/csv"
    assert result.text == table.strip()
    assert result.meta["encoding"] == "gb18030"


def test_text_is_nfc_with_whitespace_tidied() -> None:
    result = run("Cafe\u0301  crème\r\n\r\n\r\n\r\nnext\t \n".encode(), "n.txt")
    assert result.text == "Café crème\n\nnext"


def test_long_text_is_cut_at_max_chars() -> None:
    result = run(("客户" * 5000).encode("gbk"), "long.txt", max_chars=100)
    assert result.truncated
    assert result.text == "客户" * 50


# --- EML -----------------------------------------------------------------------------------


def test_mail_with_gbk_subject_and_body_has_headers_on_top_and_attachments() -> None:
    result = run(gbk_subject_mail(), "报价.eml")
    assert result.media_type == EML
    assert result.meta["subject"] == "报价单 2024"
    assert result.meta["from"] == "张伟 <zhangwei@example.cn>"
    assert result.meta["date"] == "2024-03-04T10:30:00+08:00"
    assert result.text.startswith("From: 张伟 <zhangwei@example.cn>\nTo: sales@example.com\n")
    assert "Subject: 报价单 2024" in result.text
    assert result.text.endswith("王经理您好：\n\n附件是报价单和合同，请查收。")
    names = [(a.filename, a.media_type) for a in result.attachments]
    assert names == [
        ("quote.pdf", PDF),
        ("客户名单.txt", "text/plain"),
        ("attachment-3.bin", "application/octet-stream"),
    ]
    assert run(result.attachments[0].content, "quote.pdf").text == "Price list"
    assert result.attachments[1].content == "客户名单".encode("gbk")


def test_mail_with_raw_gbk_headers_and_filename_is_decoded() -> None:
    raw = (
        "From: 李娜 <lina@example.cn>\r\nSubject: 合同草稿\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\n请审阅。\r\n"
        "--b\r\nContent-Type: application/pdf\r\n"
        'Content-Disposition: attachment; filename="合同.pdf"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
    ).encode("gbk")
    result = run(raw, "mail.eml")
    assert result.meta["subject"] == "合同草稿"
    assert result.meta["from"] == "李娜 <lina@example.cn>"
    assert "请审阅。" in result.text
    assert [a.filename for a in result.attachments] == ["合同.pdf"]


def test_html_only_mail_is_converted_to_text() -> None:
    message = EmailMessage()
    message["From"] = "service@example.com"
    message["Subject"] = "订单确认"
    message.set_content(
        "<html><head><style>p{color:red}</style></head><body><p>您好，<b>张伟</b></p>"
        "<p>订单号：A-1024<br>金额：¥1,200</p><script>alert(1)</script></body></html>",
        subtype="html",
    )
    result = run(message.as_bytes(), "order.eml")
    assert result.text.endswith("您好，张伟\n\n订单号：A-1024\n金额：¥1,200")
    assert "color" not in result.text
    assert "alert" not in result.text
    assert result.attachments == ()


# --- limits and damage ---------------------------------------------------------------------


def test_zip_bomb_is_refused_before_parsing() -> None:
    bomb = make_zip_bomb()
    assert len(bomb) < 2 * MiB
    error = refused(bomb, "bomb.docx")
    assert error.code == "zip_bomb"
    assert "200.0 MiB" in error.message


@pytest.mark.parametrize("name", ["../evil", "word/../../evil.xml", "/etc/passwd", "C:\\evil"])
def test_zip_with_a_traversing_member_name_is_refused(name: str) -> None:
    content = make_zip({"word/document.xml": b"<w:document/>", name: b"x"})
    error = refused(content, "evil.docx")
    assert error.code == "zip_bomb"
    assert "unsafe member name" in error.message


def test_zip_with_too_many_members_is_refused() -> None:
    members = {f"xl/m{i}.xml": b"" for i in range(10_001)}
    error = refused(make_zip(members), "many.xlsx")
    assert error.code == "zip_bomb"
    assert "10002 members" in error.message


def test_file_over_max_bytes_is_refused() -> None:
    error = refused(b"a" * 1001, "big.txt", max_bytes=1000)
    assert error.code == "too_large"
    assert run(b"a" * 1000, "ok.txt", max_bytes=1000).text == "a" * 1000


def test_images_and_unknown_files_give_empty_text() -> None:
    png = run(b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.png")
    assert (png.text, png.media_type, png.truncated) == ("", "image/png", False)
    assert run(bytes(range(256)), "blob.dat").media_type == "application/octet-stream"


def test_a_declared_type_is_used_only_when_sniffing_cannot_tell() -> None:
    assert run(b"a,b\n1,2\n", "upload", media_type="text/csv").media_type == "text/csv"
    assert run(make_pdf("x"), "upload", media_type="image/png").media_type == PDF


def test_extraction_imports_no_django() -> None:
    code = (
        "import sys, dossier.documents.extract\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd="src")


def test_tidy_is_idempotent_on_awkward_whitespace() -> None:
    text = "\ufeff a\u3000\u3000b \t\n\n\n\x00c\u200b\r\n"
    assert tidy(tidy(text)) == tidy(text) == "a b\n\nc"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_named_txt_raise_nothing_but_extraction_error(content: bytes) -> None:
    try:
        result = run(content, "x.txt", max_chars=500)
    except ExtractionError:
        return
    assert len(result.text) <= 500


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(["x.pdf", "x.docx", "x.xlsx", "x.eml"]),
    st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"From: a@b.c\nTo: d@e.f\n\n"]),
    st.binary(max_size=2048),
)
def test_arbitrary_bytes_in_any_format_raise_nothing_but_extraction_error(
    filename: str, prefix: bytes, content: bytes
) -> None:
    try:
        run(prefix + content, filename)
    except ExtractionError as error:
        assert error.code in {"unsupported", "corrupt", "encrypted", "too_large", "zip_bomb"}
