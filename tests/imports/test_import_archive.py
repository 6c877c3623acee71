"""Importing archives in-process: posts, threads, dates, drops, resumption, deduplication."""

from __future__ import annotations

import email
import json
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.mailgen import generate_samples, generate_thread, write_maildir
from gateway.importer import Maildir, Mbox, import_archive, message_key, open_archive
from gateway.intake import Target, store_message
from parsers import parse
from tests.conftest import CORPORA
from tests.imports import atlas, mbox, posts, raw_rows, wall
from wall_store import people
from wall_store.errors import InvalidInput
from wall_store.models import MessageSource, MessageStatus


def _ids(samples: list) -> list[str]:  # type: ignore[type-arg]
    return [s.message_id.strip("<>") for s in samples]


def test_french_thread_from_an_mbox_is_one_thread_in_date_order_with_source_import(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    pipeline = atlas(sessions)
    thread = generate_thread(41, length=4, lang="fr", styles=["outlook_fr", "gmail_fr"])
    path = mbox(tmp_path / "atlas.mbox", [s.raw for s in thread])

    summary = import_archive(pipeline, Mbox(path), community="atlas")

    assert summary.imported == 4
    [only] = wall(sessions)["threads"]
    assert [p["message_id"] for p in only["posts"]] == _ids(thread)
    assert [p["created_at"] for p in only["posts"]] == [
        s.date.astimezone(UTC).isoformat() for s in thread
    ]
    assert {p["source"] for p in only["posts"]} == {"import"}
    assert only["subject"] == thread[0].subject


@pytest.mark.parametrize("batch_size", [200, 1])
def test_archive_with_replies_before_their_parent_is_still_one_thread(
    sessions: sessionmaker[Session], tmp_path: Path, batch_size: int
) -> None:
    pipeline = atlas(sessions)
    thread = generate_thread(42, length=4, lang="fr", styles=["outlook_fr", "gmail_fr"])
    path = mbox(tmp_path / "a-l-envers.mbox", [s.raw for s in reversed(thread)])

    summary = import_archive(pipeline, Mbox(path), community="atlas", batch_size=batch_size)

    assert summary.imported == 4
    [only] = wall(sessions)["threads"]
    assert [p["message_id"] for p in only["posts"]] == _ids(thread)
    assert only["subject"] == thread[0].subject


def test_list_mail_from_non_members_is_posted_when_imported(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    pipeline = atlas(sessions)  # non-members are moderated for live mail
    lists = [s for s in generate_samples(200, seed=12) if s.kind == "list"]
    assert all(s.list_id for s in lists)
    path = mbox(tmp_path / "veille.mbox", [s.raw for s in lists])

    summary = import_archive(pipeline, Mbox(path), community="atlas")

    assert summary.imported == len(lists)
    assert summary.not_posted == {}
    assert {p["message_id"] for p in posts(sessions)} == set(_ids(lists))


def test_summary_counts_auto_replies_and_bounces_by_reason(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    pipeline = atlas(sessions)
    samples = [s for s in generate_samples(300, seed=13)
               if s.kind in ("post", "auto_reply", "bounce")]
    count = {kind: sum(s.kind == kind for s in samples) for kind in ("post", "auto_reply",
                                                                     "bounce")}
    assert count["auto_reply"] and count["bounce"]
    path = mbox(tmp_path / "boite.mbox", [s.raw for s in samples])

    summary = import_archive(pipeline, Mbox(path), community="atlas")

    assert summary.imported == count["post"]
    assert summary.not_posted == {"auto_reply": count["auto_reply"], "bounce": count["bounce"]}
    assert len(posts(sessions)) == count["post"]


def test_import_stopped_midway_resumes_after_its_checkpoint_and_posts_each_message_once(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    pipeline = atlas(sessions)
    samples = [s for s in generate_samples(60, seed=14) if s.kind in ("post", "reply")]
    path = mbox(tmp_path / "atlas.mbox", [s.raw for s in samples])

    first = import_archive(pipeline, Mbox(path), community="atlas", batch_size=4, limit=10)
    second = import_archive(pipeline, Mbox(path), community="atlas", batch_size=4)

    assert (first.read, first.stopped_early) == (10, True)
    assert second.resumed_at > 0
    assert second.read == len(samples) - 10
    assert second.already_there == 0
    assert sorted(r.message_id for r in raw_rows(sessions)) == sorted(_ids(samples))
    assert first.imported + first.liked + second.imported + second.liked == len(samples)


def test_interruption_during_processing_is_finished_by_the_next_run(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    pipeline = atlas(sessions)
    thread = generate_thread(42, length=5, lang="fr")
    path = mbox(tmp_path / "atlas.mbox", [s.raw for s in thread])
    calls = 0

    def interrupted(raw: bytes, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt  # Ctrl-C: not an error the pipeline records
        return parse(raw, **kwargs)  # type: ignore[arg-type]

    broken = type(pipeline)(sessions, pipeline.settings, parser=interrupted)  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        import_archive(broken, Mbox(path), community="atlas")
    assert {r.status for r in raw_rows(sessions)} == {MessageStatus.DONE,
                                                      MessageStatus.PROCESSING}

    summary = import_archive(pipeline, Mbox(path), community="atlas")

    assert (summary.imported, summary.already_there) == (3, 2)
    assert {r.status for r in raw_rows(sessions)} == {MessageStatus.DONE}
    [only] = wall(sessions)["threads"]
    assert [p["message_id"] for p in only["posts"]] == _ids(thread)


def test_message_that_came_by_smtp_before_is_already_there(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    pipeline = atlas(sessions)
    thread = generate_thread(43, length=3, lang="fr")
    with sessions() as session, session.begin():
        community_id = atlas_id(session)
        people.add_member(session, "atlas", thread[0].author)  # so live mail is posted
    store_message(sessions, thread[0].raw, source=MessageSource.SMTP,
                  envelope_from=thread[0].author, envelope_to=["atlas@corp.example"],
                  targets=[Target(community_id)])
    pipeline.drain()
    path = mbox(tmp_path / "atlas.mbox", [s.raw for s in thread])

    summary = import_archive(pipeline, Mbox(path), community="atlas")

    assert (summary.imported, summary.already_there) == (2, 1)
    [only] = wall(sessions)["threads"]
    assert [p["source"] for p in only["posts"]] == ["email", "import", "import"]


def atlas_id(session: Session) -> int:
    from wall_store.communities import get_community

    return get_community(session, "atlas").id


def test_maildir_import_posts_every_message(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    pipeline = atlas(sessions)
    thread = generate_thread(44, length=4, lang="fr", styles=["apple_fr", "thunderbird_fr"])
    write_maildir(tmp_path / "Maildir", [s.raw for s in thread])

    summary = import_archive(pipeline, open_archive("maildir", tmp_path / "Maildir"),
                             community="atlas")
    again = import_archive(pipeline, Maildir(tmp_path / "Maildir"), community="atlas")

    assert summary.imported == 4
    assert (again.imported, again.already_there) == (0, 4)
    [only] = wall(sessions)["threads"]
    assert [p["message_id"] for p in only["posts"]] == _ids(thread)
    assert {p["source"] for p in only["posts"]} == {"import"}


def test_archive_that_is_not_there_is_refused_in_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"^there is no mbox file at .*absent\.mbox$"):
        open_archive("mbox", tmp_path / "absent.mbox")
    with pytest.raises(InvalidInput, match=r"is not a maildir"):
        open_archive("maildir", tmp_path)


# --- reading mbox files (no database) -------------------------------------------------


def test_pipermail_archive_with_unescaped_from_lines_splits_like_its_index() -> None:
    folder = CORPORA / "berlios_linux_uvc_devel"
    if not folder.is_dir():
        pytest.skip(f"the berlios corpus is not at {folder}")
    index = [json.loads(line) for line in (folder / "messages.jsonl").open()]

    items = list(Mbox(folder / "linux-uvc-devel_2006-2008.mbox").read(0))

    assert len(items) == len(index)
    assert [item.position for item in items[:-1]] == [row["offset"] for row in index[1:]]
    # The message ids the pipeline records, found without parsing whole messages.
    assert [message_key(item.raw) for item in items] == [
        parse(item.raw).message_id for item in items
    ]


def test_mbox_escaped_from_lines_come_back_as_they_were_sent(tmp_path: Path) -> None:
    body = ("Bonjour,\n\nFrom now on, la revue a lieu le jeudi.\n"
            "From the minutes: voir page 2.\n\nÉlodie\n")
    raw = (
        "From: Élodie Martin <elodie.martin@corp.example>\nTo: atlas@corp.example\n"
        "Subject: Revue\nDate: Mon, 16 Nov 2026 09:30:00 +0100\nMessage-ID: <revue-1@corp>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\n" + body
    ).encode()
    path = mbox(tmp_path / "escaped.mbox", [raw, raw.replace(b"revue-1", b"revue-2")])

    items = list(Mbox(path).read(0))

    assert [item.raw for item in items] == [raw, raw.replace(b"revue-1", b"revue-2")]
    assert email.message_from_bytes(items[0].raw).get_payload() == body
