"""Split an HTML reply on the structure mail clients use to mark the quoted part.

Clients wrap the quoted history in recognisable elements: Gmail
``div.gmail_quote`` (with its ``gmail_attr`` attribution), Outlook
``#divRplyFwdMsg`` / ``#appendonsend`` and the border-top separator div, Apple
``blockquote type=cite``, Thunderbird ``div.moz-cite-prefix`` + ``blockquote``,
Yahoo ``yahoo_quoted`` and, last, any top-level ``blockquote``.

We parse with the stdlib ``html.parser`` into a flat list of tokens with their
depth, find the first token that opens a quote marker, and split the token
stream there: everything from that element to the end of the document is the
quoted part (Outlook and Gmail put the history after the reply and, for
Outlook, as siblings after the separator). Tags still open at the split are
closed in the new part and reopened in the quoted part so both halves stay
well-formed. No regular expression ever runs over the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from parsers import labels

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Outlook's separator:
# <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
_OUTLOOK_BORDER = re.compile(r"border-top:\s*solid\s+#?[0-9a-f]{3,6}\s+1(?:\.0)?pt", re.IGNORECASE)
# Longest attribute value we look at: markers are short class names and styles.
ATTR_CAP = 500


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "start", "end", "startend", "data", "raw"
    tag: str
    text: str  # the exact source text of the token
    attrs: tuple[tuple[str, str], ...] = ()


class _Tokenizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[_Token] = []

    def _attrs(self, attrs: list[tuple[str, str | None]]) -> tuple[tuple[str, str], ...]:
        return tuple((k.lower(), (v or "")[:ATTR_CAP]) for k, v in attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or f"<{tag}>"
        self.tokens.append(_Token("start", tag, text, self._attrs(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or f"<{tag}/>"
        self.tokens.append(_Token("startend", tag, text, self._attrs(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(_Token("end", tag, f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        self.tokens.append(_Token("data", "", data))

    def handle_entityref(self, name: str) -> None:
        self.tokens.append(_Token("data", "", f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.tokens.append(_Token("data", "", f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(_Token("raw", "", f"<!--{data}-->"))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(_Token("raw", "", f"<!{decl}>"))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(_Token("raw", "", f"<?{data}>"))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(_Token("raw", "", f"<![{data}]>"))


def _tokenize(html: str) -> list[_Token]:
    parser = _Tokenizer()
    parser.feed(html)
    parser.close()
    # html.parser keeps an unterminated trailing fragment to itself; keep it as text.
    return parser.tokens


def _classes(token: _Token) -> set[str]:
    for key, value in token.attrs:
        if key == "class":
            return set(value.lower().split())
    return set()


def _attr(token: _Token, name: str) -> str:
    for key, value in token.attrs:
        if key == name:
            return value
    return ""


# What a marker means for the split:
#   TO_END   the history is this element and everything after it (Outlook puts the
#            history as siblings after its header div or separator);
#   ELEMENT  only this element is quoted; what follows is new (Gmail's signature
#            sits below its quote; Apple Mail and Thunderbird inline replies).
TO_END = "to_end"
ELEMENT = "element"
#   SIGNATURE the element is the author's signature block, neither new text nor quote;
#   BLOCKQUOTE a blockquote with no client mark: quoted unless the author's text goes on
#            below it (an excerpt the author quoted in the middle of their own words).
SIGNATURE = "signature"
BLOCKQUOTE = "blockquote"

# Signature containers: Gmail (class or data-smartmail), Thunderbird, Outlook on the web and
# Outlook mobile.
_SIGNATURE_CLASSES = frozenset(["gmail_signature", "gmail_signature_prefix", "moz-signature"])
_SIGNATURE_IDS = ("signature", "ms-outlook-mobile-signature", "ms-outlook-ios-signature")


# Every marker _marker recognises contains one of these (its tag, class, id or style).
_MARKER_HINTS = (
    "blockquote",
    "gmail_",
    "divrplyfwdmsg",
    "appendonsend",
    "stopspelling",
    "moz-",
    "yahoo_quoted",
    "border-top",
    "signature",
    "messagereplysection",
)


def _marker(token: _Token) -> str | None:
    if token.kind not in ("start", "startend"):
        return None
    classes = _classes(token)
    ident = _attr(token, "id").lower()
    if (
        classes & _SIGNATURE_CLASSES
        or _attr(token, "data-smartmail").lower() == "gmail_signature"
        or ident in _SIGNATURE_IDS
    ):
        return SIGNATURE
    if ident.startswith(("divrplyfwdmsg", "appendonsend")) or ident == "stopspelling":
        return TO_END
    # Exchange's web and mobile clients mark the history with a name only.
    if _attr(token, "name").lower() == "messagereplysection":
        return TO_END
    if "moz-forward-container" in classes:
        return TO_END
    if token.tag == "div" and _OUTLOOK_BORDER.search(_attr(token, "style")):
        return TO_END
    # Gmail puts its signature after the quote; Yahoo's container is self-contained.
    if "gmail_quote" in classes or "gmail_attr" in classes:
        return ELEMENT
    if any("yahoo_quoted" in c for c in classes) or "yahoo_quoted" in ident:
        return ELEMENT
    if "moz-cite-prefix" in classes:
        return ELEMENT
    if token.tag == "blockquote":
        if _attr(token, "type").lower() == "cite" or classes:
            return ELEMENT
        # Gmail's indent button: a blockquote with no border is layout, never a quote.
        style = _attr(token, "style").lower().replace(" ", "")
        return None if "border:none" in style else BLOCKQUOTE
    return None


def _element_end(tokens: list[_Token], start: int) -> int:
    """Index just past the end tag matching ``tokens[start]`` (or the end)."""
    tag = tokens[start].tag
    if tokens[start].kind == "startend" or tag in _VOID:
        return start + 1
    depth = 0
    for j in range(start, len(tokens)):
        token = tokens[j]
        if token.tag != tag:
            continue
        if token.kind == "start":
            depth += 1
        elif token.kind == "end":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(tokens)


def _open_stack(tokens: list[_Token]) -> list[_Token]:
    stack: list[_Token] = []
    # Open-tag counts make a stray end tag O(1): without them, thousands of
    # "</span>" under thousands of open "<div>" would rescan the stack each time.
    open_count: dict[str, int] = {}
    for token in tokens:
        if token.kind == "start" and token.tag not in _VOID:
            stack.append(token)
            open_count[token.tag] = open_count.get(token.tag, 0) + 1
        elif token.kind == "end" and open_count.get(token.tag):
            while stack:
                top = stack.pop()
                open_count[top.tag] -= 1
                if top.tag == token.tag:
                    break
    return stack


def _render(tokens: list[_Token]) -> str:
    return "".join(t.text for t in tokens)


@dataclass(frozen=True, slots=True)
class HtmlSplit:
    new: str
    quoted: str  # "" when nothing is quoted
    signature: str  # "" when no signature container was found


def split_html_quote(html: str) -> tuple[str, str]:
    """Return ``(new_html, quoted_html)``; ``quoted_html`` is ``""`` when nothing is quoted.
    A signature container stays in the new part (see :func:`split_html`)."""
    split = split_html(html, keep_signature=True)
    return split.new, split.quoted


_NOT_TEXT = frozenset(["style", "script", "title"])
_BREAKS = frozenset(["br", "div", "p", "li", "tr", "table", "h1", "h2", "h3", "hr"])
_ATTRIBUTION_HINT = re.compile(r"[\d@]")
_SPACE_ENTITIES = re.compile(r"&(?:nbsp|#160|#xa0);", re.IGNORECASE)


def _has_words(token: _Token) -> bool:
    return token.kind == "data" and bool(_SPACE_ENTITIES.sub("", token.text).strip())


def _text_after(tokens: list[_Token]) -> list[bool]:
    """``after[i]``: some text lies at or after token ``i`` (one pass, so checks stay O(1))."""
    after = [False] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        after[i] = after[i + 1] or _has_words(tokens[i])
    return after


_WROTE_END = re.compile(
    "(?:" + labels.alternation(labels.words(labels.WROTE)) + r")\s*[:：]$", re.IGNORECASE
)


def _introduces_quote(last_text: str) -> bool:
    """The author's text just above a blockquote reads as an attribution: a line ending with
    ":" that holds a date or an address, or that ends with "wrote:" ("Jean a écrit :")."""
    line = _SPACE_ENTITIES.sub(" ", last_text).strip().rsplit("\n", 1)[-1].strip()[-300:]
    if not line.endswith((":", "：")):
        return False
    return bool(_ATTRIBUTION_HINT.search(line)) or _WROTE_END.search(line) is not None


def _tail_text(tokens: list[_Token], start: int, end: int) -> str:
    """The last words of ``tokens[start:end]`` (at most ~400 characters' worth)."""
    parts: list[str] = []
    size = 0
    for j in range(end - 1, start - 1, -1):
        if _has_words(tokens[j]):
            parts.append(tokens[j].text)
            size += len(tokens[j].text)
            if size >= 400:
                break
    return "".join(reversed(parts))[-400:]


def split_html(html: str, *, keep_signature: bool = False) -> HtmlSplit:
    """Split on the client's markers: new part, quoted part, signature container."""
    if not html.strip():
        return HtmlSplit(html, "", "")
    lowered = html.lower()
    if not any(hint in lowered for hint in _MARKER_HINTS):
        # No marker can be there: skip tokenizing (the costliest step for most HTML mail).
        return HtmlSplit(html, "", "")
    tokens = _tokenize(html)
    after: list[bool] | None = None  # computed at the first unmarked blockquote only
    new: list[_Token] = []
    quoted: list[str] = []
    signature: list[str] = []
    last_text = ""  # the latest words of the new part, to read an attribution above a quote
    i = 0
    while i < len(tokens):
        kind = _marker(tokens[i])
        if kind == SIGNATURE and keep_signature:
            kind = None
        if kind == BLOCKQUOTE:
            end = _element_end(tokens, i)
            if after is None:
                after = _text_after(tokens)
            # Text above it and below it, and no attribution: the author's own excerpt.
            own_excerpt = (
                bool(last_text.strip()) and after[end] and not _introduces_quote(last_text)
            )
            if own_excerpt:
                # New text as a whole: blockquotes nested in it are not judged one by one
                # (each judgement scans to its element's end, which would be quadratic).
                new.extend(tokens[i:end])
                last_text = _tail_text(tokens, i, end) or last_text
                i = end
                continue
            kind = ELEMENT
        if kind is None:
            if _has_words(tokens[i]) and not (new and new[-1].tag in _NOT_TEXT):
                last_text = (last_text + tokens[i].text)[-400:]
            elif tokens[i].tag in _BREAKS and last_text and not last_text.endswith("\n"):
                last_text += "\n"  # lines as they will read once converted
            new.append(tokens[i])
            i += 1
            continue
        if kind == SIGNATURE:
            end = _element_end(tokens, i)
            signature.append(_render(tokens[i:end]))
            i = end
            continue
        if kind == TO_END:
            # Close what is open in the new part and reopen it in the quoted part,
            # so that both halves stay well-formed.
            stack = _open_stack(new)
            reopened = "".join(t.text for t in stack if t.tag not in ("html", "body", "head"))
            quoted.append(reopened + _render(tokens[i:]))
            i = len(tokens)
            break
        end = _element_end(tokens, i)
        quoted.append(_render(tokens[i:end]))
        i = end
    if not quoted and not signature:
        return HtmlSplit(html, "", "")
    closing = "".join(f"</{t.tag}>" for t in reversed(_open_stack(new)))
    return HtmlSplit(_render(new) + closing, "".join(quoted), "".join(signature))
