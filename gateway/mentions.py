"""`@Name` in a post, matched against the community's members."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    person_id: int
    display_name: str
    address: str


def fold(text: str) -> str:
    """Accents and case ignored: `@elodie` finds Élodie."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


def match_mentions(mentions: Iterable[str], members: Sequence[Candidate]) -> set[int]:
    """The members named, each by the longest run of words that names exactly one of them.

    A candidate such as "Élodie Merci" (the mention ran into the next word) is
    tried as "Élodie Merci", then "Élodie"; a name shared by two members
    mentions nobody rather than the wrong person.
    """
    by_key: dict[str, set[int]] = {}
    for member in members:
        keys = {fold(member.display_name), fold(member.address.split("@")[0])}
        first = fold(member.display_name).split(" ")[0] if member.display_name else ""
        if first:
            keys.add(first)
        for key in keys - {""}:
            by_key.setdefault(key, set()).add(member.person_id)
    found: set[int] = set()
    for mention in mentions:
        words = fold(mention.lstrip("@")).split(" ")
        for end in range(len(words), 0, -1):
            ids = by_key.get(" ".join(words[:end]))
            if ids:
                if len(ids) == 1:
                    found |= ids
                break
    return found
