"""IMAP mailboxes as a source: connect, read new messages by UID, hand them to intake, acknowledge.

The order is what makes it safe. A message is stored (committed) by the same
intake as SMTP; only then is it flagged `\\Seen` or moved, and only then does
the checkpoint move past its UID. A crash anywhere in between is repaired on
the next pass: the raw-message row for (mapping, UIDVALIDITY, UID) says the
message is already stored, so it is only acknowledged. When the folder's
UIDVALIDITY changes, its old UIDs mean nothing: the folder is read again from
the start and the pipeline's Message-ID deduplication turns the copies of
messages already posted into `duplicate`.

`mailwall serve` runs one `MailboxPoller` thread per enabled IMAP mapping
(`ImapSupervisor`); `mailwall map test` and `mailwall import imap` use the same
connection and reading code.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from typing import Any

import imapclient
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from gateway.importer import ImportSummary, check_target
from gateway.intake import Target, store_message
from gateway.pipeline import Pipeline
from wall_store import checkpoints
from wall_store.config import Config
from wall_store.errors import InvalidInput
from wall_store.models import Mapping, MappingKind, MessageSource
from wall_store.validation import ImapUrl, check_env_name, parse_imap_url

log = logging.getLogger("mailwall.imap")

FETCH_BATCH = 25
# Long enough for a slow server to answer a large FETCH, short enough that a
# server that vanished without closing the socket is noticed.
SOCKET_TIMEOUT = 60.0


class MailboxError(Exception):
    """A mailbox problem, worded for ops; never carries a password."""


# --- where the password comes from ----------------------------------------------------


def read_password(*, password_env: str | None, password_file: str | None, what: str) -> str:
    """The password from the named variable or file; `what` names the mailbox in the sentence."""
    if password_env:
        value = os.environ.get(password_env)
        if not value:
            raise MailboxError(
                f"the environment variable {password_env} is not set, and {what} takes its "
                "password from it: set it for `mailwall serve`"
            )
        return value
    if password_file:
        try:
            value = Path(password_file).read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise MailboxError(
                f"the password file {password_file} of {what} cannot be read ({exc.strerror})"
            ) from None
        if not value:
            raise MailboxError(f"the password file {password_file} of {what} is empty")
        return value
    raise MailboxError(f"{what} has neither a password variable nor a password file")


# --- connecting ----------------------------------------------------------------------


def connect(
    url: ImapUrl,
    password: str,
    *,
    ssl_context: ssl.SSLContext | None = None,
    timeout: float = SOCKET_TIMEOUT,
) -> IMAPClient:
    """A logged-in client: TLS from the start for imaps://, STARTTLS when offered for imap://.

    Certificates are verified against the system's authorities (or `SSL_CERT_FILE`)
    unless a context is given.
    """
    context = ssl_context or ssl.create_default_context()
    try:
        client = IMAPClient(url.host, port=url.port, ssl=url.tls, ssl_context=context,
                            timeout=timeout)
    except ssl.SSLError as exc:
        raise MailboxError(f"TLS with {url.host}:{url.port} failed: {_tls_reason(exc)}") from None
    except (OSError, IMAPClientError) as exc:
        raise MailboxError(f"cannot connect to {url.host}:{url.port}: {_os_reason(exc)}") from None
    try:
        if not url.tls and b"STARTTLS" in client.capabilities():
            try:
                client.starttls(context)
            except ssl.SSLError as exc:
                raise MailboxError(
                    f"STARTTLS with {url.host}:{url.port} failed: {_tls_reason(exc)}"
                ) from None
        try:
            client.login(url.user, password)
        except LoginError as exc:
            raise MailboxError(
                f"{url.host} refused the login of {url.user}: {_server_text(exc)}"
            ) from None
    except BaseException:
        _close(client)
        raise
    return client


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - the connection may already be gone; closing is enough
        with contextlib.suppress(Exception):
            client.shutdown()


def _tls_reason(exc: ssl.SSLError) -> str:
    return getattr(exc, "verify_message", None) or exc.reason or str(exc)


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "no answer (timed out)"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _server_text(exc: BaseException) -> str:
    text = str(exc)
    for prefix in ("b'", 'b"'):
        if text.startswith(prefix):
            text = text[2:-1]
    return text.strip() or type(exc).__name__


def describe(exc: BaseException, url: ImapUrl) -> str:
    """One sentence for `map list` and the log, whatever failed."""
    if isinstance(exc, MailboxError):
        return str(exc)
    if isinstance(exc, ssl.SSLError):
        return f"TLS with {url.host}:{url.port} failed: {_tls_reason(exc)}"
    if isinstance(exc, imapclient.IMAPClient.AbortError | OSError):
        return f"the connection to {url.host}:{url.port} was lost: {_os_reason(exc)}"
    if isinstance(exc, IMAPClientError):
        return f"{url.host} answered an error: {_server_text(exc)}"
    return f"unexpected error reading {url}: {type(exc).__name__}: {exc}"


# --- reading a folder ------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """What to read and where it goes: a mapping's mailbox, or a one-shot import."""

    key: str  # the checkpoint key
    url: ImapUrl
    target: Target
    source: MessageSource
    mapping_id: int | None = None
    # After storing: flag \\Seen (None) or move to this folder; imports touch nothing.
    move_to: str | None = None
    acknowledge: bool = True

    @property
    def folder(self) -> str:
        return self.url.folder


