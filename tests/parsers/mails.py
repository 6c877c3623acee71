"""Helpers for writing realistic test messages the way clients send them (CRLF, MIME parts)."""

from __future__ import annotations

import base64
import textwrap
from datetime import UTC, datetime

RECEIVED_AT = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def crlf(text: str) -> bytes:
    """A message written in a test (dedented, LF) as the CRLF bytes an MTA hands over."""
    body = textwrap.dedent(text).lstrip("\n")
    return body.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def b64(data: bytes | str, charset: str = "utf-8") -> str:
    raw = data.encode(charset) if isinstance(data, str) else data
    return base64.encodebytes(raw).decode("ascii")
