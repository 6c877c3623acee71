"""Is a reply only a like ("+1", 👍, "j'aime")?

A like-only reply becomes a like on the post instead of a comment. Only pure
like tokens count, repeated or with closing punctuation ("+1 !", "👍👍",
"J’aime."). Anything else is content worth showing: "+1 but I'd change X",
and also "👍 merci", which thanks someone and stays a comment.
"""

from __future__ import annotations

import re

# A like is a few characters; longer text is a message whatever it contains.
MAX_LIKE_CHARS = 80

_THUMBS = "\U0001f44d"
_LIKE_WORDS = (
    "like",
    "j'aime",
    "j’aime",
    "gefällt mir",
    "me gusta",
    "mi piace",
    "vind ik leuk",
    ":+1:",
    ":thumbsup:",
    ":thumbs_up:",
    "+1",
)
_TOKEN = re.compile(
    r"(?:"
    + "|".join(re.escape(w) for w in sorted(_LIKE_WORDS, key=len, reverse=True))
    + rf"|{_THUMBS}[\U0001f3fb-\U0001f3ff]?\ufe0f?)"
)
_FILLER = re.compile(r"[\s!.…,;]*")


def is_plus_one(new_text: str) -> bool:
    text = new_text.strip().casefold()
    if not text or len(text) > MAX_LIKE_CHARS:
        return False
    pos, tokens = 0, 0
    while pos < len(text):
        filler = _FILLER.match(text, pos)
        if filler and filler.end() > pos:
            pos = filler.end()
            continue
        token = _TOKEN.match(text, pos)
        if token is None:
            return False
        # "like" must be a word, not the start of "likely".
        if token.end() < len(text) and token.group()[-1].isalpha() and text[token.end()].isalnum():
            return False
        tokens += 1
        pos = token.end()
    return tokens > 0
