"""Mailwall's configuration: one TOML file, every key overridable from the environment.

Lives in ``wall_store`` because every package (gateway, digests, web) may
import ``wall_store`` and each needs its own section. Relative paths in the
file are relative to the file's folder, so a data folder can be moved whole.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, get_type_hints

CONFIG_ENV = "MAILWALL_CONFIG"
SECRET_ENV = "MAILWALL_SECURITY_SECRET"
DEFAULT_SEARCH = (Path("mailwall.toml"), Path("data") / "mailwall.toml")


class ConfigError(Exception):
    """A configuration problem, worded for the person who edits the file."""


@dataclass(frozen=True)
class DatabaseSection:
    url: str = ""


@dataclass(frozen=True)
class SmtpSection:
    host: str = "127.0.0.1"
    port: int = 2525
    domain: str = "mailwall.localhost"
    max_message_bytes: int = 25 * 1024 * 1024
    lmtp_port: int = 0
    tls_cert: str = ""
    tls_key: str = ""
    # Comma-separated addresses that mail to postmaster@ and abuse@ of `domain` is forwarded
    # to; empty: `web.ops_addresses`; both empty: kept in the queue for ops to read.
    postmaster: str = ""


@dataclass(frozen=True)
class WebSection:
    host: str = "127.0.0.1"
    port: int = 8025
    base_url: str = "http://127.0.0.1:8025"
    # Comma-separated addresses of the operators who see the quarantine page.
    ops_addresses: str = ""
    # Comma-separated networks (CIDR) of the reverse proxies in front of the wall. Only a
    # request from one of them has its client taken from X-Forwarded-For (the rightmost
    # hop that is not itself a trusted proxy); from anyone else the header is ignored, so
    # nobody picks the address rate limits count against. Empty: no proxy is trusted.
    trusted_proxies: str = ""


@dataclass(frozen=True)
class OutboundSection:
    smarthost: str = ""
    port: int = 587
    starttls: bool = True
    # How the connection is protected: "starttls" (upgrade when the smarthost offers it),
    # "implicit" (TLS from the first byte, port 465) or "none"; empty follows `starttls`.
    # The certificate is always verified, against `ca_file` when set (an internal CA:
    # it then replaces the system's CAs), else against the system's.
    tls: str = ""
    ca_file: str = ""
    # AUTH is never sent over a connection without TLS unless this is true.
    allow_plain_auth: bool = False
    username: str = ""
    password_env: str = ""
    from_address: str = ""
    maildir: str = "outbox"
    # Retries of a transient refusal (4xx, no connection): base * 2**n; a permanent
    # one (5xx) or the last attempt makes the mail `undeliverable` at once.
    max_attempts: int = 10
    retry_base_seconds: int = 60
    # A sender's claim older than this is taken over (the sender died).
    claim_lease_seconds: int = 600
    # Bounces (VERP): a hard bounce scores 1, a soft one 0.5, at most one per day;
    # at the threshold the address gets no more mail; a quiet score resets.
    bounce_threshold: float = 3.0
    bounce_stale_days: int = 30


@dataclass(frozen=True)
class SecuritySection:
    secret_file: str = "secret.key"


@dataclass(frozen=True)
class PipelineSection:
    subject_window_days: int = 30
    max_attempts: int = 5
    retry_base_seconds: int = 30
    workers: int = 2
    # How long a reply may wait for its parent, which arrived but is not on the wall yet;
    # after that it is placed without it (and moves into the parent's thread when it lands).
    parent_wait_seconds: int = 300
    # A claim older than this belongs to a worker that died (another node, or
    # a kill -9 on PostgreSQL where claims are shared); it is taken over.
    claim_lease_seconds: int = 600
    # Who holds a claim; empty: "<host name>:<smtp port>", unique among live nodes.
    node_name: str = ""
    # Forwarded originals one message may turn into posts (and new people); attached ones
    # beyond this are kept as documents (one mail once carried 200 .eml files).
    max_originals_per_message: int = 50


@dataclass(frozen=True)
class PolicySection:
    # Comma-separated authserv-ids whose Authentication-Results we believe
    # (our own MX); anyone else's are ignored, since senders can forge them.
    trusted_authserv_ids: str = ""
    # Comma-separated networks (CIDR) whose mail counts as authenticated, like Postfix's
    # mynetworks. Empty: 127.0.0.1 and ::1 when trusted_authserv_ids is empty, else nothing.
    trusted_relays: str = ""
    # Mailwall as the MX: verify SPF, DKIM, ARC and DMARC at intake (only while
    # trusted_authserv_ids is empty: behind an MTA, the MTA verifies), recording the
    # result under `authserv_id` (default: smtp.domain). DNS goes to `dns_resolver`
    # ("HOST" or "HOST:PORT"; empty: the system's) with a short timeout.
    verify_senders: bool = True
    authserv_id: str = ""
    dns_resolver: str = ""
    dns_timeout_seconds: float = 2.0
    notice_locale: str = "fr"


@dataclass(frozen=True)
class DocumentsSection:
    # File name endings kept out of the library (executables and scripts).
    blocked_extensions: str = (
        "exe,com,bat,cmd,scr,pif,msi,msp,dll,cpl,jar,js,jse,vbs,vbe,wsf,wsh,ps1,psm1,hta,lnk,"
        "reg,sh,app,dmg,iso"
    )
    max_bytes: int = 25 * 1024 * 1024


@dataclass(frozen=True)
class ImapSection:
    # Seconds between two polls when the server offers no IDLE, and the
    # longest IDLE before re-issuing it (servers drop idle clients at ~30 min).
    poll_seconds: int = 60
    idle_seconds: int = 600
    max_backoff_seconds: int = 300


@dataclass(frozen=True)
class DigestsSection:
    # Frequency for people who chose none: daily, weekly or never.
    default_frequency: str = "weekly"
    # Local hour (in each person's time zone) at which due digests go out,
    # and the weekday (1 = Monday) for weekly ones.
    hour: int = 7
    weekday: int = 1
    default_locale: str = "fr"


@dataclass(frozen=True)
class NotificationsSection:
    # At most one notification mail per person per this many seconds.
    batch_seconds: int = 300


@dataclass(frozen=True)
class AdoptionSection:
    # Stages are computed from the actions of the last `window_days`:
    # wall share < hybrid_from -> email-only; >= wall_from -> wall; else hybrid.
    window_days: int = 28
    hybrid_from: float = 0.2
    wall_from: float = 0.7


@dataclass(frozen=True)
class Config:
    path: Path | None
    database: DatabaseSection = field(default_factory=DatabaseSection)
    smtp: SmtpSection = field(default_factory=SmtpSection)
    web: WebSection = field(default_factory=WebSection)
    outbound: OutboundSection = field(default_factory=OutboundSection)
    security: SecuritySection = field(default_factory=SecuritySection)
    pipeline: PipelineSection = field(default_factory=PipelineSection)
    policy: PolicySection = field(default_factory=PolicySection)
    documents: DocumentsSection = field(default_factory=DocumentsSection)
    imap: ImapSection = field(default_factory=ImapSection)
    digests: DigestsSection = field(default_factory=DigestsSection)
    notifications: NotificationsSection = field(default_factory=NotificationsSection)
    adoption: AdoptionSection = field(default_factory=AdoptionSection)

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def resolve(self, value: str) -> Path:
        """A path from the file, made absolute against the file's folder."""
        p = Path(value).expanduser()
        return p if p.is_absolute() else (self.base_dir / p)

    @property
    def outbox_maildir(self) -> Path:
        return self.resolve(self.outbound.maildir)

    def secret(self) -> bytes:
        """The signing secret: from the environment, else from the secret file."""
        from_env = os.environ.get(SECRET_ENV)
        if from_env:
            return from_env.encode()
        path = self.resolve(self.security.secret_file)
        try:
            value = path.read_bytes().strip()
        except OSError as exc:
            raise ConfigError(
                f"the signing secret file {path} cannot be read ({exc.strerror}); "
                f"run `mailwall init` or set {SECRET_ENV}"
            ) from None
        if len(value) < 32:
            raise ConfigError(f"the signing secret in {path} is too short (32 characters at least)")
        return value


