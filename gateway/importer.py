"""Archive import: an mbox file or a maildir brought into one community.

Each message goes the way mail from any source goes: stored raw first (source
`import`), then the pipeline parses, routes, polices and applies it, so the
original dates, threads, attachments and drops follow the same rules as live
mail. What the import adds is volume handling and resumption:

- messages are stored in batches, one transaction each, and the checkpoint
  (how far into the archive) moves in that same transaction: after a crash
  the next run starts after the last stored batch;
- each message is looked up by Message-ID (or by the content-derived id the
  parser gives a message without one) among what the community already
  received, so a rerun, an overlapping archive or mail that already came by
  SMTP is "already there", never posted twice;
- an interrupted run leaves stored rows unprocessed: the next run finishes
  them first.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from gateway.intake import Target
from gateway.pipeline import Pipeline, Settings
from parsers.headers import header_message_id
from parsers.mail import DERIVED_ID_DOMAIN
from wall_store import checkpoints, imports
from wall_store.base import utcnow
from wall_store.blobs import put_blob
from wall_store.communities import get_channel, get_community
from wall_store.config import Config
from wall_store.db import make_engine, session_factory
from wall_store.errors import InvalidInput
from wall_store.models import MessageSource, MessageStatus, RawMessage
from wall_store.reasons import Reason

BATCH_SIZE = 200
# The longest a Message-ID column holds; the pipeline cuts the same way.
_MAX_ID = 998


# --- reading archives -------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One message read from an archive, and the checkpoint that follows it."""

    raw: bytes
    position: int  # where the next run starts once this message is stored
    units: int  # progress made by reading it (bytes for mbox, 1 for maildir)


class Archive(Protocol):
    kind: str
    path: Path

    @property
    def total(self) -> int:
        """Progress units of the whole archive (bytes, messages)."""
        ...

    def identity(self, position: int) -> int:
        """Says whether a checkpoint at `position` still describes this archive."""
        ...

    def resumable(self, position: int) -> bool:
        """Whether reading may start at `position`."""
        ...

    def read(self, position: int) -> Iterator[Item]:
        ...


def _fingerprint(data: bytes) -> int:
    # Stored in a signed 64-bit column: 62 bits of a sha256 stay positive.
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big") >> 2


# A separator names a sender and ends with a date: "From foo at bar.com  Mon Jan  2
# 10:11:12 2006" (pipermail), "From MAILER-DAEMON Thu Jan  1 00:00:00 1970" (Python),
# "From - Mon Jan 01 00:00:00 2024" (Thunderbird), "From 17@xxx Wed Mar 20 06:34:23
# +0000 2024" (Gmail). A body line that merely begins with "From " rarely has a
# time and a year, and almost never a header line right after it.
_SEPARATOR = re.compile(rb"From \S+ .*\d\d?:\d\d(?::\d\d)?\D.*\d{4}\s*$")
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
# `git format-patch` output pasted into a mail starts with this fixed line and a
# header after it: it is part of the body, never an mbox separator.
_GIT_PATCH = re.compile(rb"From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\s*$")
_ESCAPED_FROM = re.compile(rb">+From ")


