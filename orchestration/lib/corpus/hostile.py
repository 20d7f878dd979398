"""A landing folder of hostile inputs: what a careless or malicious user could drop beside real filings.

Each input says what the pipeline must make of it: ``parsed`` (read, with facts where it holds any),
``failed`` (a documents row whose reason contains the fragment), ``skipped`` (no documents row; the run
summary gives the reason) or ``any`` (parsed or failed, never a stopped run). Sizes are parameters, so
a test can keep the corpus small while ``make fuzz`` goes large.
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# A small filing: a heading, a sentence listing three values, and a tab table with a header.
MINI_FILING = (
    "证券简称：测试科技　　证券代码：300000\n"
    "关于测试科技股份有限公司申请向特定对象发行股票的审核问询函的回复\n"
    "一、公司营业收入\n"
    "2023年、2024年及2025年1-6月，公司营业收入分别为74,628.47万元、77,060.50万元和38,120.10万元。\n"
    "本项目税后内部收益率为10.17%，投资回收期为5.72年。\n"
    "单位：万元\n"
    "项目\t2023年度\t2024年度\n"
    "营业收入\t74,628.47\t77,060.50\n"
    "营业成本\t60,100.00\t61,200.50\n"
    "毛利率\t19.47%\t20.58%\n"
)


@dataclass(frozen=True, slots=True)
class HostileInput:
    name: str
    expect: str  # parsed | failed | skipped | any
    reason: str = ""  # a fragment of the reason a failed or skipped entry must give
    write: Callable[[Path], None] | None = None  # for entries that are not plain bytes (links, folders, pipes)
    data: bytes = b""


def hostile_inputs(oversize_bytes: int, slow_bytes: int = 2_000_000, scale: float = 1.0) -> list[HostileInput]:
    """Every hostile input; ``oversize_bytes`` is one byte over the size budget under test, ``slow_bytes`` the
    size of a single-line file that no parser should be asked to finish within a small time budget, and
    ``scale`` multiplies the size of the other large inputs."""
    return [
        *_encodings(), *_parser_traps(slow_bytes, scale), *_html(scale), *_pdfs(scale), *_names(),
        *_entries(oversize_bytes),
    ]


def write_hostile_corpus(
    folder: Path, oversize_bytes: int, slow_bytes: int = 2_000_000, scale: float = 1.0
) -> list[HostileInput]:
    """Write every hostile input into ``folder`` (created); returns them, for the expectations."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs = hostile_inputs(oversize_bytes, slow_bytes, scale)
    for item in inputs:
        if item.write is not None:
            item.write(folder)
        else:
            (folder / item.name).write_bytes(item.data)
    return inputs


def _text(name: str, text: str, expect: str = "parsed", reason: str = "", encoding: str = "utf-8") -> HostileInput:
    return HostileInput(name, expect, reason, data=text.encode(encoding))


def _encodings() -> list[HostileInput]:
    utf16_odd = MINI_FILING.encode("utf-16") + b"\x00"  # a byte-order mark, then one byte too many
    mixed = MINI_FILING.encode("utf-8") + MINI_FILING.encode("gb18030")
    return [
        HostileInput("empty.txt", "failed", "empty file"),
        HostileInput("whitespace_only.txt", "failed", "empty file", data=b" \n\t\r\n" * 100),
        HostileInput("binary_nul.txt", "failed", "binary file", data=bytes(range(256)) * 40),
        HostileInput("png_named.txt", "failed", "binary file", data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20),
        HostileInput("latin1.txt", "failed", "invalid encoding", data="réponse à la lettre © ".encode("latin-1") * 30),
        HostileInput("utf16_bom_odd_length.txt", "failed", "UTF-16", data=utf16_odd),
        HostileInput("utf16_bom_valid.txt", "parsed", data=MINI_FILING.encode("utf-16")),
        HostileInput("utf32_bom.txt", "failed", "", data=MINI_FILING.encode("utf-32")),
        HostileInput("mixed_utf8_and_gbk.txt", "any", data=mixed),
        _text("gbk_filing.txt", MINI_FILING, encoding="gb18030"),
        HostileInput("utf8_bom_filing.txt", "parsed", data=b"\xef\xbb\xbf" + MINI_FILING.encode()),
        _text("control_characters.txt", "\x01\x02\x03\x04\x05\x06" * 500, "failed", "binary file"),
        _text("cr_only_line_endings.txt", MINI_FILING.replace("\n", "\r")),
        _text("crlf_line_endings.txt", MINI_FILING.replace("\n", "\r\n")),
        _text("unicode_line_separators.txt", MINI_FILING.replace("\n", "\u2028", 3).replace("\n", "\u2029", 3)),
        _text("nel_line_endings.txt", MINI_FILING.replace("\n", "\u0085")),
        _text("zero_width_in_numbers.txt", MINI_FILING.replace("74,628", "74,\u200b628").replace(".47", ".4\u200d7")),
        _text("soft_hyphens_in_numbers.txt", MINI_FILING.replace("60,100", "60,\u00ad100")),
        _text("full_width_digits.txt", MINI_FILING.translate({ord(str(n)): chr(0xFF10 + n) for n in range(10)})),
        _text("no_break_spaces.txt", MINI_FILING.replace("\t", "\u00a0\u00a0\u00a0\u00a0")),
        _text("bom_inside_text.txt", MINI_FILING.replace("万元、", "万元\ufeff、")),
    ]


