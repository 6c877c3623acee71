"""Hostile mail in the pipeline: classified at once, never retried into quarantine."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from gateway.pipeline import Pipeline
from tests.pipeline.conftest import Gateway, mail, make_settings, populate
from wall_store.models import DocumentVersion, MessageStatus, Person, Post
from wall_store.reasons import Reason


def _only(results: list) -> Reason:  # type: ignore[type-arg]
    assert len(results) == 1, results
    return results[0].reason


def test_a_from_address_with_a_nul_byte_is_rejected_at_once_with_its_reason(
    gateway: Gateway,
) -> None:
    raw = mail(sender="x").replace(
        b"From: x", b"From: =?utf-8?q?J=C3=A9r=C3=B4me?= <jerome.du\x00bois@corp.example>")
    [raw_id] = gateway.deliver(raw)
    assert _only(gateway.run()) is Reason.BAD_SENDER_ADDRESS
    row = gateway.raw(raw_id)
    assert (row.status, row.attempts, row.last_error) == (MessageStatus.REJECTED, 1, None)
    assert gateway.posts() == [] and gateway.outbox() == []
    with gateway.sessions() as session:
        assert session.scalar(
            select(func.count()).select_from(Person).where(Person.primary_address.contains("du"))
        ) == 1  # Jérôme Dubois, the member; nobody new


def test_a_mail_with_no_text_and_no_attachment_is_rejected_as_empty_and_told(
    gateway: Gateway,
) -> None:
    [raw_id] = gateway.deliver(mail(subject="Réunion de jeudi", body="\n\n   \n"))
    assert _only(gateway.run()) is Reason.EMPTY_MESSAGE
    assert gateway.raw(raw_id).status is MessageStatus.REJECTED
    assert gateway.posts() == []
    [notice] = gateway.outbox()
    assert notice.recipient == "elodie.martin@corp.example"


def test_a_mail_whose_first_line_is_blank_is_posted(gateway: Gateway) -> None:
    [raw_id] = gateway.deliver(b"\r\n" + mail())
    assert _only(gateway.run()) is Reason.POSTED
    [post] = gateway.posts()
    assert post.message_id == "copil-1@corp.example"
    assert post.text.startswith("Bonjour,")


def _forward_with_attached_mails(count: int) -> bytes:
    parts = [
        "--fwd\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Bonjour, voici les échanges avec les fournisseurs.\r\n"
    ]
    for i in range(count):
        parts.append(
            f"--fwd\r\nContent-Type: message/rfc822\r\n"
            f"Content-Disposition: attachment; filename=\"fournisseur-{i:03d}.eml\"\r\n\r\n"
            f"From: Fournisseur {i} <contact{i}@fournisseur{i}.example>\r\n"
            f"To: elodie.martin@corp.example\r\nSubject: Devis {i}\r\n"
            f"Date: Mon, 2 Nov 2026 {8 + i // 60:02d}:{i % 60:02d}:00 +0100\r\n"
            f"Message-ID: <devis-{i}@fournisseur{i}.example>\r\n\r\n"
            f"Bonjour, voici notre devis numéro {i}.\r\n"
        )
    return (
        "From: Élodie Martin <elodie.martin@corp.example>\r\nTo: atlas@corp.example\r\n"
        "Subject: TR: devis fournisseurs\r\nMessage-ID: <devis-tr@corp.example>\r\n"
        "Date: Mon, 16 Nov 2026 09:30:00 +0100\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=fwd\r\n\r\n" + "".join(parts) + "--fwd--\r\n"
    ).encode()


def test_one_mail_creates_at_most_the_configured_originals_and_keeps_the_rest_as_documents(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        populate(session)
    gateway = Gateway(sessions, Pipeline(sessions, make_settings(max_originals=5)))
    gateway.deliver(_forward_with_attached_mails(12))
    [result] = gateway.run()
    assert result.reason is Reason.POSTED
    assert len(result.outcome["forwarded_posts"]) == 5
    assert result.outcome["originals_not_posted"] == 7
    assert result.outcome["originals_as_documents"] == [
        f"fournisseur-{i:03d}.eml" for i in range(5, 12)]
    posts = gateway.posts()
    assert [p.text for p in posts[:5]] == [
        f"Bonjour, voici notre devis numéro {i}." for i in range(5)]
    assert posts[5].text == "Bonjour, voici les échanges avec les fournisseurs."
    with sessions() as session:
        people = session.scalar(select(func.count()).select_from(Person)
                                .where(Person.primary_address.like("contact%")))
        documents = session.scalar(select(func.count()).select_from(DocumentVersion))
        in_post = session.scalar(select(func.count()).select_from(Post))
    assert (people, documents, in_post) == (5, 7, 6)


def test_nul_bytes_in_the_text_do_not_stop_the_post(gateway: Gateway) -> None:
    raw = mail(body="Bonjour,\n\nle compte rendu est en ligne.\n").replace(
        b"le compte rendu", b"le compte\x00rendu")
    gateway.deliver(raw)
    assert _only(gateway.run()) is Reason.POSTED
    [post] = gateway.posts()
    assert "\x00" not in post.text