class Mbox:
    """An mbox file read as bytes, split on strict separators.

    The stdlib splits on every line that begins with "From ", which cuts
    pipermail archives (they do not escape such body lines) in the middle of
    messages. Here a separator must follow a blank line, look like an
    envelope line and be followed by a header. `>From ` lines lose one `>`
    (mboxrd), so stored bytes are the message as it was sent.
    """

    kind = "mbox"

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def total(self) -> int:
        return self.path.stat().st_size

    def identity(self, position: int) -> int:
        # The head of the file says it is the same archive; appending keeps it valid.
        with self.path.open("rb") as f:
            return _fingerprint(f.read(64 * 1024))

    def resumable(self, position: int) -> bool:
        # At the old end of a file that grew since, or at a separator; anything
        # else means the file was rewritten under the checkpoint.
        size = self.total
        if position > size:
            return False
        with self.path.open("rb") as f:
            f.seek(position)
            line = f.readline()
        return position == size or bool(_SEPARATOR.match(line))

    def read(self, position: int) -> Iterator[Item]:
        with self.path.open("rb") as f:
            f.seek(position)
            yield from self._split(f, position)

    @staticmethod
    def _split(lines: Any, offset: int) -> Iterator[Item]:
        body: list[bytes] = []
        started = False  # a separator has been seen (text before the first one is no mail)
        begin = offset  # where the current message's separator starts
        candidate: tuple[int, bytes] | None = None  # a separator waiting for its header line
        previous_blank = True
        for line in lines:
            if candidate is not None:
                at, separator = candidate
                candidate = None
                if _HEADER_LINE.match(line):
                    if started and body:
                        yield Item(_unescape(body), at, at - begin)
                    started, body, begin = True, [], at
                    body.append(line)
                    offset += len(line)
                    previous_blank = False
                    continue
                body.append(separator)
            if (previous_blank and line.startswith(b"From ") and _SEPARATOR.match(line)
                    and not _GIT_PATCH.match(line)):
                candidate = (offset, line)
            else:
                body.append(line)
            previous_blank = line in (b"\n", b"\r\n")
            offset += len(line)
        if candidate is not None:
            body.append(candidate[1])
        if started and body:
            yield Item(_unescape(body), offset, offset - begin)


def _unescape(lines: list[bytes]) -> bytes:
    if lines and lines[-1] in (b"\n", b"\r\n") and len(lines) > 1:
        lines = lines[:-1]  # the blank line that separates messages is not theirs
    return b"".join(
        line[1:] if line.startswith(b">") and _ESCAPED_FROM.match(line) else line
        for line in lines
    )


class Maildir:
    """A maildir's messages (`cur` and `new`) in the order of their unique names.

    The checkpoint is a count of messages in that order; its identity is a hash
    of the names before it, so a folder that changed under it is read again
    from the start (deduplication then skips what was stored).
    """

    kind = "maildir"

    def __init__(self, path: Path) -> None:
        self.path = path
        files = [
            (name.split(":", 1)[0], self.path / sub / name)
            for sub in ("cur", "new")
            if (self.path / sub).is_dir()
            for name in os.listdir(self.path / sub)
            if not name.startswith(".")
        ]
        files.sort()
        self.names = [name for name, _ in files]
        self.files = [file for _, file in files]

    @property
    def total(self) -> int:
        return len(self.files)

    def identity(self, position: int) -> int:
        return _fingerprint("\n".join(self.names[:position]).encode())

    def resumable(self, position: int) -> bool:
        return position <= len(self.files)

    def read(self, position: int) -> Iterator[Item]:
        for index in range(position, len(self.files)):
            try:
                raw = self.files[index].read_bytes()
            except FileNotFoundError:
                continue  # a mail client moved it away meanwhile: it is not in the archive now
            yield Item(raw, index + 1, 1)


def open_archive(kind: str, path: str | os.PathLike[str]) -> Archive:
    """The archive at `path`, or InvalidInput in one sentence."""
    resolved = Path(path).expanduser().resolve()
    if kind == "mbox":
        if not resolved.is_file():
            raise InvalidInput(f"there is no mbox file at {resolved}")
        return Mbox(resolved)
    if kind == "maildir":
        if not resolved.is_dir() or not any((resolved / s).is_dir() for s in ("cur", "new")):
            raise InvalidInput(f"{resolved} is not a maildir (no cur/ or new/ folder)")
        return Maildir(resolved)
    raise InvalidInput(f"unknown archive kind {kind!r}: mbox or maildir")


# --- which message is it ------------------------------------------------------------

def message_key(raw: bytes) -> str:
    """The id the pipeline will record for this message: its Message-ID, else one
    derived from its bytes (`parsers.parse` does the same), so both agree."""
    message_id = header_message_id(raw)
    if message_id is None:
        message_id = f"{hashlib.sha256(raw).hexdigest()}@{DERIVED_ID_DOMAIN}"
    return message_id[:_MAX_ID]