@dataclass
class PassResult:
    """One pass over a folder."""

    uidvalidity: int
    found: int = 0  # messages past the checkpoint
    stored: int = 0
    already_stored: int = 0
    uidvalidity_changed: bool = False
    stored_ids: list[int] = field(default_factory=list)
    stopped_early: bool = False
    resumed_at: int = 0  # the checkpoint UID this pass started after


Progress = Callable[[int, int], None]


def _envelope_from(raw: bytes) -> str:
    """The Return-Path the delivering server wrote: the envelope sender, `<>` for bounces."""
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw)
    value = headers.get("Return-Path")
    return str(value).strip().strip("<>").strip() if value else ""


def read_folder(
    sessions: sessionmaker[Session],
    client: IMAPClient,
    source: Source,
    *,
    on_stored: Callable[[], None] = lambda: None,
    progress: Progress | None = None,
    after_store: Callable[[int], None] | None = None,
    limit: int | None = None,
) -> PassResult:
    """Stores every message past the checkpoint, in UID order, then acknowledges it.

    `after_store(uid)` runs between storing and acknowledging: the place where a
    crash is most dangerous, so tests stop there. `limit` stops after that many
    messages (an interruption on purpose: the next pass resumes after them).
    """
    status = client.select_folder(source.folder, readonly=not source.acknowledge)
    uidvalidity = int(status[b"UIDVALIDITY"])
    with sessions() as session:
        checkpoint = checkpoints.get_checkpoint(session, source.key)
    position = 0
    result = PassResult(uidvalidity)
    if checkpoint is not None and checkpoint.uidvalidity is not None:
        if checkpoint.uidvalidity == uidvalidity:
            position = checkpoint.position
        else:
            result.uidvalidity_changed = True
            log.warning(
                "%s: UIDVALIDITY changed from %s to %s; reading the folder again "
                "(messages already posted become duplicates)",
                source.url, checkpoint.uidvalidity, uidvalidity,
            )
    if int(status.get(b"EXISTS", 0)) == 0:
        _save(sessions, source, uidvalidity, position)
        return result
    # `UID n:*` always matches the last message, even below n: filter.
    result.resumed_at = position
    uids = sorted(uid for uid in client.search(["UID", f"{position + 1}:*"]) if uid > position)
    if limit is not None and len(uids) > limit:
        uids, result.stopped_early = uids[:limit], True
    result.found = len(uids)
    moved = False
    for start in range(0, len(uids), FETCH_BATCH):
        batch = uids[start:start + FETCH_BATCH]
        # BODY.PEEK leaves \\Seen alone: the flag is our acknowledgement, set after the store.
        fetched = client.fetch(batch, ["BODY.PEEK[]"])
        for uid in batch:
            data = fetched.get(uid)
            if data is None or b"BODY[]" not in data:
                continue  # expunged by someone else meanwhile
            raw = bytes(data[b"BODY[]"])
            if _already_stored(sessions, source, uidvalidity, uid):
                result.already_stored += 1
            else:
                result.stored_ids += store_message(
                    sessions, raw, source=source.source, envelope_from=_envelope_from(raw),
                    envelope_to=[str(source.url)], targets=[source.target],
                    imap_uidvalidity=uidvalidity, imap_uid=uid,
                )
                result.stored += 1
                on_stored()
                if after_store is not None:
                    after_store(uid)
            if source.acknowledge:
                moved = _acknowledge(client, source, uid) or moved
            _save(sessions, source, uidvalidity, uid)
            if progress is not None:
                progress(result.stored + result.already_stored, result.found)
    if moved and b"UIDPLUS" not in client.capabilities():
        log.info("%s: moved messages stay flagged \\Deleted (no UIDPLUS to expunge only them)",
                 source.url)
    return result


