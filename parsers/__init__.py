"""Pure parsing: raw mail bytes in, frozen values out (see ``parse``)."""

from parsers.autoreply import OWN_HEADER
from parsers.mail import ParsedMail, parse
from parsers.trim import Trimmed, trim
from parsers.values import Address, Attachment, Flag, ForwardedMessage, ParseProblem

__all__ = [
    "OWN_HEADER",
    "Address",
    "Attachment",
    "Flag",
    "ForwardedMessage",
    "ParseProblem",
    "ParsedMail",
    "Trimmed",
    "parse",
    "trim",
]
