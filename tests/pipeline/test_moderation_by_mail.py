"""A manager answers a moderation notice with one word; the held message follows."""

from __future__ import annotations

from tests.pipeline.conftest import DOMAIN, SECRET, Gateway, mail
from wall_store.models import Decision, DecisionChannel, MessageStatus, Person
from wall_store.people import find_person
from wall_store.reasons import Reason
from wall_store.tokens import moderation_address


def held(gateway: Gateway) -> int:
    [raw_id] = gateway.deliver(mail(sender="Paul Roux <paul.roux@fournisseur.example>",
                                    subject="Devis hébergement", message_id="devis@f.example",
                                    body="Veuillez trouver notre devis."))
    assert [r.reason for r in gateway.run()] == [Reason.NON_MEMBER_HELD]
    return raw_id


def person_id(gateway: Gateway, address: str) -> int:
    with gateway.sessions() as session:
        person: Person | None = find_person(session, address)
        assert person is not None
        return person.id


def answer(gateway: Gateway, raw_id: int, word: str, *,
           sender: str = "Élodie Martin <elodie.martin@corp.example>",
           manager: str = "elodie.martin@corp.example") -> list[Reason]:
    address = moderation_address(SECRET, DOMAIN, raw_id, person_id(gateway, manager))
    body = (f"{word}\n\nLe lun. 16 nov. 2026 à 10:00, Mailwall <mailwall@{DOMAIN}> a écrit :\n"
            "> Un message de Paul Roux pour Projet Atlas est retenu pour modération.")
    gateway.deliver(mail(sender=sender, to=address, subject="RE: Message retenu",
                         message_id=f"answer-{word}-{raw_id}@corp.example", body=body), address)
    return [r.reason for r in gateway.run()]


def test_answering_approuver_publishes_the_held_message(gateway: Gateway) -> None:
    raw_id = held(gateway)
    assert answer(gateway, raw_id, "Approuver") == [Reason.MODERATION_APPLIED, Reason.APPROVED]
    [post] = gateway.posts()
    assert post.text == "Veuillez trouver notre devis."
    assert gateway.raw(raw_id).status is MessageStatus.DONE


def test_answering_reject_refuses_it_and_tells_the_sender(gateway: Gateway) -> None:
    raw_id = held(gateway)
    assert answer(gateway, raw_id, "reject") == [Reason.MODERATION_APPLIED,
                                                 Reason.MANAGER_REJECTED]
    assert gateway.posts() == []
    assert gateway.outbox()[-1].recipient == "paul.roux@fournisseur.example"


def test_a_decision_by_mail_records_the_manager_and_the_channel(gateway: Gateway) -> None:
    raw_id = held(gateway)
    answer(gateway, raw_id, "Approuver")
    row = gateway.raw(raw_id)
    assert (row.decision, row.decided_via) == (Decision.APPROVE, DecisionChannel.MAIL)
    assert row.decided_by == "elodie.martin@corp.example"
    assert row.decided_at is not None and row.decided_by_id is not None


def test_the_answer_itself_is_never_posted(gateway: Gateway) -> None:
    raw_id = held(gateway)
    answer(gateway, raw_id, "oui")
    assert [p.text for p in gateway.posts()] == ["Veuillez trouver notre devis."]


def test_an_answer_from_someone_else_changes_nothing(gateway: Gateway) -> None:
    raw_id = held(gateway)
    reasons = answer(gateway, raw_id, "approve", sender="jerome.dubois@corp.example")
    assert reasons == [Reason.MODERATION_NOT_ALLOWED]
    assert gateway.raw(raw_id).status is MessageStatus.HELD


def test_a_member_who_is_not_a_manager_cannot_approve(gateway: Gateway) -> None:
    raw_id = held(gateway)
    reasons = answer(gateway, raw_id, "approve", sender="jerome.dubois@corp.example",
                     manager="jerome.dubois@corp.example")
    assert reasons == [Reason.MODERATION_NOT_ALLOWED]
    assert gateway.raw(raw_id).status is MessageStatus.HELD


def test_an_answer_that_is_not_a_decision_is_explained(gateway: Gateway) -> None:
    raw_id = held(gateway)
    assert answer(gateway, raw_id, "Qui est ce fournisseur ?") == [
        Reason.MODERATION_NOT_UNDERSTOOD]
    assert gateway.raw(raw_id).status is MessageStatus.HELD
    assert gateway.outbox()[-1].recipient == "elodie.martin@corp.example"


def test_a_second_answer_after_the_decision_changes_nothing(gateway: Gateway) -> None:
    raw_id = held(gateway)
    answer(gateway, raw_id, "approve")
    assert answer(gateway, raw_id, "reject") == [Reason.MODERATION_ALREADY_DECIDED]
    assert len(gateway.posts()) == 1


def test_a_forged_moderation_address_is_refused_at_rcpt(gateway: Gateway) -> None:
    [refusal] = gateway.refusals(f"moderate+1-1-{'0' * 24}@{DOMAIN}").values()
    assert refusal.reason is Reason.INVALID_REPLY_ADDRESS