def _already_stored(
    sessions: sessionmaker[Session], source: Source, uidvalidity: int, uid: int
) -> bool:
    with sessions() as session:
        return checkpoints.imap_message_stored(
            session, mapping_id=source.mapping_id, uidvalidity=uidvalidity, uid=uid,
            source=source.source,
            community_id=source.target.community_id if source.mapping_id is None else None,
        )


def _save(sessions: sessionmaker[Session], source: Source, uidvalidity: int, position: int) -> None:
    with sessions() as session, session.begin():
        checkpoints.save_checkpoint(session, source.key, uidvalidity=uidvalidity, position=position)


def _acknowledge(client: IMAPClient, source: Source, uid: int) -> bool:
    """Flags \\Seen, or moves to `move_to`; True when the message left the folder."""
    if source.move_to is None:
        client.add_flags([uid], [imapclient.SEEN], silent=True)
        return False
    caps = client.capabilities()
    if b"MOVE" in caps:
        client.move([uid], source.move_to)
        return True
    client.copy([uid], source.move_to)
    client.add_flags([uid], [imapclient.SEEN, imapclient.DELETED], silent=True)
    if b"UIDPLUS" in caps:
        # UID EXPUNGE removes only this message, not what a person marked deleted.
        client.expunge([uid])
    return True


def ensure_folder(client: IMAPClient, folder: str) -> bool:
    """Creates `folder` if missing; True when it was created."""
    if client.folder_exists(folder):
        return False
    client.create_folder(folder)
    return True


# --- a mapping's mailbox ---------------------------------------------------------------


@dataclass(frozen=True)
class MappingSource:
    """A snapshot of an IMAP mapping: what a poller needs, without a database session."""

    mapping_id: int
    url: ImapUrl
    community_id: int
    channel_id: int | None
    password_env: str | None
    password_file: str | None
    move_to: str | None
    enabled: bool

    @classmethod
    def of(cls, mapping: Mapping) -> MappingSource:
        if mapping.kind is not MappingKind.IMAP or not mapping.imap_url:
            raise InvalidInput(f"mapping {mapping.id} is an SMTP address, not an IMAP mailbox")
        return cls(
            mapping.id, parse_imap_url(mapping.imap_url), mapping.community_id,
            mapping.channel_id, mapping.password_env, mapping.password_file,
            mapping.imap_move_to, mapping.enabled,
        )

    @property
    def name(self) -> str:
        return f"mapping {self.mapping_id} ({self.url})"

    def password(self) -> str:
        return read_password(password_env=self.password_env, password_file=self.password_file,
                             what=self.name)

    def source(self) -> Source:
        return Source(
            key=f"mapping:{self.mapping_id}", url=self.url,
            target=Target(self.community_id, self.channel_id, mapping_id=self.mapping_id),
            source=MessageSource.IMAP, mapping_id=self.mapping_id, move_to=self.move_to,
        )


def load_mapping(sessions: sessionmaker[Session], mapping_id: int) -> MappingSource | None:
    with sessions() as session:
        mapping = session.get(Mapping, mapping_id)
        return MappingSource.of(mapping) if mapping is not None else None


def open_mailbox(
    mapping: MappingSource, *, ssl_context: ssl.SSLContext | None = None
) -> IMAPClient:
    client = connect(mapping.url, mapping.password(), ssl_context=ssl_context)
    try:
        if not client.folder_exists(mapping.url.folder):
            raise MailboxError(f"{mapping.url.host} has no folder {mapping.url.folder!r} "
                               f"for {mapping.url.user}")
        if mapping.move_to and ensure_folder(client, mapping.move_to):
            log.info("%s: created folder %r for handled messages", mapping.name, mapping.move_to)
    except BaseException:
        _close(client)
        raise
    return client


