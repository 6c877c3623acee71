"""The one notice a sender gets when a message accepted with `250` is not posted."""

from __future__ import annotations

from email import message_from_bytes
from email import policy as email_policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from parsers import OWN_HEADER
from wall_store.base import utcnow
from wall_store.reasons import Reason
from wall_store.validation import one_line

SUBJECTS = {
    "fr": "Votre message n'a pas été publié : {subject}",
    "en": "Your message was not posted: {subject}",
}
HELD_SUBJECTS = {
    "fr": "Votre message attend une validation : {subject}",
    "en": "Your message is waiting for approval: {subject}",
}
BODY = {
    "fr": (
        "Bonjour,\n\nVotre message « {subject} » envoyé à {community} "
        "n'a pas été publié sur le mur.\n\nRaison : {sentence}\n{advice}\n"
        "Ce message est automatique ; inutile d'y répondre.\n-- \nMailwall\n"
    ),
    "en": (
        "Hello,\n\nYour message \"{subject}\" to {community} was not posted "
        "on the wall.\n\nReason: {sentence}\n{advice}\n"
        "This message is automatic; there is no need to answer it.\n-- \nMailwall\n"
    ),
}


def mailbox(name: str, address: str) -> Address | str:
    """A `To:`/`From:` value: an `Address`, which the standard library encodes whole (a
    name given as a `formataddr` string is re-parsed, and one with a colon or an `@`
    comes out as another address). The name is made one line: `Address` refuses CR/LF."""
    try:
        return Address(display_name=one_line(name), addr_spec=address)
    except (ValueError, HeaderParseError, IndexError):
        return address


def compose_notice(
    *,
    reason: Reason,
    locale: str,
    sender: str,
    recipient: str,
    community_name: str | None,
    subject: str,
    in_reply_to: str | None,
    domain: str,
    recipient_name: str = "",
) -> EmailMessage:
    """Every header value is made one line first: the subject and the name come from the
    sender's own mail, and a CR or LF in them must not start a header of its own (the
    standard library would refuse the value and the message would fail instead)."""
    lang = "fr" if locale.startswith("fr") else "en"
    subject = one_line(subject)
    shown_subject = subject or ("(sans objet)" if lang == "fr" else "(no subject)")
    titles = HELD_SUBJECTS if reason is Reason.NON_MEMBER_HELD else SUBJECTS
    advice = reason.advice(lang)
    # None: a private community the recipient is not in. Its name is for its members only,
    # so the notice says what happened without naming it (nor its address or slug).
    if community_name is None:
        community = "une communauté privée" if lang == "fr" else "a private community"
    else:
        community = (f"la communauté {community_name}" if lang == "fr"
                     else f"the community {community_name}")
    msg = EmailMessage()
    msg["From"] = mailbox(*parseaddr(sender))
    msg["To"] = mailbox(recipient_name, recipient)
    msg["Subject"] = titles[lang].format(subject=shown_subject)
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain=domain)
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    # RFC 3834: an automatic answer, which other robots must not answer.
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Auto-Response-Suppress"] = "All"
    msg[OWN_HEADER] = f"notice; reason={reason.code}"
    msg.set_content(
        BODY[lang].format(
            subject=shown_subject,
            community=community,
            sentence=reason.sentence(lang),
            advice=(advice + "\n") if advice else "",
        )
    )
    return msg


# The mail policy, except that headers that came in a message are written as they came.
AS_RECEIVED = email_policy.default.clone(refold_source="none")
# The `X-Mailwall-Origin` of a forward to the operators: one that comes back is not sent again.
OPERATOR_FORWARD = "operators"
FORWARD_BODY = (
    "Mail to {mailbox} (message {raw_id} in `mailwall queue`), from {original_from}, "
    "forwarded to the operators of Mailwall. The message is attached as it arrived.\n\n"
    "Courrier adressé à {mailbox} (message {raw_id} dans `mailwall queue`), de "
    "{original_from}, transmis aux opérateurs de Mailwall. Le message est joint tel qu'il "
    "est arrivé.\n-- \nMailwall\n"
)


def compose_operator_forward(
    *,
    raw: bytes,
    mailbox: str,
    recipient: str,
    sender: str,
    original_from: str,
    subject: str,
    raw_id: int,
    domain: str,
) -> EmailMessage:
    """Mail to postmaster@/abuse@, forwarded to an operator: attached whole
    (message/rfc822), from Mailwall's own address so that the operator's server judges
    Mailwall and not the original sender's domain; Reply-To the original sender."""
    msg = EmailMessage(policy=AS_RECEIVED)
    msg["From"] = sender
    msg["To"] = recipient
    if original_from:
        msg["Reply-To"] = original_from
    # "[postmaster] ...": the local part only, short enough to fold after it.
    local = mailbox.partition("@")[0]
    msg["Subject"] = f"[{local}] {' '.join(subject.split()) or '(no subject)'}"
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["Auto-Submitted"] = "auto-generated"
    msg[OWN_HEADER] = f"{OPERATOR_FORWARD}; mailbox={mailbox}; raw={raw_id}"
    msg.set_content(FORWARD_BODY.format(mailbox=mailbox, raw_id=raw_id,
                                        original_from=original_from or "<>"))
    # Attached byte for byte (message/rfc822, 8bit): AS_RECEIVED does not refold its headers.
    msg.add_attachment(message_from_bytes(raw, policy=AS_RECEIVED))
    return msg
