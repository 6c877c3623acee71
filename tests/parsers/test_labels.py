"""The per-language label tables: their shape, and real client lines recognised through them."""

from __future__ import annotations

import re

import pytest

from parsers import labels
from parsers.forwards import unwrap_inline
from parsers.trim import trim

TABLES: dict[str, labels.Table] = {
    "WROTE": labels.WROTE,
    "ATTRIBUTION_LEADS": labels.ATTRIBUTION_LEADS,
    "FORWARD_MARKERS": labels.FORWARD_MARKERS,
    "ORIGINAL_MARKERS": labels.ORIGINAL_MARKERS,
    "FORWARD_INTROS": labels.FORWARD_INTROS,
    "SIGN_OFFS": labels.SIGN_OFFS,
    "THANKS": labels.THANKS,
    "MOBILE_SIGNATURES": labels.MOBILE_SIGNATURES,
    "EXTERNAL_BANNERS": labels.EXTERNAL_BANNERS,
    "REPLY_ABOVE_MARKERS": labels.REPLY_ABOVE_MARKERS,
    "AUTO_REPLY_PHRASES": labels.AUTO_REPLY_PHRASES,
    **{f"HEADER_FIELDS[{field}]": table for field, table in labels.HEADER_FIELDS.items()},
}
# Entries are plain words: `alternation` escapes everything, but a regex-looking entry means
# someone wrote a pattern where data belongs. Parentheses ("napisał(a)") and brackets
# ("[EXTERNAL]") are printed by clients and stay allowed.
REGEX_SYNTAX = set("\\^$*+?{}|")
# Tables whose entries are matched on their own, outside a header block: a bare short word
# there ("de", "od", "an") would fire inside ordinary prose.
STANDALONE = ("WROTE", "SIGN_OFFS", "MOBILE_SIGNATURES", "EXTERNAL_BANNERS")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _entries(names: tuple[str, ...] | None = None) -> list[tuple[str, str, str]]:
    return [
        (name, lang, entry)
        for name, table in TABLES.items()
        if names is None or name in names
        for lang, entries in table.items()
        for entry in entries
    ]


# --- data shape -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLES)
def test_every_table_is_keyed_by_a_covered_language_code(name: str) -> None:
    assert set(TABLES[name]) <= set(labels.LANGUAGES)


@pytest.mark.parametrize(
    "name",
    [
        "WROTE",
        "ORIGINAL_MARKERS",
        *(f"HEADER_FIELDS[{f}]" for f in ("from", "date", "to", "subject")),
    ],
)
def test_core_tables_cover_every_language(name: str) -> None:
    # Latvian's From label is "No:", deliberately absent (see HEADER_FIELDS).
    missing = set(labels.LANGUAGES) - set(TABLES[name])
    assert missing <= ({"lv"} if name == "HEADER_FIELDS[from]" else set())


def test_a_reference_block_of_number_and_date_is_not_a_header_block() -> None:
    text = (
        "Voici la référence :\n\nNo: 12345\nDate: 03/02/2025\nObjet: facture de février\n\nMerci."
    )
    assert trim(text).quoted_text == ""


def test_languages_are_the_eu_ones_plus_the_promised_others() -> None:
    assert len(set(labels.EU_LANGUAGES)) == 24
    assert {"nb", "ru", "uk", "tr", "zh", "ja", "vi"} <= set(labels.LANGUAGES)


@pytest.mark.parametrize("name", TABLES)
def test_entries_are_trimmed_lower_case_and_not_empty(name: str) -> None:
    for _, lang, entry in _entries((name,)):
        assert entry and entry == entry.strip() and "  " not in entry, (lang, entry)
        assert entry == entry.lower(), (lang, entry)


@pytest.mark.parametrize("name", TABLES)
def test_no_language_lists_an_entry_twice(name: str) -> None:
    for lang, entries in TABLES[name].items():
        assert len(entries) == len(set(entries)), lang