def _record(sessions: sessionmaker[Session], mapping_id: int, error: str | None) -> None:
    with sessions() as session, session.begin():
        if error is None:
            checkpoints.record_success(session, mapping_id)
        else:
            checkpoints.record_error(session, mapping_id, error)


def sync_mapping(
    sessions: sessionmaker[Session],
    mapping_id: int,
    *,
    ssl_context: ssl.SSLContext | None = None,
    on_stored: Callable[[], None] = lambda: None,
) -> PassResult:
    """One connection, one pass over a mapping's folder, the outcome recorded on the mapping."""
    mapping = load_mapping(sessions, mapping_id)
    if mapping is None:
        raise InvalidInput(f"there is no mapping {mapping_id} (see `mailwall map list`)")
    try:
        client = open_mailbox(mapping, ssl_context=ssl_context)
        try:
            result = read_folder(sessions, client, mapping.source(), on_stored=on_stored)
        finally:
            _close(client)
    except Exception as exc:
        _record(sessions, mapping_id, describe(exc, mapping.url))
        raise
    _record(sessions, mapping_id, None)
    return result


@dataclass(frozen=True)
class PollSettings:
    poll_seconds: float = 60.0
    idle_seconds: float = 600.0
    max_backoff_seconds: float = 300.0
    first_backoff_seconds: float = 1.0

    @classmethod
    def from_config(cls, config: Config) -> PollSettings:
        imap = config.imap
        return cls(float(imap.poll_seconds), float(imap.idle_seconds),
                   float(imap.max_backoff_seconds))


@dataclass
class MailboxPoller:
    """A thread that keeps one mapping's mailbox read: IDLE where offered, polling otherwise.

    Any failure (server gone, login refused, database away) is recorded on the
    mapping and retried after a backoff that doubles up to `max_backoff_seconds`.
    """

    sessions: sessionmaker[Session]
    engine: Engine
    mapping_id: int
    settings: PollSettings
    ssl_context: ssl.SSLContext | None = None
    on_stored: Callable[[], None] = lambda: None
    stop_event: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    backoff: float = 0.0

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name=f"imap-{self.mapping_id}",
                                       daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()

    def join(self, timeout: float | None = None) -> None:
        self.stop()
        if self.thread is not None:
            self.thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def _run(self) -> None:
        self.backoff = self.settings.first_backoff_seconds
        while not self.stop_event.is_set():
            mapping: MappingSource | None = None
            try:
                mapping = load_mapping(self.sessions, self.mapping_id)
                if mapping is None or not mapping.enabled:
                    log.info("mapping %s was removed or disabled: no longer read", self.mapping_id)
                    return
                with checkpoints.exclusive_mailbox(self.engine, self.mapping_id) as mine:
                    if not mine:
                        # Another node reads this mailbox; take over if it stops.
                        self.stop_event.wait(self.settings.poll_seconds)
                        continue
                    self._connected(mapping)
            except Exception as exc:  # noqa: BLE001 - a mailbox's failure must not end its thread
                sentence = describe(exc, mapping.url) if mapping else f"{type(exc).__name__}: {exc}"
                log.warning("mapping %s: %s; retrying in %.0f s", self.mapping_id, sentence,
                            self.backoff)
                try:
                    _record(self.sessions, self.mapping_id, sentence)
                except Exception:  # noqa: BLE001 - the database may be what is down
                    log.exception("mapping %s: cannot record the error", self.mapping_id)
                self.stop_event.wait(self.backoff)
                self.backoff = min(self.backoff * 2, self.settings.max_backoff_seconds)

    def _connected(self, mapping: MappingSource) -> None:
        client = open_mailbox(mapping, ssl_context=self.ssl_context)
        try:
            idle = b"IDLE" in client.capabilities()
            log.info("%s: connected (%s)", mapping.name, "IDLE" if idle else "polling")
            while not self.stop_event.is_set():
                result = read_folder(self.sessions, client, mapping.source(),
                                     on_stored=self.on_stored)
                if result.stored:
                    log.info("%s: %d new message(s) stored", mapping.name, result.stored)
                _record(self.sessions, self.mapping_id, None)
                self.backoff = self.settings.first_backoff_seconds
                if idle:
                    self._idle(client)
                else:
                    self.stop_event.wait(self.settings.poll_seconds)
        finally:
            _close(client)

    def _idle(self, client: IMAPClient) -> None:
        """Waits for the server to announce mail, for at most `idle_seconds`, or until stopped."""
        client.idle()
        closed = False
        try:
            if _exists_already_announced(client):
                return
            deadline = time.monotonic() + self.settings.idle_seconds
            while not self.stop_event.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                # Short waits so that a stop is seen within a second.
                if _announces_mail(client.idle_check(timeout=min(1.0, remaining))):
                    return
                if _closed_by_server(client):
                    closed = True
                    raise MailboxError(f"{client.host} closed the connection")
        finally:
            if not closed:
                client.idle_done()


