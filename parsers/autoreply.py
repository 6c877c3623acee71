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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

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
