"""HTML bodies: readable text for the wall and the trimmers, and a sanitised copy for display.

HTML → text uses **inscriptis** (Apache-2.0), chosen by measurement against html2text (GPL-3)
on the corpora's 62 HTML parts (142 kB) plus a French Outlook sample:

- speed: inscriptis 15.8 ms per pass, html2text 26.2 ms (about 0.25 ms per typical mail body);
- quality: inscriptis keeps list bullets and numbers, ``<br>`` line breaks, table rows and
  paragraph spacing without Markdown noise; html2text emits ``**bold**``, ``---|---`` table
  rules and, by default, folds accented letters to ASCII (``l'équipe`` → ``l'equipe``).

A hand-written ``html.parser`` converter would need CSS-like block rules, lists and tables:
that is what inscriptis already does well, so none was written. Links are kept the way mail
clients write them in plain text, ``text <https://...>``, by rewriting the lxml tree before
inscriptis renders it (inscriptis' own ``[text](url)`` form would also turn the ``mailto:``
links of forwarded headers into noise).

Sanitising uses nh3 (ammonia): basic formatting tags only, links forced to
``rel="noopener noreferrer"``, images only from ``cid:`` parts of the same message (no remote
trackers), no scripts, styles, event handlers or ``javascript:`` URLs.
"""

from __future__ import annotations

import re

import nh3
from inscriptis import Inscriptis
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig
from lxml.etree import LxmlError, ParserError
from lxml.html import HtmlElement, document_fromstring, tostring

MAX_HTML_CHARS = 1_000_000  # HTML beyond this is cut before conversion (a defect is recorded)

_CONFIG = ParserConfig(css=CSS_PROFILES["strict"], display_links=False, display_images=False)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_TAGS = re.compile(r"<[^>]{0,2000}>")
_LINK_SCHEMES = ("http://", "https://", "ftp://")

_SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre",
    "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
_SAFE_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML body: paragraphs, line breaks, lists, tables, links."""
    tree = _tree(html[:MAX_HTML_CHARS])
    return "" if tree is None else _tree_to_text(tree)


def text_and_safe_html(html: str, *, need_text: bool = True) -> tuple[str, str]:
    """Both renderings from one parse: the text (when needed) and the sanitised HTML."""
    tree = _tree(html[:MAX_HTML_CHARS])
    if tree is None:
        return "", ""
    # nh3 (html5ever) is quadratic on very deep nesting; libxml2 has already capped the depth,
    # so sanitising its re-serialisation keeps the work bounded.
    safe = sanitize_html(tostring(tree, encoding="unicode"))
    return (_tree_to_text(tree) if need_text else ""), safe


def _tree_to_text(tree: HtmlElement) -> str:
    _inline_links(tree)
    try:
        text = Inscriptis(tree, _CONFIG).get_text()
    except RecursionError:
        # Absurdly deep nesting: keep the words, lose the layout.
        text = tree.text_content()
    return _tidy(text)


def _tree(html: str) -> HtmlElement | None:
    html = _XML_DECLARATION.sub("", html, count=1).replace("\x00", "")
    if not html.strip():
        return None
    try:
        return document_fromstring(html)
    except (ParserError, LxmlError, ValueError):
        try:
            return document_fromstring("<pre>" + _TAGS.sub(" ", html) + "</pre>")
        except (ParserError, LxmlError, ValueError):
            return None


def _inline_links(tree: HtmlElement) -> None:
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href.lower().startswith(_LINK_SCHEMES):
            continue
        label = anchor.text_content().strip()
        if _same_link(label, href):
            continue
        anchor.tail = f" <{href}>" + (anchor.tail or "")


def _same_link(label: str, href: str) -> bool:
    def bare(url: str) -> str:
        return url.lower().split("://", 1)[-1].removeprefix("www.").rstrip("/")

    return not label or bare(label) == bare(href)


def _tidy(text: str) -> str:
    text = _TRAILING_SPACE.sub("\n", text.replace("\r", ""))
    return _BLANK_LINES.sub("\n\n", text).strip()


def sanitize_html(html: str) -> str:
    """HTML safe to show in a wall page. Give it libxml2-parsed HTML (see text_and_safe_html)."""
    return nh3.clean(
        html[:MAX_HTML_CHARS],
        tags=_SAFE_TAGS,
        clean_content_tags={"script", "style", "title", "head"},
        attributes=_SAFE_ATTRIBUTES,
        attribute_filter=_only_cid_images,
        url_schemes={"http", "https", "mailto", "cid"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _only_cid_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.strip().lower().startswith("cid:"):
        return None
    return value
