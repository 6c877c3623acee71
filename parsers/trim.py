"""Split a reply body into the new text, the quoted history and the signature.

The approach follows Discourse's email_reply_trimmer: every line gets a one-letter
code, and decisions are made on the sequence of codes rather than on the raw text.
Detection leans on structure first and on the words of :mod:`parsers.labels` second,
so that mail in a language the tables lack still splits. Codes:

    E empty            Q quoted (``>``, ``> >``, ``C>``; also the unprefixed lines a
                        client wrapped inside a ``>`` quote)
    A attribution      ("On … wrote:", "Le … a écrit :", may span a few lines; its
                        continuation lines are ``a``). Without a known verb: a short
                        line or two ending with ``:`` holding a date or time and a
                        name or address, right above a ``>`` quote
    F history marker   ("-----Original Message-----", "Begin forwarded message:",
                        "----- Mail original -----", Notes' "-----X a écrit : -----",
                        "reply above this line", a rule titled in any words over
                        ``Label: value`` lines)
    H header block     (first line of "From:/Sent:/To:/Subject:", "De :/Envoyé :/À :":
                        a sender with a date or subject, or a "Sent:" block; a pasted
                        template with labels of its own is not one)
    B banner           (a gateway's "[EXTERNE] Ce message provient de l'extérieur…"
                        first paragraph: dropped from every part)
    D delimiter        (a line of only ``-_=*~#``)
    S signature dash   ("-- ")
    T text

Rules, in order:
0. A reply typed on the attribution's line ("Sounds good. On … wrote:") is split
   off it first.
1. An attribution or forward marker followed by ``>`` lines only introduces that
   quote: inline replies keep every unquoted line as new text.
2. An attribution, forward marker or header block followed by unquoted lines
   starts the quoted history (Outlook and Gmail do not prefix the original):
   everything from it to the end is quoted. A lone attribution at the very top
   with unquoted text below is treated as rule 1 (Discourse does the same):
   cutting there would leave nothing.
3. A ``>`` block that the author embeds between two pieces of their own text,
   under its own attribution ("I think so.\nOn … wrote:\n> …\n\nBut…"), stays in
   the new text, as Discourse keeps it; the attribution line is history. An
   inline reply's quoted questions (no attribution of their own), a bottom-posted
   quote (nothing but a greeting above it) and a quoted forward stay history: they
   are the post the reply is filed under.
4. The signature is searched from the end of the new lines (see
   ``_split_signature``).
5. A mail with text never gets an empty new text because of its quotes: when
   nothing but ``>`` quotes (and their attributions) remains, the quote, without
   its attribution lines, is the new text (Discourse keeps such a mail as is; a
   wall reader needs something in the post). ``quoted_text`` still holds the
   history. So does the text under a header block that opens the mail with no
   marker above it. A bare forward (a marker over its header block) is different:
   it is someone else's message, unwrapped into its own post by
   :mod:`parsers.forwards`, and keeps an empty new text.

Every regular expression sees at most ``LINE_CAP`` characters of a line, and the
multi-line windows are bounded, so work is linear in the input size whatever
the input (1 MB lines, 100k lines).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from parsers import labels

# Longest slice of a line any regular expression sees. Real attribution lines and
# signatures are far shorter; longer lines are prose or junk and stay text.
LINE_CAP = 1000
# How many physical lines a wrapped attribution ("On …\n<addr>\nwrote:") may use.
ATTRIBUTION_WINDOW = 5
# A header block ("From:/Sent:/…") is searched this many lines below its first field.
HEADER_WINDOW = 8


@dataclass(frozen=True, slots=True)
class Trimmed:
    new_text: str
    quoted_text: str
    signature: str


def _search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    # Single entry point so hostile-input tests can count the characters that
    # reach the regex engine; the slice is the actual bound.
    return pattern.search(text[:LINE_CAP])


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\t": " ", "\u200b": ""})
_ODD_SPACE = re.compile("[\u00a0\u202f\u2007\t\u200b]")


def _norm(line: str) -> str:
    # Outlook FR puts non-breaking spaces before colons; Gmail adds zero-width spaces.
    head = line[:LINE_CAP]
    if _ODD_SPACE.search(head) is None:
        return head.strip()  # most lines: nothing to translate (str.translate is slow)
    return head.translate(_SPACES).strip()


# --- line patterns -----------------------------------------------------------------

# Quotes: ">" anywhere after indentation, or Supercite/mutt initials "C>".
_QUOTE = re.compile(r"^[ \t]*(?:>|[A-Z]{1,3}>)")
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]*(?:>|[A-Z]{1,3}>))+ ?")
_SIG_DASH = re.compile(r"^-- ?$")
_DELIMITER = re.compile(r"^[-_=+~#*ᐧ—–•]+$")
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)")

_FORWARD_WORDS = labels.alternation(
    (*labels.words(labels.FORWARD_MARKERS), *labels.words(labels.ORIGINAL_MARKERS))
)
# "-----Original Message-----", "*-------- Message original --------*".
_FORWARD_RULE = re.compile(
    r"^[*_ ]*(?:-{2,}|_{2,}|={2,}) ?(?:" + _FORWARD_WORDS + r") ?(?:-{2,}|_{2,}|={2,})?[*_ ]*:?$"
    # Webmail HTML flattened to one line: "----- Message transféré ----- De : … Objet : …".
    r"|^[*_ ]*-{2,} ?(?:" + _FORWARD_WORDS + r") ?-{2,} ?\S",
    re.IGNORECASE,
)
# "Begin forwarded message:", "Début du message réexpédié :".
_FORWARD_INTRO = re.compile(
    r"^[* ]*" + labels.alternation(labels.words(labels.FORWARD_INTROS)) + r" ?[:：][* ]*$",
    re.IGNORECASE,
)

# The verb that closes an attribution, in every language of the table.
_WROTE = labels.alternation(labels.words(labels.WROTE))
_ATTR_END = re.compile(r"(?:" + _WROTE + r") ?[:：]?$", re.IGNORECASE)
# "X schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:" and "Am … schrieb X <x@y>:".
_ATTR_VERB_INSIDE = re.compile(r"(?:^|\s)" + _WROTE + r" .{1,200}[:：]$", re.IGNORECASE)
# Old Gmail: "2016-03-03 17:21 GMT+01:00 Some One", "2009/5/12 John Doe <john@doe.example>".
_ATTR_ISO_DATE = re.compile(
    r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b.{0,200}?(?:< ?[^<>@ ]{1,100}@[^<> ]{1,100}>:?"
    r"|GMT[+-]\d\d:\d\d [\w .'-]{1,80})$"
)
# Lotus Notes / HCL: "-----Jean Dupont/ACME a écrit : -----".
_NOTES_RULE = re.compile(
    r"^-{3,} ?[^-].{0,150}? (?:" + _WROTE + r") ?[:：]? ?-{3,}$", re.IGNORECASE
)
# "##- Please type your reply above this line -##", "## Bitte gib deine Antwort oberhalb
# dieser Zeile ein. ##", "--- *Previous Replies*": the marker with a few words around it,
# and nothing else on the line.
_REPLY_ABOVE = re.compile(
    r"^[#=*_ -]*(?:[\w'’,]+ ){0,5}"
    + labels.alternation(labels.words(labels.REPLY_ABOVE_MARKERS))
    + r"(?: [\w'’]+){0,2}[ .:!#=*_-]*$",
    re.IGNORECASE,
)
# "Sounds good. On Wed, … wrote:", "ok--- On …": where an attribution may begin
# inside a line (after any word, rule or punctuation).
_INLINE_LEAD = re.compile(
    r"(?<=[^\s])(?:-{2,} ?| +)(?="
    + labels.alternation(labels.words(labels.ATTRIBUTION_LEADS))
    + r"\s)"
    # "Works for me. 3:02 PM, February 13, 2025, "Name" <addr>:": a date after a sentence.
    r"|(?<=[.!?]) +(?=\d)",
    re.IGNORECASE,
)
_LEAD_START = re.compile(
    r"^(?:" + labels.alternation(labels.words(labels.ATTRIBUTION_LEADS)) + r"|\d)(?!\w)",
    re.IGNORECASE,
)
_COLON_EOL = re.compile(r"[:：][ \t]*$", re.MULTILINE)
# Candidate places tried per line: a handful, so that work stays bounded.
INLINE_CANDIDATES = 3
# Gateways' warnings above mail from outside ("[EXTERNAL]", "CAUTION: This email
# originated from outside…", "[EXTERNE] Ce message provient de l'extérieur…").
_BANNER = re.compile(
    r"^[*_ ]*(?:" + labels.alternation(labels.words(labels.EXTERNAL_BANNERS)) + r")",
    re.IGNORECASE,
)
_BANNER_ANYWHERE = re.compile(
    labels.alternation(w for w in labels.words(labels.EXTERNAL_BANNERS) if not w.startswith("[")),
    re.IGNORECASE,
)
BANNER_LINES = 6
_TITLED_RULE = re.compile(r"^[-_=*]{3,} ?[^\W\d_][\w .'’/:]{0,80}\w ?[-_=*]{3,}$")
# Every line that opens history by its words alone, as one regex call per line.
_HISTORY_MARKER = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (_FORWARD_RULE, _FORWARD_INTRO, _REPLY_ABOVE)),
    re.IGNORECASE,
)
_DIGIT_OR_ADDR = re.compile(r"\d|@| via ")
# A wrapped attribution must begin like one: the lead word of a known language,
# a date, or an address. Otherwise "Thanks" + blank + "On … wrote:" would glue.
_ATTR_START = re.compile(
    r"^(?:" + labels.alternation(labels.words(labels.ATTRIBUTION_LEADS)) + r"|\d)(?!\w)"
    r"|^.{0,200}(?:<|@)",
    re.IGNORECASE,
)
_ATTR_TRIM = re.compile(r"^[ >*-]+|[ *-]+$")

_FIELD = re.compile(
    r"^\*{0,2} ?("
    + labels.alternation(n for f in labels.HEADER_FIELDS for n in labels.field_names(f))
    + r") ?\*{0,2} ?[:：]",
    re.IGNORECASE,
)


def _field_name(norm: str) -> str | None:
    m = _search(_FIELD, norm)
    if m is None or not norm[m.end() :].strip(" *"):
        return None
    return labels.field_of(m.group(1))


def _finished_sentence(text: str) -> bool:
    """Does ``text`` end a sentence, rather than an abbreviation ("Fr., 28.", "lun.")?"""
    words = text.split()
    if len(words) < 3 or not text.endswith((".", "!", "?")):
        return False
    last = words[-1].rstrip(".!?")
    return text.endswith(("!", "?")) or (len(last) >= 2 and last.isalpha() and last.islower())


def _attribution_end(lines: list[str], norms: list[str], i: int) -> int | None:
    """Index of the last line of an attribution starting at ``i``, or None."""
    first = norms[i]
    if len(first) > 300:
        return None
    if _is_attribution(_ATTR_TRIM.sub("", first)):
        return i
    if not _search(_ATTR_START, _ATTR_TRIM.sub("", first)):
        return None
    if _finished_sentence(first):
        # "Le devis est ok." is not the first half of an attribution.
        return None
    joined = ""
    for j in range(i, min(len(lines), i + ATTRIBUTION_WINDOW)):
        piece = norms[j]
        if j > i:
            if not piece:
                # A wrapped attribution may straddle a blank line only when the
                # text so far is not a finished sentence ("On this day.").
                if joined.endswith((".", "!", "?")):
                    return None
                continue
            if _search(_ATTR_TRIM, piece) and not piece.strip(" >*-"):
                continue
        joined = f"{joined} {_ATTR_TRIM.sub('', piece[:300])}".strip()
        if len(joined) > 400:
            return None
        if _is_attribution(joined):
            return j
        if j > i and _search(_QUOTE, lines[j]) is None and joined.endswith((".", "!", "?")):
            return None
    return None


# A date or a time ("17/11/2021", "2021-11-17", "11:00", "10h12", "2021") and a name or
# an address ("<a@b>", "a@b", '"Name"', two capitalised words).
# Never inside a longer run of dotted numbers: "108.177.96.26" is an IP address.
_DATE_OR_TIME = re.compile(
    r"(?<![\d.])(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[:h.]\d{2})(?![\d]|\.\d)"
    r"|\b(?:19|20)\d{2}\b"
)
_NAME_OR_ADDRESS = re.compile(
    r"@|<|\"[^\"]{2,80}\"|\b[A-ZÀ-Ý][\w'’-]+,? [A-ZÀ-Ý][\w'’-]+",
)
STRUCTURAL_ATTRIBUTION_CHARS = 250


def _structural_attribution_end(lines: list[str], norms: list[str], i: int) -> int | None:
    """An attribution in a language the table lacks, or with no verb at all.

    A short line, or two, ending with ``:`` that holds a date or time and a name or
    an address, directly followed (blank lines aside) by a ``>`` quote, or by
    indented text when it names an address: the shape
    every client gives it, whatever the words ("11:00 AM, November 17, 2021,
    "Name" <addr>:", "Dne 3. 3. 2025 v 10:12 Alice <alice@…> napsal(a):").
    """
    end = None
    if norms[i].endswith((":", "：")):
        end = i
    elif (
        i + 1 < len(norms)
        and norms[i + 1].endswith((":", "："))
        and norms[i]
        and not norms[i].endswith((".", "!", "?"))
        and (_search(_DATE_OR_TIME, norms[i]) or "@" in norms[i])
        and _attribution_end(lines, norms, i + 1) is None
    ):
        # Wrapped over two lines, the date or address in the first half; a finished
        # sentence or a greeting above a whole attribution is not its first half.
        end = i + 1
    if end is None:
        return None
    joined = " ".join(_ATTR_TRIM.sub("", norms[k]) for k in range(i, end + 1))
    if len(joined) > STRUCTURAL_ATTRIBUTION_CHARS:
        return None
    if not (_search(_DATE_OR_TIME, joined) and _search(_NAME_OR_ADDRESS, joined)):
        return None
    for k in range(end + 1, min(len(lines), end + 3)):
        if norms[k]:
            if _search(_QUOTE, lines[k]):
                return end
            # Clients that indent the original instead of prefixing it: only with
            # an address in the attribution, the stronger sign.
            indented = lines[k].startswith(("\t", "  "))
            return end if indented and "@" in joined else None
    return None


def _is_attribution(text: str) -> bool:
    if _search(_ATTR_ISO_DATE, text):
        return True
    if not _search(_DIGIT_OR_ADDR, text):
        return False
    return bool(_search(_ATTR_END, text) or _search(_ATTR_VERB_INSIDE, text))


# "Impact : élevé", "Lieu : salle B": a label that is no header field of the table.
_OTHER_LABEL = re.compile(r"^[\w'’ .-]{1,30}[:：] ?\S")
_EXTRA_LABEL = re.compile(
    r"^\*{0,2} ?" + labels.alternation(labels.words(labels.HEADER_EXTRAS)) + r" ?\*{0,2} ?[:：]",
    re.IGNORECASE,
)


def _is_header_block(norms: list[str], i: int, first: str) -> bool:
    """Do the lines from ``i`` form a quoted message's header block?

    Two or more ``Label: value`` lines of the table, with a sender and a date or a
    subject whose values look like them. A template pasted in a reply ("De : … /
    À : … / Impact : …") has labels of its own among the fields: then only a full
    block (sender, date and subject) counts.
    """
    values = {first: norms[i].split(":", 1)[-1] if ":" in norms[i] else norms[i]}
    foreign = pending = blank = False
    misses = 0
    for j in range(i + 1, min(len(norms), i + HEADER_WINDOW)):
        norm = norms[j]
        name = _field_name(norm) if norm else None
        if name is None:
            blank = blank or not norm
            if norm and _search(_OTHER_LABEL, norm) and not _search(_EXTRA_LABEL, norm):
                # A label of its own counts inside the block (no blank line yet) or
                # between fields, not in the text below it.
                foreign = foreign or not blank
                pending = True
            misses += 1
            if misses > 2:
                break
            continue
        foreign = foreign or pending
        misses = 0
        values.setdefault(name, norm)
    sender = "from" in values and len(values["from"]) <= 200
    dated = "date" in values and any(ch.isdigit() for ch in values["date"])
    subject = "subject" in values
    if foreign:
        return sender and dated and subject
    # Without a date, the sender must look like one (an address): "De : Service
    # informatique / À : Tous / Objet : Coupure" is a notice, not a quoted message.
    if sender and (dated or (subject and "@" in values["from"])):
        return True
    # A block opening on its date ("Date: … / To: …", Outlook's "Sent:" block with
    # the sender printed as a bare name line above it).
    return first == "date" and dated and ("to" in values or "from" in values)


def _titled_rule_over_fields(norms: list[str], i: int) -> bool:
    """A rule titled in any words ("---- Original email message ----",
    "-----Oprindelig meddelelse-----") directly over ``Label: value`` lines, or
    titled with a date (Notes' "----- Transféré par X/ORG le 27/02/2025 12:03 -----")."""
    if norms[i][:1] not in ("-", "_", "=", "*") or not _search(_TITLED_RULE, norms[i]):
        return False
    if _search(_DATE_OR_TIME, norms[i]):
        return True
    for j in range(i + 1, min(len(norms), i + 3)):
        if norms[j]:
            return bool(_search(_OTHER_LABEL, norms[j]))
    return False


def _classify(lines: list[str], norms: list[str]) -> list[str]:
    codes = ["T"] * len(lines)
    in_fence = False
    i = 0
    while i < len(lines):
        line, norm = lines[i], norms[i]
        if _search(_FENCE, line):
            in_fence = not in_fence
        elif in_fence:
            # Code blocks ("####", "> prompt") are content, whatever they look like.
            pass
        elif not norm:
            codes[i] = "E"
        elif _search(_QUOTE, line):
            codes[i] = "Q"
        elif _search(_SIG_DASH, line.rstrip("\r")):
            codes[i] = "S"
        elif _search(_DELIMITER, norm):
            codes[i] = "D"
        elif (
            _search(_HISTORY_MARKER, norm)
            or (norm.startswith("---") and _search(_NOTES_RULE, norm))
            or (norm[0] in "-_=*" and _titled_rule_over_fields(norms, i))
        ):
            codes[i] = "F"
        elif "/" in norm and _notes_bare_block(norms, i):
            codes[i] = "H"
        else:
            name = _field_name(norm)
            if name is not None and _is_header_block(norms, i, name):
                codes[i] = "H"
            else:
                end = _attribution_end(lines, norms, i)
                if end is None and (
                    norm.endswith((":", "："))
                    or (i + 1 < len(norms) and norms[i + 1].endswith((":", "：")))
                ):
                    end = _structural_attribution_end(lines, norms, i)
                if end is not None:
                    codes[i] = "A"
                    for j in range(i + 1, end + 1):
                        codes[j] = "a"
                    i = end
        i += 1
    _rejoin_wrapped_quotes(norms, codes)
    _own_gt_content(norms, codes)
    return codes


# HCL Notes prints the original's header as bare lines: the author's hierarchical name
# ("Patrick Henry/DSI/Groupe Cassin", maybe "@Domain"), the date, then each label alone
# on its line above its value ("Pour", "cc", "Objet").
_NOTES_NAME = re.compile(r"^[^\s/:<>@][^/:<>@]{1,60}(?:/[^/:<>@]{1,40}){1,4}(?:@[\w.-]{1,40})?$")
_BARE_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s+\d{1,2}[:h]\d{2})?")
NOTES_BLOCK_LINES = 10
NOTES_LABEL_CHARS = 20


def _notes_bare_block(norms: list[str], i: int) -> bool:
    if _search(_NOTES_NAME, norms[i]) is None:
        return False
    end = min(len(norms), i + NOTES_BLOCK_LINES)
    dated = any(_search(_BARE_DATE, norms[k]) for k in range(i + 1, min(end, i + 3)))
    if not dated:
        return False
    bare = {
        labels.field_of(norms[k].rstrip(" :："))
        for k in range(i + 1, end)
        if norms[k] and len(norms[k]) <= NOTES_LABEL_CHARS
    }
    return len(bare & {"to", "cc", "subject"}) >= 2


def _own_gt_content(norms: list[str], codes: list[str]) -> None:
    """Give back to the text the ``>`` lines that are the author's own content.

    Only where the structure says so: a ``>`` run touching a ``<`` line or a diff's
    ``---`` (a diff, a "< 5 000 € / > 5 000 €" threshold table), or, where nothing is
    quoted above it (no attribution, header block or marker: the history of a top-posted
    reply comes below), a run the author announces with a line ending in ``:`` and goes
    on writing below (a shell session: "Here's what I ran:\n> Get-Service …", a contract
    clause "que je vous recopie :"); the further ``>`` runs of that same paragraph (a
    shell's prompts between their outputs) go with it.
    """
    if "Q" not in codes:
        return
    n = len(codes)
    # Lines of the history below (after the first attribution, header block or marker):
    # a ">" run that repeats them quotes the message answered, it is not the author's.
    start = next((k for k in range(n) if codes[k] in ("A", "F", "H")), n)
    history = {_QUOTE_PREFIX.sub("", norms[k]).strip() for k in range(start, n) if norms[k]}
    quoted_above = False  # an attribution, header block or marker before this run
    announced_end = -1  # where the last announced run ended
    i = 0
    while i < n:
        if codes[i] != "Q":
            quoted_above = quoted_above or codes[i] in ("A", "F", "H")
            i += 1
            continue
        j = i
        while j < n and codes[j] == "Q":
            j += 1
        single = all(not norms[k].startswith((">>", "> >")) for k in range(i, j))
        touching = [k for k in (i - 1, j) if 0 <= k < n and norms[k]]
        diff = any(norms[k].startswith("<") or norms[k] == "---" for k in touching)
        # The same paragraph as an announced run: only text lines between them.
        announced = announced_end >= 0 and all(codes[k] == "T" for k in range(announced_end, i))
        if not announced and not quoted_above and single:
            above = i - 1
            while above >= 0 and codes[above] == "E":
                above -= 1
            below = j
            while below < n and codes[below] == "E":
                below += 1
            announced = (
                above >= 0
                and codes[above] == "T"
                and norms[above].endswith((":", "："))
                and below < n
                and codes[below] == "T"
            )
        if announced and _QUOTE_PREFIX.sub("", norms[i]).strip() in history:
            announced = False
        if single and (diff or announced):
            for k in range(i, j):
                codes[k] = "T"
            announced_end = j if announced else -1
        i = j


# A quoted line this long that stops mid-sentence was wrapped by the client.
WRAPPED_QUOTE_CHARS = 50
WRAPPED_RUN = 2


def _rejoin_wrapped_quotes(norms: list[str], codes: list[str]) -> None:
    """File as quote the unprefixed lines a client wrapped inside a ``>`` quote.

    A long ``>`` line that stops mid-sentence, then one or two unprefixed lines,
    then ``>`` again with no blank line between: the lines are the rest of the
    quoted sentence, not an answer (an answer is set apart by a blank line or
    follows a finished sentence).
    """
    if "Q" not in codes:
        return
    n = len(codes)
    i = 1
    while i < n:
        if codes[i] != "T" or codes[i - 1] != "Q":
            i += 1
            continue
        j = i
        while j < n and codes[j] == "T" and j - i < WRAPPED_RUN:
            j += 1
        above = _QUOTE_PREFIX.sub("", norms[i - 1]).rstrip()
        wrapped = len(above) >= WRAPPED_QUOTE_CHARS and not above.endswith(
            (".", "!", "?", ":", ";", ")")
        )
        if wrapped and j < n and codes[j] == "Q":
            for k in range(i, j):
                codes[k] = "Q"
        i = j


# --- signatures --------------------------------------------------------------------

_MD_LINK = re.compile(r"\[([^\]]{0,200})\]\([^)]{0,500}\)")
_ANGLE_URL = re.compile(r"<(?:https?|mailto):[^>]{0,500}>")

# One pattern, one regex call per line: the alternatives are tried in order.
_MOBILE = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            # The table's lines ("Sent from my", "Envoyé de mon"), with no comma after.
            r"^[(<\[]*"
            + labels.alternation(labels.words(labels.MOBILE_SIGNATURES))
            + r"\b[^,;]{0,60}$",
            # No comma: "Sent from my desk, is much easier then my mobile phone." is prose.
            r"^[(<\[]*sent (?:from|via|with|by|using) [^,;]{1,60}$",
            r"^[(<]*sent (?:from|via|with|by) .{1,40}[,.] *(?:please )?"
            r"(?:excuse|pardon|forgive).{0,60}$",
            r"^\w+ from mobile$",
            r"^from my (?:iphone|ipad|android|mobile|phone|smartphone|blackberry|samsung|galaxy)"
            r"\b.{0,20}$",
            r"^(?:get|obtenir|t[ée]l[ée]charger) (?:the )?outlook (?:for|pour) ",
            r"^envoy[ée] (?:de|depuis|à partir de|a partir de|avec) (?:mon|ma|l['’]|outlook|yahoo|"
            r"gmail|mail|courrier|free|orange|sfr).{0,60}$",
            r"^von meine[mr]? .{1,40} gesendet",
            r"^diese nachricht wurde von .{1,80} gesendet",
            r"^gesendet (?:von|mit) (?:meinem|meiner|outlook|aol|yahoo|gmx|web\.de).{0,40}$",
            r"^inviato da .{1,40}$",
            r"^sendt fra min .{1,40}$",
            r"^enviado (?:do|desde) (?:meu|mi|el|o|outlook) .{0,40}$",
            r"^(?:verzonden|verstuurd) (?:met|vanaf|via) .{1,40}$",
            r"^(?:skickat )?fr[åa]n min .{1,40}$",
            r"^從我的 iphone 傳送",
            r"^<<sent by .{1,30}>>$",
        )
    ),
    re.IGNORECASE,
)