def _exists_already_announced(client: IMAPClient) -> bool:
    """Whether the server announced new mail before IDLE began.

    imaplib files unsolicited responses that arrive with a command's answer, or
    just before IDLE's continuation, where idle_check() never looks: a message
    delivered between our SEARCH and IDLE would otherwise wait for the next IDLE
    renewal. (SELECT clears them, so each pass starts afresh.)
    """
    pending = client._imap.untagged_responses
    return any([pending.pop("EXISTS", None), pending.pop("RECENT", None)])


def _closed_by_server(client: IMAPClient) -> bool:
    """Whether the peer closed the socket: idle_check() swallows that end of file.

    Peeks at the raw TCP stream (under TLS too), so an unread TLS record is not
    mistaken for the end.
    """
    try:
        return socket.socket.recv(client.socket(), 1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True


def _announces_mail(responses: Sequence[Any]) -> bool:
    return any(
        (len(r) > 1 and r[1] in (b"EXISTS", b"RECENT")) or (len(r) > 0 and r[0] == b"BYE")
        for r in responses
    )


class ImapSupervisor:
    """One poller per enabled IMAP mapping, in `mailwall serve`.

    Mappings added, disabled or removed while serving are picked up every
    `poll_seconds`.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        engine: Engine,
        settings: PollSettings,
        *,
        ssl_context: ssl.SSLContext | None = None,
        on_stored: Callable[[], None] = lambda: None,
    ) -> None:
        self.sessions = sessions
        self.engine = engine
        self.settings = settings
        self.ssl_context = ssl_context
        self.on_stored = on_stored
        self.pollers: dict[int, MailboxPoller] = {}

    def refresh(self) -> bool:
        """Starts pollers for new mappings; forgets finished ones. Never busy."""
        with self.sessions() as session:
            wanted = [m.id for m in checkpoints.enabled_imap_mappings(session)]
        for mapping_id, poller in list(self.pollers.items()):
            if not poller.alive:
                del self.pollers[mapping_id]
        for mapping_id in wanted:
            if mapping_id not in self.pollers:
                poller = MailboxPoller(self.sessions, self.engine, mapping_id, self.settings,
                                       ssl_context=self.ssl_context, on_stored=self.on_stored)
                self.pollers[mapping_id] = poller
                poller.start()
        return False

    def stop(self, timeout: float = 30.0) -> None:
        for poller in self.pollers.values():
            poller.stop()
        for poller in self.pollers.values():
            poller.join(timeout)


# --- `mailwall map test` -----------------------------------------------------------------


@dataclass(frozen=True)
class MailboxReport:
    """What `map test` found; `error` is None when everything worked."""

    mapping_id: int
    url: str
    error: str | None = None
    tls: str | None = None  # "imaps", "starttls" or "none"
    folder: str | None = None
    messages: int | None = None
    unseen: int | None = None
    uidvalidity: int | None = None
    idle: bool | None = None
    move_to: str | None = None
    move_to_exists: bool | None = None
    checkpoint_uid: int | None = None
    new_messages: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def check_mapping(
    sessions: sessionmaker[Session], mapping_id: int, *, ssl_context: ssl.SSLContext | None = None
) -> MailboxReport:
    """Connects, logs in and looks at the folder without changing anything."""
    mapping = load_mapping(sessions, mapping_id)
    if mapping is None:
        raise InvalidInput(f"there is no mapping {mapping_id} (see `mailwall map list`)")
    base = {"mapping_id": mapping_id, "url": str(mapping.url), "move_to": mapping.move_to}
    try:
        client = connect(mapping.url, mapping.password(), ssl_context=ssl_context)
    except Exception as exc:  # noqa: BLE001 - every failure is the report's answer
        return MailboxReport(**base, error=describe(exc, mapping.url))
    try:
        sock = client.socket()
        tls = "imaps" if mapping.url.tls else (
            "starttls" if isinstance(sock, ssl.SSLSocket) else "none")
        idle = b"IDLE" in client.capabilities()
        folder = mapping.url.folder
        if not client.folder_exists(folder):
            return MailboxReport(**base, tls=tls, idle=idle, folder=folder,
                                 error=f"{mapping.url.host} has no folder {folder!r} "
                                       f"for {mapping.url.user}")
        status = client.folder_status(folder, [b"MESSAGES", b"UNSEEN", b"UIDVALIDITY"])
        uidvalidity = int(status[b"UIDVALIDITY"])
        with sessions() as session:
            checkpoint = checkpoints.get_checkpoint(session, f"mapping:{mapping_id}")
        position = (checkpoint.position if checkpoint and checkpoint.uidvalidity == uidvalidity
                    else 0)
        client.select_folder(folder, readonly=True)
        new = len([u for u in client.search(["UID", f"{position + 1}:*"]) if u > position]) \
            if int(status[b"MESSAGES"]) else 0
        return MailboxReport(
            **base, tls=tls, folder=folder, messages=int(status[b"MESSAGES"]),
            unseen=int(status[b"UNSEEN"]), uidvalidity=uidvalidity, idle=idle,
            move_to_exists=client.folder_exists(mapping.move_to) if mapping.move_to else None,
            checkpoint_uid=checkpoint.position if checkpoint else None, new_messages=new,
        )
    except Exception as exc:  # noqa: BLE001
        return MailboxReport(**base, error=describe(exc, mapping.url))
    finally:
        _close(client)


# --- `mailwall import imap` -----------------------------------------------------------------


def import_key(url: ImapUrl, community: str) -> str:
    return f"import:imap:{url}:{community}"


def import_imap(
    pipeline: Pipeline,
    url: str,
    *,
    community: str,
    password_env: str | None = None,
    password_file: str | None = None,
    folder: str | None = None,
    channel: str | None = None,
    ssl_context: ssl.SSLContext | None = None,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Imports a folder's messages as source `import`, read-only (nothing is flagged or moved).

    Resumable: a checkpoint per (mailbox, folder, community) keeps the last UID
    stored, so an interrupted import continues where it stopped and a finished
    one imports nothing twice. Each stored message goes through the pipeline at
    once; the summary has the shape of the mbox and maildir imports.
    """
    parsed = parse_imap_url(url)
    if folder:
        parsed = ImapUrl(parsed.scheme, parsed.user, parsed.host, parsed.port, folder)
    if bool(password_env) == bool(password_file):
        raise InvalidInput("give exactly one of --password-env VAR or --password-file FILE")
    if password_env:
        check_env_name(password_env)
    target = check_target(pipeline.sessions, community, channel)
    password = read_password(password_env=password_env, password_file=password_file,
                             what=f"the import from {parsed}")
    source = Source(key=import_key(parsed, community), url=parsed, target=target,
                    source=MessageSource.IMPORT, acknowledge=False)
    summary = ImportSummary(community, channel, str(parsed), "imap")
    client = connect(parsed, password, ssl_context=ssl_context)
    try:
        if not client.folder_exists(parsed.folder):
            raise MailboxError(f"{parsed.host} has no folder {parsed.folder!r} for {parsed.user}")
        result = read_folder(pipeline.sessions, client, source, limit=limit,
                             progress=(lambda done, _total: progress(1)) if progress else None)
    finally:
        _close(client)
    summary.resumed_at = result.resumed_at
    summary.read = result.found
    summary.stored = result.stored
    summary.skipped = result.already_stored
    summary.stopped_early = result.stopped_early
    for raw_id in result.stored_ids:
        summary.reasons[pipeline.process(raw_id).reason.code] += 1
    return summary
