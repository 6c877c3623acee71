"""`mailwall import mbox|maildir` through the command line, a killed import included."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.mailgen import generate_samples, generate_thread, write_maildir
from gateway.importer import message_key
from tests.cli.conftest import Mailwall, mailwall, refused  # noqa: F401 - fixtures
from tests.imports import mbox
from wall_store.db import make_engine
from wall_store.models import Community, MessageSource, MessageStatus, RawMessage


def _community(mailwall: Mailwall, slug: str = "atlas") -> None:  # noqa: F811
    result = mailwall("community", "create", slug, "--name", "Projet Atlas", "--kind", "project")
    assert result.exit_code == 0, result.output
    assert mailwall("channel", "add", slug, "lot-3").exit_code == 0


def _threads(mailwall: Mailwall, slug: str) -> set[tuple[str | None, frozenset[str]]]:  # noqa: F811
    wall = mailwall.json("wall", slug, "--limit", "10000")
    return {(t["channel"], frozenset(p["message_id"] for p in t["posts"]))
            for t in wall["threads"]}


def test_second_run_imports_nothing_twice_and_says_already_there(
    mailwall: Mailwall, tmp_path: Path  # noqa: F811
) -> None:
    _community(mailwall)
    samples = [s for s in generate_samples(40, seed=21) if s.kind in ("post", "reply")]
    path = mbox(tmp_path / "atlas.mbox", [s.raw for s in samples])
    first = mailwall("import", "mbox", str(path), "--community", "atlas")
    assert first.exit_code == 0, first.output
    before = _threads(mailwall, "atlas")

    again = mailwall("import", "mbox", str(path), "--community", "atlas")

    assert again.exit_code == 0, again.output
    assert "imported 0 message(s) into atlas" in again.stdout
    assert f"already there: {len(samples)}" in again.stdout
    assert _threads(mailwall, "atlas") == before


def test_channel_option_puts_the_threads_in_the_channel(
    mailwall: Mailwall, tmp_path: Path  # noqa: F811
) -> None:
    _community(mailwall)
    thread = generate_thread(22, length=3, lang="fr")
    path = mbox(tmp_path / "lot3.mbox", [s.raw for s in thread])

    data = mailwall.json("import", "mbox", str(path), "--community", "atlas",
                         "--channel", "lot-3")

    assert (data["imported"], data["channel"]) == (3, "lot-3")
    assert _threads(mailwall, "atlas") == {
        ("lot-3", frozenset(s.message_id.strip("<>") for s in thread))}


def test_maildir_import_through_the_cli_reports_what_it_did(
    mailwall: Mailwall, tmp_path: Path  # noqa: F811
) -> None:
    _community(mailwall)
    samples = [s for s in generate_samples(80, seed=23) if s.kind in ("post", "auto_reply")]
    write_maildir(tmp_path / "Maildir", [s.raw for s in samples])
    replies = sum(s.kind == "auto_reply" for s in samples)

    result = mailwall("import", "maildir", str(tmp_path / "Maildir"), "--community", "atlas")

    assert result.exit_code == 0, result.output
    assert f"imported {len(samples) - replies} message(s) into atlas" in result.stdout
    assert f"auto_reply: {replies} (An automatic reply" in result.stdout


def test_unknown_community_is_refused_in_one_sentence(
    mailwall: Mailwall, refused, tmp_path: Path  # noqa: F811
) -> None:
    path = mbox(tmp_path / "atlas.mbox", [generate_thread(24, length=1)[0].raw])

    result = refused("import", "mbox", str(path), "--community", "nulle-part")

    assert "there is no community 'nulle-part'" in result.stderr


def test_missing_archive_is_refused_in_one_sentence(
    mailwall: Mailwall, refused, tmp_path: Path  # noqa: F811
) -> None:
    _community(mailwall)

    result = refused("import", "mbox", str(tmp_path / "absent.mbox"), "--community", "atlas")
    maildir = refused("import", "maildir", str(tmp_path), "--community", "atlas")

    assert "there is no mbox file at" in result.stderr
    assert "is not a maildir" in maildir.stderr


def test_unknown_channel_is_refused_in_one_sentence(
    mailwall: Mailwall, refused, tmp_path: Path  # noqa: F811
) -> None:
    _community(mailwall)
    path = mbox(tmp_path / "atlas.mbox", [generate_thread(25, length=1)[0].raw])

    refused("import", "mbox", str(path), "--community", "atlas", "--channel", "lot-9")


def test_import_killed_midway_then_run_again_gives_every_message_exactly_once(
    mailwall: Mailwall, tmp_path: Path  # noqa: F811
) -> None:
    _community(mailwall)
    _community(mailwall, "reference")
    samples = list(generate_samples(150, seed=26))
    path = mbox(tmp_path / "atlas.mbox", [s.raw for s in samples])
    command = [str(Path(sys.executable).parent / "mailwall"), "--config", str(mailwall.config),
               "import", "mbox", str(path), "--community", "atlas", "--batch-size", "10"]
    engine = make_engine(mailwall.database_url)

    def stored() -> int:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(RawMessage).where(
                RawMessage.source == MessageSource.IMPORT)) or 0

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=os.environ.copy())
    try:
        while stored() < 30 and process.poll() is None:
            time.sleep(0.01)
        assert process.poll() is None, "the import ended before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert stored() < len(samples)

    again = mailwall.json("import", "mbox", str(path), "--community", "atlas")
    reference = mailwall.json("import", "mbox", str(path), "--community", "reference")

    assert again["resumed_at"] > 0
    with engine.connect() as conn:
        rows = conn.execute(
            select(RawMessage.message_id, RawMessage.status)
            .join(Community, Community.id == RawMessage.community_id)
            .where(Community.slug == "atlas")
        ).all()
    engine.dispose()
    keys = [key for key, _ in rows]
    assert len(keys) == len(set(keys))
    # An mbox stores LF line ends: the content-derived ids are those of the LF bytes.
    assert set(keys) == {message_key(s.raw.replace(b"\r\n", b"\n")) for s in samples}
    assert {status for _, status in rows} <= {MessageStatus.DONE, MessageStatus.DROPPED}
    assert reference["imported"] > 0
    assert _threads(mailwall, "atlas") == _threads(mailwall, "reference")