_DISCLAIMER = re.compile(
    r"^(?:ce (?:message|courriel|mail|e-mail)(?: électronique)? (?:et|ainsi que|\(y compris|"
    r"est confidentiel|peut contenir|contient)|les informations contenues dans ce|"
    r"this (?:e-?mail|message)(?: message)? (?:and|\(including|is confidential|may contain|"
    r"contains)|the information (?:contained )?in this (?:e-?mail|message)|"
    r"confidentiality notice|avis de confidentialit[ée]|disclaimer\b|avertissement ?:|"
    r"p? ?(?:merci de )?pensez à l['’]environnement|please consider the environment|"
    r"think before you print|diese e-mail enthält vertrauliche|"
    r"questo messaggio (?:e|è) (?:i )?(?:suoi allegati|confidenziale))",
    re.IGNORECASE,
)

_NAME = r"[A-ZÀ-ÝŁ/][\w.'’/-]*(?: [A-ZÀ-ÝŁ][\w.'’-]*){0,3}"
# Closings of languages labels.py does not carry yet, as trim.py matched them before
# the tables existed; the union with the tables is harmless once they do.
_MORE_SIGN_OFFS = (
    "mit freundlichen grüßen",
    "mit freundlichen grüssen",
    "mit freundlichen gruessen",
    "viele grüße",
    "beste grüße",
    "liebe grüße",
    "freundliche grüße",
    "viele grüsse",
    "beste grüsse",
    "liebe grüsse",
    "freundliche grüsse",
    "saludos",
    "un saludo",
    "saludos cordiales",
    "atentamente",
    "cordiali saluti",
    "distinti saluti",
    "vriendelijke groet",
    "vriendelijke groeten",
    "met vriendelijke groet",
    "met vriendelijke groeten",
    "met hartelijke groet",
    "hartelijke groeten",
)
_MORE_THANKS = (
    "grazie",
    "grazie mille",
    "gracias",
    "danke",
    "danke schön",
    "danke sehr",
    "dank je",
    "dank je wel",
    "bedankt",
)
_SIGN_OFF_WORDS = labels.alternation((*labels.words(labels.SIGN_OFFS), *_MORE_SIGN_OFFS))
_THANKS_WORDS = labels.alternation((*labels.words(labels.THANKS), *_MORE_THANKS))
# A closing ends the message whatever follows on its line ("Cordialement, Jean").
_STRONG_CLOSING = re.compile(r"^(?i:" + _SIGN_OFF_WORDS + r") *[,.!]* *(?:" + _NAME + r")?[ ,.!]*$")
# Polite words that are also ordinary replies ("Merci !" alone is the message):
# a signature only when a name follows. "Merci et bonne journée", "Thanks, and have
# a nice day" chain two of them.
_WEAK_CLOSING = re.compile(
    r"^(?i:" + _THANKS_WORDS + r"(?:,? (?:et|and) " + _THANKS_WORDS + r")?)"
    r" *[,.!]* *(?P<name>" + _NAME + r")?[ ,.!]*$"
)
_NAME_LINE = re.compile(r"^[-—–]? ?" + _NAME + r"$")
# "-Abhishek Kona", "/John", "//Jef": a one-line signature, only as the very last line.
_DASH_NAME = re.compile(r"^(?:-|/{1,2})[A-ZÀ-Ý][\w.'’-]*(?: [A-ZÀ-Ý][\w.'’-]*){0,3}$")
_FOOTER_HINT = re.compile(
    r"mailing list|listinfo|unsubscribe|d[ée]sabonn|d[ée]sinscri|https?://|www\.|@", re.IGNORECASE
)

