"""What the faster pipeline must keep: batch claims, relaxed worker commits, fewer queries.

No timing here: each test checks a guarantee (nothing lost, nothing doubled, a failing
message fails alone, every message ends in a visible state with a reason).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select, update

from gateway.apply import Applier
from gateway.pipeline import Pipeline
from tests.pipeline.conftest import Gateway, mail, make_settings, parser_failing_on
from wall_store import queue
from wall_store.base import utcnow
from wall_store.db import make_engine, session_factory
from wall_store.models import MessageStatus, Post, RawMessage
from wall_store.reasons import Reason

LEASE = timedelta(minutes=10)


def deliver_many(gateway: Gateway, count: int, prefix: str = "m") -> list[int]:
    ids = []
    for n in range(count):
        ids += gateway.deliver(mail(message_id=f"{prefix}-{n}@corp.example",
                                    subject=f"Sujet numéro {n}", body=f"Texte {n}"))
    return ids


def statuses(gateway: Gateway) -> dict[MessageStatus, int]:
    with gateway.sessions() as session:
        return dict(session.execute(  # type: ignore[arg-type]
            select(RawMessage.status, func.count()).group_by(RawMessage.status)).all())


def post_count(gateway: Gateway) -> int:
    with gateway.sessions() as session:
        return int(session.scalar(select(func.count(Post.id))) or 0)


def test_a_batch_is_claimed_in_one_go_and_never_twice(gateway: Gateway) -> None:
    ids = deliver_many(gateway, 5)
    with gateway.sessions() as session, session.begin():
        first = queue.claim_batch(session, lease=LEASE, limit=3)
    with gateway.sessions() as session, session.begin():
        second = queue.claim_batch(session, lease=LEASE, limit=3)
        third = queue.claim_batch(session, lease=LEASE, limit=3)
    assert first == ids[:3] and second == ids[3:] and third == []
    with gateway.sessions() as session:
        rows = session.scalars(select(RawMessage).order_by(RawMessage.id)).all()
        assert {r.status for r in rows} == {MessageStatus.PROCESSING}
        assert {r.attempts for r in rows} == {1}


def test_a_restarted_node_takes_back_its_own_claims_and_leaves_the_others(
    gateway: Gateway,
) -> None:
    ids = deliver_many(gateway, 4)
    with gateway.sessions() as session, session.begin():
        killed = queue.claim_batch(session, lease=LEASE, limit=2, node="mx1:25")
        alive = queue.claim_batch(session, lease=LEASE, limit=2, node="mx2:25")
    with gateway.sessions() as session, session.begin():
        assert queue.release_stale_claims(session, "mx1:25") == 2
    with gateway.sessions() as session:
        state = dict(session.execute(select(RawMessage.id, RawMessage.status)).all())
    assert [state[i] for i in killed] == [MessageStatus.RECEIVED] * 2
    assert [state[i] for i in alive] == [MessageStatus.PROCESSING] * 2
    assert sorted(killed + alive) == ids


def test_run_batch_posts_every_message_of_the_batch(gateway: Gateway) -> None:
    deliver_many(gateway, 4)
    results = gateway.pipeline.run_batch(10)
    assert [r.reason for r in results] == [Reason.POSTED] * 4
    assert gateway.pipeline.run_batch(10) == []
    assert post_count(gateway) == 4


def test_a_message_that_raises_in_a_batch_fails_alone(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failing message's writes are rolled back; the others before and after it post."""
    original = Applier.apply

    def fragile(self: Applier, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.parsed.message_id == "m-1@corp.example":
            # After some writes of its own, so that a rollback has something to undo.
            original(self, *args, **kwargs)
            raise RuntimeError("apply broke on this one")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Applier, "apply", fragile)
    ids = deliver_many(gateway, 3)
    results = gateway.pipeline.run_batch(10)
    assert [r.reason for r in results] == [Reason.POSTED, Reason.PROCESSING_ERROR,
                                           Reason.POSTED]
    bad = gateway.raw(ids[1])
    assert bad.status is MessageStatus.FAILED
    assert bad.reason == Reason.PROCESSING_ERROR.code and "apply broke" in (bad.last_error or "")
    assert {p.message_id for p in gateway.posts()} == {"m-0@corp.example", "m-2@corp.example"}


