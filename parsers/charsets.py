"""Bytes to text: declared charsets (even misspelt ones), detection, and double-encoding repair.

Order of trust: the declared charset when it decodes cleanly, then UTF-8 (most undeclared or
wrongly declared mail today is UTF-8), then charset-normalizer's detection on a bounded sample,
then Windows-1252 with replacement characters so decoding never fails.

Repairing text that was encoded twice (UTF-8 read as Windows-1252: ``rÃ©seau``) is left to
``ftfy.fix_encoding``, which only changes text when the result is clearly better; it is run only
when a telltale sequence is present, so correct text (and the time to scan it) is left alone.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy

# Names seen in real mail that Python's codec registry does not know, or knows as something
# narrower than what senders actually meant.
_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "ascii": "ascii",
    "us-ascii": "ascii",
    # Mail labelled Latin-1 is in practice Windows-1252 (curly quotes, euro sign): the WHATWG
    # encoding standard maps the label the same way.
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ansi": "cp1252",
    "windows-1252": "cp1252",
    "cp1252": "cp1252",
    "x-mac-roman": "mac-roman",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "euc-kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "iso-8859-8-i": "iso8859-8",
    "tis-620": "cp874",
    "windows-874": "cp874",
}
# Charsets of one language that senders confuse: Japanese mail labelled ISO-2022-JP (7-bit)
# is often Shift_JIS or EUC-JP bytes. When the declared one fails, its siblings are tried
# before anything else, since the label still says which language it is.
_SIBLINGS = {
    "iso2022_jp": ("cp932", "euc_jp"),
    "iso2022_jp_2": ("cp932", "euc_jp"),
    "euc_jp": ("cp932",),
    "cp932": ("euc_jp",),
}
# Labels that say "I don't know": treat as undeclared.
_UNKNOWN = {"x-unknown", "unknown", "unknown-8bit", "x-user-defined", "default", "none", "charset"}

_NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "mbcs"}

_SAMPLE_FOR_DETECTION = 64 * 1024

# Sequences that UTF-8 bytes produce when read as Windows-1252 / Latin-1 / Windows-1250.
_MOJIBAKE = re.compile("[ÃÂÅÄĂâÐÑ][\u0080-\u02ff\u2010-\u203a\u20ac\u2122]")


def codec_for(label: str | None) -> str | None:
    """Python codec name for a charset label from a header, or None when unknown/absent."""
    if not label:
        return None
    name = label.strip().strip("\"'").strip().lower()
    if not name or name in _UNKNOWN:
        return None
    if name in _ALIASES:
        return _ALIASES[name]
    for candidate in (
        name,
        name.replace("-", ""),
        name.replace("_", "-"),
        "cp" + name.lstrip("cp-"),
    ):
        try:
            info = codecs.lookup(candidate)
        except (LookupError, ValueError):
            continue
        # Bytes-to-bytes codecs (base64, zlib) and Python-specific ones are not charsets.
        if getattr(info, "_is_text_encoding", True) and info.name not in _NOT_CHARSETS:
            return info.name
    return None


def sibling_codecs(codec: str | None) -> tuple[str, ...]:
    """Codecs to try, in order, for a label that resolved to ``codec``."""
    if codec is None:
        return ()
    return (codec, *_SIBLINGS.get(codec, ()))


def decode_bytes(data: bytes, declared: str | None) -> tuple[str, tuple[str, ...]]:
    """Decode ``data``; returns the text and the defects met (empty when all went as declared)."""
    if not data:
        return "", ()
    defects: list[str] = []
    codec = codec_for(declared)
    if declared and codec is None:
        defects.append(f"unknown charset {declared.strip()[:40]!r}")
    if codec is not None and declared is not None:
        for candidate in sibling_codecs(codec):
            try:
                text = data.decode(candidate)
            except Exception:  # some codecs (utf-7, iso-2022) raise other errors on garbage
                continue
            if candidate != codec:
                defects.append(
                    f"text does not decode as declared charset {declared.strip()[:40]!r}"
                )
            return repair_double_encoding(text), tuple(defects)
        defects.append(f"text does not decode as declared charset {declared.strip()[:40]!r}")
    if codec != "utf-8":
        try:
            return repair_double_encoding(data.decode("utf-8")), tuple(defects)
        except UnicodeDecodeError:
            pass
    return _detect(data), tuple(defects)


def _detect(data: bytes) -> str:
    best = charset_normalizer.from_bytes(data[:_SAMPLE_FOR_DETECTION]).best()
    encoding = best.encoding if best is not None else None
    if encoding:
        try:
            return data.decode(encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def repair_double_encoding(text: str) -> str:
    """Undo UTF-8-read-as-Windows-1252 (``rÃ©seau`` → ``réseau``) where ftfy is sure."""
    if _MOJIBAKE.search(text) is None:
        return text
    return ftfy.fix_encoding(text)


def header_bytes_to_text(raw: bytes) -> str:
    """8-bit bytes found raw in a header (no RFC 2047): UTF-8 if valid, else Windows-1252."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
