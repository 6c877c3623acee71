"""Attachments: decoded file names, declared and sniffed types, size, hash, inline Content-ID.

The sniffed type comes from the first bytes only (magic numbers), so that the police step can
block executables whatever the sender declared or named them. It is deliberately small: the
types a mail gateway must recognise, each from a signature that cannot be mistaken for text.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from email import errors
from email.message import Message

from parsers.charsets import codec_for, header_bytes_to_text
from parsers.headers import decode_words, parse_message_id, raw_to_text
from parsers.mime import new_message
from parsers.values import Attachment

MAX_FILENAME_CHARS = 255

_OOXML_MARKERS = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
_ODF_MARKER = re.compile(rb"mimetypeapplication/(vnd\.oasis\.opendocument\.[a-z.]{1,40})")
_MAIL_HEADER_START = re.compile(
    rb"(?:From |Return-Path:|Received:|From:|Message-ID:|Date:|MIME-Version:|Subject:|"
    rb"Delivered-To:|X-[\w-]{1,60}:)",
    re.IGNORECASE,
)
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f]+")

# Only the extensions needed to name an unnamed part; the stdlib ``mimetypes`` reads system
# files on first use, and parsers do no file I/O.
_EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "text/plain": ".txt",
    "text/html": ".html",
    "text/calendar": ".ics",
    "message/rfc822": ".eml",
    "application/zip": ".zip",
}


def sniff(data: bytes) -> str:
    """The content type that the first bytes prove, or "" when nothing recognisable."""
    head = data[:1024]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if b"%PDF-" in head:
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data[:65536])
    if head.startswith(b"MZ") and (
        b"PE\x00\x00" in data[:4096] or b"This program cannot be run in DOS mode" in head
    ):
        return "application/x-msdownload"
    if head.startswith(b"\x7fELF"):
        return "application/x-executable"
    if head.startswith((b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe")):
        return "application/x-mach-binary"
    if head.startswith(b"#!"):
        return "text/x-script"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/x-ole-storage"  # .doc/.xls/.ppt/.msg, macros possible
    if head.startswith(b"L\x00\x00\x00\x01\x14\x02\x00"):
        return "application/x-ms-shortcut"
    if head.startswith(b"MSCF"):
        return "application/vnd.ms-cab-compressed"
    if head.startswith(b"Rar!\x1a\x07"):
        return "application/vnd.rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "application/x-7z-compressed"
    if head.startswith(b"\x1f\x8b"):
        return "application/gzip"
    if head.startswith(b"{\\rtf"):
        return "application/rtf"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"%!PS"):
        return "application/postscript"
    if len(data) > 0x8005 and data[0x8001:0x8006] == b"CD001":
        return "application/x-iso9660-image"
    return _text_kind(head)


def _zip_kind(head: bytes) -> str:
    odf = _ODF_MARKER.search(head[:200])
    if odf is not None:
        return "application/" + odf.group(1).decode("ascii")
    if b"[Content_Types].xml" in head:
        for marker, kind in _OOXML_MARKERS:
            if marker in head:
                return kind
    return "application/zip"


def _text_kind(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if start.startswith((b"<svg", b"<?xml")) and b"<svg" in start:
        return "image/svg+xml"
    if start.startswith(b"begin:vcalendar"):
        return "text/calendar"
    if _MAIL_HEADER_START.match(head) and b"\n" in head:
        return "message/rfc822"
    return ""


def filename_of(part: Message) -> str:
    """The part's file name: RFC 2231 (any charset), RFC 2047 (even where not allowed), 8-bit."""
    raw = _param(part, "filename", "content-disposition") or _param(part, "name", "content-type")
    if raw is None:
        return ""
    if isinstance(raw, tuple):
        charset, _language, value = raw
        data = value.encode("latin-1", "replace")
        codec = codec_for(charset)
        try:
            text = data.decode(codec) if codec else data.decode("utf-8")
        except UnicodeDecodeError:
            text = header_bytes_to_text(data)
    else:
        text = raw_to_text(raw)
    return _safe_name(decode_words(text.strip().strip('"')))


