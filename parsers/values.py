"""Small frozen values shared by the parsing modules (addresses, flags, attachments)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class ParseProblem(enum.Enum):
    """Why a message cannot become a post at all; the gateway maps it to its decision reason."""

    NO_SENDER = "no_sender"


@dataclass(frozen=True, slots=True)
class Address:
    address: str  # domain lower-cased, local part kept as sent (it may be case-sensitive)
    name: str = ""

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


@dataclass(frozen=True, slots=True)
class Flag:
    """A detection with the evidence a person can read, e.g. ``Auto-Submitted: auto-replied``."""

    reason: str


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str  # as declared by the sender
    sniffed_type: str  # from the first bytes; "" when nothing recognisable
    size: int
    sha256: str
    data: bytes
    content_id: str | None
    inline: bool

    def __repr__(self) -> str:
        # The bytes may be megabytes: keep reprs (and test failure output) readable.
        return (
            f"Attachment(filename={self.filename!r}, content_type={self.content_type!r}, "
            f"sniffed_type={self.sniffed_type!r}, size={self.size}, sha256={self.sha256[:12]}…, "
            f"content_id={self.content_id!r}, inline={self.inline})"
        )


@dataclass(frozen=True, slots=True)
class ForwardedMessage:
    """One original message found inside a forward (inline text block or attached message)."""

    sender: Address | None
    date: datetime | None
    subject: str
    text: str
    message_id: str | None
    attachments: tuple[Attachment, ...]
    to: tuple[Address, ...] = ()
    # The attached file (.eml, message/rfc822 part) it was unwrapped from; None when inline.
    file: Attachment | None = None