@pytest.mark.parametrize("name", TABLES)
def test_entries_hold_no_regular_expression_syntax(name: str) -> None:
    for _, lang, entry in _entries((name,)):
        assert not REGEX_SYNTAX & set(entry), (lang, entry)


def test_standalone_entries_are_not_short_common_words() -> None:
    for name, lang, entry in _entries(STANDALONE):
        assert CJK.search(entry) or len(entry) >= 4, (name, lang, entry)


def test_no_header_label_names_two_different_fields() -> None:
    owner: dict[str, str] = {}
    for field in labels.HEADER_FIELDS:
        for name in labels.field_names(field):
            assert owner.setdefault(labels.fold(name), field) == field, name


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("Odesláno", "date"),
        ("Kimden", "from"),
        ("Šalje", "from"),
        ("Másolatot kap", "cc"),
        ("Catre", "to"),  # Romanian "Către" typed without its breve
        ("Κοιν.", "cc"),
        ("差出人", "from"),
        ("寄件者", "from"),
        ("보낸 날짜", "date"),
        ("Chủ đề", "subject"),
    ],
)
def test_field_of_names_localised_labels(printed: str, field: str) -> None:
    assert labels.field_of(printed) == field


@pytest.mark.parametrize(
    ("entry", "typed"),
    [
        ("αρχικό μήνυμα", "ΑΡΧΙΚΟ ΜΗΝΥΜΑ"),
        ("mesaj redirecționat", "Mesaj redirectionat"),
        ("şunu yazdı", "sunu yazdi"),
        ("đã viết", "da viet"),
        ("pôvodná správa", "Povodna sprava"),
    ],
)
def test_alternation_tolerates_missing_marks_in_every_script(entry: str, typed: str) -> None:
    assert re.fullmatch(labels.alternation([entry]), typed, re.IGNORECASE)


@pytest.mark.parametrize(
    ("words", "text", "matched"),
    [
        (("napisał", "napisała", "napisał(a)"), "napisał(a):", "napisał(a)"),
        (("de", "de la"), "De la: Ion", "De la"),
        (("în", "in message"), "In message <x@example.com>", "In message"),
    ],
)
def test_alternation_prefers_the_longest_word(
    words: tuple[str, ...], text: str, matched: str
) -> None:
    found = re.match(labels.alternation(words), text, re.IGNORECASE)
    assert found is not None and found.group() == matched


def test_alternation_matches_every_word_of_every_table_and_no_cut_short_word() -> None:
    for name, table in TABLES.items():
        entries = labels.words(table)
        folded = {labels.fold(word) for word in entries}
        pattern = re.compile(labels.alternation(entries), re.IGNORECASE)
        for word in entries:
            assert pattern.fullmatch(word), (name, word)
            shorter = word[:-1]
            assert not pattern.fullmatch(shorter) or labels.fold(shorter) in folded, (name, word)


# --- attributions cut the quote ---------------------------------------------------------------

ATTRIBUTIONS = {
    "cs Thunderbird": "Dne 3. 2. 2025 v 10:12 Jan Novák <jan@example.cz> napsal(a):",
    "sk Thunderbird": "Dňa 3. 2. 2025 o 10:12 Ján Kováč <jan@example.sk> napísal(a):",
    "pl Thunderbird": "W dniu 3.02.2025 o 10:12, Jan Kowalski pisze:",
    "ru Thunderbird": "03.02.2025 10:12, Иван Петров пишет:",
    "hu Gmail": "Kovács Péter <peter@example.hu> ezt írta (időpont: 2025. febr. 3., H, 10:12):",
    "hr Gmail": "uto, 4. velj 2025. u 10:12 Ivan Horvat <ivan@example.hr> napisao je:",
    "ro Gmail": "Pe lun., 3 feb. 2025 la 10:12, Ion Popescu <ion@example.ro> a scris:",
    "el Gmail": "Δευ, 3 Φεβ 2025 στις 10:12 π.μ., ο/η Γιάννης <g@example.gr> έγραψε:",
    "tr Gmail": "3 Şub 2025 Pzt, 10:12 tarihinde Ali Yılmaz <ali@example.com.tr> şunu yazdı:",
    "lv Gmail": (
        "pirmd., 2025. g. 3. febr., plkst. 10:12 — lietotājs Jānis (<j@example.lv>) rakstīja:"
    ),
    "vi Gmail": "Vào Th 2, 3 thg 2, 2025 vào lúc 10:12 Nguyễn Văn An <an@example.vn> đã viết:",
    "ko Gmail": "2025년 2월 3일 (월) 오전 10:12, 홍길동 <hong@example.kr>님이 작성:",
    "ja Thunderbird": "2025/02/03 10:12 山田太郎 さんは書きました:",
}