# --- the summary --------------------------------------------------------------------


@dataclass
class ImportSummary:
    community: str
    channel: str | None
    source: str
    kind: str
    resumed_at: int = 0  # checkpoint position this run started from (0: from the start)
    read: int = 0  # messages read from the archive in this run
    stored: int = 0  # of which new to the community, stored for the pipeline
    skipped: int = 0  # of which the community had already received
    reasons: Counter[str] = field(default_factory=Counter)  # pipeline outcome codes
    stopped_early: bool = False
    finishing: set[str] = field(default_factory=set)  # keys of rows an earlier run left

    @property
    def imported(self) -> int:
        return self.reasons[Reason.POSTED.code] + self.reasons[Reason.APPROVED.code]

    @property
    def liked(self) -> int:
        return self.reasons[Reason.LIKED.code]

    @property
    def already_there(self) -> int:
        return self.skipped + self.reasons[Reason.DUPLICATE.code]

    @property
    def not_posted(self) -> dict[str, int]:
        """Dropped, held, rejected, failed: each reason code with its count."""
        done = {Reason.POSTED.code, Reason.APPROVED.code, Reason.LIKED.code,
                Reason.DUPLICATE.code}
        return {code: n for code, n in sorted(self.reasons.items()) if code not in done and n}

    def as_dict(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "channel": self.channel,
            "source": self.source,
            "kind": self.kind,
            "resumed_at": self.resumed_at,
            "read": self.read,
            "imported": self.imported,
            "liked": self.liked,
            "already_there": self.already_there,
            "not_posted": self.not_posted,
            "complete": not self.stopped_early,
        }


# --- the driver ---------------------------------------------------------------------


def check_target(
    sessions: sessionmaker[Session], community: str, channel: str | None = None
) -> Target:
    """The community (and channel) to fill, or a StoreError in one sentence."""
    with sessions() as session:
        row = get_community(session, community)
        if row.archived:
            raise InvalidInput(f"community {community} is archived and takes no more mail")
        return Target(row.id, get_channel(session, row, channel).id if channel else None)