def _param(part: Message, name: str, header: str) -> str | tuple[str, str, str] | None:
    raw = next((v for k, v in part.raw_items() if k.lower() == header), None)
    if raw is None:
        return None
    if not raw.isascii():
        # compat32 replaces raw 8-bit bytes with U+FFFD when reading parameters: decode first.
        holder = new_message()
        holder[header] = raw_to_text(raw)
        part = holder
    try:
        return part.get_param(name, None, header)
    except Exception:  # malformed parameter lists make the stdlib raise assorted errors
        return None


def _safe_name(name: str) -> str:
    # Keep only the last path component: names like ``..\..\startup\x.exe`` exist in the wild.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME_CHARS.sub("", name).strip(" .")
    return name[:MAX_FILENAME_CHARS]


def declared_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "application/octet-stream"


def payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # stdlib decoders raise on some broken uuencode / base64
        data = None
    if isinstance(data, bytes):
        cte = raw_to_text(part.get("Content-Transfer-Encoding", "")).strip().lower()
        if cte == "base64" and any(
            isinstance(d, errors.InvalidBase64LengthDefect) for d in part.defects
        ):
            return _base64_without_dangling_char(part, data)
        if cte in _UUENCODE and not _UU_BEGIN.search(data[:4096]):
            # The stdlib needs the ``begin 644 name`` line and returns the encoded text
            # without it; some gateways send the encoded lines alone.
            return _uudecode_lines(data)
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


# Transfer encodings whose line breaks belong to the transport (RFC 2045 line-oriented data):
# SMTP carries them as CRLF, a store may keep LF. Base64 and binary carry the file's own bytes.
_LINE_TRANSPORT = frozenset({"", "7bit", "8bit"})


_BASE64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")


def _base64_without_dangling_char(part: Message, fallback: bytes) -> bytes:
    """Base64 whose length leaves one character over (a truncated or hand-made part): the
    stdlib gives up and returns the encoded text; the complete groups are the data."""
    raw = part.get_payload()
    if not isinstance(raw, str):
        return fallback
    encoded = _BASE64_JUNK.sub(b"", raw.encode("ascii", "ignore"))
    encoded = encoded[: len(encoded) - len(encoded) % 4]
    try:
        return binascii.a2b_base64(encoded)
    except binascii.Error:
        return fallback


_UUENCODE = frozenset({"x-uuencode", "uuencode", "uue", "x-uue"})
_UU_BEGIN = re.compile(rb"^begin [0-7]{1,4} ", re.M)


def _uudecode_lines(encoded: bytes) -> bytes:
    """uuencoded lines without their ``begin``/``end`` frame (each line says its length)."""
    out: list[bytes] = []
    for line in encoded.splitlines():
        line = line.rstrip(b" \t\r")
        if not line or line == b"end":
            continue
        try:
            out.append(binascii.a2b_uu(line))
        except binascii.Error:
            # Encoders that strip trailing spaces: decode what the length byte announces,
            # as the stdlib's own workaround does.
            size = (((line[0] - 32) & 63) * 4 + 5) // 3
            try:
                out.append(binascii.a2b_uu(line[:size]))
            except binascii.Error:
                return encoded  # not uuencoded after all: keep the bytes as sent
    return b"".join(out)


def make_attachment(part: Message, data: bytes, index: int) -> Attachment:
    content_type = declared_type(part)
    cte = raw_to_text(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if cte in _LINE_TRANSPORT and not content_type.startswith("message/") and b"\r\n" in data:
        # The same file gives the same bytes whether the mail was stored with CRLF or LF, and
        # whether it was sent 7bit or quoted-printable (whose decoder already gives LF). An
        # attached message is a mail: it is kept as it came, CRLF being its canonical form.
        data = data.replace(b"\r\n", b"\n")
    filename = filename_of(part) or f"attachment-{index}{_EXTENSIONS.get(content_type, '.bin')}"
    disposition = raw_to_text(part.get("Content-Disposition", "")).split(";", 1)[0].strip().lower()
    cid_raw = part.get("Content-ID")
    content_id = parse_message_id(cid_raw) if cid_raw is not None else None
    return Attachment(
        filename=filename,
        content_type=content_type,
        sniffed_type=sniff(data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        content_id=content_id,
        inline=disposition == "inline" or (disposition != "attachment" and content_id is not None),
    )