# A phone number (8+ digits in groups: "01 23 45 67 89", "+33 (0)1 23 45 67 89",
# "+1 415-555-0100"), a mail address or a web address.
_CONTACT = re.compile(
    r"(?:\+?\(?\d[\d().\u00a0 -]{6,}\d)|[\w.+-]+@[\w-]+\.[\w.-]+|\bwww\.|https?://"
)
# A person's name opening a closing-less signature: two to four capitalised words
# of two letters or more ("Stefan Bauer", not "Salle B").
_PERSON = re.compile(r"^[A-ZÀ-ÝŁ][\w.'’-]+(?: [A-ZÀ-ÝŁ][\w.'’-]+){1,3}$")
_NAME_TITLE_SPLIT = re.compile(r" [|–—-] |, | \| ?")
PROFILE_NAME_CHARS = 60
PROFILE_LINES = 7
STRONG_TAIL_LINES = 8
WEAK_TAIL_LINES = 4
TAIL_LINE_CHARS = 100


def _strip_links(norm: str) -> str:
    return _ANGLE_URL.sub("", _MD_LINK.sub(r"\1", norm)).strip()


def _marker(item: str) -> str:
    """One-letter signature marker of a new-text line ('' when none)."""
    norm = _norm(item)
    if not norm:
        return ""
    if _search(_SIG_DASH, item.rstrip()):
        return "S"
    bare = _strip_links(norm)
    if _search(_MOBILE, bare) or _search(_DISCLAIMER, bare):
        return "M"
    if _search(_DELIMITER, norm):
        return "D"
    if _search(_STRONG_CLOSING, bare):
        return "C"
    m = _search(_WEAK_CLOSING, bare)
    if m:
        return "N" if m.group("name") else "W"
    if _search(_DASH_NAME, norm):
        return "L"
    if len(norm) <= PROFILE_NAME_CHARS and _search(_PERSON, norm):
        return "P"
    return ""


