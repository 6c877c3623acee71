"""Reply-trimming accuracy of Mailwall against peer libraries, per corpus.

Run: ``.venv/bin/python benchmarks/trimming.py`` (``--known-failures`` prints the
failing case ids as the ``KNOWN_FAILURES`` table of tests/parsers/test_trim_corpora.py).
Deterministic: no clock, no network. Failures are printed grouped by family, one
line each; the last printed line is one JSON object with every figure.

Every case of every trimming corpus is counted: nothing is set aside.

How a result is compared (``text_matches``). Both sides are reduced to their
non-empty lines, each with whitespace runs collapsed (line ends, trailing spaces,
blank-line runs and indentation carry no meaning here). A result then passes when
our new text equals the expected text:

(a) as is;
(b) with or without the sign-off or signature: the expected text equals our new
    text followed by our own signature (upstream kept what we file as signature);
    or one side equals the other followed by a trailing block that the corpus
    itself labels signature (alfonsrv ``expected_signature``, the client corpus's
    ``signature``) or that is a standard sign-off: a closing line ("Thanks,",
    "Best regards", "Cordialement", "Bien à vous" …) optionally followed by up to
    three short name lines, or a mobile line ("Sent from my iPhone", "Envoyé de
    mon iPhone", "Get Outlook for iOS"). Our new text must not be empty for (b);
(c) with or without the attribution or intro line ("On … wrote:", "Le … a écrit :",
    "Begin forwarded message:", an Outlook "-----Original Message-----" or a bare
    rule line, also when the client kept it quoted: "> Begin forwarded message:") at
    the end of the expected visible text or at the end of ours (the start of the
    quote), before (b) is tried.

Nothing else is tolerated. Each rule only forgives a *trailing block* of a
recognised shape, with every other line equal and in order; there is no "prefix
of" shortcut, so a result that lost or added real text fails.

Rows that state facts instead of a whole expected text (github/willdurand fragment
assertions, alfonsrv assertions) are scored by those facts, each checked against
our new text (``Fact``); a row passes when all its facts hold. A "must not contain"
fact is checked on the new text without a trailing sign-off or attribution block
(the same conventions as above). Rows with no fact about the latest reply's visible
text are not cases (listed below).

Corpora under ``shared/corpora`` (override with ``MAILWALL_CORPORA``):
- ``discourse_email_reply_trimmer``: ``trimmed/X.txt`` is the expected new text.
  The one ``performance`` row has no expected text (a bounded-work case, covered
  by tests/parsers/test_trim_corpora.py).
- ``github_email_reply_parser``: rows with an ``expected`` file are exact visible
  text. Rows with fragment ``assertions`` become facts: a visible fragment
  (``hidden`` false, or fragment 0 when nothing says otherwise) must be in the new
  text; a quoted or signature fragment, or one pinned as ``^On`` (the attribution),
  must not. ``fragments_count == 1`` means the whole input is new text. The two
  performance rows are not cases (bounded work, tested separately).
- ``willdurand_email_reply_parser`` (PHP port): the 10 ``expected/`` rows are exact
  visible text; the other rows become facts the same way from ``fragments[i]``
  assertions and the ``isHidden`` list (PCRE ``^`` anchors at the start of the new
  text). ``custom_signature_regex`` (a configuration swap with no text fact) and
  ``fixture_email_issue_77`` (no assertion) are not cases.
- ``alfonsrv_mail_parser_reply``: ``expected/`` is ``replies[0].body`` exactly, and
  ``expected_signature`` labels its signature (rule b). Other rows are scored by
  their assertions on the latest reply: ``replies[0].body`` eq/contains/
  not_contains/startswith, and ``replies[0].signatures`` contains/startswith X,
  which means X is not in the body. Assertions on older replies, on reply counts
  and on ``content`` (which keeps the signature) are about the library's own
  structure. Rows with none of these (and the 15 ``fixture_*`` rows, which have no
  expectation) are not cases.
- ``closeio_quotequail``: ``quote``/``quote_html`` visible parts, and ``unwrap``/
  ``unwrap_html`` ``text_top``+``text_bottom`` (``html_top``+``html_bottom``), are
  the expected new text; HTML is compared as text (same converter for everyone).
  Rows called with the ``limit`` option count like the others.
  ``_internal.parse_reply`` and ``_internal.extract_headers`` rows return no text:
  not trimming cases (the golden tests check each ``parse_reply`` line is
  recognised as an attribution).
- ``zulip_email_fixtures`` (subject prefixes), ``zammad_email_parser`` (parse
  expectations, tests/parsers/test_helpdesk_corpus.py), ``berlios_*``,
  ``cpython_email_data``, ``enron_sample``, ``notmuch_test_corpora``,
  ``perceval_mbox``, ``spamscope_mail_parser``: no trimming expectation.

Mailwall's own labelled corpus ``tests/data/clients`` (override with
``MAILWALL_CLIENTS``; skipped when absent) is scored through ``parsers.parse`` on
the raw ``.eml``: a case passes when the new text matches (same comparison, the
expected ``signature`` being the labelled signature), ``bool(auto_reply)`` matches,
and the forwarded originals match: same number, same sender addresses in order
(case-insensitive), each text matching. Reported by client and by kind as well.
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from parsers.mail import parse  # noqa: E402
from parsers.trim import trim  # noqa: E402
from parsers.trim_html import split_html_quote  # noqa: E402

TRIMMING_CORPORA = (
    "discourse_email_reply_trimmer",
    "github_email_reply_parser",
    "willdurand_email_reply_parser",
    "alfonsrv_mail_parser_reply",
    "closeio_quotequail",
)
CLIENTS = "clients"  # Mailwall's own labelled corpus, tests/data/clients
# A second labelled set, written by hand by another author after the trimmer was tuned on
# tests/data/clients and without reading the parsers: the held-out measure.
HOLDOUT = "holdout"


def corpora_root() -> Path:
    env = os.environ.get("MAILWALL_CORPORA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def clients_root() -> Path:
    env = os.environ.get("MAILWALL_CLIENTS")
    return Path(env) if env else REPO / "tests" / "data" / "clients"


def own_corpora() -> dict[str, Path]:
    """Mailwall's own labelled sets, by name (same format, scored the same way)."""
    return {CLIENTS: clients_root(), HOLDOUT: REPO / "tests" / "data" / HOLDOUT}


