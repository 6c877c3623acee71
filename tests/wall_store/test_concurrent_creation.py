"""Two writers meeting the same new sender, or the same new file name, at once."""

from __future__ import annotations

import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from wall_store import communities, documents
from wall_store.models import Document, Person
from wall_store.people import ensure_person


def race(sessions: sessionmaker[Session], work) -> list[object]:  # type: ignore[no-untyped-def]
    """Runs `work(session)` in two threads; the first keeps its transaction open until
    the second has started its own write, so the second meets the uncommitted row."""
    first_wrote = threading.Event()
    results: list[object] = []
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with sessions() as session, session.begin():
                results.append(work(session))
                first_wrote.set()
                threading.Event().wait(0.5)  # hold the transaction: the second one waits
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
            first_wrote.set()

    def second() -> None:
        first_wrote.wait()
        try:
            with sessions() as session, session.begin():
                results.append(work(session))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    return results


def test_two_workers_creating_the_same_new_person_end_with_one(
    sessions: sessionmaker[Session],
) -> None:
    ids = race(sessions, lambda s: ensure_person(s, "paul.roux@fournisseur.example",
                                                 "Paul Roux").id)
    assert ids[0] == ids[1]
    with sessions() as session:
        assert session.scalar(select(func.count(Person.id))) == 1


def test_two_messages_filing_the_same_new_document_end_with_one(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        community = communities.create_community(session, "atlas", name="Atlas",
                                                 kind="project")
        community_id = community.id
    race(sessions, lambda s: documents.file_version(
        s, community_id, "Planning.pdf", b"%PDF-1.7 v1", content_type="application/pdf",
        uploaded_by=None, post_id=None)[0].number)
    with sessions() as session:
        assert session.scalar(select(func.count(Document.id))) == 1