def test_a_message_that_keeps_raising_is_quarantined_while_batches_flow(
    gateway_with_parser,  # type: ignore[no-untyped-def]
) -> None:
    gateway = gateway_with_parser(parser_failing_on(b"poison"))
    deliver_many(gateway, 2, prefix="before")
    [bad] = gateway.deliver(mail(message_id="poison@corp.example", body="poison"))
    deliver_many(gateway, 2, prefix="after")
    reasons = [r.reason for r in gateway.run()]  # retry_base is 0: retried at once, 3 tries
    assert reasons.count(Reason.POSTED) == 4
    assert reasons.count(Reason.QUARANTINED) == 1
    row = gateway.raw(bad)
    assert row.status is MessageStatus.QUARANTINED and row.reason == Reason.QUARANTINED.code
    assert post_count(gateway) == 4


def test_a_batch_left_by_a_worker_that_died_is_resumed_without_loss_or_duplicate(
    gateway: Gateway,
) -> None:
    ids = deliver_many(gateway, 6)
    with gateway.sessions() as session, session.begin():
        claimed = queue.claim_batch(session, lease=LEASE, limit=6)
    assert claimed == ids
    # The worker finished two of its batch, then died with the rest claimed.
    for raw_id in claimed[:2]:
        assert gateway.pipeline.process(raw_id).reason is Reason.POSTED
    assert gateway.run() == []  # fresh claims: nobody else takes them
    with gateway.sessions() as session, session.begin():
        assert queue.release_stale_claims(session) == 4  # `mailwall serve` start, SQLite
    assert [r.reason for r in gateway.run()] == [Reason.POSTED] * 4
    assert post_count(gateway) == 6
    assert statuses(gateway) == {MessageStatus.DONE: 6}


def test_an_expired_batch_claim_is_taken_over_and_a_redone_message_posts_once(
    gateway: Gateway,
) -> None:
    ids = deliver_many(gateway, 3)
    with gateway.sessions() as session, session.begin():
        queue.claim_batch(session, lease=LEASE, limit=3, now=utcnow() - timedelta(hours=1))
    # The dead worker's commit for the first message was lost (e.g. a power cut
    # with relaxed sync) after its post was written: redone, it is found, not doubled.
    gateway.pipeline.process(ids[0])
    with gateway.sessions() as session, session.begin():
        session.execute(update(RawMessage).where(RawMessage.id == ids[0])
                        .values(status=MessageStatus.PROCESSING))
        session.execute(update(RawMessage).values(claimed_at=utcnow() - timedelta(hours=1)))
    reasons = sorted(r.reason.code for r in gateway.run())
    assert reasons == sorted([Reason.DUPLICATE.code, Reason.POSTED.code, Reason.POSTED.code])
    assert post_count(gateway) == 3
    assert all(gateway.raw(i).status is MessageStatus.DONE for i in ids)


def test_drain_limit_counts_messages_not_batches(gateway: Gateway) -> None:
    deliver_many(gateway, 5)
    assert len(gateway.pipeline.drain(limit=3)) == 3
    assert len(gateway.pipeline.drain()) == 2


def test_worker_engine_relaxes_sync_only_where_asked(engine: Engine) -> None:
    """Intake keeps synchronous=FULL (the `250` promise); workers may use NORMAL."""
    url = engine.url.render_as_string(hide_password=False)
    relaxed = make_engine(url, durable=False)
    try:
        with engine.connect() as durable_conn, relaxed.connect() as relaxed_conn:
            if engine.dialect.name == "sqlite":
                assert durable_conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
                assert relaxed_conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            else:
                assert durable_conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "on"
                assert relaxed_conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "off"
    finally:
        relaxed.dispose()


def test_a_pipeline_on_a_relaxed_engine_posts_like_the_durable_one(
    gateway: Gateway, engine: Engine
) -> None:
    relaxed = make_engine(engine.url.render_as_string(hide_password=False), durable=False)
    try:
        pipeline = Pipeline(session_factory(relaxed), make_settings())
        deliver_many(gateway, 3)
        assert [r.reason for r in pipeline.drain()] == [Reason.POSTED] * 3
        assert post_count(gateway) == 3
    finally:
        relaxed.dispose()