@dataclass(frozen=True, slots=True)
class Fact:
    """One checkable statement about the latest reply's visible text."""

    op: str  # contains, not_contains, matches, not_matches, eq, startswith
    value: str
    multiline: bool = True  # regex ``^`` at every line (Ruby) or at the start only (PCRE)

    def holds(self, new_text: str) -> bool:
        text = new_text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        if self.op == "matches":
            return re.search(self.value, text, re.M if self.multiline else 0) is not None
        if self.op == "not_matches":
            # Checked at every line start whatever the dialect: stricter, never looser.
            return re.search(self.value, "\n".join(_core(canon_lines(text))), re.M) is None
        needle = "\n".join(canon_lines(self.value))
        if self.op == "contains":
            return needle in "\n".join(canon_lines(text))
        if self.op == "not_contains":
            return needle not in "\n".join(_core(canon_lines(text)))
        if self.op == "eq":
            return canon_lines(text) == canon_lines(self.value)
        if self.op == "startswith":
            return "\n".join(canon_lines(text)).startswith(needle)
        raise ValueError(f"unknown fact op {self.op}")

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 50 else self.value[:47] + "…"
        return f"{self.op} {value!r}"


@dataclass(frozen=True, slots=True)
class Case:
    corpus: str
    case_id: str
    fmt: str  # "text" or "html"
    source: str
    expected: str | None  # the whole expected new text, or None when scored by facts
    kind: str
    api: str = ""
    kwargs: tuple[tuple[str, object], ...] = ()
    facts: tuple[Fact, ...] = ()
    labelled_signature: str = ""  # what the corpus itself files as signature


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


# --- comparison ------------------------------------------------------------------------


