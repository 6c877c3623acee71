"""Who the sender is: trusted relays, the one trusted Authentication-Results, and the
community's `unauthenticated` setting for mail that claims a member's address."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from gateway.pipeline import Pipeline, Settings
from tests.pipeline.conftest import DOMAIN, SECRET, Gateway, mail, make_settings, populate
from wall_store import communities
from wall_store.config import SECRET_ENV, ConfigError, build
from wall_store.models import MessageSource, NonMemberPolicy
from wall_store.people import find_person
from wall_store.reasons import Reason
from wall_store.tokens import reply_address

# An SMTP client on the internet: no relay of ours, so only authentication speaks for it.
OUTSIDE = "203.0.113.45"
FORGED_ELODIE = "Élodie Martin <elodie.martin@corp.example>"


def only(results: list) -> Reason:  # type: ignore[type-arg]
    assert len(results) == 1, results
    return results[0].reason


def trusted(results: str) -> tuple[str, str]:
    return ("Authentication-Results", f"mx.corp.example; {results}")


def test_a_members_address_from_outside_without_authentication_is_held(
        gateway: Gateway) -> None:
    [raw_id] = gateway.deliver(mail(sender=FORGED_ELODIE), mail_from="evil@attacker.example",
                               peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.UNAUTHENTICATED_HELD
    assert gateway.posts() == []
    assert gateway.raw(raw_id).outcome["authentication"].startswith("no trusted verdict")


def test_a_community_that_refuses_unauthenticated_mail_rejects_it(
        sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        populate(session)
        communities.get_community(session, "atlas").unauthenticated_policy = \
            NonMemberPolicy.REJECT
    gateway = Gateway(sessions, Pipeline(sessions, make_settings()))
    gateway.deliver(mail(sender=FORGED_ELODIE), peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.UNAUTHENTICATED_REJECTED


def test_a_community_that_accepts_unauthenticated_mail_posts_it(
        sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        populate(session)
        communities.get_community(session, "atlas").unauthenticated_policy = \
            NonMemberPolicy.ACCEPT
    gateway = Gateway(sessions, Pipeline(sessions, make_settings()))
    gateway.deliver(mail(sender=FORGED_ELODIE), peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.POSTED


def test_an_external_partners_address_without_authentication_is_held(gateway: Gateway) -> None:
    gateway.deliver(mail(sender="Sarah Miller <sarah.miller@partner.example>",
                         body="Hello,\n\nThe test plan is attached to the ticket.\n\nSarah"),
                    peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.UNAUTHENTICATED_HELD


def test_a_trusted_dmarc_pass_posts_a_members_mail(gateway: Gateway) -> None:
    gateway.deliver(mail(headers=[trusted("spf=pass smtp.mailfrom=corp.example; "
                                          "dkim=pass header.d=corp.example; "
                                          "dmarc=pass header.from=corp.example")]),
                    peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.POSTED


def test_an_aligned_dkim_pass_counts_where_the_verifier_checked_no_dmarc(
        gateway: Gateway) -> None:
    gateway.deliver(mail(headers=[trusted("dkim=pass header.d=corp.example")]), peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.POSTED


def test_a_dkim_pass_of_another_domain_does_not_authenticate(gateway: Gateway) -> None:
    gateway.deliver(mail(headers=[trusted("dkim=pass header.d=attacker.example")]),
                    peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.UNAUTHENTICATED_HELD


def test_a_forged_pass_below_the_trusted_verdict_does_not_count(gateway: Gateway) -> None:
    # The attacker writes his own header with our authserv-id; our MTA prepends the real one.
    gateway.deliver(mail(headers=[
        trusted("spf=softfail smtp.mailfrom=attacker.example; dkim=none; "
                "dmarc=none header.from=corp.example"),
        trusted("dkim=pass header.d=corp.example; dmarc=pass header.from=corp.example"),
    ]), mail_from="evil@attacker.example", peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.UNAUTHENTICATED_HELD


def test_a_pass_claimed_by_an_untrusted_verifier_does_not_count(gateway: Gateway) -> None:
    gateway.deliver(mail(headers=[("Authentication-Results",
                                   "mx.attacker.example; dmarc=pass header.from=corp.example")]),
                    peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.UNAUTHENTICATED_HELD


def test_a_dmarc_failure_with_policy_reject_is_refused(gateway: Gateway) -> None:
    gateway.deliver(mail(sender=FORGED_ELODIE, headers=[
        trusted("dmarc=fail policy.dmarc=reject header.from=corp.example")]), peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.DMARC_REJECTED
    assert gateway.outbox() == []  # the address was forged: its owner gets nothing


def test_a_dmarc_failure_with_policy_quarantine_is_held(gateway: Gateway) -> None:
    gateway.deliver(mail(sender=FORGED_ELODIE, headers=[
        trusted("dmarc=fail policy.dmarc=quarantine header.from=corp.example")]),
        peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.DMARC_FAILED


def test_mail_from_a_trusted_relay_is_authenticated(gateway: Gateway) -> None:
    gateway.deliver(mail(), peer_ip="127.0.0.1")
    assert only(gateway.run()) is Reason.POSTED


def test_a_reply_through_the_owners_reply_address_is_posted_unauthenticated(
        gateway: Gateway) -> None:
    gateway.deliver(mail(), peer_ip="127.0.0.1")
    gateway.run()
    [post] = gateway.posts()
    with gateway.sessions() as session:
        jerome = find_person(session, "jerome.dubois@corp.example")
        assert jerome is not None
    address = reply_address(SECRET, DOMAIN, post.id, person_id=jerome.id)
    gateway.deliver(mail(sender="Jérôme Dubois <jerome.dubois@corp.example>", to=address,
                         subject="Re: Comité de pilotage : ordre du jour",
                         body="Merci Élodie, je serai là jeudi.\n\nJérôme",
                         message_id="reponse-1@corp.example"), address, peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.POSTED


def test_a_reply_through_the_owners_reply_address_failing_dmarc_is_refused(
        gateway: Gateway) -> None:
    gateway.deliver(mail(), peer_ip="127.0.0.1")
    gateway.run()
    [post] = gateway.posts()
    with gateway.sessions() as session:
        jerome = find_person(session, "jerome.dubois@corp.example")
        assert jerome is not None
    address = reply_address(SECRET, DOMAIN, post.id, person_id=jerome.id)
    gateway.deliver(mail(sender="Jérôme Dubois <jerome.dubois@corp.example>", to=address,
                         subject="Re: Comité de pilotage : ordre du jour",
                         body="Annulé, tout le monde reste chez soi.",
                         message_id="reponse-2@corp.example",
                         headers=[trusted("dmarc=fail policy.dmarc=reject "
                                          "header.from=corp.example")]),
                    address, peer_ip=OUTSIDE)
    assert only(gateway.run()) is Reason.DMARC_REJECTED


@pytest.mark.parametrize("source", [MessageSource.IMPORT, MessageSource.IMAP])
def test_imported_history_and_mapped_mailboxes_need_no_connection_to_judge(
        gateway: Gateway, source: MessageSource) -> None:
    gateway.deliver(mail(), source=source)
    assert only(gateway.run()) is Reason.POSTED


def test_a_mapped_mailbox_with_a_trusted_verdict_is_judged_by_it(gateway: Gateway) -> None:
    gateway.deliver(mail(sender=FORGED_ELODIE, headers=[
        trusted("dmarc=none header.from=corp.example")]), source=MessageSource.IMAP)
    assert only(gateway.run()) is Reason.UNAUTHENTICATED_HELD


def test_the_owner_of_the_address_is_told_the_mail_is_held(gateway: Gateway) -> None:
    # The notice goes to the address in From:, the member herself, never to the envelope
    # sender: if she did not write it, she learns that someone writes in her name.
    gateway.deliver(mail(sender=FORGED_ELODIE), mail_from="evil@attacker.example",
                    peer_ip=OUTSIDE)
    gateway.run()
    [notice] = gateway.outbox()
    assert notice.recipient == "elodie.martin@corp.example"


def test_a_trusted_relay_that_is_no_network_is_a_configuration_error() -> None:
    broken = build({"database": {"url": "sqlite://"},
                    "policy": {"trusted_relays": "10.20.0.0/16, intranet"}}, {}, None)
    with pytest.raises(ConfigError, match="'intranet' is not a network"):
        Settings.from_config(broken)


def test_trusted_relays_default_to_loopback_only_without_trusted_authserv_ids(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET.decode())
    alone = build({"database": {"url": "sqlite://"}}, {}, None)
    behind = build({"database": {"url": "sqlite://"},
                    "policy": {"trusted_authserv_ids": "mx.corp.example"}}, {}, None)
    assert [str(n) for n in Settings.from_config(alone).trusted_relays] == [
        "127.0.0.1/32", "::1/128"]
    assert Settings.from_config(behind).trusted_relays == ()
