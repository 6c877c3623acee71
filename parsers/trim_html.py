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
from html import escape
from html.parser import HTMLParser

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


# Priority order: a client-specific marker beats a generic blockquote that may be
# a legitimate quotation inside the new text.
def _marker_rank(token: _Token) -> int | None:
    if token.kind not in ("start", "startend"):
        return None
    classes = _classes(token)
    ident = _attr(token, "id").lower()
    if "gmail_quote" in classes or "gmail_attr" in classes:
        return 0
    if ident in ("divrplyfwdmsg", "appendonsend") or ident.startswith("divrplyfwdmsg"):
        return 0
    if any("yahoo_quoted" in c for c in classes) or "yahoo_quoted" in ident:
        return 0
    if "moz-cite-prefix" in classes or "moz-forward-container" in classes:
        return 0
    if token.tag == "blockquote" and _attr(token, "type").lower() == "cite":
        return 0
    if token.tag == "div" and _OUTLOOK_BORDER.search(_attr(token, "style")):
        return 0
    if token.tag == "hr" and _attr(token, "id").lower() == "stopspelling":
        return 0
    if token.tag == "blockquote":
        return 1
    return None


def _find_split(tokens: list[_Token]) -> int | None:
    best: tuple[int, int] | None = None
    for i, token in enumerate(tokens):
        rank = _marker_rank(token)
        if rank is None:
            continue
        if rank == 0:
            return i
        if best is None:
            best = (rank, i)
    return best[1] if best else None


def _open_stack(tokens: list[_Token], upto: int) -> list[_Token]:
    stack: list[_Token] = []
    for token in tokens[:upto]:
        if token.kind == "start" and token.tag not in _VOID:
            stack.append(token)
        elif token.kind == "end":
            for k in range(len(stack) - 1, -1, -1):
                if stack[k].tag == token.tag:
                    del stack[k:]
                    break
    return stack


def _render(tokens: list[_Token]) -> str:
    return "".join(t.text for t in tokens)


def split_html_quote(html: str) -> tuple[str, str]:
    """Return ``(new_html, quoted_html)``; ``quoted_html`` is ``""`` when nothing is quoted."""
    if not html.strip():
        return html, ""
    tokens = _tokenize(html)
    split = _find_split(tokens)
    if split is None:
        return html, ""
    stack = _open_stack(tokens, split)
    head = _render(tokens[:split]) + "".join(f"</{t.tag}>" for t in reversed(stack))
    reopened = "".join(t.text for t in stack if t.tag not in ("html", "body", "head"))
    tail = reopened + _render(tokens[split:])
    return head, tail


def _escape_text(text: str) -> str:
    return escape(text, quote=False)
