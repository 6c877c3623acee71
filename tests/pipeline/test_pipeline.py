"""The pipeline: what each message becomes, and why — one behaviour per test."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from gateway.pipeline import take_decision
from tests.pipeline.conftest import DOMAIN, SECRET, Gateway, mail, parser_failing_on
from wall_store import queue
from wall_store.base import utcnow
from wall_store.models import (
    Decision,
    DecisionChannel,
    Like,
    MessageSource,
    MessageStatus,
    Person,
    PostAttachment,
    RawMessage,
    Thread,
)
from wall_store.reasons import Reason
from wall_store.tokens import reply_address


def only(results: list) -> Reason:  # type: ignore[type-arg]
    assert len(results) == 1, results
    return results[0].reason


# --- posting and threading ------------------------------------------------------------

def test_member_mail_becomes_a_post_in_a_new_thread(gateway: Gateway) -> None:
    gateway.deliver(mail(date="Mon, 16 Nov 2026 09:30:00 +0100"))
    assert only(gateway.run()) is Reason.POSTED
    [post] = gateway.posts()
    assert post.text == "Bonjour,\n\nVoici l'ordre du jour du comité de jeudi."
    assert "Cordialement" in post.signature
    assert post.message_id == "copil-1@corp.example"
    assert post.created_at.isoformat() == "2026-11-16T08:30:00+00:00"
    with gateway.sessions() as session:
        thread = session.get(Thread, post.thread_id)
        assert thread is not None and thread.subject == "Comité de pilotage : ordre du jour"


def test_reply_joins_the_thread_by_in_reply_to(gateway: Gateway) -> None:
    gateway.deliver(mail())
    gateway.deliver(mail(
        sender="Jérôme Dubois <jerome.dubois@corp.example>", subject="Autre objet sans rapport",
        message_id="copil-2@corp.example",
        headers=[("In-Reply-To", "<copil-1@corp.example>")],
        body="J'ajoute le devis de l'hébergeur.\n\nLe lun. 16 nov. 2026 à 09:30, Élodie Martin "
             "<elodie.martin@corp.example> a écrit :\n> Bonjour,\n> Voici l'ordre du jour.",
    ))
    gateway.run()
    first, reply = gateway.posts()
    assert reply.thread_id == first.thread_id
    assert reply.parent_id == first.id
    assert reply.text == "J'ajoute le devis de l'hébergeur."
    assert "Voici l'ordre du jour" in reply.quoted_text


def test_reply_without_references_joins_by_subject_within_the_window(gateway: Gateway) -> None:
    gateway.deliver(mail(message_id="a@corp.example"))
    gateway.deliver(mail(subject="RE : TR: Comité de pilotage : ordre du jour",
                         message_id="b@corp.example", body="Je serai présent."))
    gateway.run()
    first, second = gateway.posts()
    assert second.thread_id == first.thread_id


def test_same_subject_after_the_window_starts_a_new_thread(gateway: Gateway) -> None:
    gateway.deliver(mail(message_id="a@corp.example"))
    gateway.run()
    with gateway.sessions() as session, session.begin():
        session.execute(update(Thread).values(last_activity_at=utcnow() - timedelta(days=45)))
    gateway.deliver(mail(subject="Re: Comité de pilotage : ordre du jour",
                         message_id="b@corp.example", body="Nouvelle édition."))
    gateway.run()
    first, second = gateway.posts()
    assert second.thread_id != first.thread_id


def test_reply_token_routes_to_its_post_whatever_the_subject(gateway: Gateway) -> None:
    gateway.deliver(mail())
    gateway.run()
    [post] = gateway.posts()
    with gateway.sessions() as session:
        jerome = session.scalar(select(Person).where(
            Person.primary_address == "jerome.dubois@corp.example"))
        assert jerome is not None
        address = reply_address(SECRET, DOMAIN, post.id, jerome.id)
    gateway.deliver(mail(sender="jerome.dubois@corp.example", to=address,
                         subject="Objet réécrit par le client", message_id="r@corp.example",
                         body="Réponse depuis la notification."), address)
    assert only(gateway.run()) is Reason.POSTED
    assert gateway.posts()[1].thread_id == post.thread_id
    assert gateway.posts()[1].parent_id == post.id


def test_plus_address_lands_in_the_channel(gateway: Gateway) -> None:
    gateway.deliver(mail(to="atlas+lot-1@corp.example"), "atlas+lot-1@corp.example")
    gateway.run()
    with gateway.sessions() as session:
        thread = session.scalars(select(Thread)).one()
        assert thread.channel is not None and thread.channel.slug == "lot-1"


def test_attachments_are_kept_with_the_post(gateway: Gateway) -> None:
    from email import message_from_bytes
    from email.policy import default

    msg = message_from_bytes(mail(), policy=default)
    msg.add_attachment(b"%PDF-1.7\n%compte-rendu", maintype="application", subtype="pdf",  # type: ignore[attr-defined]
                       filename="Compte-rendu réunion.pdf")
    gateway.deliver(bytes(msg))
    gateway.run()
    with gateway.sessions() as session:
        [attachment] = session.scalars(select(PostAttachment)).all()
        assert attachment.filename == "Compte-rendu réunion.pdf"
        assert attachment.content_type == "application/pdf"


def test_plus_one_reply_likes_the_post_instead_of_posting(gateway: Gateway) -> None:
    gateway.deliver(mail())
    gateway.deliver(mail(sender="jerome.dubois@corp.example", subject="RE: Comité",
                         message_id="like@corp.example", body="+1",
                         headers=[("In-Reply-To", "<copil-1@corp.example>")]))
    reasons = [r.reason for r in gateway.run()]
    assert reasons == [Reason.POSTED, Reason.LIKED]
    assert len(gateway.posts()) == 1
    with gateway.sessions() as session:
        assert session.scalar(select(Like.post_id)) == gateway.posts()[0].id


# --- nothing doubled ------------------------------------------------------------------

def test_same_message_delivered_twice_posts_once(gateway: Gateway) -> None:
    gateway.deliver(mail())
    gateway.deliver(mail(), source=MessageSource.IMAP)
    assert [r.reason for r in gateway.run()] == [Reason.POSTED, Reason.DUPLICATE]
    assert len(gateway.posts()) == 1


def test_message_without_message_id_delivered_twice_posts_once(gateway: Gateway) -> None:
    gateway.deliver(mail(message_id=None))
    gateway.deliver(mail(message_id=None))
    gateway.run()
    assert len(gateway.posts()) == 1


def test_message_to_two_communities_posts_once_in_each(gateway: Gateway) -> None:
    ids = gateway.deliver(mail(to="atlas@corp.example, qualite@corp.example"),
                          "atlas@corp.example", "qualite@corp.example")
    assert len(ids) == 2
    assert [r.reason for r in gateway.run()] == [Reason.POSTED, Reason.POSTED]
    assert len(gateway.posts("atlas")) == 1 and len(gateway.posts("qualite")) == 1


def test_two_addresses_of_one_community_give_one_delivery(gateway: Gateway) -> None:
    ids = gateway.deliver(mail(), "atlas@corp.example", "ATLAS@corp.example")
    assert len(ids) == 1


def test_a_worker_that_died_mid_message_is_resumed_once(gateway: Gateway) -> None:
    gateway.deliver(mail())
    with gateway.sessions() as session, session.begin():
        claimed = queue.claim_next(session, lease=timedelta(minutes=10))
    assert claimed is not None
    assert gateway.run() == []  # the claim is fresh: nobody else takes it
    with gateway.sessions() as session, session.begin():
        queue.release_stale_claims(session)  # what `mailwall serve` does at start on SQLite
    assert only(gateway.run()) is Reason.POSTED
    assert len(gateway.posts()) == 1


def test_an_expired_claim_is_taken_over(gateway: Gateway) -> None:
    gateway.deliver(mail())
    with gateway.sessions() as session, session.begin():
        queue.claim_next(session, lease=timedelta(minutes=10),
                         now=utcnow() - timedelta(hours=1))
    assert only(gateway.run()) is Reason.POSTED


# --- policy ---------------------------------------------------------------------------

def test_external_partner_posts(gateway: Gateway) -> None:
    gateway.deliver(mail(sender="Sarah Miller <sarah.miller@partner.example>"))
    assert only(gateway.run()) is Reason.POSTED


def test_non_member_is_held_where_the_policy_is_moderate_and_told_once(gateway: Gateway) -> None:
    for n in range(2):
        gateway.deliver(mail(sender="Paul Roux <paul.roux@fournisseur.example>",
                             message_id=f"held-{n}@fournisseur.example"))
    assert [r.reason for r in gateway.run()] == [Reason.NON_MEMBER_HELD] * 2
    assert gateway.posts() == []
    [notice] = gateway.outbox()
    assert notice.recipient == "paul.roux@fournisseur.example"
    assert notice.subject.startswith("Votre message attend une validation")


def test_non_member_is_rejected_where_the_policy_is_reject(gateway: Gateway) -> None:
    gateway.deliver(mail(sender="paul.roux@fournisseur.example", to="qualite@corp.example"),
                    "qualite@corp.example")
    assert only(gateway.run()) is Reason.NON_MEMBER_REJECTED
    [notice] = gateway.outbox()
    assert notice.subject.startswith("Votre message n'a pas été publié")


def test_non_member_posts_where_the_policy_is_accept(gateway: Gateway) -> None:
    gateway.deliver(mail(sender="Paul Roux <paul.roux@fournisseur.example>",
                         to="entraide@corp.example"), "entraide@corp.example")
    assert only(gateway.run()) is Reason.POSTED
    [post] = gateway.posts("entraide")
    with gateway.sessions() as session:
        author = session.get(Person, post.author_id)
        assert author is not None and author.display_name == "Paul Roux"


def test_auto_reply_is_dropped_without_a_notice(gateway: Gateway) -> None:
    gateway.deliver(mail(subject="Réponse automatique : Comité de pilotage",
                         headers=[("Auto-Submitted", "auto-replied")],
                         body="Je suis absente jusqu'au 30 novembre."))
    assert only(gateway.run()) is Reason.AUTO_REPLY
    assert gateway.posts() == [] and gateway.outbox() == []


def test_out_of_office_subject_alone_is_dropped(gateway: Gateway) -> None:
    gateway.deliver(mail(subject="Absence du bureau : Comité de pilotage",
                         body="Je suis en congés, retour le 2 décembre."))
    assert only(gateway.run()) is Reason.AUTO_REPLY


def test_mail_with_an_empty_envelope_sender_is_a_bounce(gateway: Gateway) -> None:
    gateway.deliver(mail(sender="MAILER-DAEMON@corp.example", subject="Undelivered Mail"),
                    mail_from="")
    assert only(gateway.run()) is Reason.BOUNCE
    assert gateway.outbox() == []


def test_mailing_list_mail_is_dropped(gateway: Gateway) -> None:
    gateway.deliver(mail(headers=[("List-Id", "Annonces <annonces.corp.example>")]))
    assert only(gateway.run()) is Reason.MAILING_LIST


def test_our_own_mail_coming_back_is_dropped(gateway: Gateway) -> None:
    gateway.deliver(mail(headers=[("X-Mailwall-Origin", "digest")]))
    assert only(gateway.run()) is Reason.OWN_LOOP


def test_dmarc_failure_reported_by_a_trusted_host_is_held(gateway: Gateway) -> None:
    verdict = "mx.corp.example; spf=fail; dmarc=fail header.from=corp.example"
    gateway.deliver(mail(headers=[("Authentication-Results", verdict)]))
    assert only(gateway.run()) is Reason.DMARC_FAILED
    assert gateway.outbox() == []  # a forged sender must not get our mail


def test_dmarc_failure_claimed_by_an_unknown_host_is_ignored(gateway: Gateway) -> None:
    gateway.deliver(mail(headers=[("Authentication-Results",
                                   "mx.attacker.example; dmarc=fail header.from=corp.example")]))
    assert only(gateway.run()) is Reason.POSTED


def test_reply_token_used_by_someone_else_is_held(gateway: Gateway) -> None:
    gateway.deliver(mail())
    gateway.run()
    [post] = gateway.posts()
    address = reply_address(SECRET, DOMAIN, post.id, person_id=999)
    gateway.deliver(mail(sender="jerome.dubois@corp.example", to=address,
                         message_id="other@corp.example"), address)
    assert only(gateway.run()) is Reason.REPLY_TOKEN_OTHER_SENDER


def test_mail_without_a_usable_sender_is_rejected_without_a_notice(gateway: Gateway) -> None:
    raw = (b"To: atlas@corp.example\r\nSubject: Sans exp\xc3\xa9diteur\r\n"
           b"Message-ID: <nofrom@corp.example>\r\n\r\nQui a envoy\xc3\xa9 ceci ?\r\n")
    gateway.deliver(raw)
    assert only(gateway.run()) is Reason.UNPARSABLE
    assert gateway.outbox() == []


def test_notices_never_go_to_our_own_domain(gateway: Gateway) -> None:
    gateway.deliver(mail(sender=f"robot@{DOMAIN}"))
    assert only(gateway.run()) is Reason.NON_MEMBER_HELD
    assert gateway.outbox() == []


# --- refusals at RCPT -----------------------------------------------------------------

def test_unknown_address_is_refused_at_rcpt(gateway: Gateway) -> None:
    [refusal] = gateway.refusals("inconnu@corp.example").values()
    assert refusal.reason is Reason.UNKNOWN_RECIPIENT
    assert refusal.smtp.startswith("550 5.1.1")


def test_unknown_channel_is_refused_at_rcpt(gateway: Gateway) -> None:
    [refusal] = gateway.refusals("atlas+lot-9@corp.example").values()
    assert refusal.reason is Reason.UNKNOWN_RECIPIENT


def test_forged_reply_token_is_refused_at_rcpt(gateway: Gateway) -> None:
    [refusal] = gateway.refusals(f"reply+1-1-{'0' * 24}@{DOMAIN}").values()
    assert refusal.reason is Reason.INVALID_REPLY_ADDRESS


def test_archived_community_is_refused_at_rcpt(gateway: Gateway) -> None:
    from wall_store.communities import archive_community

    with gateway.sessions() as session, session.begin():
        archive_community(session, "atlas")
    [refusal] = gateway.refusals("atlas@corp.example").values()
    assert refusal.reason is Reason.COMMUNITY_ARCHIVED
    assert refusal.smtp.startswith("550 5.2.1")


# --- failures and moderation ----------------------------------------------------------

def test_a_message_that_makes_processing_raise_is_quarantined_and_others_flow(
    gateway_with_parser,  # type: ignore[no-untyped-def]
) -> None:
    gateway = gateway_with_parser(parser_failing_on(b"poison"))
    bad = gateway.deliver(mail(message_id="poison@corp.example", body="poison"))[0]
    gateway.deliver(mail(message_id="fine@corp.example", subject="Autre sujet"))
    reasons = [r.reason for r in gateway.run()]
    assert reasons.count(Reason.PROCESSING_ERROR) == 2
    assert reasons.count(Reason.QUARANTINED) == 1
    assert Reason.POSTED in reasons
    row = gateway.raw(bad)
    assert row.status is MessageStatus.QUARANTINED
    assert "parser crashed on this one" in (row.last_error or "")
    assert len(gateway.posts()) == 1


def test_a_held_message_released_by_a_manager_is_posted(gateway: Gateway) -> None:
    [raw_id] = gateway.deliver(mail(sender="paul.roux@fournisseur.example"))
    gateway.run()
    result = take_decision(gateway.pipeline, raw_id, Decision.APPROVE,
                           via=DecisionChannel.CLI, by="ops (CLI)")
    assert result is not None and result.reason is Reason.APPROVED
    assert len(gateway.posts()) == 1
    assert gateway.raw(raw_id).status is MessageStatus.DONE


def test_a_held_message_rejected_by_a_manager_tells_the_sender(gateway: Gateway) -> None:
    [raw_id] = gateway.deliver(mail(sender="paul.roux@fournisseur.example"))
    gateway.run()
    take_decision(gateway.pipeline, raw_id, Decision.REJECT, via=DecisionChannel.CLI,
                  by="ops (CLI)")
    assert gateway.raw(raw_id).status is MessageStatus.REJECTED
    assert gateway.posts() == []
    held, rejected = gateway.outbox()
    assert held.subject.startswith("Votre message attend une validation")
    assert rejected.subject.startswith("Votre message n'a pas été publié")


def test_every_message_ends_in_a_state_someone_can_see(gateway: Gateway) -> None:
    gateway.deliver(mail())
    gateway.deliver(mail(sender="x@fournisseur.example", message_id="x@f.example"))
    gateway.deliver(mail(headers=[("Auto-Submitted", "auto-generated")], message_id="a@c"))
    gateway.run()
    with gateway.sessions() as session:
        rows = session.scalars(select(RawMessage)).all()
    assert all(r.status not in (MessageStatus.RECEIVED, MessageStatus.PROCESSING) for r in rows)
    assert all(r.reason for r in rows)


def test_a_database_hiccup_is_retried_at_once_without_spending_an_attempt(
    gateway_with_parser,  # type: ignore[no-untyped-def]
) -> None:
    from sqlalchemy.exc import OperationalError

    from parsers import parse

    calls = {"n": 0}

    def locked_once(raw: bytes, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("UPDATE raw_messages", {}, Exception("database is locked"))
        return parse(raw, **kwargs)

    gateway = gateway_with_parser(locked_once)
    [raw_id] = gateway.deliver(mail())
    [first] = gateway.run()
    assert first.reason is Reason.PROCESSING_ERROR
    row = gateway.raw(raw_id)
    assert row.attempts == 0
    assert row.next_attempt_at is not None
    assert row.next_attempt_at - utcnow() <= timedelta(seconds=1)


def test_imported_history_joins_threads_by_subject_in_its_own_time(gateway: Gateway) -> None:
    for n, day in enumerate(("Mon, 6 Mar 2006 09:00:00 +0100", "Tue, 7 Mar 2006 10:00:00 +0100")):
        gateway.deliver(mail(subject="Re: Webcam Logitech sous Linux" if n else
                             "Webcam Logitech sous Linux", message_id=f"old-{n}@corp.example",
                             date=day, body=f"Message {n}"), source=MessageSource.IMPORT)
    gateway.run()
    first, second = gateway.posts()
    assert first.thread_id == second.thread_id


def test_imported_messages_never_send_a_notice(gateway: Gateway) -> None:
    from wall_store.communities import get_community
    from wall_store.models import NonMemberPolicy

    with gateway.sessions() as session, session.begin():
        get_community(session, "qualite").nonmember_policy = NonMemberPolicy.REJECT
    gateway.deliver(mail(sender="ancien@ailleurs.example", to="qualite@corp.example"),
                    "qualite@corp.example", source=MessageSource.IMPORT)
    gateway.run()
    assert gateway.outbox() == []


def test_a_unique_constraint_race_is_retried_soon_and_still_counted(
    gateway_with_parser,  # type: ignore[no-untyped-def]
) -> None:
    from sqlalchemy.exc import IntegrityError

    from parsers import parse

    calls = {"n": 0}

    def raced_once(raw: bytes, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise IntegrityError("INSERT INTO people", {}, Exception("UNIQUE constraint failed"))
        return parse(raw, **kwargs)

    gateway = gateway_with_parser(raced_once)
    [raw_id] = gateway.deliver(mail())
    [first] = gateway.run()
    assert first.reason is Reason.PROCESSING_ERROR
    row = gateway.raw(raw_id)
    assert row.attempts == 1
    assert row.next_attempt_at is not None
    assert row.next_attempt_at - utcnow() <= timedelta(seconds=1)
