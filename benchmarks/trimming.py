"""Reply-trimming accuracy of Mailwall against peer libraries, per corpus.

Run: ``.venv/bin/python benchmarks/trimming.py``. Deterministic: no clock, no
network; the last printed line is one JSON object with every figure.

A case passes when the new text equals the corpus's expected text after
whitespace normalisation (trailing spaces per line stripped, blank-line runs
collapsed, ends stripped).

Corpora under ``shared/corpora`` (override with ``MAILWALL_CORPORA``):
- ``discourse_email_reply_trimmer``: ``trimmed/X.txt`` is the expected new text.
  The one ``performance`` row has no expected text (it is a bounded-work case,
  covered by tests/parsers/test_trim.py).
- ``github_email_reply_parser``: rows with an ``expected`` file are exact visible
  text. Rows with only fragment ``assertions`` have no full expected text; they are
  checked fact by fact in tests/parsers/test_trim_corpora.py, not counted here.
- ``closeio_quotequail``: ``quote``/``quote_html`` visible parts, and ``unwrap``/
  ``unwrap_html`` ``text_top``+``text_bottom`` (``html_top``+``html_bottom``), are
  the expected new text; HTML is compared as text (same converter for everyone).
  ``_internal.parse_reply`` and ``_internal.extract_headers`` rows test header
  parsing and return no text: not trimming cases (the golden tests still check
  that each ``parse_reply`` line is recognised as an attribution).
- ``zulip_email_fixtures``: its expectations are subject-prefix stripping
  (``Re:``/``Fwd:``), and its message fixtures have no expected output: no
  trimming case.
- ``berlios_*``, ``cpython_email_data``, ``enron_sample``, ``notmuch_test_corpora``,
  ``perceval_mbox``, ``spamscope_mail_parser``: raw mail without expected outputs:
  no trimming case.
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from parsers.trim import trim  # noqa: E402
from parsers.trim_html import split_html_quote  # noqa: E402

TRIMMING_CORPORA = (
    "discourse_email_reply_trimmer",
    "github_email_reply_parser",
    "closeio_quotequail",
)

# Cases whose upstream expectation encodes a choice we deliberately make
# differently, or a feature that is not reply trimming. Reported both ways.
# The golden tests assert our documented alternative where one is stated:
#   "signature:" -> upstream keeps a sign-off we file as signature
#                   (our new_text + signature == upstream expected);
#   "quotes:"    -> upstream keeps `>` lines we file as quoted text
#                   (our new_text == upstream expected without its `>` lines).
ARGUABLE: dict[tuple[str, str], str] = {
    ("discourse_email_reply_trimmer", "quote_and_text"): (
        "quotes: upstream keeps a leading `>` quote as new text; "
        "inline replies file quotes as quoted"
    ),
    ("discourse_email_reply_trimmer", "embedded_email_16"): (
        "quotes: upstream keeps the quoted block above the reply; we file it as quoted"
    ),
    ("discourse_email_reply_trimmer", "email_headers_5"): (
        "signature: upstream keeps 'Best regards, //Jef'; closings are signature for the wall"
    ),
    ("discourse_email_reply_trimmer", "embedded_ception"): (
        "signature: upstream keeps 'Thanks, Some One'; a closing plus name is signature"
    ),
    ("discourse_email_reply_trimmer", "embedded_email_2"): (
        "signature: upstream keeps 'Best Regards'; closings are signature for the wall"
    ),
    ("discourse_email_reply_trimmer", "embedded_email_swedish"): (
        "signature: upstream keeps 'Best regards / Some One'; closings are signature"
    ),
    ("discourse_email_reply_trimmer", "forwarded_message"): (
        "forward: a bare forward's body is someone else's message; upstream keeps it as new "
        "text, we file it as quoted (parsers/mail.py unwraps forwards into their own posts)"
    ),
    ("closeio_quotequail", "test_quote_00"): (
        "intro: quotequail's default keeps the 'On … wrote:' line visible; we file it with "
        "the quote, as its quote_intro_line=True variant (test_quote_00_call1) expects"
    ),
    (
        "closeio_quotequail",
        "test_quote_01",
    ): "intro: same as test_quote_00 (see test_quote_01_call1)",
    (
        "closeio_quotequail",
        "test_quote_02",
    ): "intro: same as test_quote_00 (see test_quote_02_call1)",
    (
        "closeio_quotequail",
        "test_quote_03",
    ): "intro: same as test_quote_00 (see test_quote_03_call1)",
    (
        "closeio_quotequail",
        "test_quote_04",
    ): "intro: same as test_quote_00 (see test_quote_04_call1)",
    (
        "closeio_quotequail",
        "test_quote_05",
    ): "intro: same as test_quote_00 (see test_quote_05_call1)",
    ("closeio_quotequail", "test_quote_html_00"): "intro: see test_quote_html_00_call1",
    ("closeio_quotequail", "test_quote_html_01"): "intro: see test_quote_html_01_call1",
    ("closeio_quotequail", "test_quote_html_02"): "intro: see test_quote_html_02_call1",
    ("closeio_quotequail", "test_quote_html_03"): "intro: see test_quote_html_03_call1",
    ("closeio_quotequail", "test_quote_html_04"): "intro: see test_quote_html_04_call1",
    ("closeio_quotequail", "test_quote_html_05"): "intro: see test_quote_html_05_call1",
    ("closeio_quotequail", "test_quote_html_06"): "intro: see test_quote_html_06_call1",
    ("closeio_quotequail", "test_comment_3"): (
        "intro: quotequail's default keeps a trailing 'Begin forwarded message:' visible"
    ),
    ("closeio_quotequail", "test_quote_html_ios_mail_reply_with_unescaped_address"): (
        "intro: quotequail's default keeps 'Sent from my iPhone' and the 'On … wrote:' line "
        "visible; we file them as signature and quote"
    ),
    ("closeio_quotequail", "test_quote_html_yahoo_reply_with_unescaped_address"): (
        "intro: quotequail's default keeps the 'On … wrote:' line visible"
    ),
    ("closeio_quotequail", "test_unwrap_html_ios_mail_reply_with_unescaped_address"): (
        "signature: upstream keeps 'Sent from my iPhone' in html_top; we file it as signature"
    ),
    ("closeio_quotequail", "test_unwrap_html_file_03"): (
        "signature: upstream returns the Gmail '-- ' signature as html_bottom text; "
        "we file it as signature"
    ),
    ("closeio_quotequail", "test_limit"): "feature: quotequail's `limit` line cap, not trimming",
    (
        "closeio_quotequail",
        "test_limit_call1",
    ): "feature: quotequail's `limit` line cap, not trimming",
    ("closeio_quotequail", "test_unwrap_09"): (
        "signature: upstream keeps '--\\nkthxbye' as text below the quote; we file it as signature"
    ),
    ("closeio_quotequail", "test_unwrap_10"): (
        "quotes: quotequail does not unwrap a one-line quote; every `>` line is quoted for us"
    ),
}


def corpora_root() -> Path:
    env = os.environ.get("MAILWALL_CORPORA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


@dataclass(frozen=True, slots=True)
class Case:
    corpus: str
    case_id: str
    fmt: str  # "text" or "html"
    source: str
    expected: str
    kind: str
    api: str = ""
    kwargs: tuple[tuple[str, object], ...] = ()


def read_text(path: Path) -> str:
    # Bytes, not universal newlines: some cases depend on CRLF (SOURCE.md).
    return path.read_bytes().decode("utf-8", errors="replace")


# --- HTML to text (shared by every contender so HTML cases compare fairly) ----------

_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "div",
        "dl",
        "dt",
        "dd",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    ]
)
_SKIP = frozenset({"head", "script", "style", "title"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br" or tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).replace("\xa0", " ").split("\n"))
    return "\n".join(lines)


def normalise(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip()


# --- corpus loading --------------------------------------------------------------------


def _rows(folder: Path) -> Iterator[dict]:
    with (folder / "cases.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _discourse(folder: Path) -> Iterator[Case]:
    for row in _rows(folder):
        if not row.get("expected"):
            continue
        yield Case(
            folder.name,
            row["id"],
            "text",
            read_text(folder / row["input"]).strip(),
            read_text(folder / row["expected"]),
            row["kind"],
        )


def _github(folder: Path) -> Iterator[Case]:
    for row in _rows(folder):
        if not row.get("expected"):
            continue
        yield Case(
            folder.name,
            row["id"],
            "text",
            read_text(folder / row["input"]),
            read_text(folder / row["expected"]),
            row["kind"],
        )


def _file_value(folder: Path, value: object) -> str:
    if isinstance(value, dict) and "$file" in value:
        return read_text(folder / value["$file"])
    return str(value)


def _quotequail(folder: Path) -> Iterator[Case]:
    for row in _rows(folder):
        api = row["api"].rsplit(".", 1)[-1]
        if api not in ("quote", "quote_html", "unwrap", "unwrap_html") or not row.get("input"):
            continue
        spec = json.loads(read_text(folder / row["expected"]))
        source = read_text(folder / row["input"])
        fmt = "html" if api.endswith("html") else "text"
        if api in ("quote", "quote_html"):
            expected = "\n".join(part for visible, part in spec["result"] if visible)
        elif "partial" in spec:
            checks = {c["key"]: c for c in spec["partial"]}
            parts = []
            for key in ("html_top", "html_bottom"):
                check = checks.get(key)
                if check and check["op"] == "eq":
                    parts.append(_file_value(folder, check["value"]))
            expected = "\n".join(parts)
        elif spec["result"] is None:
            expected = source
        else:
            keys = ("html_top", "html_bottom") if fmt == "html" else ("text_top", "text_bottom")
            expected = "\n\n".join(spec["result"][k] for k in keys if spec["result"].get(k))
        if fmt == "html":
            expected = html_to_text(expected)
        yield Case(
            folder.name,
            row["id"],
            fmt,
            source,
            expected,
            row["kind"],
            api,
            tuple(sorted(row.get("kwargs", {}).items())),
        )


LOADERS: dict[str, Callable[[Path], Iterator[Case]]] = {
    "discourse_email_reply_trimmer": _discourse,
    "github_email_reply_parser": _github,
    "closeio_quotequail": _quotequail,
}


def load_cases(root: Path | None = None) -> list[Case]:
    root = root or corpora_root()
    cases: list[Case] = []
    for name in TRIMMING_CORPORA:
        folder = root / name
        if (folder / "cases.jsonl").is_file():
            cases.extend(LOADERS[name](folder))
    return cases


# --- contenders ------------------------------------------------------------------------


def mailwall_new_text(case: Case) -> str:
    if case.fmt == "html":
        new_html, _quoted = split_html_quote(case.source)
        return trim(html_to_text(new_html)).new_text
    return trim(case.source).new_text


def _as_text(case: Case) -> str:
    return html_to_text(case.source) if case.fmt == "html" else case.source


def _peers() -> tuple[dict[str, Callable[[Case], str]], list[str]]:
    peers: dict[str, Callable[[Case], str]] = {}
    notes: list[str] = []
    try:
        from email_reply_parser import EmailReplyParser

        peers["email-reply-parser"] = lambda c: EmailReplyParser.parse_reply(_as_text(c))
    except ImportError as exc:
        notes.append(f"email-reply-parser not installed: {exc}")
    try:
        from mailparser_reply import EmailReplyParser as MPR

        parser = MPR(languages=["en", "fr", "de", "es", "it", "nl"])
        peers["mail-parser-reply"] = lambda c: parser.parse_reply(text=_as_text(c))
    except ImportError as exc:
        notes.append(f"mail-parser-reply not installed: {exc}")
    try:
        import quotequail

        def _quotequail_new(c: Case) -> str:
            # On its own corpus quotequail is called as its tests call it (same API,
            # same options); elsewhere with quote()/quote_html() defaults.
            kwargs = dict(c.kwargs)
            if c.api in ("unwrap", "unwrap_html"):
                result = getattr(quotequail, c.api)(c.source, **kwargs)
                if result is None:
                    return _as_text(c)
                keys = (
                    ("html_top", "html_bottom") if c.fmt == "html" else ("text_top", "text_bottom")
                )
                joined = "\n\n".join(result[k] for k in keys if result.get(k))
                return html_to_text(joined) if c.fmt == "html" else joined
            if c.fmt == "html":
                parts = quotequail.quote_html(c.source, **kwargs)
                return html_to_text("\n".join(p for visible, p in parts if visible))
            return "\n".join(p for visible, p in quotequail.quote(c.source, **kwargs) if visible)

        peers["quotequail"] = _quotequail_new
    except ImportError as exc:
        notes.append(f"quotequail not installed: {exc}")
    try:
        import logging

        import talon
        from talon import quotations

        logging.getLogger("talon").setLevel(logging.CRITICAL)
        talon.init()

        def _talon_new(c: Case) -> str:
            if c.fmt == "html":
                return html_to_text(quotations.extract_from_html(c.source))
            return quotations.extract_from_plain(c.source)

        peers["talon"] = _talon_new
    except Exception as exc:  # talon pulls scikit-learn; any install problem is reported
        notes.append(f"talon unavailable ({type(exc).__name__}: {exc}); `pip install talon` failed")
    return peers, notes


def _passes(fn: Callable[[Case], str], case: Case) -> bool:
    try:
        got = fn(case)
    except Exception:  # a peer crashing on a case is a miss, not a harness failure
        return False
    return normalise(got or "") == normalise(case.expected)


def run(cases: list[Case]) -> dict:
    peers, notes = _peers()
    contenders: dict[str, Callable[[Case], str]] = {"mailwall": mailwall_new_text, **peers}
    results: dict[str, dict] = {}
    for corpus in TRIMMING_CORPORA:
        subset = [c for c in cases if c.corpus == corpus]
        if not subset:
            continue
        clear = [c for c in subset if (c.corpus, c.case_id) not in ARGUABLE]
        entry: dict = {"cases": len(subset), "arguable": len(subset) - len(clear)}
        for name, fn in contenders.items():
            passed = {c.case_id for c in subset if _passes(fn, c)}
            entry[name] = {
                "all": round(100 * len(passed) / len(subset), 1),
                "without_arguable": round(
                    100 * len([c for c in clear if c.case_id in passed]) / max(1, len(clear)), 1
                ),
                "failed": sorted(c.case_id for c in clear if c.case_id not in passed)
                if name == "mailwall"
                else None,
            }
        results[corpus] = entry
    return {"results": results, "notes": notes, "contenders": list(contenders)}


def main() -> None:
    # html5lib (under talon) warns on Outlook's namespaced tags; noise, not results.
    warnings.filterwarnings("ignore")
    root = corpora_root()
    if not root.is_dir():
        print(json.dumps({"error": f"corpora not found at {root}"}))
        sys.exit(1)
    report = run(load_cases(root))
    names = report["contenders"]
    print(f"corpora: {root}")
    for note in report["notes"]:
        print(f"note: {note}")
    header = f"{'corpus':32} {'cases':>5} {'arg.':>4} " + " ".join(f"{n:>22}" for n in names)
    print(header)
    print(f"{'':43}" + " ".join(f"{'all / w/o arguable':>22}" for _ in names))
    for corpus, entry in report["results"].items():
        cells = " ".join(
            f"{entry[n]['all']:>10.1f} / {entry[n]['without_arguable']:>7.1f}  " for n in names
        )
        print(f"{corpus:32} {entry['cases']:>5} {entry['arguable']:>4} {cells}")
    for corpus, entry in report["results"].items():
        failed = entry["mailwall"]["failed"]
        if failed:
            print(f"mailwall misses in {corpus} (not arguable): {', '.join(failed)}")
    for key, reason in sorted(ARGUABLE.items()):
        print(f"arguable {key[0]}/{key[1]}: {reason}")
    summary = {
        corpus: {
            "cases": e["cases"],
            "arguable": e["arguable"],
            **{
                n: {"all": e[n]["all"], "without_arguable": e[n]["without_arguable"]} for n in names
            },
        }
        for corpus, e in report["results"].items()
    }
    print(
        json.dumps(
            {"trimming_accuracy_percent": summary, "notes": report["notes"]},
            ensure_ascii=False,
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()