# No signature rule looks further than this many lines below its start: the tail is
# cut there (then longer than every rule allows), so each start costs a bounded scan.
TAIL_SCAN_LINES = 40
TAIL_CAP = STRONG_TAIL_LINES + 1


def _tail(items: list[str], start: int, end: int) -> list[str]:
    out: list[str] = []
    for x in items[start : min(end, start + TAIL_SCAN_LINES)]:
        norm = _norm(x)
        if norm:
            out.append(norm)
            if len(out) >= TAIL_CAP:
                break
    if len(out) < TAIL_CAP and end - start > TAIL_SCAN_LINES:
        out.extend([""] * (TAIL_CAP - len(out)))  # too far below: too long for any rule
    return out


def _valid_start(
    items: list[str], markers: list[str], i: int, end: int, has_text: bool, below: bool = False
) -> bool:
    kind = markers[i]
    if kind in ("S", "M"):
        return True
    tail = _tail(items, i + 1, end)
    if kind == "D":
        # A rule then a short footer ("____ / riak-users mailing list"), a long rule
        # over a few short lines, or a stray rule at the very end.
        short = all(len(t) <= TAIL_LINE_CHARS for t in tail)
        footer = len(tail) <= 6 and short and any(_search(_FOOTER_HINT, t) for t in tail)
        long_rule = len(_norm(items[i])) >= 10 and len(tail) <= WEAK_TAIL_LINES and short
        return has_text and (not tail or footer or long_rule)
    if not has_text:
        return False
    if kind == "C":
        return len(tail) <= STRONG_TAIL_LINES and all(len(t) <= TAIL_LINE_CHARS for t in tail)
    if kind in ("W", "N"):
        if kind == "N":
            return len(tail) <= WEAK_TAIL_LINES - 1 and all(len(t) <= TAIL_LINE_CHARS for t in tail)
        if not tail:
            # "Bonne fin de journée," right above a "-- " signature already cut:
            # the closing belongs to it.
            return below
        # The name may carry its title ("Nicolas Perrin | Juriste"); a longer block
        # under it is a signature when it holds a phone number or an address.
        name = _NAME_TITLE_SPLIT.split(tail[0], maxsplit=1)[0]
        limit = STRONG_TAIL_LINES if any(_search(_CONTACT, t) for t in tail) else WEAK_TAIL_LINES
        return (
            len(tail) <= limit
            and bool(_search(_NAME_LINE, name))
            and all(len(t) <= TAIL_LINE_CHARS for t in tail)
        )
    if kind == "L":
        return not tail
    if kind == "P":
        # A signature with no closing: a paragraph opening on a name, of a few
        # short lines, one of them a phone number or an address ("Jean Dupont /
        # Chef de projet / Tél. : 01 23 45 67 89"). Not when the text above
        # announces it ("Voici ses coordonnées :").
        above = _tail(items, max(0, i - 3), i)
        return (
            i > 0
            and not _norm(items[i - 1])
            and bool(above)
            and not above[-1].endswith((":", "："))
            and 0 < len(tail) <= PROFILE_LINES
            and all(len(t) <= TAIL_LINE_CHARS for t in tail)
            and any(_search(_CONTACT, t) for t in tail)
        )
    return False


