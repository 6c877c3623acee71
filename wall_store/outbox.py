"""Outgoing mail, queued in the store and handed to a sender with retries."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.blobs import put_blob
from wall_store.models import Notice, OutboxMessage, OutboxStatus


def queue_mail(
    session: Session,
    *,
    kind: str,
    envelope_from: str,
    recipient: str,
    subject: str,
    message_id: str,
    raw: bytes,
) -> OutboxMessage:
    row = OutboxMessage(
        kind=kind,
        envelope_from=envelope_from,
        recipient=recipient,
        subject=subject,
        message_id=message_id,
        blob_sha256=put_blob(session, raw),
    )
    session.add(row)
    session.flush()
    return row


def notice_already_sent(session: Session, address: str, reason: str, day: str) -> bool:
    return (
        session.scalar(
            select(Notice.id).where(
                Notice.address == address, Notice.reason == reason, Notice.day == day
            )
        )
        is not None
    )


def record_notice(
    session: Session, *, address: str, reason: str, day: str, raw_message_id: int | None,
    outbox_id: int | None,
) -> None:
    session.add(Notice(address=address, reason=reason, day=day, raw_message_id=raw_message_id,
                       outbox_id=outbox_id))
    session.flush()


def due(session: Session, *, limit: int = 50, now: datetime | None = None) -> list[OutboxMessage]:
    now = now or utcnow()
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(
                or_(
                    OutboxMessage.status == OutboxStatus.QUEUED,
                    and_(
                        OutboxMessage.status == OutboxStatus.FAILED,
                        OutboxMessage.next_attempt_at <= now,
                    ),
                )
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
    )


def mark_sent(session: Session, row: OutboxMessage) -> None:
    row.status = OutboxStatus.SENT
    row.sent_at = utcnow()
    row.attempts += 1
    row.last_error = None


def mark_failed(session: Session, row: OutboxMessage, error: str, retry_in: timedelta) -> None:
    row.status = OutboxStatus.FAILED
    row.attempts += 1
    row.last_error = error
    row.next_attempt_at = utcnow() + retry_in


def list_outbox(session: Session, limit: int = 100) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())
                                .limit(limit)))
