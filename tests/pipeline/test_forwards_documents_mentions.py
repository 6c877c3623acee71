"""Forwarded chains become posts by their real authors; attachments become documents;
`@Name` becomes a mention; imported archives are taken as the operator chose them."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from sqlalchemy import select

from tests.pipeline import forward_samples as samples
from tests.pipeline.conftest import Gateway, mail
from wall_store import documents
from wall_store.models import (
    Document,
    DocumentVersion,
    Mention,
    MessageSource,
    Person,
    PostAttachment,
    PostSource,
)
from wall_store.reasons import Reason


def forward(body: str, *, message_id: str = "fwd-1@corp.example",
            subject: str = "TR: Devis hébergement") -> bytes:
    return mail(subject=subject, body=body, message_id=message_id,
                date="Mon, 9 Nov 2026 09:00:00 +0100")


def authors_and_dates(gateway: Gateway) -> list[tuple[str, str]]:
    with gateway.sessions() as session:
        rows = []
        for post in gateway.posts():
            author = session.get(Person, post.author_id)
            assert author is not None
            rows.append((author.primary_address, post.created_at.isoformat(timespec="minutes")))
        return sorted(rows, key=lambda r: r[1])


# --- forwarded chains -----------------------------------------------------------------

def test_outlook_fr_chain_gives_each_original_its_author_and_date(gateway: Gateway) -> None:
    gateway.deliver(forward(samples.OUTLOOK_FR))
    [result] = gateway.run()
    assert result.reason is Reason.POSTED
    assert authors_and_dates(gateway) == [
        ("paul.roux@hebergeur.example", "2026-11-02T08:05+00:00"),
        ("jerome.dubois@corp.example", "2026-11-03T13:20+00:00"),
        ("elodie.martin@corp.example", "2026-11-09T08:00+00:00"),
    ]
    assert len({p.thread_id for p in gateway.posts()}) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (samples.GMAIL_FR, ["elodie.martin@corp.example", "helene.girard@corp.example"]),
        (samples.GMAIL_EN, ["sarah.miller@partner.example"]),
        (samples.APPLE_FR, ["francois.lefevre@corp.example"]),
        (samples.THUNDERBIRD_FR, ["helene.girard@corp.example"]),
    ],
    ids=["gmail-fr", "gmail-en", "apple-mail-fr", "thunderbird-fr"],
)
def test_each_client_form_of_forward_gives_the_originals_in_order(
    gateway: Gateway, body: str, expected: list[str]
) -> None:
    gateway.deliver(forward(body))
    gateway.run()
    originals = [a for a, _ in authors_and_dates(gateway)][:-1]
    assert originals == expected
    # The forwarder's own words close the chain as their post.
    assert authors_and_dates(gateway)[-1][0] == "elodie.martin@corp.example"


def test_forwarded_originals_are_marked_with_who_forwarded_them(gateway: Gateway) -> None:
    gateway.deliver(forward(samples.GMAIL_EN))
    gateway.run()
    with gateway.sessions() as session:
        elodie = session.scalar(select(Person.id).where(
            Person.primary_address == "elodie.martin@corp.example"))
    sarah_post = gateway.posts()[0]
    assert sarah_post.forwarded_by_id == elodie
    assert sarah_post.text.startswith("The content export is ready")


def test_authors_unknown_so_far_become_people_known_by_address_only(gateway: Gateway) -> None:
    gateway.deliver(forward(samples.OUTLOOK_FR))
    gateway.run()
    with gateway.sessions() as session:
        paul = session.scalar(select(Person).where(
            Person.primary_address == "paul.roux@hebergeur.example"))
        assert paul is not None and paul.display_name == "Paul Roux"
        assert paul.memberships == []


def test_forwarding_the_same_chain_twice_adds_nothing_from_the_chain(gateway: Gateway) -> None:
    gateway.deliver(forward(samples.OUTLOOK_FR, message_id="first@corp.example"))
    gateway.run()
    gateway.deliver(forward(samples.OUTLOOK_FR.replace("pour mémoire", "à nouveau"),
                            message_id="second@corp.example"))
    [result] = gateway.run()
    assert result.outcome["forwarded_posts"] == []
    assert result.outcome["already_there"] == 2
    assert len(gateway.posts()) == 4  # 2 originals + 2 forwarders' notes
    assert len({p.thread_id for p in gateway.posts()}) == 1


def test_a_longer_version_of_a_chain_adds_only_what_is_new(gateway: Gateway) -> None:
    older = samples.OUTLOOK_FR.split("________________________________\nDe : Jérôme")[0] + \
        "________________________________\nDe : Paul" + samples.OUTLOOK_FR.split(
            "________________________________\nDe : Paul")[1]
    gateway.deliver(forward(older, message_id="short@corp.example"))
    gateway.run()
    assert [a for a, _ in authors_and_dates(gateway)] == [
        "paul.roux@hebergeur.example", "elodie.martin@corp.example"]
    gateway.deliver(forward(samples.OUTLOOK_FR, message_id="long@corp.example"))
    [result] = gateway.run()
    assert result.outcome["already_there"] == 1
    assert len(result.outcome["forwarded_posts"]) == 1
    authors = [a for a, _ in authors_and_dates(gateway)]
    assert authors.count("jerome.dubois@corp.example") == 1
    assert authors.count("paul.roux@hebergeur.example") == 1


def test_an_original_already_on_the_wall_is_not_posted_again(gateway: Gateway) -> None:
    gateway.deliver(mail(sender="Sarah Miller <sarah.miller@partner.example>",
                         subject="Content export", message_id="export@partner.example",
                         date="Thu, 5 Nov 2026 16:30:12 +0100",
                         body="The content export is ready, you can start the migration on "
                              "Monday.\n\nBest,\nSarah"))
    gateway.run()
    gateway.deliver(forward(samples.GMAIL_EN))
    [result] = gateway.run()
    assert result.outcome["already_there"] == 1
    assert len(gateway.posts()) == 2


# --- documents ------------------------------------------------------------------------

def with_attachment(name: str, data: bytes, *, message_id: str, subtype: str = "pdf",
                    maintype: str = "application", inline_cid: str | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Jérôme Dubois <jerome.dubois@corp.example>"
    msg["To"] = "atlas@corp.example"
    msg["Subject"] = "Planning mis à jour"
    msg["Message-ID"] = f"<{message_id}>"
    msg["Date"] = "Tue, 10 Nov 2026 10:00:00 +0100"
    msg.set_content("Voici le planning à jour.")
    if inline_cid:
        msg.add_alternative('<p>Voici le planning.</p><img src="cid:logo">', subtype="html")
        html_part = msg.get_payload()[1]  # type: ignore[index]
        html_part.add_related(data, maintype=maintype, subtype=subtype, cid=f"<{inline_cid}>",
                              filename=name)
    else:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


def test_a_document_sent_three_times_with_two_contents_has_two_versions(gateway: Gateway) -> None:
    v1 = b"%PDF-1.7\nplanning semaine 46"
    v2 = b"%PDF-1.7\nplanning semaine 47"
    for n, data in enumerate([v1, v1, v2]):
        gateway.deliver(with_attachment("Planning.pdf", data, message_id=f"plan-{n}@corp"))
    gateway.run()
    with gateway.sessions() as session:
        [doc] = documents.library(session, "atlas")
    assert doc["name"] == "Planning.pdf"
    assert [(v["number"], v["by"]) for v in doc["versions"]] == [
        (1, "jerome.dubois@corp.example"), (2, "jerome.dubois@corp.example")]
    with gateway.sessions() as session:
        _, data = documents.fetch(session, "atlas", "Planning.pdf")
        assert data == v2
        _, first = documents.fetch(session, "atlas", "Planning.pdf", 1)
        assert first == v1


def test_every_post_links_the_version_it_carried(gateway: Gateway) -> None:
    gateway.deliver(with_attachment("Planning.pdf", b"%PDF-1.7 a", message_id="a@corp"))
    gateway.deliver(with_attachment("Planning.pdf", b"%PDF-1.7 a", message_id="b@corp"))
    gateway.run()
    with gateway.sessions() as session:
        links = session.scalars(select(PostAttachment.document_version_id)).all()
        versions = session.scalars(select(DocumentVersion.id)).all()
    assert len(versions) == 1 and links == [versions[0], versions[0]]


def test_an_executable_is_kept_out_of_the_library_with_its_reason(gateway: Gateway) -> None:
    gateway.deliver(with_attachment("facture.pdf.exe", b"MZ\x90\x00" + b"\x00" * 60,
                                    message_id="exe@corp", subtype="octet-stream"))
    [result] = gateway.run()
    assert result.reason is Reason.POSTED
    assert result.outcome["kept_out"] == [{"file": "facture.pdf.exe",
                                           "reason": "attachment_blocked"}]
    with gateway.sessions() as session:
        assert session.scalars(select(Document)).all() == []
        [row] = session.scalars(select(PostAttachment)).all()
        assert row.blocked_reason == "attachment_blocked" and row.blob_sha256 is None


def test_a_program_disguised_as_a_pdf_is_kept_out(gateway: Gateway) -> None:
    program = b"MZ\x90\x00" + b"\x00" * 56 + b"PE\x00\x00" + b"\x00" * 100
    gateway.deliver(with_attachment("rapport.pdf", program, message_id="fake@corp"))
    [result] = gateway.run()
    assert result.outcome["kept_out"][0]["reason"] == "attachment_blocked"


def test_an_inline_image_stays_in_its_post(gateway: Gateway) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    gateway.deliver(with_attachment("logo.png", png, message_id="img@corp", maintype="image",
                                    subtype="png", inline_cid="logo"))
    gateway.run()
    with gateway.sessions() as session:
        assert session.scalars(select(Document)).all() == []
        [row] = session.scalars(select(PostAttachment)).all()
        assert row.inline and row.content_id and row.blob_sha256


# --- mentions -------------------------------------------------------------------------

def test_mentions_match_members_with_accents_and_case_ignored(gateway: Gateway) -> None:
    gateway.deliver(mail(sender="jerome.dubois@corp.example", message_id="m@corp",
                         body="@elodie martin peux-tu valider ? Et @sarah.miller pour info."))
    gateway.run()
    with gateway.sessions() as session:
        named = set(session.scalars(
            select(Person.primary_address).join(Mention, Mention.person_id == Person.id)))
    assert named == {"elodie.martin@corp.example", "sarah.miller@partner.example"}


def test_a_mention_of_someone_outside_the_community_records_nothing(gateway: Gateway) -> None:
    gateway.deliver(mail(message_id="m2@corp", body="Merci @Inconnu Total pour le retour."))
    gateway.run()
    with gateway.sessions() as session:
        assert session.scalars(select(Mention)).all() == []


# --- imports --------------------------------------------------------------------------

def test_imported_list_mail_from_non_members_is_posted_with_source_import(
    gateway: Gateway,
) -> None:
    gateway.deliver(mail(sender="Linus <linus@lists.example>", message_id="list@lists.example",
                         headers=[("List-Id", "Linux UVC <linux-uvc-devel.lists.example>")]),
                    source=MessageSource.IMPORT)
    [result] = gateway.run()
    assert result.reason is Reason.POSTED
    assert gateway.posts()[0].source is PostSource.IMPORT


def test_imported_auto_replies_are_still_dropped(gateway: Gateway) -> None:
    gateway.deliver(mail(headers=[("Auto-Submitted", "auto-replied")], message_id="ar@c"),
                    source=MessageSource.IMPORT)
    [result] = gateway.run()
    assert result.reason is Reason.AUTO_REPLY