def normalise(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip()


def canon_lines(text: str) -> list[str]:
    """Non-empty lines, whitespace runs collapsed: the unit every comparison uses."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return [joined for line in text.split("\n") if (joined := " ".join(line.split()))]


# A closing on its own line, with optional trailing punctuation. Benchmark-side only:
# it decides whether a trailing block is a sign-off, never what the product keeps.
_CLOSING = re.compile(
    r"^(?:(?:many |a lot of |thanks? |merci |encore )?thanks?(?: you)?"
    r"(?: (?:again|so much|a lot|in advance))?"
    r"|thx|ty|cheers|best|all the best|best wishes|(?:best|kind|warm|warmest|many)? ?regards"
    r"|sincerely(?: yours)?|yours(?: truly| sincerely)?|talk soon|see you"
    r"|(?:bien )?cordialement|bien à (?:vous|toi)|merci(?: beaucoup| encore| d'avance| à vous)?"
    r"|(?:bonne|belle) (?:journée|soirée|fin de journée|semaine)|salutations(?: distinguées)?"
    r"|amitiés|bises|à bientôt|(?:mit )?freundlichen? grüßen|(?:viele|beste|liebe) grüße|gruß"
    r"|saludos(?: cordiales)?|un saludo|(?:cordiali )?saluti|distinti saluti"
    r"|met vriendelijke groet(?:en)?|groeten|groetjes|(?:med )?vänliga hälsningar|hälsningar|mvh"
    r"|(?:med )?venlig hilsen|hilsen|pozdrawiam|z poważaniem|z powazaniem|kh|vh|bh"
    r"|ystävällisin terveisin"
    r"|terveisin|atenciosamente|cumprimentos|с уважением|敬具|此致|よろしくお願いします)[,.!]*$",
    re.I,
)
_MOBILE = re.compile(
    r"^(?:sent from|sent with|sent via|envoyé (?:de|depuis|à partir de)|gesendet (?:von|mit)"
    r"|von meinem|enviado desde|inviato da|verzonden (?:vanaf|met)|wysłane z|skickat från"
    r"|sendt fra|lähetetty) .{1,60}$"
    r"|^get outlook for \w+$|^(?:obtenez|télécharger) outlook pour \w+$",
    re.I,
)
_NAME_LINE = re.compile(r"^[-–—~/*_ ]*[^\W\d_][\w .,'’&()/-]{0,40}$")
_ATTRIBUTION_VERB = re.compile(
    r"\b(?:wrote|writes|a écrit|écrit|schrieb|escribió|escreveu|scrisse|ha scritto|schreef"
    r"|skrev|kirjoitti|napisał|написал|написала|yazdı|έγραψε|írta|napsal|napísal|je napisal"
    r"|rašė|rakstīja|kirjutas|a scris|написа|wrote on)\b|写道|寫道|のメッセージ|님이 작성",
    re.I,
)
_INTRO = re.compile(
    r"^(?:begin forwarded message|début du message (?:réexpédié|transféré)"
    r"|[-_=* ]*(?:original message|message d'origine|forwarded message|message transféré"
    r"|mail original|ursprüngliche nachricht|weitergeleitete nachricht|mensaje original"
    r"|messaggio originale|oorspronkelijk bericht)[-_=* ]*)\s*:?$",
    re.I,
)
_RULE = re.compile(r"^[-_=*~#]{5,}$")
_QUOTE_PREFIX = re.compile(r"^(?:> ?)+")
# "-----Oprindelig meddelelse-----", "---- Mail original ----": a label between rules,
# whatever the language.
_LABEL_BETWEEN_RULES = re.compile(r"^[-_=*]{3,} ?[^-_=*:]{3,50}? ?[-_=*]{3,}:?$")


def _is_signoff(block: list[str]) -> bool:
    """A closing (+ up to three short name lines), or one mobile line, and nothing else."""
    if not block or len(block) > 4:
        return False
    if len(block) == 1 and (_MOBILE.match(block[0]) or _DASHED_NAME.match(block[0])):
        return True
    if not _CLOSING.match(block[0]):
        return False
    return all(_MOBILE.match(line) or _is_name(line) for line in block[1:])


# "-Abhishek Kona", "/John": a name set off by a dash or slash, a sign-off on its own.
_DASHED_NAME = re.compile(r"^[-/~–—]{1,2} ?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}$")


def _is_name(line: str) -> bool:
    """A short name or title line ("Some One", "-Abhishek Kona", "Head of Sales"), not
    a sentence: at most five words, mostly capitalised, no sentence punctuation."""
    words = [w.strip("-–—~/*_()") for w in line.split()]
    words = [w for w in words if w]
    if not words or len(words) > 5 or not _NAME_LINE.match(line) or line[-1] in ".?!:;":
        return len(words) == 1 and bool(re.fullmatch(r"[A-Z]\.", words[0] if words else ""))
    capitalised = sum(1 for w in words if w[0].isupper())
    return words[0][0].isupper() and 2 * capitalised >= len(words)


def _is_attribution(block: list[str]) -> bool:
    """An intro line (or one wrapped over up to three lines) that opens a quote."""
    if not block or len(block) > 3:
        return False
    joined = " ".join(block)
    # The intro line of a quoted forward is still the intro when kept with its `>`.
    if len(block) == 1 and (
        _INTRO.match(_QUOTE_PREFIX.sub("", joined))
        or _RULE.match(joined)
        or _LABEL_BETWEEN_RULES.match(joined)
    ):
        return True
    if len(joined) > 400 or not joined.rstrip().endswith(":"):
        return False
    # A wrapped attribution starts like one (an opener, a date or time, a name and
    # address) and has no sentence end before its last line: a block that swallowed
    # a line of real text above it is not an attribution.
    if len(block) > 1 and (
        not _ATTRIBUTION_START.search(block[0]) or any(line[-1] in ".!?" for line in block[:-1])
    ):
        return False
    if _ATTRIBUTION_VERB.search(joined):
        return True
    return bool(re.search(r"\d", joined)) and ("@" in joined or "<" in joined)


_ATTRIBUTION_START = re.compile(
    r"^(?:on|le|am|el|il|op|den|dne|w dniu|em|в|στις|le \w+|\w+,)\b|[@<]|\d{1,2}:\d{2}"
    r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}",
    re.I,
)


def _without_attribution(lines: list[str]) -> list[list[str]]:
    """``lines`` as is, and without a trailing attribution block of each size found."""
    variants = [lines]
    for size in (1, 2, 3):
        if len(lines) >= size and _is_attribution(lines[-size:]):
            head = lines[:-size]
            variants.append(head)
            # A rule line often sits just above an Outlook header: drop it too.
            if head and _RULE.match(head[-1]):
                variants.append(head[:-1])
    return variants


def _core(lines: list[str]) -> list[str]:
    """Lines without a trailing attribution and then a trailing sign-off block."""
    lines = min(_without_attribution(lines), key=len)
    for size in (4, 3, 2, 1):
        if len(lines) > size and _is_signoff(lines[-size:]):
            return lines[:-size]
    return lines


def _one_plus_tail(longer: list[str], shorter: list[str], tails: list[list[str]]) -> bool:
    if len(longer) <= len(shorter) or longer[: len(shorter)] != shorter:
        return False
    tail = longer[len(shorter) :]
    return _is_signoff(tail) or any(tail == t for t in tails if t)


def text_matches(
    new_text: str, signature: str, expected: str, labelled_signature: str = ""
) -> bool:
    """Does our (new text, signature) split give the expected visible text? See the
    module docstring for the three tolerated convention differences."""
    ours = canon_lines(new_text)
    sig = canon_lines(signature)
    labelled = canon_lines(labelled_signature)
    for want in _without_attribution(canon_lines(expected)):
        for got in _without_attribution(ours):
            if got == want:
                return True
            if not got:
                continue
            if sig and got + sig == want:
                return True
            if _one_plus_tail(got, want, [labelled]) or _one_plus_tail(want, got, [labelled, sig]):
                return True
    return False


# Failure families: a short name (used in KNOWN_FAILURES) and what it means.
FAMILIES = {
    "no-new-text": "no new text: everything filed as quote or signature",
    "kept-quote": "kept quoted `>` lines as new text",
    "kept-history": "kept the quote header and history as new text",
    "kept-leading": "kept lines above the reply (a gateway's security banner) as new text",
    "kept-trailing": "kept a trailing signature, disclaimer or other lines as new text",
    "kept-hidden": "kept text that upstream hides as quote or signature (fact row)",
    "dropped-quote": "dropped `>` lines that upstream keeps as text",
    "forward-body": "filed a forward's body (or history upstream keeps) as quote",
    "lost-text": "cut real text: lines lost from the new text",
    "limit-option": "quotequail's `limit` option (cut after N lines) not implemented",
    "different": "different text",
    "auto-reply": "auto-reply flag differs",
    "forward-count": "forwards: wrong number of originals",
    "forward-sender": "forwards: wrong original sender",
    "forward-text": "forwards: an original's text differs",
    "crash": "parsers.parse raised",
}


def explain(new_text: str, expected: str) -> tuple[str, str]:
    """(family, one-line reason) for a failed whole-text comparison."""
    got = _core(canon_lines(new_text))
    want = _core(canon_lines(expected))
    if not got:
        return "no-new-text", f"upstream keeps {_short(want[0]) if want else 'nothing'}"
    if len(got) > len(want) and got[len(got) - len(want) :] == want:
        return "kept-leading", f"extra {len(got) - len(want)} line(s) from {_short(got[0])}"
    common = 0
    while common < min(len(got), len(want)) and got[common] == want[common]:
        common += 1
    extra, lost = got[common:], want[common:]
    if not lost:
        if any(line.startswith(">") for line in extra):
            family = "kept-quote"
        elif any(_HEADER_FIELD.match(line) or _is_attribution([line]) for line in extra):
            family = "kept-history"
        else:
            family = "kept-trailing"
        return family, f"extra {len(extra)} line(s) from {_short(extra[0])}"
    if not extra:
        if any(line.startswith(">") for line in lost):
            family = "dropped-quote"
        elif _INTRO.match(lost[0]) or _HEADER_FIELD.match(lost[0]):
            family = "forward-body"
        else:
            family = "lost-text"
        return family, f"lost {len(lost)} line(s) from {_short(lost[0])}"
    if _subsequence(got, want) and all(line.startswith(">") for line in _missing(want, got)):
        return "dropped-quote", f"upstream keeps {_short(_missing(want, got)[0])} among the text"
    if _subsequence(want, got) and all(line.startswith(">") for line in _missing(got, want)):
        return "kept-quote", f"kept {_short(_missing(got, want)[0])} among the text"
    return "different", f"line {common + 1}: expected {_short(lost[0])}, got {_short(extra[0])}"


def _subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(line in rest for line in short)


def _missing(long: list[str], short: list[str]) -> list[str]:
    """Lines of ``long`` left over when ``short`` is matched in order as a subsequence."""
    out: list[str] = []
    i = 0
    for line in long:
        if i < len(short) and line == short[i]:
            i += 1
        else:
            out.append(line)
    return out


_HEADER_FIELD = re.compile(
    r"^(?:from|de|von|da|van|sent|envoyé|gesendet|date|to|à|an|subject|objet|betreff)\s?:", re.I
)


def _short(line: str) -> str:
    return repr(line if len(line) <= 60 else line[:57] + "…")


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


def _fragment_facts(
    texts: dict[int, tuple[str, str]],
    hidden: list[bool] | None,
    quoted: list[bool] | None,
    multiline: bool,
) -> list[Fact]:
    """Facts about our new text from facts about upstream's fragments.

    ``texts`` maps a fragment index to (op, value), op one of eq/contains/matches.
    A visible fragment must be in the new text; a hidden one (quoted or signature)
    must not, nor one pinned as the attribution (``^On``). Fragments whose
    visibility nothing states (other than fragment 0, always visible) give no fact.
    """
    facts: list[Fact] = []
    for index, (op, value) in sorted(texts.items()):
        if not value.strip():
            continue
        if hidden is not None and index < len(hidden):
            visible = not hidden[index]
        elif index == 0:
            visible = True
        elif op == "matches" and value.startswith("^On"):
            visible = False
        else:
            continue
        # A visible quote ("> …" kept visible by upstream) is quoted text for us: no fact.
        if visible and quoted is not None and index < len(quoted) and quoted[index]:
            continue
        if visible:
            facts.append(Fact("matches" if op == "matches" else "contains", value, multiline))
        else:
            facts.append(Fact("not_matches" if op == "matches" else "not_contains", value))
    return facts


def _github(folder: Path) -> Iterator[Case]:
    for row in _rows(folder):
        source = read_text(folder / row["input"])
        if row.get("expected"):
            expected = read_text(folder / row["expected"])
            yield Case(folder.name, row["id"], "text", source, expected, row["kind"])
            continue
        facts_in = row.get("assertions") or {}
        if row["kind"] == "performance":
            continue  # bounded work, tests/parsers/test_trim_corpora.py
        if facts_in.get("fragments_count") == 1:
            yield Case(folder.name, row["id"], "text", source, source, row["kind"])
            continue
        texts: dict[int, tuple[str, str]] = {}
        for key, op in (
            ("fragment_equals", "eq"),
            ("fragment_contains", "contains"),
            ("fragment_matches", "matches"),
        ):
            for index, value in facts_in.get(key, {}).items():
                texts.setdefault(int(index), (op, value))
        facts = _fragment_facts(texts, facts_in.get("hidden"), facts_in.get("quoted"), True)
        if facts:
            yield Case(
                folder.name, row["id"], "text", source, None, row["kind"], facts=tuple(facts)
            )


def _pcre(value: str) -> str:
    # "/pattern/flags" -> pattern (the corpus uses no flag that changes matching here).
    return value[1 : value.rindex("/")]


def _willdurand(folder: Path) -> Iterator[Case]:
    for row in _rows(folder):
        source = read_text(folder / row["input"])
        if row.get("expected"):
            expected = read_text(folder / row["expected"])
            yield Case(folder.name, row["id"], "text", source, expected, row["kind"])
            continue
        texts: dict[int, tuple[str, str]] = {}
        hidden = quoted = None
        extra: list[Fact] = []
        whole = False
        for check in row.get("assertions", []):
            target, op, value = check["target"], check["op"], check["value"]
            if target == "fragments.length" and value == 1:
                whole = True
            elif target == "fragments[*].isHidden":
                hidden = value
            elif target == "fragments[*].isQuoted":
                quoted = value
            elif (m := re.fullmatch(r"fragments\[(\d+)\]", target)) is not None:
                index = int(m.group(1))
                if op == "not_contains" and index == 0:
                    extra.append(Fact("not_contains", value))
                elif op == "preg_match":
                    texts.setdefault(index, ("matches", _pcre(value)))
                elif op in ("eq", "contains"):
                    texts.setdefault(index, (op, value))
        if whole:
            yield Case(folder.name, row["id"], "text", source, source, row["kind"])
            continue
        facts = _fragment_facts(texts, hidden, quoted, False) + extra
        if facts:
            yield Case(
                folder.name, row["id"], "text", source, None, row["kind"], facts=tuple(facts)
            )


def _alfonsrv(folder: Path) -> Iterator[Case]:
    for row in _rows(folder):
        source = read_text(folder / row["input"])
        labelled = row.get("expected_signature") or ""
        if row.get("expected"):
            expected = read_text(folder / row["expected"])
            yield Case(
                folder.name,
                row["id"],
                "text",
                source,
                expected,
                row["kind"],
                labelled_signature=labelled,
            )
            continue
        facts: list[Fact] = []
        for check in row.get("assertions", []):
            target, op, value = check["target"], check["op"], check["value"]
            if target == "replies[0].body" and op in (
                "eq",
                "contains",
                "not_contains",
                "startswith",
            ):
                facts.append(Fact(op, value))
            elif (
                target == "replies[0].signatures"
                and op in ("contains", "startswith", "eq")
                and value.strip()
            ):
                facts.append(Fact("not_contains", value))
        if facts:
            yield Case(
                folder.name, row["id"], "text", source, None, row["kind"], facts=tuple(facts)
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
    "willdurand_email_reply_parser": _willdurand,
    "alfonsrv_mail_parser_reply": _alfonsrv,
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


@dataclass(frozen=True, slots=True)
class Split:
    new_text: str
    signature: str = ""


def mailwall_split(case: Case) -> Split:
    if case.fmt == "html":
        new_html, _quoted = split_html_quote(case.source)
        result = trim(html_to_text(new_html))
    else:
        result = trim(case.source)
    return Split(result.new_text, result.signature)


def _as_text(case: Case) -> str:
    return html_to_text(case.source) if case.fmt == "html" else case.source


def _peers() -> tuple[dict[str, Callable[[Case], Split]], list[str]]:
    peers: dict[str, Callable[[Case], Split]] = {}
    notes: list[str] = []
    try:
        from email_reply_parser import EmailReplyParser

        peers["email-reply-parser"] = lambda c: Split(EmailReplyParser.parse_reply(_as_text(c)))
    except ImportError as exc:
        notes.append(f"email-reply-parser not installed: {exc}")
    try:
        from mailparser_reply import EmailReplyParser as MPR

        parser = MPR(languages=["en", "fr", "de", "es", "it", "nl"])
        peers["mail-parser-reply"] = lambda c: Split(parser.parse_reply(text=_as_text(c)))
    except ImportError as exc:
        notes.append(f"mail-parser-reply not installed: {exc}")
    try:
        import quotequail

        def _quotequail_new(c: Case) -> Split:
            # On its own corpus quotequail is called as its tests call it (same API,
            # same options); elsewhere with quote()/quote_html() defaults.
            kwargs = dict(c.kwargs)
            if c.api in ("unwrap", "unwrap_html"):
                result = getattr(quotequail, c.api)(c.source, **kwargs)
                if result is None:
                    return Split(_as_text(c))
                keys = (
                    ("html_top", "html_bottom") if c.fmt == "html" else ("text_top", "text_bottom")
                )
                joined = "\n\n".join(result[k] for k in keys if result.get(k))
                return Split(html_to_text(joined) if c.fmt == "html" else joined)
            if c.fmt == "html":
                parts = quotequail.quote_html(c.source, **kwargs)
                return Split(html_to_text("\n".join(p for visible, p in parts if visible)))
            return Split(
                "\n".join(p for visible, p in quotequail.quote(c.source, **kwargs) if visible)
            )

        peers["quotequail"] = _quotequail_new
    except ImportError as exc:
        notes.append(f"quotequail not installed: {exc}")
    try:
        import logging

        import talon
        from talon import quotations

        logging.getLogger("talon").setLevel(logging.CRITICAL)
        talon.init()

        def _talon_new(c: Case) -> Split:
            if c.fmt == "html":
                return Split(html_to_text(quotations.extract_from_html(c.source)))
            return Split(quotations.extract_from_plain(c.source))

        peers["talon"] = _talon_new
    except Exception as exc:  # talon pulls scikit-learn; any install problem is reported
        notes.append(f"talon unavailable ({type(exc).__name__}: {exc})")
    return peers, notes


def case_passes(split: Split, case: Case) -> bool:
    if case.expected is not None and not text_matches(
        split.new_text, split.signature, case.expected, case.labelled_signature
    ):
        return False
    return all(fact.holds(split.new_text) for fact in case.facts)


def _passes(fn: Callable[[Case], Split], case: Case) -> bool:
    try:
        split = fn(case)
    except Exception:  # a peer crashing on a case is a miss, not a harness failure
        return False
    return case_passes(Split(split.new_text or "", split.signature or ""), case)


def failure(case: Case, split: Split) -> tuple[str, str]:
    """(family, one-line reason) for a case Mailwall fails."""
    limit = dict(case.kwargs).get("limit")
    if limit is not None:
        return "limit-option", f"limit={limit}"
    if case.expected is not None and not text_matches(
        split.new_text, split.signature, case.expected, case.labelled_signature
    ):
        return explain(split.new_text, case.expected)
    broken = [f for f in case.facts if not f.holds(split.new_text)]
    if not canon_lines(split.new_text):
        return "no-new-text", f"fact failed: {broken[0]}"
    if any(f.op in ("contains", "matches", "eq", "startswith") for f in broken):
        return "lost-text", f"fact failed: {broken[0]}"
    return "kept-hidden", f"fact failed: {broken[0]}"


# --- Mailwall's own labelled corpus (tests/data/clients) --------------------------------


@dataclass(frozen=True, slots=True)
class ClientCase:
    case_id: str
    eml: Path
    client: str
    language: str
    kind: str
    new_text: str
    signature: str
    auto_reply: bool
    forwarded: tuple[tuple[str, str], ...]  # (sender address, text), oldest first


def load_client_cases(root: Path | None = None) -> list[ClientCase]:
    root = root or clients_root()
    if not (root / "cases.jsonl").is_file():
        return []
    cases = []
    for row in _rows(root):
        want = row["expected"]
        cases.append(
            ClientCase(
                row["id"],
                root / row["eml"],
                row.get("client", ""),
                row.get("language", ""),
                row.get("kind", ""),
                want.get("new_text") or "",
                want.get("signature") or "",
                bool(want.get("auto_reply")),
                tuple(
                    (f.get("from") or "", f.get("text") or "") for f in want.get("forwarded", [])
                ),
            )
        )
    return cases


def _address(value: str) -> str:
    found = re.search(r"<([^<>]+)>", value)
    return (found.group(1) if found else value).strip().lower()


def client_failure(case: ClientCase) -> tuple[str, str] | None:
    """None when ``parsers.parse`` gives the labelled result, else (family, reason)."""
    try:
        parsed = parse(case.eml.read_bytes())
    except Exception as exc:  # a crash is a failure of the case, reported as such
        return "crash", f"{type(exc).__name__}: {exc}"
    if bool(parsed.auto_reply) != case.auto_reply:
        return "auto-reply", f"expected auto_reply={case.auto_reply}"
    if not text_matches(parsed.new_text, parsed.signature, case.new_text, case.signature):
        return explain(parsed.new_text, case.new_text)
    got = parsed.forwarded
    if len(got) != len(case.forwarded):
        return "forward-count", f"expected {len(case.forwarded)}, got {len(got)}"
    for n, (original, (sender, text)) in enumerate(zip(got, case.forwarded, strict=True)):
        ours = original.sender.address.lower() if original.sender else ""
        if ours != _address(sender):
            return "forward-sender", f"original {n + 1}: {ours or '-'} != {sender}"
        if not text_matches(original.text, "", text):
            family, reason = explain(original.text, text)
            return "forward-text", f"original {n + 1}: {family}: {reason}"
    return None


def run_clients(cases: list[ClientCase]) -> tuple[dict, list[tuple[str, str, str]]]:
    failures: list[tuple[str, str, str]] = []
    by_client: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        failed = client_failure(case)
        for table, key in ((by_client, case.client), (by_kind, case.kind)):
            table[key][0] += 1
            table[key][1] += failed is None
        if failed is not None:
            failures.append((failed[0], case.case_id, failed[1]))
    passed = len(cases) - len(failures)

    def pct(done: int, total: int) -> float:
        return round(100 * done / max(1, total), 1)

    entry = {
        "cases": len(cases),
        "mailwall": pct(passed, len(cases)),
        "by_client": {
            k: {"cases": v[0], "mailwall": pct(v[1], v[0])} for k, v in sorted(by_client.items())
        },
        "by_kind": {
            k: {"cases": v[0], "mailwall": pct(v[1], v[0])} for k, v in sorted(by_kind.items())
        },
    }
    return entry, failures


# --- run ----------------------------------------------------------------------------------


@dataclass
class Report:
    results: dict = field(default_factory=dict)
    failures: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # family, corpus, id, why
    notes: list[str] = field(default_factory=list)
    contenders: list[str] = field(default_factory=list)


def run(
    cases: list[Case],
    own_cases: dict[str, list[ClientCase]] | None = None,
    peers: bool = True,
) -> Report:
    found, notes = _peers() if peers else ({}, [])
    contenders: dict[str, Callable[[Case], Split]] = {"mailwall": mailwall_split, **found}
    report = Report(notes=notes, contenders=list(contenders))
    for corpus in TRIMMING_CORPORA:
        subset = [c for c in cases if c.corpus == corpus]
        if not subset:
            continue
        entry: dict = {"cases": len(subset)}
        for name, fn in contenders.items():
            passed = sum(1 for c in subset if _passes(fn, c))
            entry[name] = round(100 * passed / len(subset), 1)
        report.results[corpus] = entry
        for case in subset:
            if not _passes(mailwall_split, case):
                family, why = failure(case, mailwall_split(case))
                report.failures.append((family, corpus, case.case_id, why))
    for name, own in (own_cases or {}).items():
        if own:
            entry, failed = run_clients(own)
            report.results[name] = entry
            report.failures.extend((family, name, cid, why) for family, cid, why in failed)
    return report


def known_failures_table(report: Report) -> str:
    lines = ["KNOWN_FAILURES: dict[tuple[str, str], str] = {"]
    for family, corpus, case_id, _why in sorted(report.failures, key=lambda f: (f[1], f[2])):
        if corpus in own_corpora():
            continue  # scored here, not in the golden tests (tests/data/* have their own)
        lines.append(f"    ({json.dumps(corpus)}, {json.dumps(case_id)}): {json.dumps(family)},")
    lines.append("}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    # html5lib (under talon) warns on Outlook's namespaced tags; noise, not results.
    warnings.filterwarnings("ignore")
    root = corpora_root()
    if not root.is_dir():
        print(json.dumps({"error": f"corpora not found at {root}"}))
        sys.exit(1)
    if "--known-failures" in args:
        print(known_failures_table(run(load_cases(root), peers=False)))
        return
    own_cases = {name: load_client_cases(path) for name, path in own_corpora().items()}
    report = run(load_cases(root), own_cases)
    names = report.contenders
    print(f"corpora: {root}")
    for name, path in own_corpora().items():
        if not own_cases[name]:
            print(f"note: {path} absent: the {name} corpus is not scored")
    for note in report.notes:
        print(f"note: {note}")
    print("share of cases passing, %")
    print(f"{'corpus':32} {'cases':>5} " + " ".join(f"{n:>18}" for n in names))
    for corpus, entry in report.results.items():
        cells = " ".join(f"{entry[n]:>18.1f}" if n in entry else f"{'-':>18}" for n in names)
        print(f"{corpus:32} {entry['cases']:>5} {cells}")
    for name in own_corpora():
        if name not in report.results:
            continue
        for axis in ("by_client", "by_kind"):
            for key, sub in report.results[name][axis].items():
                print(f"  {name} {axis[3:]} {key}: {sub['mailwall']:.1f} % of {sub['cases']}")
    grouped: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for family, corpus, case_id, why in report.failures:
        grouped[family].append((corpus, case_id, why))
    print(f"mailwall failures: {len(report.failures)}")
    for family, items in sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"[{len(items)}] {family}: {FAMILIES.get(family, family)}")
        for corpus, case_id, why in items:
            print(f"    {corpus}/{case_id}: {why}")
    summary = {
        "trimming_accuracy_percent": report.results,
        "failures_by_family": {family: len(items) for family, items in sorted(grouped.items())},
        "notes": report.notes,
    }
    print(json.dumps(summary, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
