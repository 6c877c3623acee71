"""Checks on what operators type, done before anything is written."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import email_validator
from email_validator import EmailNotValidError, validate_email

from wall_store.errors import InvalidInput

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Company mail often runs on internal names (`intranet.local`, `mailwall.localhost`,
# a `test` domain in staging); email-validator refuses those by default. Its
# documented way to allow them is to trim this list.
for _internal in ("local", "localhost", "test"):
    if _internal in email_validator.SPECIAL_USE_DOMAIN_NAMES:
        email_validator.SPECIAL_USE_DOMAIN_NAMES.remove(_internal)


def normalize_address(value: str) -> str:
    """A valid address in its canonical, lower-cased form (addresses are compared that way)."""
    try:
        result = validate_email(value.strip(), check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise InvalidInput(f"{value!r} is not a valid email address: {exc}") from None
    return result.normalized.lower()


# Longest display name a person may have (the column's length).
NAME_LENGTH = 200
_SPACES = re.compile(r"\s+")


def one_line(value: str) -> str:
    """Text fit for one header line: control characters (CR, LF, NUL, NEL...) and Unicode
    line and paragraph separators become spaces, runs of spaces one space. What a name or
    a subject holds is kept; only what could end a header line goes."""
    if value.isprintable() and "  " not in value and value == value.strip():
        return value
    spaced = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                     for c in value)
    return _SPACES.sub(" ", spaced).strip()


def clean_display_name(value: str) -> str:
    """A person's display name as it is saved: one line, at most NAME_LENGTH characters."""
    return one_line(value)[:NAME_LENGTH].rstrip()


def check_slug(value: str, what: str = "slug") -> str:
    if not SLUG.match(value):
        raise InvalidInput(
            f"{value!r} is not a valid {what}: use lower-case letters, digits and hyphens "
            "(at most 64), starting and ending with a letter or digit"
        )
    return value


@dataclass(frozen=True)
class ImapUrl:
    scheme: str
    user: str
    host: str
    port: int
    folder: str

    @property
    def tls(self) -> bool:
        return self.scheme == "imaps"

    def __str__(self) -> str:
        return f"{self.scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"


def parse_imap_url(value: str) -> ImapUrl:
    """`imaps://user@host[:port]/Folder`; a password in the URL is refused, never stored."""
    parts = urlsplit(value.strip())
    if parts.scheme not in {"imap", "imaps"}:
        raise InvalidInput(
            f"{value!r} is not an IMAP mailbox URL: it must start with imap:// or imaps://"
        )
    if parts.password is not None:
        raise InvalidInput(
            "an IMAP URL must not carry a password: give --password-env VAR or --password-file FILE"
        )
    if not parts.username or not parts.hostname:
        raise InvalidInput(f"{value!r} needs a user and a host: imaps://user@host[:port]/Folder")
    try:
        port = parts.port or (993 if parts.scheme == "imaps" else 143)
    except ValueError:
        raise InvalidInput(f"{value!r} has an invalid port") from None
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapUrl(parts.scheme, unquote(parts.username), parts.hostname, port, folder)


def check_env_name(value: str) -> str:
    if not ENV_NAME.match(value):
        raise InvalidInput(f"{value!r} is not a valid environment variable name")
    return value