def _split_signature(items: list[str]) -> tuple[list[str], list[str]]:
    markers = [_marker(x) for x in items]
    end = len(items)
    sig_start = end
    # Peel signatures from the end: a disclaimer under "Cordialement, Jean" makes
    # the closing's tail too long until the disclaimer itself has been cut.
    for _ in range(6):
        while end > 0 and not _norm(items[end - 1]):
            end -= 1
        found = None
        has_text = False
        for i in range(end):
            below = sig_start < len(items)
            if markers[i] and _valid_start(items, markers, i, end, has_text, below):
                found = i
                break
            if _norm(items[i]):
                has_text = True
        if found is None:
            break
        end = sig_start = found
    return items[:sig_start], items[sig_start:]


# --- assembly ----------------------------------------------------------------------


def _join(lines: list[str], rstrip: bool = True) -> str:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    kept = lines[start:end]
    # The signature keeps its "-- " delimiter byte for byte.
    return "\n".join(line.rstrip() for line in kept) if rstrip else "\n".join(kept)


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _next_content(codes: list[str], start: int) -> int | None:
    for j in range(start, len(codes)):
        if codes[j] != "E":
            return j
    return None


def _split_inline_attributions(lines: list[str], text: str) -> list[str]:
    """Put an attribution that follows the reply on its line on a line of its own.

    "Sounds good. On Wed, 3 Mar 2025, Alice <a@b> wrote:" (mobile clients type the
    reply where the cursor was): the text stays, the attribution goes with the quote.
    ``text`` is ``lines`` joined by newlines.
    """
    # Cheap guard first, in one C-level pass over the text: an attribution ends with
    # a colon on its line or one of the next two (wrapped); only lines near one are
    # looked at.
    near: set[int] = set()
    row, pos = 0, 0
    for m in _COLON_EOL.finditer(text):
        row += text.count("\n", pos, m.start())
        pos = m.start()
        # An attribution names a date or an address: colon lines of prose without
        # either ("Voici le diff :") end none.
        if row < len(lines) and _search(_DIGIT_OR_ADDR, lines[row]):
            near.update((row - 2, row - 1, row))
    if not near:
        return lines
    splits: dict[int, tuple[str, str]] = {}
    for i in sorted(near):
        if i < 0 or i >= len(lines):
            continue
        line = lines[i]
        # An attribution names a date or an address; a line with neither holds none.
        if len(line) > LINE_CAP or not _search(_DIGIT_OR_ADDR, line):
            continue
        opens_like_one = bool(_search(_LEAD_START, line.lstrip(" >*-")))
        for m in itertools.islice(_INLINE_LEAD.finditer(line), INLINE_CANDIDATES):
            head, tail = line[: m.start()], line[m.end() :]
            # An attribution names a date or an address: skip the other places. A
            # line that opens like an attribution ("On Mon, 3 Mar 2025 at 10:12")
            # is one, unless a finished sentence comes before the lead word.
            if not any(ch.isdigit() or ch == "@" for ch in tail[:200]):
                continue
            finished = head.rstrip().endswith((".", "!", "?", ")", "…"))
            if (opens_like_one or any(ch.isdigit() for ch in head)) and not finished:
                # "Δευ, 3 Φεβ 2025 στις 10:12, …": a date before the lead word is
                # the attribution's own first half.
                continue
            if tail[:1].isdigit() and (
                not _finished_sentence(head.strip()) or any(ch.isdigit() for ch in head)
            ):
                # A date right after "lun.", "févr." or "3." is the attribution's own.
                continue
            window = [tail, *lines[i + 1 : i + ATTRIBUTION_WINDOW]]
            wnorms = [_norm(x) for x in window]
            if (
                _attribution_end(window, wnorms, 0) is not None
                or _structural_attribution_end(window, wnorms, 0) is not None
            ):
                splits[i] = (head, tail)
                break
    if not splits:
        return lines
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in splits:
            out.extend(splits[i])
        else:
            out.append(line)
    return out


