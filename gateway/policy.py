"""May this message be posted here? Pure rules in one ordered table.

Deciding is kept apart from changing (Mailman's lesson): each rule looks at
the facts and returns a reason or nothing; the first reason wins; no reason
means the message is posted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wall_store.models import NonMemberPolicy, Role
from wall_store.reasons import Reason


@dataclass(frozen=True)
class Facts:
    has_sender: bool
    empty_envelope_sender: bool
    own_loop: bool
    bounce: bool
    auto_reply: bool
    list_mail: bool
    # A trusted verifier's DMARC fail: the domain's policy asked to hold (quarantine, or
    # unstated) or to refuse (reject).
    dmarc_failed: bool
    reply_token_other_sender: bool
    community_archived: bool
    role: Role | None
    policy: NonMemberPolicy
    # An archive the operator chose to import: its list traffic and its authors
    # are the point, not intruders. Robots and loops are still dropped.
    imported: bool = False
    # From: holds something no person can be recorded under (a NUL byte, bad syntax).
    bad_sender_address: bool = False
    # No text, no attachment, no forwarded original: nothing to post.
    empty: bool = False
    dmarc_reject: bool = False
    # Passing, aligned authentication, a trusted relay, or history (gateway.authentication).
    authenticated: bool = True
    # A reply through a signed reply address, written by the person it was sent to.
    reply_token_owner: bool = False
    unauthenticated_policy: NonMemberPolicy = NonMemberPolicy.MODERATE


Rule = Callable[[Facts], Reason | None]


def _when(condition: Callable[[Facts], bool], reason: Reason) -> Rule:
    return lambda facts: reason if condition(facts) else None


def _non_member(facts: Facts) -> Reason | None:
    if facts.role is not None or facts.imported:
        return None
    return {
        NonMemberPolicy.ACCEPT: None,
        NonMemberPolicy.MODERATE: Reason.NON_MEMBER_HELD,
        NonMemberPolicy.REJECT: Reason.NON_MEMBER_REJECTED,
    }[facts.policy]


def _unauthenticated(facts: Facts) -> Reason | None:
    """A member's or external partner's address without authentication: the community's
    `unauthenticated` setting. A non-member's address is the non-member policy's matter;
    a reply through the owner's own signed reply address carries its proof."""
    if (facts.authenticated or facts.imported or facts.role is None
            or facts.reply_token_owner):
        return None
    return {
        NonMemberPolicy.ACCEPT: None,
        NonMemberPolicy.MODERATE: Reason.UNAUTHENTICATED_HELD,
        NonMemberPolicy.REJECT: Reason.UNAUTHENTICATED_REJECTED,
    }[facts.unauthenticated_policy]


# Order matters: loops and machines first (never answered), then authenticity,
# then the community's own rules about who may post.
RULES: tuple[tuple[str, Rule], ...] = (
    ("no usable sender", _when(lambda f: not f.has_sender, Reason.UNPARSABLE)),
    ("sender address not valid",
     _when(lambda f: f.bad_sender_address, Reason.BAD_SENDER_ADDRESS)),
    ("our own mail came back", _when(lambda f: f.own_loop, Reason.OWN_LOOP)),
    ("delivery report", _when(lambda f: f.bounce or f.empty_envelope_sender, Reason.BOUNCE)),
    ("automatic reply", _when(lambda f: f.auto_reply, Reason.AUTO_REPLY)),
    ("mailing list", _when(lambda f: f.list_mail and not f.imported, Reason.MAILING_LIST)),
    ("DMARC failure, policy reject",
     _when(lambda f: f.dmarc_reject and not f.imported, Reason.DMARC_REJECTED)),
    ("DMARC failure", _when(lambda f: f.dmarc_failed, Reason.DMARC_FAILED)),
    ("archived community", _when(lambda f: f.community_archived, Reason.COMMUNITY_ARCHIVED)),
    ("nothing to post", _when(lambda f: f.empty, Reason.EMPTY_MESSAGE)),
    ("reply address of someone else",
     _when(lambda f: f.reply_token_other_sender, Reason.REPLY_TOKEN_OTHER_SENDER)),
    ("member's address without authentication", _unauthenticated),
    ("non-member", _non_member),
)


def decide(facts: Facts) -> Reason | None:
    """The first rule's reason, or None to post."""
    for _name, rule in RULES:
        reason = rule(facts)
        if reason is not None:
            return reason
    return None