def _parser_traps(slow_bytes: int, scale: float) -> list[HostileInput]:
    def scaled(count: int) -> int:
        return max(1, int(count * scale))

    table = "\n".join(["项目\t" + "\t".join(f"{year}年" for year in range(2000, 2500))]
                      + [f"行{row}\t" + "\t".join(f"{row}.{col:02d}" for col in range(500)) for row in range(scaled(40))])
    tall = "\n".join(["单位：万元", "项目\t2023年度\t2024年度"] + [f"项目{n}\t{n},000.00\t{n}.5" for n in range(scaled(60_000))])
    return [
        _text("tab_only_lines.txt", MINI_FILING.replace("单位：万元\n", "\t\n单位：万元\n\t\t\n")),
        _text("tab_only_region.txt", "\t\n" * 50 + MINI_FILING),
        _text("value_list_without_stop.txt", "公司收入" + "1," * scaled(30_000), "any"),
        _text("money_list_single_line.txt", "收入" + "1,234.56万元、" * scaled(20_000), "any"),
        _text("percent_single_line.txt", "毛利率为12.5%" * scaled(25_000), "any"),
        _text("long_digit_run.txt", "1" * scaled(250_000), "any"),
        _text("filing_as_one_line.txt", (MINI_FILING.replace("\n", " ") * 2_000)[:scaled(1_000_000)], "any"),
        _text("over_the_time_budget_one_line.txt", ("毛利率为12.5%" * (slow_bytes // 15 + 1)), "failed", "time budget"),
        _text("table_500_columns.txt", table, "any"),
        _text("table_60k_rows.txt", tall, "any"),
        _text("thousands_of_tables.txt", "\n\n\n".join([MINI_FILING] * scaled(2_000)), "any"),
        _text("deep_headings.txt", "".join(f"{'(' * (n % 7)}{n}、标题{n}\n数值为{n}.00万元。\n" for n in range(scaled(20_000))), "any"),
        _text("sql_in_labels.txt", MINI_FILING.replace("营业成本", "营业成本'); drop table filings.facts; --")),
        _text("very_long_label.txt", MINI_FILING.replace("营业成本", "营" * scaled(100_000)), "any"),
        _text("numbers_only.txt", "\n".join(f"{n}" for n in range(1, scaled(50_000))), "any"),
        _text("page_numbers_only.txt", "\n".join(f"- {n} -" for n in range(1, scaled(20_000))), "any"),
        _text("brackets_unbalanced.txt", "（" * scaled(50_000) + MINI_FILING + "）" * 10, "any"),
    ]


def _html(scale: float) -> list[HostileInput]:
    def scaled(count: int) -> int:
        return max(1, int(count * scale))

    body = "".join(f"<p>{line}</p>" for line in MINI_FILING.split("\n"))
    page = "<html><head><meta charset=\"{}\"></head><body>{}</body></html>"
    rows = "".join(f"<tr><td>项目{n}</td>" + "".join(f"<td>{n}.{c}</td>" for c in range(50)) + "</tr>" for n in range(scaled(2_000)))
    return [
        _text("meta_charset_undefined.html", page.format("undefined", body)),
        _text("meta_charset_rot13.html", page.format("rot13", body)),
        _text("meta_charset_utf16_but_utf8.html", page.format("utf-16", body)),
        _text("meta_charset_nonsense.html", page.format("x-no-such-charset", body)),
        _text("unclosed_and_stray_tags.html", "<html><body>" + body + "<b>x" * scaled(40_000) + "</i>" * scaled(40_000), "any"),
        _text("deeply_nested.html", "<div>" * scaled(100_000) + body + "</div>" * scaled(100_000), "any"),
        _text("script_and_external_resources.html", (
            "<html><head><script src='http://127.0.0.1:9/x.js'></script><link rel=stylesheet href='http://127.0.0.1:9/s'>"
            "</head><body><img src='http://127.0.0.1:9/p.png'><iframe src='file:///etc/passwd'></iframe>"
            f"<script>document.write('营业收入为999万元')</script>{body}</body></html>"
        )),
        _text("portal_only.html", "<html><body><nav>行情中心 数据中心</nav><footer>版权所有</footer></body></html>",
              "failed", "no filing text"),
        _text("enormous_table.html", f"<html><body><p>{'营业收入明细表' * 10}</p><table>{rows}</table></body></html>", "any"),
        _text("pre_with_cr_only.html", f"<html><body><pre>{MINI_FILING.replace(chr(10), chr(13))}</pre></body></html>"),
        _text("unterminated_comment.html", "<html><body>" + body + "<!-- " + "x" * scaled(100_000), "any"),
        _text("entity_flood.html", "<html><body>" + body + "&#x4e00;&amp;" * scaled(50_000) + "</body></html>", "any"),
        HostileInput("binary_named.html", "failed", "", data=bytes(range(256)) * 50),
    ]


def _pdfs(scale: float) -> list[HostileInput]:
    return [
        HostileInput("truncated.pdf", "failed", "truncated or corrupt",
                     data=b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty"),
        HostileInput("encrypted.pdf", "failed", "encrypted", data=_encrypted_pdf()),
        HostileInput("text_named.pdf", "failed", "not a PDF", data=MINI_FILING.encode()),
        HostileInput("no_text_layer.pdf", "failed", "no text layer", data=_pdf_with_content(b"0 0 m 100 100 l S")),
        HostileInput("decompression_bomb.pdf", "any", data=_pdf_with_content(_flate_bomb(int(200_000_000 * scale)), flate=True)),
        HostileInput("page_tree_loop.pdf", "failed", "", data=_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        ])),
    ]


def _names() -> list[HostileInput]:
    named = [
        ("$(touch pwned); `id` | rm -rf ~ & name.txt", "parsed", ""),
        ("名称 with spaces ; and 'quotes\".txt", "parsed", ""),
        ("UPPER_CASE.TXT", "parsed", ""),
        ("n" * 200 + ".txt", "parsed", ""),
        ("tab\tin\tname.txt", "skipped", "control characters"),
        ("escape\x1b[31mred.txt", "skipped", "control characters"),
        ("dots...in name.txt", "skipped", "'...'"),
        ("no_extension", "failed", "unsupported file type"),
        ("report.docx", "failed", "unsupported file type"),
    ]
    # Each its own content, so none is a duplicate of another.
    return [_text(name, f"{MINI_FILING}文件{n}\n", expect, reason) for n, (name, expect, reason) in enumerate(named)]


def _entries(oversize_bytes: int) -> list[HostileInput]:
    def oversized(folder: Path) -> None:
        with open(folder / "oversized.txt", "wb") as handle:
            handle.truncate(oversize_bytes)  # sparse: no disk used, and never read

    def link(name: str, target: str) -> Callable[[Path], None]:
        return lambda folder: os.symlink(target, folder / name)

    return [
        HostileInput("oversized.txt", "failed", "size budget", write=oversized),
        HostileInput("link_to_passwd.txt", "skipped", "outside the landing folder", write=link("link_to_passwd.txt", "/etc/passwd")),
        HostileInput("link_up_and_out.txt", "skipped", "outside the landing folder", write=link("link_up_and_out.txt", "../outside.txt")),
        HostileInput("loop_a.txt", "skipped", "loop", write=link("loop_a.txt", "loop_b.txt")),
        HostileInput("loop_b.txt", "skipped", "loop", write=link("loop_b.txt", "loop_a.txt")),
        HostileInput("broken_link.txt", "skipped", "broken symlink", write=link("broken_link.txt", "no_such_file.txt")),
        HostileInput("link_inside.txt", "duplicate", "duplicate of gbk_filing.txt", write=link("link_inside.txt", "gbk_filing.txt")),
        HostileInput("directory.txt", "skipped", "directory", write=lambda folder: (folder / "directory.txt").mkdir()),
        HostileInput("pipe.txt", "skipped", "not a regular file", write=lambda folder: os.mkfifo(folder / "pipe.txt")),
        _text(".hidden.txt", MINI_FILING, "skipped", "hidden"),
        _text("~$draft.txt", MINI_FILING, "skipped", "temporary"),
        _text("download.txt.part", MINI_FILING, "skipped", "temporary"),
        _text("download.txt.crdownload", MINI_FILING, "skipped", "temporary"),
        _text("scratch.tmp", MINI_FILING, "skipped", "temporary"),
        _text("backup.txt~", MINI_FILING, "skipped", "temporary"),
    ]


def _pdf(objects: list[bytes], streams: dict[int, bytes] | None = None) -> bytes:
    """A PDF file of these objects (object 1 is the catalog) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body)
        if streams and number in streams:
            out.write(b"\nstream\n" + streams[number] + b"\nendstream")
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets))
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _pdf_with_content(content: bytes, flate: bool = False) -> bytes:
    stream_dict = f"<< /Length {len(content)}{' /Filter /FlateDecode' if flate else ''} >>".encode()
    return _pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", stream_dict],
        streams={4: content},
    )


def _flate_bomb(size: int) -> bytes:
    """``size`` bytes of spaces, deflated to a few hundred kilobytes, written without holding them in memory."""
    compressor = zlib.compressobj(9)
    chunk = b" " * 1_000_000
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + compressor.flush()


def _encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt="a-password-nobody-has")
    pdf.drawString(72, 720, "Revenue 74,628.47")
    pdf.showPage()
    pdf.save()
    return out.getvalue()