def _mark_banner(norms: list[str], codes: list[str]) -> None:
    """Code ``B`` the security banner a gateway put above the author's text.

    The banner is the first paragraph (at most ``BANNER_LINES`` lines, ended by a
    blank line) when it carries a warning phrase of the table anywhere ("…
    originated from outside…", "… provient d'un expéditeur externe…", whatever
    opens it: "CAUTION:", "ATTENTION :", "[EXTERNE]"). A lone tag line
    ("[EXTERNAL]") is a banner by itself; a tag opening the author's own sentence
    is not.
    """
    k = 0
    while k < len(codes) and codes[k] == "E":
        k += 1
    for _ in range(2):  # a tag line, then the warning paragraph under it
        if k >= len(codes) or codes[k] != "T":
            return
        end = k
        while end < len(codes) and codes[end] == "T" and end - k <= BANNER_LINES:
            end += 1
        m = _search(_BANNER, norms[k])
        if m is not None and not norms[k][m.end() :].strip(" *_]:"):
            end = k + 1  # the tag alone on its line
        else:
            too_long = end - k > BANNER_LINES or (end < len(codes) and codes[end] != "E")
            if too_long or not any(_search(_BANNER_ANYWHERE, norms[j]) for j in range(k, end)):
                return
        for j in range(k, end):
            codes[j] = "B"
        k = end
        while k < len(codes) and codes[k] == "E":
            k += 1


