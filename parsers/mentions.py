"""Candidate ``@mentions`` in the new text of a reply.

The caller passes new text only (quotes already removed) and resolves the
candidates against the community's members; we only find what looks like one:
``@Élodie Martin`` / ``@Jean-Pierre Durand`` (capitalised words) or
``@j.dupont`` (an address local part). ``bob@example.com`` is an address, not a
mention: an ``@`` glued to a preceding word character never starts one.
"""

from __future__ import annotations

import re

# Bounds: a mention is short, and a hostile body cannot make us return thousands.
MAX_MENTIONS = 50
MAX_TEXT = 100_000

_UPPER = "A-ZÀ-ÖØ-ÞŒŸ"
_WORD = rf"[{_UPPER}][\w'’-]{{0,40}}"
_MENTION = re.compile(
    rf"(?<![\w@.+-])@(?:(?P<name>{_WORD}(?:[ \u00a0]{_WORD}){{0,3}})"
    r"|(?P<local>[A-Za-z0-9][A-Za-z0-9._+-]{0,63}))"
)


def find_mentions(text: str) -> tuple[str, ...]:
    """Return candidate mention strings without the ``@``, in order, without duplicates."""
    found: list[str] = []
    for match in _MENTION.finditer(text[:MAX_TEXT]):
        if match.end() < len(text) and text[match.end()] == "@":
            continue  # "@someone@example.com" is an address written after an "@"
        candidate = (match.group("name") or match.group("local")).replace("\u00a0", " ")
        candidate = candidate.rstrip("._-'’+")
        if match.group("name"):
            candidate = candidate.rstrip()
        if candidate and candidate not in found:
            found.append(candidate)
            if len(found) == MAX_MENTIONS:
                break
    return tuple(found)
