"""Bytes to text for plain-text filings: UTF-8 or GB18030 (a superset of GBK and GB2312), detected."""

from __future__ import annotations

import re

from orchestration.lib.ingest.errors import IngestError
from orchestration.lib.ingest.normalize import normalize_line_breaks

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2010-\u206f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# GB18030 decodes most byte soup without error; real Chinese text in it is almost all CJK.
_MIN_CJK_SHARE_OF_NON_ASCII = 0.85
_MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises IngestError with the reason when no encoding fits."""
    if not data.strip():
        raise IngestError("empty file: no bytes or only whitespace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _finish(_utf16(data), "utf-16")
    if b"\x00" in data:
        raise IngestError("binary file: contains NUL bytes, not text")
    for encoding in _candidates(declared):
        try:
            text = data.decode(encoding)
        except (UnicodeError, LookupError):
            # Not this encoding; a declared name may also be no text codec at all ("undefined", "rot13").
            continue
        if encoding == "utf-8-sig" or _looks_like_chinese(text):
            return _finish(text, "utf-8" if encoding == "utf-8-sig" else encoding)
    raise IngestError("invalid encoding: the bytes are neither UTF-8 nor GB18030/GBK text")


def _utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeError as error:
        raise IngestError(
            f"invalid encoding: starts with a UTF-16 byte-order mark but is not UTF-16 ({error.reason})"
        ) from error


def _candidates(declared: str | None) -> list[str]:
    order = ["utf-8-sig", "gb18030"]
    # A page that declares UTF-16/32 without a byte-order mark is read as UTF-8, as browsers do: the
    # declaration was made by an editor, while the bytes that reached us are ASCII-compatible.
    if declared and not declared.strip().lower().startswith(("utf-16", "utf-32", "utf16", "utf32")):
        name = declared.strip().lower()
        name = "gb18030" if name in {"gbk", "gb2312", "gb_2312-80", "x-gbk"} else name
        name = "utf-8-sig" if name in {"utf-8", "utf8"} else name
        order = [name] + [e for e in order if e != name]
    return order


def _looks_like_chinese(text: str) -> bool:
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if non_ascii == 0:
        return True
    return len(_CJK.findall(text)) / non_ascii >= _MIN_CJK_SHARE_OF_NON_ASCII


def _finish(text: str, encoding: str) -> tuple[str, str]:
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise IngestError(f"binary file: decodes as {encoding} but is mostly control characters")
    # CRLF, a lone CR, LS, PS and NEL each end one line: line N is the Nth line an editor shows.
    return normalize_line_breaks(text), encoding


def count_lines(text: str) -> int:
    """Lines as an editor counts them: split on "\\n" only, a final unterminated line counts."""
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)