def _keep_interleaved_quotes(
    lines: list[str], norms: list[str], codes: list[str], quoted: list[bool], cut: int
) -> None:
    """Un-file the ``>`` blocks a message embeds between two pieces of its own text.

    "I think so.\nOn Mon, … Alice wrote:\n> We ship Friday.\n\nBut the tests…": the
    author cites a message, attribution and all, and goes on writing; the citation
    is part of what they say (Discourse keeps it). An inline reply's quoted
    questions carry no attribution of their own: they are the post the reply is
    filed under, and stay history (the answers stay new text). A quote with no text
    of the author below it (the signature does not count) is history; so is a quote
    under an attribution with only a greeting above it (bottom-posting) and a
    quoted forward ("Begin forwarded message:", "> From: …").
    """
    if "Q" not in codes or ("A" not in codes and "a" not in codes):
        return
    rows = [j for j in range(cut) if codes[j] == "T" and not quoted[j]]
    if len(rows) < 2:
        return
    # Candidate runs first (cheap): ">" lines right under an attribution, with the
    # author's text above and below; only then is the signature looked for.
    runs: list[tuple[int, int]] = []
    first, last = rows[0], rows[-1]
    j = first + 1
    while j < last:
        if codes[j] != "Q":
            j += 1
            continue
        start = j
        while j < last and codes[j] in ("Q", "E"):
            j += 1
        before = start - 1
        while before > first and codes[before] == "E":
            before -= 1
        if codes[before] not in ("A", "a") or _forwarded_inside(norms[start]):
            # An inline reply's quoted questions (no attribution of their own) are
            # history: the answers are the author's text, the questions are the post
            # the reply is filed under.
            continue
        if _only_greeting(norms, [r for r in rows if r < start]):
            # "Hi,\nOn … wrote:\n> …\n\nanswer": a bottom-posted reply under its
            # greeting; the attribution introduces the parent message, not a piece
            # of it being answered.
            continue
        runs.append((start, j))
    if not runs:
        return
    own = [k for k in range(cut) if not quoted[k]]
    body, _ = _split_signature([lines[k] for k in own])
    sig_from = own[len(body)] if len(body) < len(own) else cut
    text_below = [r for r in rows if r < sig_from]
    for start, stop in runs:
        if not any(r >= stop for r in text_below):
            continue  # only the signature below: the quote is history
        if any(codes[k] == "Q" for k in range(stop, text_below[-1])):
            # More quotes answered one by one further down: an inline reply whose
            # first question sits under the attribution; the questions are history.
            continue
        for k in range(start, stop):
            if codes[k] == "Q":
                quoted[k] = False


GREETING_WORDS = 5


def _only_greeting(norms: list[str], rows: list[int]) -> bool:
    """Is the author's text above a quote a mere greeting line ("Hi,", "Bonjour Paul,")?"""
    if len(rows) != 1:
        return False
    text = norms[rows[0]]
    return text.endswith(",") and len(text.split()) <= GREETING_WORDS


def _forwarded_inside(norm: str) -> bool:
    """Does a quote open on a forward marker or a header field ("> From: …")?"""
    inner = _norm(_QUOTE_PREFIX.sub("", norm))
    return bool(_search(_HISTORY_MARKER, inner) or _field_name(inner) is not None)


def _history_as_text(lines: list[str], norms: list[str], codes: list[str], cut: int) -> list[str]:
    """What a quote-only mail stands for: its ``>`` lines without the attributions.

    Only when nothing but ``>`` quotes (and their attribution) precede the cut: a
    bare forward (a marker such as "---------- Forwarded message ---------" over
    its header block) is someone else's message, unwrapped into its own post by
    :mod:`parsers.forwards`, and keeps an empty new text.
    """
    if cut < len(lines):
        # A header block opening the mail with no marker above it ("Od: … / Wysłano:
        # … / Temat: …" then the text): no forward the unwrapping would take, so the
        # message under the block stands in.
        first = next((j for j, c in enumerate(codes) if c != "E"), None)
        if first != cut or codes[cut] != "H":
            return []
        body = cut
        while body < len(lines) and codes[body] != "E":
            body += 1
        return lines[body:]
    kept: list[str] = []
    has_content = False
    for j, line in enumerate(lines):
        code = codes[j]
        if code == "Q":
            inner = _norm(_QUOTE_PREFIX.sub("", norms[j]))
            if inner and _attribution_like(inner):
                continue
            kept.append(line)
            has_content = has_content or bool(inner)
        elif code == "E":
            kept.append(line)
        elif code in ("H", "F"):
            return []
    return kept if has_content else []


