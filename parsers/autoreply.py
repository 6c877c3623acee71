"""Flags for mail no person wrote: auto-replies, bounces, list traffic, our own mail looping back.

Each flag carries the evidence (header and value, or subject) so that a dropped message can be
explained. The rules, and why:

- ``Auto-Submitted`` (RFC 3834) other than ``no`` is authoritative: auto-replied or auto-generated.
- ``X-Autoreply`` / ``X-Autorespond`` / ``X-Autoresponder`` (Postfix vacation, cPanel, qmail...).
- ``Precedence: bulk|junk|auto_reply`` (RFC 3834 §3.1.8 says responders should honour them);
  ``Precedence: list``, and ``bulk`` on mail with ``List-Id``/``List-Post`` (vger and old
  Mailman mark every post so), are list traffic, reported as ``list_mail`` only.
- ``X-Auto-Response-Suppress`` is only a hint. Per [MS-OXCMAIL] §2.2.3.2.14 it asks *others*
  not to answer automatically; Exchange puts it on its out-of-office replies and reports, but
  notification systems and some Outlook configurations also set it (``All``) on mail people
  wrote. Alone it flags nothing; it confirms an out-of-office-looking subject.
- Subjects: the prefixes clients put on generated replies (``Réponse automatique :``,
  ``Automatic reply:``, ``Abwesenheitsnotiz:``...) are enough on their own. Phrases such as
  "Absent du bureau" or "Out of office" can also be a person announcing a leave to their team,
  so they only count together with another hint — except as the prefix clients generate
  (``Absence du bureau : <subject>``, ``Out of Office: <subject>``).
- Bounces: a ``multipart/report; report-type=delivery-status`` body (RFC 3464), a
  ``MAILER-DAEMON`` or ``postmaster`` sender, or an ``X-Failed-Recipients`` header (Exim).
  An empty envelope return path is the gateway's evidence, not ours.
- Read receipts (``report-type=disposition-notification``, RFC 8098) are auto-replies.
- Lists: ``List-Id`` or ``List-Post`` (RFC 2919 / 2369).
- Own loop: the ``X-Mailwall-Origin`` header Mailwall puts on everything it sends.
- No header at all (an Outlook rule's template): :func:`from_content` reads the text's
  structure, conservatively, since a flagged mail is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from parsers import labels
from parsers.values import Address, Flag

OWN_HEADER = "X-Mailwall-Origin"

_AUTO_PREFIX = re.compile(
    r"^\s*(?:"
    r"r[ée]ponse\s+automatique|automatic\s+reply|auto[\s-]?reply|autoreply|auto[\s-]?response|"
    r"out\s+of\s+(?:the\s+)?office\s+auto[\s-]?reply|abwesenheitsnotiz|automatische\s+antwort|"
    r"respuesta\s+autom[áa]tica|risposta\s+automatica|resposta\s+autom[áa]tica|"
    r"automatisch\s+antwoord|"
    # Exchange and older Outlook put these before the original subject; a person
    # announcing a leave writes a sentence, not "<phrase> : <their subject>".
    r"absen(?:t|te|t\(e\)|ce)\s+du\s+bureau|out\s+of\s+(?:the\s+)?office"
    r")\s*:",
    re.IGNORECASE,
)
_OUT_OF_OFFICE = re.compile(
    r"absen(?:t|te|t\(e\)|ce)\s+du\s+bureau|hors\s+du\s+bureau|out\s+of\s+(?:the\s+)?office|"
    r"fuera\s+de\s+(?:la\s+)?oficina|abwesend|abwesenheit|on\s+vacation|en\s+cong[ée]s?",
    re.IGNORECASE,
)
_BOUNCE_SENDERS = re.compile(
    r"^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)$", re.IGNORECASE
)
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(?:undeliver(?:able|ed)|delivery\s+status\s+notification|"
    r"mail\s+delivery\s+(?:failed|failure|system)|returned\s+mail|non\s+remis|"
    r"remise\s+impossible|non\s+distribu[ée])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Flags:
    auto_reply: Flag | None
    bounce: Flag | None
    list_mail: Flag | None
    own_loop: Flag | None


def detect(
    header: Callable[[str], str | None],
    sender: Address | None,
    subject: str,
    content_type: str,
    report_type: str,
) -> Flags:
    """Flags from header values (``header(name)`` gives the decoded first value or None)."""
    return Flags(
        auto_reply=_auto_reply(header, subject, report_type),
        bounce=_bounce(header, sender, subject, content_type, report_type),
        list_mail=_list_mail(header),
        own_loop=_own_loop(header),
    )


def _auto_reply(header: Callable[[str], str | None], subject: str, report_type: str) -> Flag | None:
    submitted = header("Auto-Submitted")
    if submitted is not None and submitted.strip().split(";", 1)[0].strip().lower() not in (
        "",
        "no",
    ):
        return Flag(f"Auto-Submitted: {submitted.strip()[:100]}")
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-AutoReply-From"):
        value = header(name)
        if value is not None and value.strip().lower() not in ("no", "false", "0"):
            return Flag(f"{name}: {value.strip()[:100]}")
    precedence = (header("Precedence") or "").strip().lower()
    from_list = header("List-Id") is not None or header("List-Post") is not None
    # Mailing-list software (vger, old Mailman) marks every post "bulk": that is list traffic.
    if precedence in ("junk", "auto_reply", "auto-reply") or (
        precedence == "bulk" and not from_list
    ):
        return Flag(f"Precedence: {precedence}")
    if report_type == "disposition-notification":
        return Flag("Content-Type: multipart/report; report-type=disposition-notification")
    if _AUTO_PREFIX.match(subject):
        return Flag(f"Subject: {subject[:100]}")
    suppress = header("X-Auto-Response-Suppress")
    if suppress is not None and _OUT_OF_OFFICE.search(subject[:500]):
        return Flag(f"Subject: {subject[:100]} (with X-Auto-Response-Suppress: {suppress[:40]})")
    return None


def _bounce(
    header: Callable[[str], str | None],
    sender: Address | None,
    subject: str,
    content_type: str,
    report_type: str,
) -> Flag | None:
    if content_type == "multipart/report" and report_type == "delivery-status":
        return Flag("Content-Type: multipart/report; report-type=delivery-status")
    if sender is not None and _BOUNCE_SENDERS.match(sender.address.rpartition("@")[0]):
        return Flag(f"From: {sender.address}")
    failed = header("X-Failed-Recipients")
    if failed is not None:
        return Flag(f"X-Failed-Recipients: {failed[:100]}")
    if content_type == "multipart/report" and _BOUNCE_SUBJECT.match(subject):
        return Flag(f"Subject: {subject[:100]}")
    return None


def _list_mail(header: Callable[[str], str | None]) -> Flag | None:
    for name in ("List-Id", "List-Post"):
        value = header(name)
        if value is not None:
            return Flag(f"{name}: {value.strip()[:200]}")
    if (header("Precedence") or "").strip().lower() == "list":
        return Flag("Precedence: list")
    return None


def _own_loop(header: Callable[[str], str | None]) -> Flag | None:
    value = header(OWN_HEADER)
    if value is not None:
        return Flag(f"{OWN_HEADER}: {value.strip()[:100]}")
    return None


# --- out-of-office text with no header ------------------------------------------------------
#
# An Outlook rule ("reply with a template") or a webmail's vacation message may carry no
# header at all. Its text has a recognisable structure: a short message whose first lines say
# the author is away, then some of: the period (dates, "until", "back on"), what happens to
# the reader's message ("je prendrai connaissance de votre message à mon retour", "limited
# access to email") and whom to contact instead ("en cas d'urgence, contactez…"). A flagged
# mail is dropped, so a person writing "je serai absent demain, on en reparle lundi" or
# announcing a leave to their team must never match: the absence statement alone is not
# enough, two of the other parts are required, and questions, greetings to a group and long
# texts rule it out.

CONTENT_MAX_CHARS = 1500  # out-of-office texts are short, even in two languages
_CONTENT_MAX_LINES = 25
_ABSENCE_WITHIN = 400  # the absence is said first (after a greeting)

# Phrases of scripts written with spaces start a word: "\b" first spares the engine trying
# every branch at every position (the tables hold ~100 phrases). Chinese, Japanese and
# Korean phrases may start anywhere.
_PHRASES = labels.words(labels.AUTO_REPLY_PHRASES)
_SPACED = [p for p in _PHRASES if p[:1] < "\u3000"]
_UNSPACED = [p for p in _PHRASES if p[:1] >= "\u3000"]
_ABSENCE = re.compile(
    r"\b"
    + labels.alternation(_SPACED)
    + ("|" + labels.alternation(_UNSPACED) if _UNSPACED else "")
    + r"|\bje\s+(?:suis|serai)\s+(?:actuellement\s+|malheureusement\s+)?"
    r"(?:absente?s?|absent\(e\)|en\s+cong[ée]s?|en\s+vacances|en\s+d[ée]placement|"
    r"hors\s+du\s+bureau|en\s+formation|en\s+arr[êe]t)\b"
    r"|\b(?:i\s+am|i'm|i\s+will\s+be|i'll\s+be)\s+(?:currently\s+)?(?:out\s+of\s+(?:the\s+)?office|"
    r"away|on\s+(?:annual\s+|parental\s+|sick\s+)?(?:leave|vacation|holiday)|travel+ing|"
    r"out\s+until|off\s+until)"
    r"|\bich\s+bin\s+(?:bis|vom|derzeit|zurzeit|leider|nicht)",
)  # searched in lower case: faster than IGNORECASE over a hundred phrases
_MONTH_WORD = (
    r"(?:janv|f[ée]vr?|mars|avr|mai|juin|juil|ao[ûu]t|sept?|oct|nov|d[ée]c|jan|feb|mar|apr|may|"
    r"jun|jul|aug|dec|januar|februar|märz|april|juni|juli|oktober|dezember)[a-zéû]*\.?"
)
_PERIOD = re.compile(
    r"\b(?:du|from|between|vom)\s+(?:\w+\s+)?\d{1,2}(?:er)?[\s/.]"
    r"|\b(?:jusqu['’]\s*(?:au|à|a)|until|till|through|bis\s+(?:zum|einschlie)|"
    r"de\s+retour|back\s+(?:on|in\s+the\s+office)|retour\s+(?:pr[ée]vu\s+)?le|returning\s+on|"
    r"r[ée]int[ée]grerai|reprendrai|hasta\s+el|fino\s+al|at[ée]\s+(?:ao?|dia)|tot\s+en\s+met)\b"
    r"|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b"
    rf"|\b\d{{1,2}}(?:er|st|nd|rd|th)?\s+{_MONTH_WORD}"
    rf"|\b{_MONTH_WORD}\s+\d{{1,2}}\b",
    re.IGNORECASE,
)
_DEFERRED = re.compile(
    r"\bvotre\s+(?:message|mail|e-?mail|courriel|demande)\b"
    r"|\byour\s+(?:message|e-?mail|mail|request)\b"
    r"|\b(?:prendrai\s+connaissance|traiterai|r[ée]pondrai|reviendrai\s+vers\s+vous)\b"
    r"|\b(?:acc[èe]s\s+limit[ée]|sans\s+acc[èe]s)\b"
    r"|\b(?:limited|no)\s+access\s+to\b"
    r"|\bwill\s+(?:respond|reply|get\s+back|answer)\b"
    r"|\b(?:ne\s+sera\s+pas|will\s+not\s+be)\s+(?:transf[ée]r[ée]|lu|forwarded|read)\b"
    r"|\bihre\s+(?:nachricht|e-?mail)\b"
    r"|\bsu\s+(?:mensaje|correo)\b|\b(?:suo|sua)\s+(?:messaggio|e-?mail|mail)\b"
    r"|\b(?:sua|vossa)\s+(?:mensagem|e-?mail)\b|\buw\s+(?:bericht|e-?mail|mail)\b",
    re.IGNORECASE,
)
_URGENT = re.compile(
    r"\b(?:en\s+cas\s+d['’]\s*urgence|pour\s+(?:toute|les)\s+(?:demandes?\s+)?urgen|"
    r"urgent|urgence|urgence?s|emergenc|in\s+dringenden)"
    r"|\b(?:vous\s+pouvez|merci\s+d['’e]|veuillez)\s*(?:contacter|joindre|vous\s+adresser|"
    r"[ée]crire)\b|\b(?:contactez|joignez|adressez-vous|[ée]crivez)\b"
    r"|\bplease\s+(?:contact|reach\s+out|get\s+in\s+touch|email|e-mail)\b"
    r"|\bwenden\s+sie\s+sich\b|\bp[óo]ngase\s+en\s+contacto\b|\bcontattare\b|"
    r"\bentre\s+em\s+contato\b|\bneem\s+contact\b",
    re.IGNORECASE,
)
# The absence told in the future tense: written ahead by a person, unless it speaks of the
# reader's message.
_FUTURE = re.compile(r"serai|will\s+be|'ll\s+be|estar[ée]|sar[òo]|estarei|werde|zal\b", re.I)
# "Bonjour à tous", "Hi all", "Hello team": a message to a group is a person's announcement.
_GROUP_GREETING = re.compile(
    r"^\W{0,3}(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|dear|chers?|ch[èe]res?|hola|"
    r"buenos\s+d[íi]as|ciao|buongiorno|hallo|liebe|beste|ol[áa]|bom\s+dia)\s*"
    r"(?:à\s+|a\s+)?(?:tous|toutes|tout\s+le\s+monde|all|everyone|team|l['’]\s*[ée]quipe|"
    r"coll[èe]gues|colleagues|les\s+\w+|todos|tutti|zusammen|allemaal|kollegen|"
    r"colleghi|compa[ñn]eros|collega['’]s)\b",
    re.IGNORECASE,
)


def from_content(text: str, subject: str) -> Flag | None:
    """An out-of-office message recognised by its text alone (``text``: the new text)."""
    text = text.strip()
    if not text or len(text) > CONTENT_MAX_CHARS or "?" in text:
        return None
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > _CONTENT_MAX_LINES or _GROUP_GREETING.match(lines[0][:200]):
        return None
    head = text[:_ABSENCE_WITHIN]
    lowered = head.lower()
    absence = _ABSENCE.search(lowered)
    if absence is None:
        return None
    # Quoted as written when lower-casing kept the length (it nearly always does).
    said = (head if len(lowered) == len(head) else lowered)[absence.start() : absence.end()]
    parts = [
        name
        for name, pattern in (("period", _PERIOD), ("deferred", _DEFERRED), ("contact", _URGENT))
        if pattern.search(text)
    ]
    if _OUT_OF_OFFICE.search(subject[:500]):
        parts.append("subject")
    # "Je serai absent du 3 au 14 mars, si c'est urgent appelle Paul" is a person telling
    # colleagues; a template set up before leaving also speaks of the reader's message.
    future = _FUTURE.search(said) is not None
    if len(parts) < 2 or (future and "deferred" not in parts):
        return None
    return Flag(f"Text: {said[:60]!r} with {', '.join(parts)}")
