"""Decode a corpus file's bytes: UTF-8 (BOM optional), UTF-16 (BOM optional), else GB18030.

Why here and strict: the corpus is PDF-extracted text from several publishers, so encodings
vary — most files are UTF-8, older ones GB18030/GBK, and a text exported on Windows may be
UTF-16. A silently mis-decoded file would poison every later stage, so each decoder runs
strictly and a file none of them reads fails loudly with the byte offset.

UTF-16 without a BOM is recognised two ways: text with Latin letters or digits puts a NUL in
every other byte (which would otherwise look binary), and Chinese text decodes to Chinese
characters as UTF-16 but to a scatter of ASCII and stray characters as GB18030 — so the decoding
that yields the larger share of Chinese characters wins, by a clear margin.
"""

from __future__ import annotations

from graph_loader.errors import InputError
from graph_loader.reference.charclass import is_cjk

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# Control characters that never occur in text files (tab, LF, CR, FF are fine).
_TEXT_CONTROLS = {9, 10, 12, 13}
_SAMPLE = 8192
# A BOM-less UTF-16 reading must beat GB18030's share of Chinese characters by this much.
_CJK_MARGIN = 0.3


def looks_binary(data: bytes) -> bool:
    """NUL bytes or mostly control characters in the first few KB mean "not a text file"."""
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.3


def _cjk_share(text: str) -> float:
    sample = text[:_SAMPLE // 2]
    return sum(1 for ch in sample if is_cjk(ch)) / len(sample) if sample else 0.0


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) when the bytes read as UTF-16 with no BOM: NULs in every other byte of
    ASCII text (little- or big-endian by which half holds them), else None."""
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE - _SAMPLE % 2]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if max(odd, even) < len(sample) // 8 or min(odd, even) > max(odd, even) // 4:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    text = _strict(data, encoding)
    return (text, encoding) if text is not None and not looks_binary(text.encode("utf-8")) else None


def _utf16_over_gb18030(data: bytes, gb_text: str) -> tuple[str, str] | None:
    """A BOM-less UTF-16 reading of Chinese text, when it beats the GB18030 reading clearly."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _strict(data, encoding)
        if text is not None and not looks_binary(text.encode("utf-8")):
            share = _cjk_share(text)
            if best is None or share > best[0]:
                best = (share, text, encoding)
    if best is not None and best[0] > _cjk_share(gb_text) + _CJK_MARGIN:
        return best[1], best[2]
    return None


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode raw bytes; return (text, encoding name). See the module docstring for the order."""
    for bom, encoding in _UTF16_BOMS.items():
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            if text is None:
                raise InputError(f"{path}: cannot decode as {encoding.upper()} (it starts with a UTF-16 BOM)")
            return text, "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16 is None and b"\x00" in data[:_SAMPLE]:  # Chinese text with a few ASCII characters
        utf16 = _utf16_over_gb18030(data, "")
    if utf16 is not None:
        return utf16
    if looks_binary(data):
        raise InputError(f"{path}: binary file (not text)")
    if data.startswith(_UTF8_BOM):
        try:
            return data[len(_UTF8_BOM):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise InputError(
                f"{path}: cannot decode as UTF-8 at byte offset {error.start + len(_UTF8_BOM)}"
            ) from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            gb_text = data.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            utf16 = _utf16_over_gb18030(data, "")
            if utf16 is not None:
                return utf16
            raise InputError(
                f"{path}: cannot decode as UTF-8 (byte offset {utf8_error.start}) "
                f"or GB18030 (byte offset {gb_error.start})"
            ) from gb_error
        return _utf16_over_gb18030(data, gb_text) or (gb_text, "gb18030")
