"""Mentions and like-only replies, read from a reply's new text."""

from __future__ import annotations

import pytest

from parsers.likes import is_plus_one
from parsers.mentions import MAX_MENTIONS, find_mentions


def test_capitalised_name_with_accent_is_a_mention() -> None:
    assert find_mentions("Merci @Élodie Martin pour le compte rendu.") == ("Élodie Martin",)


def test_hyphenated_first_name_is_one_mention() -> None:
    assert find_mentions("@Jean-Pierre Durand peux-tu relire ?") == ("Jean-Pierre Durand",)


def test_local_part_is_a_mention_without_trailing_punctuation() -> None:
    assert find_mentions("Voir avec @j.dupont.") == ("j.dupont",)


def test_email_address_is_not_a_mention() -> None:
    assert find_mentions("Écrivez à bob@example.com ou à support@acme.fr") == ()


def test_address_written_after_an_at_sign_is_not_a_mention() -> None:
    assert find_mentions("contact : @jean@example.fr") == ()


def test_mentions_are_returned_once_in_order() -> None:
    text = "@Alice Martin et @bob, puis encore @Alice Martin"
    assert find_mentions(text) == ("Alice Martin", "bob")


def test_a_hostile_body_yields_a_bounded_number_of_mentions() -> None:
    text = " ".join(f"@user{i}" for i in range(10_000))
    assert len(find_mentions(text)) == MAX_MENTIONS


@pytest.mark.parametrize(
    "text",
    ["+1", "+1 !", "👍", "👍🏽", "👍🏻👍🏿", "👍👍", ":+1:", "like", "Like !", "j'aime", "J’aime."],
)
def test_like_only_reply_is_a_plus_one(text: str) -> None:
    assert is_plus_one(text)


@pytest.mark.parametrize("text", ["gefällt mir", "me gusta", "mi piace", "vind ik leuk"])
def test_localised_like_is_a_plus_one(text: str) -> None:
    assert is_plus_one(text)


@pytest.mark.parametrize(
    "text",
    [
        "+1 but I'd change the date",
        "+1, je valide et je lance la commande",
        "👍🏻 merci",  # thanks someone: a comment, not only a like
        "Likely yes",
        "I like the second option",
        "",
    ],
)
def test_reply_with_content_is_not_a_plus_one(text: str) -> None:
    assert not is_plus_one(text)


def test_long_text_is_never_a_plus_one() -> None:
    assert not is_plus_one("+1 " * 100)
