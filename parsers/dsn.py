"""Delivery status notifications (RFC 3464): which recipients failed, and how badly.

A DSN is `multipart/report; report-type=delivery-status` whose second part,
`message/delivery-status`, holds header blocks: one for the message, then one per
recipient with `Action:` (failed, delayed, delivered, relayed, expanded),
`Status:` (RFC 3463: 5.x.x permanent, 4.x.x transient) and usually a
`Diagnostic-Code:`. The standard library's email package parses these blocks;
this module only reads them. Bytes in, values out, no I/O.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import Message
from typing import Literal

Severity = Literal["hard", "soft"]

STATUS = re.compile(r"^\s*([245])\.(\d{1,3})\.(\d{1,3})")


@dataclass(frozen=True)
class RecipientStatus:
    """One per-recipient block of a DSN."""

    recipient: str  # Final-Recipient (or Original-Recipient) address, may be ""
    action: str  # lower-cased Action, may be ""
    status: str  # e.g. "5.1.1", may be ""
    diagnostic: str  # Diagnostic-Code without its type, may be ""

    @property
    def severity(self) -> Severity | None:
        """`hard` for a permanent failure, `soft` for a transient one reported as final,
        None when it is no failure at all (delayed, delivered, relayed, expanded)."""
        if self.action and self.action != "failed":
            return None
        if self.status.startswith("4"):
            return "soft"
        if self.status.startswith("2"):
            return None
        # 5.x.x, or `failed` with no usable status: the delivery did not happen.
        return "hard"


@dataclass(frozen=True)
class DeliveryReport:
    recipients: tuple[RecipientStatus, ...]

    @property
    def severity(self) -> Severity | None:
        """The worst of the recipients' outcomes."""
        found = {r.severity for r in self.recipients}
        if "hard" in found:
            return "hard"
        if "soft" in found:
            return "soft"
        return None

    @property
    def worst(self) -> RecipientStatus | None:
        severity = self.severity
        return next((r for r in self.recipients if r.severity == severity), None)


def read_dsn(raw: bytes) -> DeliveryReport | None:
    """The report's per-recipient statuses, or None when the mail is not an RFC 3464 DSN."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    if message.get_content_type() != "multipart/report":
        return None
    if _report_type(str(message.get("Content-Type", ""))) != "delivery-status":
        return None
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status":
            blocks = part.get_payload()
            if not isinstance(blocks, list):
                return DeliveryReport(())
            # A stray blank line leaves an empty block: it reports on nobody.
            return DeliveryReport(tuple(_recipient(b) for b in blocks[1:]
                                        if isinstance(b, Message) and len(b.keys())))
    return None


def _report_type(content_type: str) -> str:
    """The `report-type` parameter, RFC 2231 encoding included (the modern header parser
    decodes it; the compat32 one used for the rest does not)."""
    try:
        header = email.policy.default.header_factory("Content-Type", content_type)
        return str(header.params.get("report-type", "")).strip().lower()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a header no parser understands is no report
        return ""


def _recipient(block: Message) -> RecipientStatus:
    address = _typed_value(block.get("Final-Recipient") or block.get("Original-Recipient"))
    status = STATUS.match(str(block.get("Status", "")))
    return RecipientStatus(
        recipient=address.strip("<> ").lower(),
        action=str(block.get("Action", "")).strip().lower(),
        status=".".join(status.groups()) if status else "",
        diagnostic=" ".join(_typed_value(block.get("Diagnostic-Code")).split())[:500],
    )


def _typed_value(value: object) -> str:
    """`rfc822; someone@example.com` → `someone@example.com` (RFC 3464 address-type; value)."""
    text = str(value or "")
    kind, sep, rest = text.partition(";")
    return rest.strip() if sep else text.strip()
