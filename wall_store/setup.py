"""`mailwall init`: a data folder with its configuration, secret and migrated database."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from wall_store import config as config_mod
from wall_store import migrate
from wall_store.db import make_engine

CONFIG_TEMPLATE = """\
# Mailwall configuration. Every key can be overridden by an environment
# variable MAILWALL_<SECTION>_<KEY>, e.g. MAILWALL_SMTP_PORT=2526.
# Relative paths are relative to this file's folder.

[database]
# SQLite (embedded, the default) or PostgreSQL:
#   url = "postgresql+psycopg://mailwall@db.example.com/mailwall"
url = "sqlite:///mailwall.db"

[smtp]
# Where the gateway listens for mail from the company's mail server.
host = "127.0.0.1"
port = 2525
# The domain of the community addresses (demo@<domain>, reply+TOKEN@<domain>).
domain = "mailwall.localhost"
# Larger messages are refused at DATA with 552.
max_message_bytes = 26214400
# Set a port to also listen for LMTP (0 = off).
lmtp_port = 0
# STARTTLS is offered when both are set.
tls_cert = ""
tls_key = ""
# Mail to postmaster@<domain> and abuse@<domain> is forwarded to these addresses
# (comma-separated); empty: to web.ops_addresses; both empty: kept in `mailwall queue`.
postmaster = ""

[web]
host = "127.0.0.1"
port = 8025
# Used in every link that mail carries.
base_url = "http://127.0.0.1:8025"
# Comma-separated addresses of the operators who may see quarantined mail.
ops_addresses = ""
# Behind a reverse proxy: its networks (CIDR, comma-separated), e.g. "10.0.0.0/24". Only
# from these is the client read from X-Forwarded-For (sign-in rate limits count per client);
# from anyone else the header is ignored. Empty: the connecting address is the client.
trusted_proxies = ""

[outbound]
# With no smarthost, outgoing mail is written to this Maildir instead.
smarthost = ""
port = 587
starttls = true
# tls: "starttls" (upgrade when offered), "implicit" (TLS from the first byte, port 465)
# or "none"; left empty it follows starttls. The smarthost's certificate is always
# verified: against the system's CAs, or only against ca_file (PEM) for an internal CA.
tls = ""
ca_file = ""
# The password is never sent over a connection without TLS unless this is true.
allow_plain_auth = false
username = ""
# Name of the environment variable that holds the smarthost password.
password_env = ""
from_address = ""
maildir = "outbox"
# A 4xx refusal is retried after retry_base_seconds, doubling each time, up to
# max_attempts; a 5xx makes the mail undeliverable at once (`mailwall outbox list`).
max_attempts = 10
retry_base_seconds = 60
claim_lease_seconds = 600
# Each mail goes out with its own return path (bounce+TOKEN@smtp.domain). A hard
# bounce scores 1, a soft one 0.5, at most one per day; at bounce_threshold the
# address gets no more digests or notifications until `mailwall user unsuppress`.
# A score with no bounce for bounce_stale_days starts again from zero.
bounce_threshold = 3.0
bounce_stale_days = 30

[security]
# Signing secret for reply addresses and sign-in links (created by init,
# never printed). MAILWALL_SECURITY_SECRET overrides it.
secret_file = "secret.key"

[pipeline]
# A reply (Re:, AW:, Réf. :...) whose headers name nothing on the wall joins a
# thread of the same subject this recent; a new mail always starts a thread.
subject_window_days = 30
# A message whose processing fails is retried, then quarantined.
max_attempts = 5
retry_base_seconds = 30
workers = 2
# A reply whose parent has arrived but is not on the wall yet waits this long at
# most; after that it is posted, and moves into the parent's thread when it lands.
parent_wait_seconds = 300
# A message claimed longer ago than this by a worker that died is taken over.
claim_lease_seconds = 600
# This node's name in claims (default: host name and SMTP port). A node that restarts
# under the same name takes its own claims back at once instead of after the lease.
node_name = ""
# Forwarded originals one message may turn into posts, each by its own author
# (possibly a new person); attached .eml files beyond this are kept as documents.
max_originals_per_message = 50

