"""Read DMARC verdicts from `Authentication-Results` headers (RFC 8601).

Only a header added by a host we trust means anything: anyone can write one
into a message, so the caller passes the authserv-ids it trusts.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_COMMENT = re.compile(r"\([^()]*\)")
_DMARC = re.compile(r"^\s*dmarc\s*=\s*([a-z]+)", re.IGNORECASE)
_MAX_HEADER = 8192


def dmarc_verdicts(headers_text: str) -> list[tuple[str, str]]:
    """(authserv-id, dmarc result) for each header; one header per line of `headers_text`."""
    verdicts: list[tuple[str, str]] = []
    for header in headers_text.splitlines():
        cleaned = _COMMENT.sub("", header[:_MAX_HEADER])
        parts = [p.strip() for p in cleaned.split(";")]
        if not parts or not parts[0]:
            continue
        authserv_id = parts[0].split()[0].lower()
        for resinfo in parts[1:]:
            match = _DMARC.match(resinfo)
            if match:
                verdicts.append((authserv_id, match.group(1).lower()))
    return verdicts


def dmarc_failed(headers_text: str, trusted: Collection[str]) -> str | None:
    """The trusted host that reported a DMARC failure, if any."""
    wanted = {t.strip().lower() for t in trusted if t.strip()}
    for authserv_id, result in dmarc_verdicts(headers_text):
        if authserv_id in wanted and result == "fail":
            return authserv_id
    return None
