"""Normalised subjects: reply/forward prefixes in many languages, tags and wrappers removed."""

from __future__ import annotations

import pytest

from parsers import parse
from parsers.subjects import (
    is_forward_subject,
    is_reply_subject,
    normalize_subject,
    strip_subject,
)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: Budget 2025", "Budget 2025"),
        ("RE : Budget 2025", "Budget 2025"),
        ("TR : Budget 2025", "Budget 2025"),
        ("Fwd: Budget 2025", "Budget 2025"),
        ("Fw: Budget 2025", "Budget 2025"),
        ("AW: WG: Budget 2025", "Budget 2025"),
        ("Réf : Budget 2025", "Budget 2025"),
        ("SV: Budget 2025", "Budget 2025"),
        ("RV: Budget 2025", "Budget 2025"),
        ("R: Budget 2025", "Budget 2025"),
        ("Re[2]: Budget 2025", "Budget 2025"),
        ("Re: TR: RE: Budget 2025", "Budget 2025"),
        ("[projet-atlas] Re: Budget 2025", "Budget 2025"),
        ("Re: [projet-atlas] Budget 2025", "Budget 2025"),
        ("re:   Budget    2025", "Budget 2025"),
        ("RE\xa0: Budget 2025", "Budget 2025"),
    ],
)
def test_prefixes_and_tags_are_removed(subject: str, expected: str) -> None:
    assert strip_subject(subject) == expected


@pytest.mark.parametrize(
    "subject", ["Regarde ça", "Trop bien", "Résultats", "Avis", "Revue de code"]
)
def test_words_that_start_like_a_prefix_are_kept(subject: str) -> None:
    assert strip_subject(subject) == subject


def test_normalised_subject_is_casefolded_for_matching() -> None:
    assert normalize_subject("RE: TR: Réunion BUDGET") == normalize_subject("réunion budget")


def test_subject_made_only_of_a_tag_is_kept() -> None:
    assert strip_subject("[urgent]") == "[urgent]"


@pytest.mark.parametrize(
    ("subject", "forward"),
    [("TR: Budget", True), ("Fwd: Re: Budget", True), ("Re: TR: Budget", False), ("Budget", False)],
)
def test_outermost_prefix_tells_a_forward(subject: str, forward: bool) -> None:
    assert is_forward_subject(subject) is forward


def test_thousands_of_stacked_prefixes_give_a_bounded_subject() -> None:
    assert len(strip_subject("Re: " * 10_000 + "Budget")) <= 2000


@pytest.mark.parametrize(
    "subject",
    [
        "Re: Point hebdo",
        "RE : Point hebdo",
        "Réf. : Point hebdo",
        "AW: Wochenbericht",
        "SV: Veckomöte",
        "VS: Viikkopalaveri",
        "Antw: Weekoverleg",
        "Odp: Spotkanie",
        "R: Riunione settimanale",
        "RIF: Riunione settimanale",
        "RES: Reunião semanal",
        "Ynt: Haftalık toplantı",
        "Отв: Еженедельная встреча",
        "Ответ: Еженедельная встреча",
        "回复：周会",
        "答复: 周会",
        "ΑΠ: Εβδομαδιαία συνάντηση",
        "[projet-atlas] Re: Point hebdo",
        "Re[2]: Point hebdo",
    ],
)
def test_reply_prefixes_in_many_languages_look_like_a_reply(subject: str) -> None:
    assert is_reply_subject(subject)


@pytest.mark.parametrize(
    "subject",
    ["Point hebdo", "TR : Point hebdo", "Fwd: Re: Point hebdo", "WG: Wochenbericht",
     "Пересл: Встреча", "Revue de code", "Résultats du trimestre", "Réunion : ordre du jour"],
)
def test_new_mail_and_forwards_do_not_look_like_a_reply(subject: str) -> None:
    assert not is_reply_subject(subject)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [("Отв: Еженедельная встреча", "Еженедельная встреча"), ("回复：周会", "周会"),
     ("Réf. : Point hebdo", "Point hebdo")],
)
def test_prefixes_of_other_scripts_are_removed(subject: str, expected: str) -> None:
    assert strip_subject(subject) == expected


def test_parsed_mail_says_whether_it_looks_like_a_reply() -> None:
    head = b"From: Jerome <jerome.dubois@corp.example>\r\nMessage-ID: <a@corp.example>\r\n"
    reply = parse(head + b"Subject: RE: Point hebdo\r\n\r\nD'accord.\r\n")
    new = parse(head + b"Subject: Point hebdo\r\n\r\nOrdre du jour.\r\n")
    assert reply.looks_like_reply and not new.looks_like_reply
