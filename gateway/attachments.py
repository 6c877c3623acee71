"""Which attachments go to the library, which stay in their post, which are kept out."""

from __future__ import annotations

from dataclasses import dataclass

from parsers import Attachment
from wall_store.reasons import Reason

# What the bytes say wins over what the name says: `rapport.pdf` that starts
# with "MZ" is a Windows program.
EXECUTABLE_SNIFFED = {"application/x-msdownload", "application/x-executable",
                      "application/x-mach-binary", "text/x-script", "application/x-ms-shortcut"}


@dataclass(frozen=True)
class AttachmentRules:
    blocked_extensions: frozenset[str]
    max_bytes: int

    @classmethod
    def parse(cls, extensions: str, max_bytes: int) -> AttachmentRules:
        return cls(
            frozenset(e.strip().lower().lstrip(".") for e in extensions.split(",") if e.strip()),
            max_bytes,
        )


def kept_out(attachment: Attachment, rules: AttachmentRules) -> Reason | None:
    name = attachment.filename.lower()
    extensions = name.split(".")[1:]
    # The last suffix decides what a click opens: `facture.pdf.exe` is a program.
    if extensions and extensions[-1] in rules.blocked_extensions:
        return Reason.ATTACHMENT_BLOCKED
    if attachment.sniffed_type in EXECUTABLE_SNIFFED:
        return Reason.ATTACHMENT_BLOCKED
    if attachment.size > rules.max_bytes:
        return Reason.ATTACHMENT_TOO_LARGE
    return None


def stays_in_post(attachment: Attachment, html: str | None) -> bool:
    """Inline images belong to the text they illustrate, not to the library.

    Some clients (Apple Mail among them) mark a picture the HTML shows through
    `cid:` as an attachment; the reference is what makes it inline.
    """
    content_type = (attachment.sniffed_type or attachment.content_type).lower()
    if not content_type.startswith("image/"):
        return False
    referenced = bool(attachment.content_id and html
                      and f"cid:{attachment.content_id}" in html)
    return attachment.inline or referenced