SECTIONS: dict[str, type] = {
    name: hint for name, hint in get_type_hints(Config).items() if name != "path"
}
REQUIRED = {("database", "url")}


def _coerce(raw: Any, kind: type, where: str) -> Any:
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True
        if isinstance(raw, str) and raw.strip().lower() in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"{where} must be true or false, not {raw!r}")
    if kind is float:
        if isinstance(raw, bool):
            raise ConfigError(f"{where} must be a number, not {raw!r}")
        try:
            return float(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"{where} must be a number, not {raw!r}") from None
    if kind is int:
        if isinstance(raw, bool):
            raise ConfigError(f"{where} must be a whole number, not {raw!r}")
        if isinstance(raw, int):
            return raw
        try:
            return int(str(raw).strip())
        except ValueError:
            raise ConfigError(f"{where} must be a whole number, not {raw!r}") from None
    if not isinstance(raw, str):
        raise ConfigError(f"{where} must be a string, not {raw!r}")
    return raw


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def build(data: Mapping[str, Any], env: Mapping[str, str], path: Path | None) -> Config:
    """Pure: a Config from parsed TOML and an environment, or a ConfigError."""
    origin = str(path) if path else "the environment"
    for section, values in data.items():
        if section not in SECTIONS:
            raise ConfigError(
                f"unknown section [{section}] in {origin}{_suggest(section, list(SECTIONS))}"
            )
        if not isinstance(values, dict):
            raise ConfigError(f"[{section}] in {origin} must be a table of keys")
    sections: dict[str, Any] = {}
    for section, cls in SECTIONS.items():
        hints = get_type_hints(cls)
        given = dict(data.get(section, {}))
        for key in given:
            if key not in hints:
                raise ConfigError(
                    f"unknown key {key!r} in [{section}] of {origin}{_suggest(key, list(hints))}"
                )
        values: dict[str, Any] = {}
        for key, kind in hints.items():
            env_name = f"MAILWALL_{section}_{key}".upper()
            if env_name in env:
                values[key] = _coerce(env[env_name], kind, f"{env_name} (environment)")
            elif key in given:
                values[key] = _coerce(given[key], kind, f"[{section}] {key} in {origin}")
        for key in hints:
            if (section, key) in REQUIRED and not values.get(key):
                env_name = f"MAILWALL_{section}_{key}".upper()
                raise ConfigError(
                    f"missing key {key!r} in [{section}] of {origin} (or set {env_name})"
                )
        sections[section] = cls(**values)
    return Config(path=path, **sections)


PathArg = str | os.PathLike[str] | None


def find_config_path(explicit: PathArg, env: Mapping[str, str]) -> Path | None:
    if explicit:
        return Path(explicit)
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV])
    for candidate in DEFAULT_SEARCH:
        if candidate.is_file():
            return candidate
    return None


def load(explicit: PathArg = None, env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    path = find_config_path(explicit, env)
    if path is None:
        if env.get("MAILWALL_DATABASE_URL"):
            return build({}, env, None)
        raise ConfigError(
            "no configuration found: run `mailwall init`, or give --config FILE "
            f"or set {CONFIG_ENV}"
        )
    path = path.resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"configuration file {path} does not exist") from None
    except OSError as exc:
        raise ConfigError(f"configuration file {path} cannot be read ({exc.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    config = build(data, env, path)
    return _resolve_sqlite(config)


def _resolve_sqlite(config: Config) -> Config:
    # SQLAlchemy reads a relative SQLite path against the current folder;
    # ours is relative to the configuration file, like every other path.
    url = config.database.url
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        absolute = config.resolve(url[len(prefix):])
        return replace(config, database=replace(config.database, url=prefix + str(absolute)))
    return config