def _attribution_like(inner: str) -> bool:
    # A quoted attribution, possibly cut short by the quote's own wrapping: it
    # opens like one and names an address.
    if _attribution_end([inner], [inner], 0) is not None:
        return True
    return bool(_search(_ATTR_START, inner)) and ("@" in inner or "<" in inner)


def trim(text: str, author: str = "") -> Trimmed:
    """Split ``text`` into new text, quoted history and signature (rules: module doc).

    ``author`` is the sender's display name, when known: a last line that is only that
    name ("Nathalie") signs the message, it is not part of it.
    """
    flat = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _split_inline_attributions(flat.split("\n"), flat)
    norms = [_norm(line) for line in lines]
    codes = _classify(lines, norms)
    _mark_banner(norms, codes)

    n = len(lines)
    quoted = [False] * n
    cut = n
    seen_text = False
    i = 0
    while i < n:
        code = codes[i]
        if code in ("A", "F"):
            end = i
            while end + 1 < n and codes[end + 1] == "a":
                end += 1
            nxt = _next_content(codes, end + 1)
            introduces_quote = nxt is None or codes[nxt] == "Q"
            if introduces_quote or (code == "A" and not seen_text):
                for j in range(i, end + 1):
                    quoted[j] = True
                i = end + 1
                continue
            cut = i
            break
        if code == "H":
            cut = i
            break
        if code == "Q":
            quoted[i] = True
        elif code == "T":
            seen_text = True
        i += 1

    # The Outlook rule ("____", "-----") above a cut belongs to the history, and so
    # does a titled rule in any language ("-----Oprindelig meddelelse-----").
    while (
        cut < n
        and cut > 0
        and (
            codes[cut - 1] in ("E", "D")
            or (codes[cut - 1] == "T" and _search(_TITLED_RULE, norms[cut - 1]))
        )
    ):
        cut -= 1

    _keep_interleaved_quotes(lines, norms, codes, quoted, cut)
    body, signature, quoted_items = _assemble(lines, norms, codes, quoted, cut)
    body, signature = _peel_signing_line(body, signature, author)
    if not any(line.strip() for line in body):
        stand_in = _history_as_text(lines, norms, codes, cut)
        if any(line.strip() for line in stand_in):
            new_body, _ = _split_signature(stand_in)
            if any(line.strip() for line in new_body):
                body = new_body
    return Trimmed(
        new_text=_join(body),
        quoted_text=_join(quoted_items),
        signature=_join(signature, rstrip=False),
    )


# A team signs in place of a person: "La DSI", "L'équipe Paie", "Le service Sinistres",
# "Service comptabilité clients", "IT Support Team", "Quality Office".
_TEAM_LINE = re.compile(
    r"^(?:(?:le|la|les|l['’]|the|your|votre|vos)\s*)?(?:"
    + labels.alternation(labels.words(labels.TEAM_WORDS))
    + r")(?:\s[\w'’&/-]+){0,3}$"
    r"|^[\w'’&/-]+(?:\s[\w'’&/-]+){0,4}\s(?:team|office|department|desk)$"
    r"|^(?:le|la|les|l['’])\s?[A-ZÀ-Ý]{2,6}$",
    re.IGNORECASE,
)
# A word of letters only: the words of a name ("Jean-Marc O'Neil" -> Jean, Marc, O, Neil).
LETTER_WORD = re.compile(r"[^\W\d_]+")
# "Le service est rétabli" is news, not a team signing: a verb makes it a sentence.
_VERBS = frozenset(
    {"est", "sont", "a", "ont", "sera", "seront", "était", "va", "vont", "vient", "reste"}
    | {"fonctionne", "revient", "is", "are", "was", "were", "has", "have", "will", "be"}
)
SIGNING_LINE_CHARS = 60


def _peel_signing_line(
    body: list[str], signature: list[str], author: str
) -> tuple[list[str], list[str]]:
    """The last line of the text, set apart, that only says who signs: the author's own
    name (any of its words, "Nathalie", "N. Martin") or a team ("La DSI")."""
    filled = [i for i, line in enumerate(body) if line.strip()]
    if len(filled) < 2:
        return body, signature
    last, above = filled[-1], filled[-2]
    line = _norm(body[last])
    if len(line) > SIGNING_LINE_CHARS or line[-1:] in ".!?:;,":
        return body, signature
    # Set apart: a blank line above it, or a finished sentence.
    if last - above < 2 and not _norm(body[above]).endswith((".", "!", "?")):
        return body, signature
    words = {w.casefold() for w in LETTER_WORD.findall(line)}
    name = {w.casefold() for w in LETTER_WORD.findall(author[:200]) if len(w) > 1}
    signs = (
        bool(words)
        and len(words) <= 4
        and bool(name)
        and words <= name | {w for w in words if len(w) == 1}
        and bool(words & name)
    )
    if not signs and (_search(_TEAM_LINE, line) is None or words & _VERBS or last - above < 2):
        return body, signature
    kept = body[:last]
    while kept and not kept[-1].strip():
        kept.pop()
    return kept, [body[last], *([""] if signature else []), *signature]


def _assemble(
    lines: list[str], norms: list[str], codes: list[str], quoted: list[bool], cut: int
) -> tuple[list[str], list[str], list[str]]:
    n = len(lines)
    new_items: list[str] = []
    quoted_items: list[str] = []
    gap = False
    for j in range(cut):
        if codes[j] == "B":
            continue  # the gateway's words, not the author's nor the history
        if quoted[j]:
            if quoted_items and j > 0 and not quoted[j - 1]:
                quoted_items.append("")
            quoted_items.append(lines[j])
            gap = True
            continue
        blank = not norms[j]
        if gap and new_items:
            prev_blank = not new_items[-1].strip()
            if blank and prev_blank:
                continue
            if not blank and not prev_blank and codes[j] != "Q":
                # Keep paragraphs apart where an inline quote was lifted out (not
                # where only the attribution above a kept quote was).
                new_items.append("")
        gap = False
        new_items.append(lines[j])
    if cut < n:
        if quoted_items:
            quoted_items.append("")
        quoted_items.extend(lines[cut:])

    body, signature = _split_signature(new_items)
    return body, signature, quoted_items