[policy]
# Comma-separated authserv-ids of your own mail servers (behind an MTA that verifies):
# only the topmost Authentication-Results with one of these ids is read. DMARC pass
# authenticates the sender; a DMARC fail is held (p=quarantine) or refused (p=reject).
trusted_authserv_ids = ""
# Comma-separated networks (CIDR) whose mail counts as authenticated, like Postfix's
# mynetworks: internal servers that neither sign nor publish SPF. Empty: 127.0.0.1 and ::1 when
# trusted_authserv_ids is empty (Mailwall alone; the quick start's swaks), none when it
# is set (behind a local MTA every mail comes from 127.0.0.1, authenticated or not).
trusted_relays = ""
# Mailwall as the MX (trusted_authserv_ids empty): verify SPF, DKIM, ARC and DMARC of
# mail from clients that are not trusted relays, and record the result (queue show)
# as an Authentication-Results with `authserv_id` (default: smtp.domain). DNS queries
# go to `dns_resolver` ("HOST" or "HOST:PORT"; empty: the system's resolver); a DNS
# failure is a temperror (unauthenticated), never a wait longer than a few timeouts.
verify_senders = true
authserv_id = ""
dns_resolver = ""
dns_timeout_seconds = 2.0
# Language of the notices sent to senders Mailwall does not know yet.
notice_locale = "fr"

[documents]
# Attachments with these endings are kept out of the library (the post says so).
blocked_extensions = \"""exe,com,bat,cmd,scr,pif,msi,msp,dll,cpl,jar,js,jse,vbs,vbe,wsf,wsh,\
ps1,psm1,hta,lnk,reg,sh,app,dmg,iso\"""
max_bytes = 26214400

[imap]
# Polling interval when a server has no IDLE; longest IDLE before renewing it.
poll_seconds = 60
idle_seconds = 600
max_backoff_seconds = 300

[digests]
# For people who chose no frequency: daily, weekly or never.
default_frequency = "weekly"
# Local hour (each person's time zone) and weekday (1 = Monday) of sending.
hour = 7
weekday = 1
default_locale = "fr"

[notifications]
# At most one notification mail per person in this many seconds.
batch_seconds = 300

[adoption]
# Stage from the share of a person's actions done on the wall, over window_days.
window_days = 28
hybrid_from = 0.2
wall_from = 0.7
"""


@dataclass
class InitReport:
    data_dir: Path
    config_path: Path
    created: list[str] = field(default_factory=list)
    revision_before: str | None = None
    revision_after: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created) or self.revision_before != self.revision_after


def initialise(data_dir: Path) -> InitReport:
    """Idempotent: creates only what is missing, migrates only what is behind."""
    data_dir = data_dir.expanduser().resolve()
    config_path = data_dir / "mailwall.toml"
    report = InitReport(data_dir=data_dir, config_path=config_path)
    if not data_dir.exists():
        data_dir.mkdir(parents=True)
        report.created.append(f"folder {data_dir}")
    if not config_path.exists():
        config_path.write_text(CONFIG_TEMPLATE, encoding="utf-8")
        report.created.append(f"configuration {config_path}")
    config = config_mod.load(config_path)
    secret_path = config.resolve(config.security.secret_file)
    if not secret_path.exists():
        # Created with owner-only permissions from the start, never world-readable.
        fd = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48) + "\n")
        report.created.append(f"signing secret {secret_path}")
    outbox = config.outbox_maildir
    if not outbox.exists():
        for sub in ("tmp", "new", "cur"):
            (outbox / sub).mkdir(parents=True, exist_ok=True)
        report.created.append(f"outbox Maildir {outbox}")
    engine = make_engine(config.database.url)
    try:
        report.revision_before, report.revision_after = migrate.upgrade(engine)
    finally:
        engine.dispose()
    return report
