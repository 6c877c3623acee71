"""Split a reply body into the new text, the quoted history and the signature."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Trimmed:
    new_text: str
    quoted_text: str
    signature: str


def trim(text: str) -> Trimmed:
    # Placeholder until the trimming rules land: keeps everything as new text.
    return Trimmed(new_text=text.strip(), quoted_text="", signature="")