@pytest.mark.parametrize("attribution", ATTRIBUTIONS.values(), ids=ATTRIBUTIONS)
def test_localised_attribution_starts_the_quote(attribution: str) -> None:
    reply = "Merci, je regarde ça demain."
    result = trim(f"{reply}\n\n{attribution}\n> Le texte d'origine.\n> Deuxième ligne.")
    assert result.new_text == reply
    assert result.quoted_text.startswith(attribution)


def test_brief_czech_reply_keeps_only_the_new_line() -> None:
    result = trim("Merci.\n\nDne 3. 2. 2025 v 10:12 Jan Novák <jan@example.cz> napsal(a):\n> Ahoj")
    assert result.new_text == "Merci."


def test_verb_in_prose_without_date_or_address_stays_text() -> None:
    text = "Jan pisze:\nto jest dobry pomysł, zróbmy tak."
    assert trim(text).new_text == text


# --- Outlook header blocks start the history ----------------------------------------------------

HEADER_BLOCKS = {
    "cs": (
        "Od: Jan Novák <jan@example.cz>",
        "Odesláno: pondělí 3. února 2025 10:12",
        "Komu: Petr Svoboda <petr@example.cz>",
        "Předmět: Faktura",
    ),
    "pl": (
        "Od: Jan Kowalski <jan@example.pl>",
        "Wysłano: poniedziałek, 3 lutego 2025 10:12",
        "Do: Anna Nowak <anna@example.pl>",
        "Temat: Faktura",
    ),
    "fi": (
        "Lähettäjä: Matti Meikäläinen <matti@example.fi>",
        "Lähetetty: maanantai 3. helmikuuta 2025 10.12",
        "Vastaanottaja: Liisa Virtanen <liisa@example.fi>",
        "Aihe: Lasku",
    ),
    "tr": (
        "Kimden: Ali Yılmaz <ali@example.com.tr>",
        "Gönderildi: 3 Şubat 2025 Pazartesi 10:12",
        "Kime: Ayşe Demir <ayse@example.com.tr>",
        "Konu: Fatura",
    ),
    "ro": (
        "De la: Ion Popescu <ion@example.ro>",
        "Trimis: luni, 3 februarie 2025 10:12",
        "Către: Ana Ionescu <ana@example.ro>",
        "Subiect: Factura",
    ),
    "bg": (
        "От: Иван Петров <ivan@example.bg>",
        "Изпратено: 3 февруари 2025 г. 10:12",
        "До: Мария Иванова <maria@example.bg>",
        "Относно: Фактура",
    ),
    "ja": (
        "差出人: 山田太郎 <taro@example.jp>",
        "送信日時: 2025年2月3日 10:12",
        "宛先: 鈴木花子 <hanako@example.jp>",
        "件名: 請求書",
    ),
}


@pytest.mark.parametrize("block", HEADER_BLOCKS.values(), ids=HEADER_BLOCKS)
def test_localised_outlook_header_block_starts_the_history(block: tuple[str, ...]) -> None:
    reply = "Voir ci-dessous, merci."
    original = "Bonjour,\nla facture est jointe."
    result = trim("\n".join((reply, "", *block, "", original)))
    assert result.new_text == reply
    assert result.quoted_text.startswith(block[0])


