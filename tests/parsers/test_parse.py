"""parse(): headers, dates, ids, body choice, trimming and the NO_SENDER problem."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers import Address, ParsedMail, ParseProblem, parse
from parsers.headers import header_message_id
from tests.parsers.mails import RECEIVED_AT, b64, crlf

OUTLOOK_FR_REPLY = crlf(
    """\
    Received: from mx.example.fr by mailwall.example.fr; Tue, 4 Mar 2025 08:59:58 +0100
    Received: from EXCH01.corp.example.fr by mx.example.fr; Tue, 4 Mar 2025 08:59:57 +0100
    From: =?iso-8859-1?Q?Fran=E7ois_L=E9ger?= <Francois.Leger@Example.FR>
    To: "Projet Atlas" <projet-atlas@mur.example.fr>
    CC: =?utf-8?B?TWFyaWUgQ3VyaWU=?= <marie.curie@example.fr>, jean.dupont@example.fr
    Subject: =?iso-8859-1?Q?RE=A0:_R=E9union_budget_2025?=
    Date: Tue, 4 Mar 2025 08:59:41 +0100
    Message-ID: <PR3P195MB0123ABCD@PR3P195MB0123.EURP195.PROD.OUTLOOK.COM>
    In-Reply-To: <CAF=abc123@mail.gmail.com>
    References: <root-1@example.fr>
     <CAF=abc123@mail.gmail.com>
    Accept-Language: fr-FR, en-US
    Content-Language: fr-FR
    MIME-Version: 1.0
    Content-Type: multipart/alternative; boundary="_000_PR3P195MB0123_"

    --_000_PR3P195MB0123_
    Content-Type: text/plain; charset="iso-8859-1"
    Content-Transfer-Encoding: quoted-printable

    Bonjour Marie,

    D'accord pour jeudi, je pr=E9pare les chiffres du r=E9seau.

    Cordialement,
    Fran=E7ois L=E9ger
    Direction financi=E8re

    De : Marie Curie <marie.curie@example.fr>
    Envoy=E9 : lundi 3 mars 2025 10:12
    =C0 : Projet Atlas <projet-atlas@mur.example.fr>
    Objet : R=E9union budget 2025

    Peut-on se voir jeudi ?

    --_000_PR3P195MB0123_
    Content-Type: text/html; charset="iso-8859-1"
    Content-Transfer-Encoding: quoted-printable

    <html><body><p>Bonjour Marie,</p><p>D'accord pour jeudi.</p></body></html>

    --_000_PR3P195MB0123_--
    """
)


@pytest.fixture(scope="module")
def outlook_reply() -> ParsedMail:
    return parse(OUTLOOK_FR_REPLY, received_at=RECEIVED_AT)


def test_sender_display_name_is_decoded_from_rfc2047(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.sender == Address("Francois.Leger@example.fr", "François Léger")


def test_sender_domain_is_lower_cased_and_local_part_kept(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.sender is not None
    assert outlook_reply.sender.address == "Francois.Leger@example.fr"


def test_recipients_are_to_then_cc_with_decoded_names(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.recipients == (
        Address("projet-atlas@mur.example.fr", "Projet Atlas"),
        Address("marie.curie@example.fr", "Marie Curie"),
        Address("jean.dupont@example.fr", ""),
    )


def test_subject_is_decoded_and_normalised_for_threading(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.subject == "RE : Réunion budget 2025"
    assert outlook_reply.normalized_subject == "réunion budget 2025"


def test_message_ids_are_kept_without_angle_brackets(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.message_id == "PR3P195MB0123ABCD@PR3P195MB0123.EURP195.PROD.OUTLOOK.COM"
    assert not outlook_reply.message_id_derived
    assert outlook_reply.in_reply_to == ("CAF=abc123@mail.gmail.com",)
    assert outlook_reply.references == ("root-1@example.fr", "CAF=abc123@mail.gmail.com")


def test_date_keeps_the_senders_offset(outlook_reply: ParsedMail) -> None:
    paris = timezone(timedelta(hours=1))
    assert outlook_reply.date == datetime(2025, 3, 4, 8, 59, 41, tzinfo=paris)


def test_plain_text_alternative_is_preferred_to_html(outlook_reply: ParsedMail) -> None:
    assert "je prépare les chiffres du réseau" in outlook_reply.body_text


def test_html_alternative_is_kept_sanitised_for_display(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.body_html_safe is not None
    assert "<p>D'accord pour jeudi.</p>" in outlook_reply.body_html_safe


def test_reply_is_split_into_new_text_quote_and_signature(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.new_text == (
        "Bonjour Marie,\n\nD'accord pour jeudi, je prépare les chiffres du réseau."
    )
    assert outlook_reply.quoted_text.startswith("De : Marie Curie")
    assert "Peut-on se voir jeudi ?" in outlook_reply.quoted_text
    assert outlook_reply.signature.startswith("Cordialement,")


def test_a_reply_is_not_mistaken_for_a_forward(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.forwarded == ()


def test_kept_headers_count_received_lines(outlook_reply: ParsedMail) -> None:
    assert outlook_reply.headers["Received-Count"] == "2"


def test_ordinary_mail_has_no_flag_defect_or_problem(outlook_reply: ParsedMail) -> None:
    assert (outlook_reply.auto_reply, outlook_reply.bounce) == (None, None)
    assert (outlook_reply.list_mail, outlook_reply.own_loop) == (None, None)
    assert outlook_reply.problem is None
    assert outlook_reply.defects == ()


GMAIL_FR = crlf(
    """\
    MIME-Version: 1.0
    Date: Mon, 3 Mar 2025 18:42:10 +0100
    Message-ID: <CAF+kq8x0Yz=9q@mail.gmail.com>
    Subject: =?UTF-8?Q?Re=3A_Pr=C3=A9sentation_RSE_=C3=A0_l=27=C3=A9quipe?=
    From: =?UTF-8?Q?Lo=C3=AFc_Martin?= <loic.martin@gmail.com>
    To: equipe-produit@mur.example.fr
    Content-Type: multipart/alternative; boundary="0000000000004a1b2c05f1"

    --0000000000004a1b2c05f1
    Content-Type: text/plain; charset="UTF-8"
    Content-Transfer-Encoding: quoted-printable

    Super id=C3=A9e, je m'inscris !

    Le lun. 3 mars 2025 =C3=A0 17:05, Sophie Bernard <sophie.bernard@example.fr> =
    a =C3=A9crit :

    > Qui vient =C3=A0 la pr=C3=A9sentation jeudi ?
    >

    --0000000000004a1b2c05f1
    Content-Type: text/html; charset="UTF-8"
    Content-Transfer-Encoding: quoted-printable

    <div dir=3D"ltr">Super id=C3=A9e, je m&#39;inscris !</div><br><div class=3D=
    "gmail_quote"><div dir=3D"ltr" class=3D"gmail_attr">Le lun. 3 mars 2025 =C3=
    =A0 17:05, Sophie Bernard a =C3=A9crit :<br></div><blockquote class=3D"gmai=
    l_quote">Qui vient =C3=A0 la pr=C3=A9sentation jeudi ?</blockquote></div>

    --0000000000004a1b2c05f1--
    """
)


def test_gmail_reply_new_text_excludes_the_attribution_and_quote() -> None:
    mail = parse(GMAIL_FR, received_at=RECEIVED_AT)
    assert mail.sender == Address("loic.martin@gmail.com", "Loïc Martin")
    assert mail.subject == "Re: Présentation RSE à l'équipe"
    assert mail.new_text == "Super idée, je m'inscris !"
    assert "Qui vient à la présentation jeudi ?" in mail.quoted_text


IPHONE_FR = crlf(
    """\
    Content-Type: text/plain; charset=utf-8; format=flowed
    Content-Transfer-Encoding: 8bit
    Mime-Version: 1.0 (1.0)
    Subject: Re: Planning du chantier
    From: Julie Moreau <julie.moreau@example.fr>
    Date: Tue, 4 Mar 2025 07:31:02 +0100
    Message-Id: <5E2C1D0A-8B1F-4C33-9D7E-0F1A2B3C4D5E@example.fr>
    To: chantier@mur.example.fr

    Je serai sur place à 8h, on fait le point avec le~
    conducteur de travaux.

    Envoyé de mon iPhone
    """
).replace(b"~", b" ")  # the trailing space that marks a soft line break


def test_iphone_flowed_lines_are_joined_and_signature_split() -> None:
    mail = parse(IPHONE_FR, received_at=RECEIVED_AT)
    assert mail.new_text == (
        "Je serai sur place à 8h, on fait le point avec le conducteur de travaux."
    )
    assert mail.signature == "Envoyé de mon iPhone"


def test_html_only_mail_is_converted_to_readable_text() -> None:
    html = (
        "<html><head><style>p{margin:0}</style></head><body>"
        "<p>Bonjour &agrave; tous,</p><p>Ordre du jour&nbsp;:<br>1re partie</p>"
        "<ul><li>Budget</li>"
        "<li>Voir <a href='https://intranet.example.fr/atlas'>le wiki</a></li></ul>"
        "<p>Bonne journ&eacute;e</p></body></html>"
    )
    raw = (
        crlf(
            """\
        From: Anne <anne@example.fr>
        Subject: Ordre du jour
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: base64

        """
        )
        + b64(html).encode()
    )
    mail = parse(raw, received_at=RECEIVED_AT)
    assert "Bonjour à tous," in mail.body_text
    assert "Ordre du jour :\n1re partie" in mail.body_text
    assert "* Budget" in mail.body_text
    assert "le wiki <https://intranet.example.fr/atlas>" in mail.body_text
    assert "p{margin:0}" not in mail.body_text


def test_html_only_reply_is_split_structurally_before_trimming() -> None:
    html = (
        '<div dir="ltr">Oui, validé pour moi.<br><br>--<br>Paul</div>'
        '<div class="gmail_quote"><div class="gmail_attr">Le lun. 3 mars 2025, Anne a écrit :'
        "</div><blockquote>On valide le budget ?</blockquote></div>"
    )
    raw = crlf(
        f"""\
        From: Paul <paul@example.fr>
        Subject: Re: Budget
        Content-Type: text/html; charset=utf-8

        {html}
        """
    )
    mail = parse(raw, received_at=RECEIVED_AT)
    assert mail.new_text == "Oui, validé pour moi."
    assert "On valide le budget ?" in mail.quoted_text
    assert "On valide le budget ?" not in mail.new_text


def test_body_html_safe_has_no_script_handler_or_javascript_url() -> None:
    html = (
        '<p onclick="steal()">Salut</p><script>alert(1)</script>'
        '<a href="javascript:alert(2)">clic</a><a href="https://ex.fr">site</a>'
        '<img src="https://tracker.example/p.gif"><img src="cid:logo@x">'
    )
    raw = crlf(
        f"""\
        From: a@example.fr
        Content-Type: text/html; charset=utf-8

        {html}
        """
    )
    safe = parse(raw).body_html_safe
    assert safe is not None
    assert "script" not in safe and "onclick" not in safe and "javascript" not in safe
    assert 'rel="noopener noreferrer"' in safe
    assert "tracker.example" not in safe
    assert 'src="cid:logo@x"' in safe


def test_plain_text_mail_has_no_html_copy() -> None:
    raw = crlf(
        """\
        From: a@example.fr
        Subject: x

        Bonjour
        """
    )
    assert parse(raw).body_html_safe is None


def test_missing_message_id_is_derived_from_the_raw_bytes_with_line_ends_normalised() -> None:
    raw = crlf(
        """\
        From: a@example.fr
        Subject: sans identifiant

        Bonjour
        """
    )
    mail = parse(raw)
    canonical = raw.replace(b"\r\n", b"\n")
    assert mail.message_id == f"{hashlib.sha256(canonical).hexdigest()}@mailwall.invalid"
    assert mail.message_id_derived
    assert parse(raw).message_id == mail.message_id


def test_missing_date_falls_back_to_received_at() -> None:
    raw = crlf(
        """\
        From: a@example.fr

        x
        """
    )
    assert parse(raw, received_at=RECEIVED_AT).date == RECEIVED_AT


@pytest.mark.parametrize(
    "date",
    ["Thu, 1 Jan 1970 00:00:00 +0000", "Sat, 1 Jan 2089 10:00:00 +0100", "demain matin"],
    ids=["epoch", "far-future", "unreadable"],
)
def test_absurd_or_unreadable_date_falls_back_to_received_at(date: str) -> None:
    raw = crlf(
        f"""\
        From: a@example.fr
        Date: {date}

        x
        """
    )
    assert parse(raw, received_at=RECEIVED_AT).date == RECEIVED_AT


def test_date_is_none_only_when_missing_and_no_received_at() -> None:
    raw = crlf(
        """\
        From: a@example.fr

        x
        """
    )
    assert parse(raw).date is None


def test_date_without_zone_is_read_as_utc() -> None:
    raw = crlf(
        """\
        From: a@example.fr
        Date: Tue, 4 Mar 2025 08:00:00 -0000

        x
        """
    )
    assert parse(raw).date == datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def test_mail_without_any_sender_is_marked_no_sender_not_raised() -> None:
    raw = crlf(
        """\
        To: projet-atlas@mur.example.fr
        Subject: qui suis-je ?

        x
        """
    )
    mail = parse(raw)
    assert mail.sender is None
    assert mail.problem is ParseProblem.NO_SENDER


def test_unparsable_from_with_a_sender_header_uses_the_sender() -> None:
    raw = crlf(
        """\
        From: undisclosed
        Sender: secretariat@example.fr

        x
        """
    )
    mail = parse(raw)
    assert mail.sender == Address("secretariat@example.fr")
    assert mail.problem is None


def test_archive_obfuscated_address_is_repaired() -> None:
    raw = crlf(
        """\
        From: laurent.pinchart at skynet.be (Laurent Pinchart)
        Subject: uvcvideo

        x
        """
    )
    assert parse(raw).sender == Address("laurent.pinchart@skynet.be", "Laurent Pinchart")


def test_reply_to_is_parsed() -> None:
    raw = crlf(
        """\
        From: noreply@outils.example.fr
        Reply-To: "Support RH" <rh@example.fr>

        x
        """
    )
    assert parse(raw).reply_to == Address("rh@example.fr", "Support RH")


def test_broken_encoded_words_still_decode() -> None:
    # Encoded word glued to text, one split inside a UTF-8 character, and an unknown charset.
    raw = (
        b"From: =?utf-8?Q?=C3?= =?utf-8?Q?=A9quipe?= <e@example.fr>\r\n"
        b"Subject: Compte-rendu=?utf-8?Q?_r=C3=A9union?= =?x-unknown?Q?caf=C3=A9?=\r\n\r\nx\r\n"
    )
    mail = parse(raw)
    assert mail.sender == Address("e@example.fr", "équipe")
    assert mail.subject == "Compte-rendu réunioncafé"


def test_raw_8bit_header_is_decoded_as_utf8_or_windows_1252() -> None:
    raw = "Subject: Réunion café\r\nFrom: Hélène <h@example.fr>\r\n\r\nx\r\n"
    assert parse(raw.encode("utf-8")).subject == "Réunion café"
    assert parse(raw.encode("cp1252")).sender == Address("h@example.fr", "Hélène")


def test_own_header_name_is_exported() -> None:
    import parsers

    assert parsers.OWN_HEADER == "X-Mailwall-Origin"


def test_parsed_mail_is_frozen() -> None:
    mail = parse(b"From: a@example.fr\r\n\r\nx")
    with pytest.raises(AttributeError):
        mail.subject = "autre"  # type: ignore[misc]


def test_header_name_followed_by_spaces_does_not_end_the_header_section() -> None:
    raw = crlf(
        """\
        Subject: espaces
        X-Whitespace-After-Fieldname    : value
        From: sender@example.org

        x
        """
    )
    mail = parse(raw)
    assert mail.sender == Address("sender@example.org")
    assert mail.body_text == "x"


def test_plus_one_reply_is_a_like() -> None:
    raw = crlf(
        """\
        From: Paul <paul@example.fr>
        Subject: Re: Budget
        Content-Type: text/plain; charset=utf-8

        +1

        Le lun. 3 mars 2025 à 10:12, Anne <anne@example.fr> a écrit :
        > On valide le budget ?
        """
    )
    assert parse(raw).is_plus_one


def test_mentions_come_from_the_new_text_only() -> None:
    raw = crlf(
        """\
        From: Paul <paul@example.fr>
        Subject: Re: Budget
        Content-Type: text/plain; charset=utf-8

        Merci @marie.curie, c'est noté.

        Le lun. 3 mars 2025 à 10:12, Anne <anne@example.fr> a écrit :
        > @jean.dupont tu peux regarder ?
        """
    )
    mail = parse(raw)
    assert mail.mentions == ("marie.curie",)
    assert not mail.is_plus_one


def test_a_message_without_message_id_gets_the_same_id_with_crlf_or_lf_line_ends() -> None:
    lf = b"From: Alice <alice@corp.example>\nSubject: Note\n\nBonjour\n"
    crlf = lf.replace(b"\n", b"\r\n")
    assert parse(lf).message_id == parse(crlf).message_id


@pytest.mark.parametrize(
    "raw",
    [
        b"From: a@corp.example\r\nMessage-ID: <hebdo-1@corp.example>\r\n\r\nCorps\r\n",
        b"From: a@corp.example\nmessage-id:\n <hebdo-1@corp.example>\nSubject: x\n\nCorps\n",
        b"Message-Id: <hebdo-1@corp.example> (Postfix)\r\nFrom: a@corp.example\r\n\r\nx\r\n",
    ],
)
def test_message_id_read_from_the_header_block_alone_is_the_parsed_one(raw: bytes) -> None:
    assert header_message_id(raw) == parse(raw).message_id == "hebdo-1@corp.example"


def test_message_id_in_the_body_is_not_the_header() -> None:
    raw = b"From: a@corp.example\r\n\r\nMessage-ID: <cite@corp.example>\r\n"
    assert header_message_id(raw) is None


def _html_mail(subject: str, html: str) -> bytes:
    head = crlf(
        f"""\
        From: Marie Curie <marie.curie@example.fr>
        To: projet-atlas@mur.example.fr
        Subject: {subject}
        Date: Tue, 4 Mar 2025 09:30:00 +0100
        Content-Type: text/html; charset=utf-8

        """
    )
    return head + crlf(html)


def test_gmail_signature_block_in_an_html_reply_is_the_signature() -> None:
    html = (
        '<div dir="ltr">Ok pour jeudi.<div><br></div><div><div dir="ltr" class="gmail_signature" '
        'data-smartmail="gmail_signature"><div dir="ltr">Marie Curie<div>Cheffe de projet | '
        "Lumière SA</div><div>+33 6 12 34 56 78</div></div></div></div></div><br>"
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le lun. 3 mars 2025 à 18:00, '
        "Jean Dupont &lt;jean.dupont@example.fr&gt; a écrit :<br></div>"
        '<blockquote class="gmail_quote">On se voit jeudi ?</blockquote></div>'
    )
    mail = parse(_html_mail("Re: Réunion", html), received_at=RECEIVED_AT)
    assert mail.new_text == "Ok pour jeudi."
    assert "Cheffe de projet" in mail.signature
    assert "On se voit jeudi ?" in mail.quoted_text


def test_gmail_signature_block_without_a_quote_is_the_signature() -> None:
    html = (
        '<div dir="ltr">Le compte-rendu est en ligne.<br clear="all"><div><br></div>'
        '<div dir="ltr" class="gmail_signature">Marie Curie<br>Cheffe de projet</div></div>'
    )
    mail = parse(_html_mail("Compte-rendu", html), received_at=RECEIVED_AT)
    assert mail.new_text == "Le compte-rendu est en ligne."
    assert mail.signature == "Marie Curie\nCheffe de projet"


def test_excerpt_the_author_blockquoted_between_their_own_lines_stays_new_text() -> None:
    html = (
        "<div>Bonjour à tous,</div><div>Le client nous écrit ceci :</div><blockquote><div>Nous "
        "souhaitons décaler la livraison au 15 avril.</div></blockquote><div>Je propose "
        "d'accepter. Vos avis ?</div>"
    )
    mail = parse(_html_mail("Livraison lot 2", html), received_at=RECEIVED_AT)
    assert "décaler la livraison au 15 avril" in mail.new_text
    assert mail.new_text.endswith("Je propose d'accepter. Vos avis ?")
    assert mail.quoted_text == ""


def test_thunderbird_html_reply_quote_is_split_off() -> None:
    html = (
        "<p>Je m'en occupe.</p>"
        '<div class="moz-cite-prefix">Le 03/03/2025 à 18:00, Jean Dupont a écrit&nbsp;:<br></div>'
        '<blockquote type="cite" cite="mid:x@example.fr">Qui prend le devis ?</blockquote>'
    )
    mail = parse(_html_mail("Re: Devis", html), received_at=RECEIVED_AT)
    assert mail.new_text == "Je m'en occupe."
    assert "Qui prend le devis ?" in mail.quoted_text
