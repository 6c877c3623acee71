"""The policy table's order, and the reply tokens that authorise answers by mail."""

from __future__ import annotations

import dataclasses

from gateway.policy import RULES, Facts, decide
from wall_store.models import NonMemberPolicy, Role
from wall_store.reasons import Reason
from wall_store.tokens import make_reply_token, read_reply_token, reply_address

MEMBER = Facts(
    has_sender=True, empty_envelope_sender=False, own_loop=False, bounce=False,
    auto_reply=False, list_mail=False, dmarc_failed=False, reply_token_other_sender=False,
    community_archived=False, role=Role.MEMBER, policy=NonMemberPolicy.MODERATE,
)
STRANGER = dataclasses.replace(MEMBER, role=None)


def test_a_member_posts() -> None:
    assert decide(MEMBER) is None


def test_an_auto_reply_from_a_stranger_is_dropped_not_held() -> None:
    # Holding it would send the stranger's robot a notice: a loop in the making.
    assert decide(dataclasses.replace(STRANGER, auto_reply=True)) is Reason.AUTO_REPLY


def test_our_own_mail_is_dropped_before_anything_else_is_considered() -> None:
    facts = dataclasses.replace(STRANGER, own_loop=True, auto_reply=True, list_mail=True)
    assert decide(facts) is Reason.OWN_LOOP


def test_a_dmarc_failure_is_held_even_for_a_member_address() -> None:
    assert decide(dataclasses.replace(MEMBER, dmarc_failed=True)) is Reason.DMARC_FAILED


def test_an_empty_mail_from_a_stranger_is_rejected_as_empty_not_held() -> None:
    # Holding it would ask a manager to approve nothing.
    assert decide(dataclasses.replace(STRANGER, empty=True)) is Reason.EMPTY_MESSAGE


def test_an_invalid_sender_address_is_refused_before_any_other_community_rule() -> None:
    facts = dataclasses.replace(STRANGER, bad_sender_address=True, empty=True)
    assert decide(facts) is Reason.BAD_SENDER_ADDRESS


def test_each_non_member_policy_has_its_reason() -> None:
    outcomes = {p: decide(dataclasses.replace(STRANGER, policy=p)) for p in NonMemberPolicy}
    assert outcomes == {NonMemberPolicy.ACCEPT: None,
                        NonMemberPolicy.MODERATE: Reason.NON_MEMBER_HELD,
                        NonMemberPolicy.REJECT: Reason.NON_MEMBER_REJECTED}


def test_every_rule_has_a_name_and_every_reason_a_sentence_in_both_languages() -> None:
    assert all(name for name, _ in RULES)
    for reason in Reason:
        assert reason.sentence("en") and reason.sentence("fr"), reason
        assert reason.sentence("fr") != reason.sentence("en"), reason


def test_reasons_refused_at_rcpt_carry_an_smtp_status() -> None:
    for reason in Reason:
        if reason.status is None and reason.info.scope == "message":
            assert reason.smtp and reason.smtp[:3] in {"550", "552"}, reason


def test_robots_are_never_notified() -> None:
    for reason in (Reason.AUTO_REPLY, Reason.BOUNCE, Reason.MAILING_LIST, Reason.OWN_LOOP,
                   Reason.DMARC_FAILED, Reason.UNPARSABLE):
        assert not reason.notify, reason


SECRET = b"k" * 48


def test_a_reply_token_names_its_post_and_person() -> None:
    token = read_reply_token(SECRET, make_reply_token(SECRET, 4242, 17))
    assert token is not None and (token.post_id, token.person_id) == (4242, 17)


def test_a_reply_token_survives_case_folding_by_mail_servers() -> None:
    token = make_reply_token(SECRET, 7, 3).upper()
    assert read_reply_token(SECRET, token) is not None


def test_an_altered_reply_token_is_refused() -> None:
    token = make_reply_token(SECRET, 7, 3)
    post, person, mac = token.split("-")
    assert read_reply_token(SECRET, f"{post}-{int(person, 16) + 1:x}-{mac}") is None


def test_a_token_signed_with_another_secret_is_refused() -> None:
    assert read_reply_token(SECRET, make_reply_token(b"o" * 48, 7, 3)) is None


def test_a_reply_address_fits_the_local_part_limit() -> None:
    address = reply_address(SECRET, "wall.corp.example", 10**12, 10**9)
    assert len(address.split("@")[0]) <= 64


def test_a_members_address_without_authentication_is_held_by_default() -> None:
    facts = dataclasses.replace(MEMBER, authenticated=False)
    assert decide(facts) is Reason.UNAUTHENTICATED_HELD


def test_a_strangers_address_without_authentication_follows_the_non_member_policy() -> None:
    facts = dataclasses.replace(STRANGER, authenticated=False, policy=NonMemberPolicy.REJECT)
    assert decide(facts) is Reason.NON_MEMBER_REJECTED


def test_a_dmarc_reject_wins_over_the_reply_address_of_its_owner() -> None:
    facts = dataclasses.replace(MEMBER, authenticated=False, reply_token_owner=True,
                                dmarc_reject=True)
    assert decide(facts) is Reason.DMARC_REJECTED
