"""Serving stored files without letting them act as pages of this site."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from starlette.responses import Response

# Types a browser may show inline without running anything of ours; everything else,
# HTML and SVG included, is a download.
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
                "text/plain"}
TOKEN = re.compile(r"^[a-zA-Z0-9!#$&^_.+-]+/[a-zA-Z0-9!#$&^_.+-]+$")


def safe_type(content_type: str) -> str:
    base = content_type.split(";", 1)[0].strip().lower()
    return base if TOKEN.match(base) else "application/octet-stream"


def content_disposition(filename: str, inline: bool) -> str:
    """RFC 6266: an ASCII fallback without quotes or controls, and the UTF-8 name."""
    cleaned = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C")
    cleaned = cleaned.replace("/", "_").replace("\\", "_") or "document"
    ascii_name = (unicodedata.normalize("NFKD", cleaned).encode("ascii", "ignore").decode()
                  .replace('"', "").replace(";", "_")) or "document"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(cleaned, safe='')}"


def file_response(data: bytes, filename: str, content_type: str, *, inline: bool) -> Response:
    media = safe_type(content_type)
    shown_inline = inline and media in INLINE_TYPES
    if not shown_inline and media not in INLINE_TYPES:
        media = "application/octet-stream" if media.startswith(("text/html", "image/svg")) \
            else media
    headers = {
        "Content-Disposition": content_disposition(filename, shown_inline),
        "X-Content-Type-Options": "nosniff",
        # A document opened in the browser gets no script and no access to the site.
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, max-age=300",
    }
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return Response(data, media_type=media, headers=headers)
