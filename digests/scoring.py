"""How much a thread matters to one person this period: a pure function of counted signals.

Mentions of the person come first, then answers to them, then plain activity
(posts, distinct authors) and likes; among equals, the fresher thread wins.
The weights keep those tiers apart for any realistic week: one mention outweighs
a thread of fifty posts.
"""

from __future__ import annotations

from dataclasses import dataclass

MENTION = 10_000.0
ANSWER = 1_000.0
POST = 10.0
AUTHOR = 5.0
LIKE = 2.0
# Activity saturates: a flame war of 300 posts must not outrank an answer to you.
ACTIVITY_CAP = 80.0
# Points lost per hour of age, so that ties break towards what is new.
AGE_PER_HOUR = 0.01


@dataclass(frozen=True)
class Signals:
    mentions_of_person: int = 0
    answers_to_person: int = 0
    posts: int = 0
    authors: int = 0
    likes: int = 0
    hours_since_last: float = 0.0


def score(s: Signals) -> float:
    activity = min(s.posts * POST + s.authors * AUTHOR + s.likes * LIKE, ACTIVITY_CAP * POST)
    return (s.mentions_of_person * MENTION + s.answers_to_person * ANSWER + activity
            - s.hours_since_last * AGE_PER_HOUR)