def import_engine(url: str) -> Engine:
    """An engine for importing, which trades power-loss durability for speed.

    Live mail needs each commit on disk before `250`; an archive does not: it
    stays on disk and a rerun takes up where the database stopped. A process
    crash (kill -9) loses nothing either way: SQLite's WAL with
    synchronous=NORMAL and PostgreSQL's synchronous_commit=off only risk the
    last commits on a power cut or OS crash, and those are lost together with
    the checkpoint that follows them.
    """
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        statement = "PRAGMA synchronous=NORMAL"
    elif engine.dialect.name == "postgresql":
        statement = "SET synchronous_commit TO off"
    else:
        return engine

    @event.listens_for(engine, "connect")
    def _relax(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        if engine.dialect.name == "postgresql":
            dbapi_connection.commit()

    return engine


def import_pipeline(config: Config) -> Pipeline:
    return Pipeline(session_factory(import_engine(config.database.url)),
                    Settings.from_config(config))


def checkpoint_key(archive: Archive, community: str) -> str:
    digest = hashlib.sha256(str(archive.path).encode()).hexdigest()
    return f"import:{archive.kind}:{digest}:{community}"


Progress = Callable[[int], None]


def import_archive(
    pipeline: Pipeline,
    archive: Archive,
    *,
    community: str,
    channel: str | None = None,
    batch_size: int = BATCH_SIZE,
    limit: int | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Stores and processes every message of `archive` that `community` lacks.

    `limit` stops after reading that many messages (an interruption on purpose:
    the next run resumes after them). `progress` receives the units read.
    """
    target = check_target(pipeline.sessions, community, channel)
    key = checkpoint_key(archive, community)
    with pipeline.sessions() as session, session.begin():
        saved = checkpoints.get_checkpoint(session, key)
        leftovers = imports.unfinished_imports(session, target.community_id)
    position = 0
    if (saved is not None and saved.uidvalidity == archive.identity(saved.position)
            and archive.resumable(saved.position)):
        position = saved.position
    summary = ImportSummary(community, channel, str(archive.path), archive.kind,
                            resumed_at=position)
    _finish_leftovers(pipeline, [raw_id for raw_id, _ in leftovers], summary)
    # Stored by the interrupted run, posted by this one: counted once, as imported.
    summary.finishing = {key for _, key in leftovers if key}
    seen: set[str] = set()
    batch: list[tuple[str, Item]] = []
    last = position
    report = progress or (lambda _units: None)
    if position:
        report(position)
    for item in archive.read(position):
        if limit is not None and summary.read >= limit:
            summary.stopped_early = True
            break
        summary.read += 1
        message_key_ = message_key(item.raw)
        last = item.position
        if message_key_ in seen:
            summary.skipped += 1  # twice in the same archive: once is enough
        else:
            seen.add(message_key_)
            batch.append((message_key_, item))
        report(item.units)
        if len(batch) >= batch_size:
            _store_and_process(pipeline, archive, key, target, batch, last, summary)
            batch = []
    # A finished import forgets its checkpoint: a rerun reads the whole archive
    # again and finds every message already there (or the ones added since).
    _store_and_process(pipeline, archive, key, target, batch,
                       last if summary.stopped_early else None, summary)
    return summary


def _store_and_process(
    pipeline: Pipeline, archive: Archive, key: str, target: Target,
    batch: Sequence[tuple[str, Item]], position: int | None, summary: ImportSummary,
) -> None:
    identity = archive.identity(position) if position is not None else 0
    ids = store_batch(pipeline.sessions, batch, target, summary,
                      checkpoint=(key, identity, position))
    for raw_id in ids:
        summary.reasons[pipeline.process(raw_id).reason.code] += 1


def store_batch(
    sessions: sessionmaker[Session],
    batch: Sequence[tuple[str, Item]],
    target: Target,
    summary: ImportSummary,
    *,
    checkpoint: tuple[str, int, int | None],
) -> list[int]:
    """`intake.store_message` for many messages, with the checkpoint in the same commit.

    The raw rows and the checkpoint become durable together: a crash before
    the commit loses both (the batch is read again), after it neither. A
    position of None clears the checkpoint (the archive was read to its end).
    """
    key, identity, position = checkpoint
    now = utcnow()
    with sessions() as session, session.begin():
        known = imports.stored_message_ids(session, target.community_id,
                                           [k for k, _ in batch])
        rows = []
        for message_key_, item in batch:
            if message_key_ in known:
                if message_key_ not in summary.finishing:
                    summary.skipped += 1
                continue
            rows.append(RawMessage(
                source=MessageSource.IMPORT,
                # Claimed by this import as it is stored (as `queue.claim_next` would),
                # so a running gateway leaves the batch to us; if we die, the next
                # import (or the gateway, after the lease) takes it up.
                status=MessageStatus.PROCESSING,
                claimed_at=now,
                attempts=1,
                envelope_from="",
                envelope_to=[],
                blob_sha256=put_blob(session, item.raw),
                size=len(item.raw),
                message_id=message_key_,
                community_id=target.community_id,
                channel_id=target.channel_id,
            ))
        session.add_all(rows)
        if position is None:
            imports.clear_checkpoint(session, key)
        else:
            checkpoints.save_checkpoint(session, key, uidvalidity=identity, position=position)
        session.flush()
        summary.stored += len(rows)
        return [row.id for row in rows]


def _finish_leftovers(pipeline: Pipeline, raw_ids: Sequence[int], summary: ImportSummary) -> None:
    if not raw_ids:
        return
    with pipeline.sessions() as session, session.begin():
        claimed = imports.claim(session, raw_ids)
    for raw_id in claimed:
        summary.reasons[pipeline.process(raw_id).reason.code] += 1