@pytest.mark.parametrize(
    "rule",
    [
        "-----Původní zpráva-----",
        "-----Eredeti üzenet-----",
        "-----Wiadomość oryginalna-----",
        "-----Αρχικό μήνυμα-----",
        "-----Orijinal İleti-----",
        "-------- 元のメッセージ --------",
        "-------- Alkuperäinen viesti / Orig.Msg. --------",
        "-------- Pôvodná správa --- Original Message --------",
        "-------- Treść oryginalnej wiadomości --------",
        "-------- Original-Nachricht --------",
    ],
)
def test_localised_original_message_rule_starts_the_history(rule: str) -> None:
    reply = "D'accord pour moi."
    result = trim(f"{reply}\n\n{rule}\nFrom: Someone <someone@example.com>\n\nHello")
    assert result.new_text == reply
    assert result.quoted_text.startswith(rule)


# --- forwards ---------------------------------------------------------------------------------


def test_russian_gmail_forward_gives_the_original_sender_and_subject() -> None:
    text = (
        "Посмотри, пожалуйста.\n\n"
        "---------- Пересылаемое сообщение ---------\n"
        "От: Иван Петров <ivan@example.ru>\n"
        "Date: пн, 3 февр. 2025 г. в 10:12\n"
        "Subject: Счёт за февраль\n"
        "To: <olga@example.ru>\n\n"
        "Добрый день, счёт во вложении."
    )
    own, originals, cut = unwrap_inline(text, forward_subject=False)
    assert own == "Посмотри, пожалуйста."
    assert [o.sender.address for o in originals if o.sender] == ["ivan@example.ru"]
    assert originals[0].subject == "Счёт за февраль"
    assert not cut


@pytest.mark.parametrize(
    ("marker", "fields"),
    [
        ("---------- Přeposlaná zpráva ---------", ("Od", "Datum", "Předmět", "Komu")),
        ("-------- Välitetty viesti --------", ("Lähettäjä", "Päiväys", "Aihe", "Vastaanottaja")),
        ("---------- Wiadomość przekazana dalej ---------", ("Od", "Data", "Temat", "Do")),
        ("-------- Προωθημένο μήνυμα --------", ("Από", "Ημερομηνία", "Θέμα", "Προς")),
    ],
)
def test_localised_forward_block_gives_sender_and_subject(
    marker: str, fields: tuple[str, str, str, str]
) -> None:
    sender, date, subject, to = fields
    text = (
        f"FYI.\n\n{marker}\n"
        f"{sender}: Jana Dvořák <jana@example.eu>\n"
        f"{date}: 3. 2. 2025 10:12\n"
        f"{subject}: Rozpočet 2025\n"
        f"{to}: tym@example.eu\n\n"
        "Text of the original."
    )
    own, originals, _ = unwrap_inline(text, forward_subject=False)
    assert own == "FYI."
    assert len(originals) == 1
    assert originals[0].sender is not None and originals[0].sender.address == "jana@example.eu"
    assert originals[0].subject == "Rozpočet 2025"
    assert originals[0].text == "Text of the original."


@pytest.mark.parametrize(
    "intro",
    [
        "Začátek přeposlané zprávy:",
        "Początek przekazywanej wiadomości:",
        "Inicio del mensaje reenviado:",
    ],
)
def test_apple_mail_forward_intro_opens_a_forward(intro: str) -> None:
    text = (
        f"Pour info.\n\n{intro}\n\n"
        "From: Jana <jana@example.eu>\nSubject: Plan\nDate: 3 February 2025 at 10:12:00 CET\n"
        "To: team@example.eu\n\nOriginal text."
    )
    own, originals, _ = unwrap_inline(text, forward_subject=False)
    assert own == "Pour info."
    assert [o.subject for o in originals] == ["Plan"]
