"""Managers hear about held messages: who sent what, why it waits, how to release it.

One notice per manager and held message (recorded in the notices table, keyed by
the raw message), so the scheduler can call this as often as it likes.
A manager approves or refuses by answering the notice with one word (its Reply-To is
a signed `moderate+TOKEN` address), by the command, or on the wall's moderation page.
"""

from __future__ import annotations

import email
import email.header
import email.message
import email.policy
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from digests import compose, i18n, render, views
from digests.settings import MailSettings
from wall_store import digest_queries, links, outbox
from wall_store.base import utcnow
from wall_store.blobs import get_blob
from wall_store.preferences import NOTIFICATIONS, unsubscribe_token
from wall_store.reasons import Reason
from wall_store.tokens import moderation_address
from wall_store.validation import one_line

NOTICE_DAY = "moderation"
PREVIEW_BYTES = 128 * 1024


def _header_text(message: email.message.Message, name: str) -> str:
    """A stranger's header decoded to one line of text. Read raw and decoded here: the
    address parser raises on a name whose encoded words hide a CR or LF, and one such
    held mail must not stop every manager's notices."""
    raw = next((value for key, value in message.raw_items() if key.lower() == name.lower()),
               "")
    try:
        text = str(email.header.make_header(email.header.decode_header(raw)))
    except (ValueError, LookupError, UnicodeError):
        text = raw
    return one_line(text)


def _notice_key(raw_id: int) -> str:
    return f"held:{raw_id}"


def send_moderation_notices(sessions: sessionmaker[Session], settings: MailSettings,
                            *, now: datetime | None = None) -> int:
    now = now or utcnow()
    sent = 0
    with sessions() as session:
        held = digest_queries.held_messages(session)
    for row in held:
        with sessions() as session, session.begin():
            raw = get_blob(session, row.blob_sha256) or b""
            # Held mail is a stranger's: the notice needs its headers and a 600-character
            # excerpt, so the stdlib (slow on long parameter lists, a line object per line)
            # reads only its start.
            message = email.message_from_bytes(raw[:PREVIEW_BYTES], policy=email.policy.default)
            sender = _header_text(message, "From") or row.envelope_from
            subject = _header_text(message, "Subject")
            body = message.get_body(("plain",)) if hasattr(message, "get_body") else None
            text = str(body.get_content()) if body is not None else ""
            try:
                reason = Reason.from_code(row.reason)
            except (KeyError, ValueError):
                reason = Reason.NON_MEMBER_HELD
            for manager in digest_queries.managers_of(session, row.community_id):
                address = manager.primary_address
                if outbox.notice_already_sent(session, address, _notice_key(row.raw_id),
                                              NOTICE_DAY):
                    continue
                lang = i18n.language(manager.locale, settings.default_locale)
                context = {
                    "lang": lang, "community_name": row.community_name, "sender": sender,
                    "subject": subject or i18n.translate(lang, "(no subject)"),
                    "reason": reason.sentence(lang), "excerpt": views.excerpt(text, 600),
                    "raw_id": row.raw_id,
                    "queue_url": links.community_url(settings.base_url, row.community_slug)
                    + "/moderation",
                }
                rendered = render.render("moderation", lang, context)
                mail = compose.compose(compose.Outgoing(
                    kind="moderation", sender_name=row.community_name,
                    from_address=settings.from_address, to_address=address,
                    to_name=manager.display_name, rendered=rendered,
                    list_id=compose.list_id(row.community_name, row.community_slug,
                                            settings.domain),
                    unsubscribe_url=links.unsubscribe_url(
                        settings.base_url,
                        unsubscribe_token(settings.secret, manager.id, NOTIFICATIONS)),
                    origin=f"held={row.raw_id}",
                    # Answering `approve` or `reject` goes to a signed address naming
                    # this held message and this manager (gateway/pipeline.py reads it).
                    reply_to=moderation_address(settings.secret, settings.domain,
                                                row.raw_id, manager.id),
                ), settings.domain)
                queued = outbox.queue_mail(
                    session, kind="moderation", envelope_from=settings.from_address,
                    recipient=address, subject=rendered.subject,
                    message_id=compose.message_id_of(mail), raw=mail.as_bytes())
                outbox.record_notice(session, address=address, reason=_notice_key(row.raw_id),
                                     day=NOTICE_DAY, raw_message_id=row.raw_id,
                                     outbox_id=queued.id)
                sent += 1
    return sent
