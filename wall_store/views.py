"""Plain-dict views of stored rows for the CLI's tables and `--json`."""

from __future__ import annotations

from email.parser import BytesHeaderParser
from email.policy import default
from typing import Any

from sqlalchemy.orm import Session

from wall_store.blobs import get_blob
from wall_store.models import Community, RawMessage
from wall_store.reasons import Reason

_HEADERS_SHOWN = ("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To",
                  "References", "Auto-Submitted", "List-Id", "Authentication-Results")


def _headers(session: Session, row: RawMessage) -> list[tuple[str, str]]:
    raw = get_blob(session, row.blob_sha256) or b""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0][:65536]
    try:
        message = BytesHeaderParser(policy=default).parsebytes(head)
        return [(name, str(value)) for name, value in message.items() if name in _HEADERS_SHOWN]
    except Exception:  # noqa: BLE001 - a display helper must not fail on a broken header
        return []


def _sentence(row: RawMessage) -> str:
    if not row.reason:
        return ""
    try:
        return Reason.from_code(row.reason).sentence("en")
    except KeyError:
        return row.reason_detail or ""


def raw_message_row(
    session: Session, row: RawMessage, headers: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    shown = dict(headers if headers is not None else _headers(session, row))
    community = session.get(Community, row.community_id) if row.community_id else None
    return {
        "id": row.id,
        "state": row.status.value,
        "reason": row.reason,
        "source": row.source.value,
        "from": shown.get("From", row.envelope_from),
        "community": community.slug if community else None,
        "subject": shown.get("Subject", "")[:60],
        "received_at": row.received_at.isoformat(timespec="seconds"),
    }


def raw_message_detail(session: Session, row: RawMessage) -> dict[str, Any]:
    headers = _headers(session, row)  # the raw blob is read and parsed once
    data = raw_message_row(session, row, headers)
    data.update(
        sentence=_sentence(row),
        envelope_from=row.envelope_from,
        envelope_to=row.envelope_to,
        message_id=row.message_id,
        processed_at=row.processed_at.isoformat(timespec="seconds") if row.processed_at else None,
        attempts=row.attempts,
        last_error=row.last_error,
        outcome=row.outcome,
        peer_ip=row.peer_ip,
        authentication_results=row.authentication_results,
        decision=row.decision.value if row.decision else None,
        decided_by=row.decided_by,
        decided_via=row.decided_via.value if row.decided_via else None,
        decided_at=row.decided_at.isoformat(timespec="seconds") if row.decided_at else None,
        size=row.size,
        headers=headers,
        subject=dict(headers).get("Subject", ""),
    )
    return data
