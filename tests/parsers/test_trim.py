"""Reply trimming: what becomes the wall comment, what is history, what is signature."""

from __future__ import annotations

import importlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.trim import LINE_CAP, Trimmed, trim

# parsers/__init__ re-exports the function `trim`, which shadows the submodule name.
trim_module = importlib.import_module("parsers.trim")

NBSP = "\u00a0"
NNBSP = "\u202f"


# --- top-posting: the reply is above the history ------------------------------------


def test_outlook_fr_header_block_starts_the_quote() -> None:
    body = (
        "Bonjour Alice,\n\nJe valide le budget, on en parle jeudi.\n\n"
        f"De{NBSP}: Alice Martin <alice.martin@example.fr>\n"
        f"Envoyé{NBSP}: lundi 3 mars 2025 10:12\n"
        f"À{NBSP}: Jean Dupont <jean.dupont@example.fr>\n"
        f"Cc{NBSP}: Équipe Projet <projet@example.fr>\n"
        f"Objet{NBSP}: Budget T2\n\n"
        "Bonjour Jean,\nPeux-tu valider le budget ?\nAlice\n"
    )
    result = trim(body)
    assert result.new_text == "Bonjour Alice,\n\nJe valide le budget, on en parle jeudi."
    assert result.quoted_text.startswith(f"De{NBSP}: Alice Martin")
    assert "Peux-tu valider le budget ?" in result.quoted_text


def test_outlook_fr_header_with_narrow_nbsp_and_bold_markers_starts_the_quote() -> None:
    body = (
        "Ok pour moi.\n\n________________________________\n"
        f"*De{NNBSP}:* Alice Martin <alice@example.fr>\n"
        f"*Envoyé{NNBSP}:* lundi 3 mars 2025 10:12\n"
        f"*À{NNBSP}:* Jean Dupont\n*Objet{NNBSP}:* RE: Budget\n\nTexte d'origine\n"
    )
    result = trim(body)
    assert result.new_text == "Ok pour moi."
    assert result.quoted_text.startswith("____")


def test_outlook_en_header_block_with_date_and_cc_starts_the_quote() -> None:
    body = (
        "Approved, go ahead.\n\nFrom: Alice Martin <alice@example.com>\n"
        "Date: Monday, March 3, 2025 10:12 AM\nTo: Bob <bob@example.com>\n"
        "Cc: Team <team@example.com>\nSubject: Budget Q2\n\nHi Bob, can you approve?\n"
    )
    assert trim(body).new_text == "Approved, go ahead."


def test_outlook_de_header_block_starts_the_quote() -> None:
    body = (
        "Passt.\n\nVon: Alice Martin <alice@example.de>\nGesendet: Montag, 3. März 2025 10:12\n"
        "An: Bob <bob@example.de>\nBetreff: Budget\n\nHallo Bob\n"
    )
    assert trim(body).new_text == "Passt."


@pytest.mark.parametrize(
    "separator",
    [
        "-----Original Message-----",
        "-----Message d'origine-----",
        "-------- Message original --------",
        "-----Ursprüngliche Nachricht-----",
        "---------- Forwarded message ---------",
    ],
)
def test_original_message_separator_starts_the_quote(separator: str) -> None:
    body = f"Bien reçu, merci.\n\n{separator}\nDe : Bob\nEnvoyé : lundi\n\nTexte d'origine\n"
    result = trim(body)
    assert result.new_text == "Bien reçu, merci."
    assert result.quoted_text.startswith(separator)


def test_forward_rule_flattened_with_its_fields_on_one_line_starts_the_quote() -> None:
    body = (
        "Pour info.\n\n----- Message transféré ----- De : Hélène Garnier "
        "<helene@example.fr> À : Jean <jean@example.fr> Envoyé : lundi 3 mars 2025 10:12 "
        "Objet : Planning\n\nBonjour Jean,\n"
    )
    assert trim(body).new_text == "Pour info."


def test_gmail_fr_attribution_with_weekday_starts_the_quote() -> None:
    body = (
        "Parfait, je m'en occupe.\n\n"
        "Le lun. 3 mars 2025 à 10:12, Alice Martin <alice.martin@example.fr> a écrit :\n\n"
        "> Bonjour,\n> voici le compte rendu.\n"
    )
    result = trim(body)
    assert result.new_text == "Parfait, je m'en occupe."
    assert result.quoted_text.startswith("Le lun. 3 mars 2025")


def test_gmail_fr_attribution_wrapped_over_two_lines_starts_the_quote() -> None:
    body = (
        "Parfait.\n\nLe lun. 3 mars 2025 à 10:12, Alice Martin <\n"
        "alice.martin@example.fr> a écrit :\n\n> Bonjour,\n"
    )
    result = trim(body)
    assert result.new_text == "Parfait."
    assert "alice.martin@example.fr> a écrit :" in result.quoted_text


def test_gmail_en_attribution_wrapped_over_three_lines_starts_the_quote() -> None:
    body = (
        "Sounds good.\n\nOn Mon, Mar 3, 2025 at 10:12 AM, Alice Martin\n<alice@example.com>\n"
        "wrote:\n\n> Shall we move the meeting?\n"
    )
    assert trim(body).new_text == "Sounds good."


def test_thunderbird_fr_numeric_date_attribution_starts_the_quote() -> None:
    body = "Vu, merci.\n\nLe 03/03/2025 à 10:12, Alice a écrit :\n> Bonjour\n"
    assert trim(body).new_text == "Vu, merci."


@pytest.mark.parametrize(
    "attribution",
    [
        "Am 03.03.2025 um 10:12 schrieb Alice Martin <alice@example.de>:",
        "El lun, 3 mar 2025 a las 10:12, Alice (<alice@example.es>) escribió:",
        "Il giorno lun 3 mar 2025 alle ore 10:12 Alice <alice@example.it> ha scritto:",
        "Op ma 3 mrt 2025 om 10:12 schreef Alice <alice@example.nl>:",
    ],
)
def test_attribution_in_german_spanish_italian_dutch_starts_the_quote(attribution: str) -> None:
    body = f"Danke / Gracias / Grazie / Bedankt.\n\n{attribution}\n> Texte\n"
    assert trim(body).new_text == "Danke / Gracias / Grazie / Bedankt."


def test_attribution_followed_by_unquoted_history_takes_everything_below() -> None:
    # Outlook mobile and some webmails do not prefix the original with ">".
    body = (
        "Je confirme.\n\nLe 3 mars 2025 à 10:12, Alice Martin <alice@example.fr> a écrit :\n\n"
        "Bonjour,\nPouvez-vous confirmer la date ?\n"
    )
    result = trim(body)
    assert result.new_text == "Je confirme."
    assert "Pouvez-vous confirmer la date ?" in result.quoted_text


def test_sentence_starting_with_on_is_not_an_attribution() -> None:
    body = "On your side you can run:\n\n    make test\n\nThat should be enough.\n"
    assert trim(body).new_text == body.strip()


def test_wrote_in_prose_without_date_or_address_is_not_an_attribution() -> None:
    body = "On this topic I already wrote:\nthe migration starts in April.\n"
    assert trim(body).new_text == body.strip()


def test_from_line_alone_in_prose_is_not_a_header_block() -> None:
    body = "De : l'équipe projet, avec nos remerciements.\n\nLa réunion est maintenue.\n"
    assert trim(body).new_text == body.strip()


# --- structure before phrases: attributions and header blocks without known words --------


def test_attribution_with_no_verb_before_a_quote_starts_the_quote() -> None:
    body = (
        "Works for me.\n\n"
        '11:00 AM, November 17, 2021, "Alice Martin" <alice@example.com>:\n\n'
        "> Can we move the review to Friday?\n"
    )
    result = trim(body)
    assert result.new_text == "Works for me."
    assert result.quoted_text.startswith("11:00 AM, November 17, 2021")


def test_attribution_in_a_language_without_table_entry_starts_the_quote() -> None:
    body = (
        "Dobře, díky.\n\n"
        "Dne po 3. 3. 2025 v 10:12 Alice Martin <alice@example.cz> napsal(a):\n"
        "> Posílám podklady.\n"
    )
    assert trim(body).new_text == "Dobře, díky."


def test_attribution_with_no_verb_split_over_two_lines_starts_the_quote() -> None:
    body = (
        "C'est noté.\n\n03/03/2025 10:12,\n"
        '"Alice Martin" <alice.martin@example.fr>:\n> Réunion décalée à 15h.\n'
    )
    result = trim(body)
    assert result.new_text == "C'est noté."
    assert result.quoted_text.startswith("03/03/2025 10:12,")


def test_attribution_with_no_verb_above_indented_text_starts_the_quote() -> None:
    body = (
        "Reçu, merci.\n\n03/03/2025 10:12, Alice Martin <alice.martin@example.fr>:\n\n"
        "    Bonjour,\n    le compte rendu est en pièce jointe.\n"
    )
    result = trim(body)
    assert result.new_text == "Reçu, merci."
    assert "le compte rendu est en pièce jointe." in result.quoted_text


def test_header_block_starting_with_the_date_starts_the_quote() -> None:
    body = (
        "D'accord.\n\nDate : lundi 3 mars 2025 10:12\nDe : Alice Martin <alice@example.fr>\n"
        "À : Jean Dupont <jean@example.fr>\nObjet : Budget\n\nBonjour Jean,\n"
    )
    assert trim(body).new_text == "D'accord."


def test_address_and_ip_line_above_indented_text_is_not_an_attribution() -> None:
    body = (
        "Le serveur de Paul refuse nos messages :\n\n"
        "<paul.martin@example.fr>: host mx.example.fr[192.168.10.20] said:\n"
        "    550 5.1.1 mailbox unavailable\n"
    )
    assert trim(body).new_text == body.strip()


def test_line_with_a_date_and_a_colon_followed_by_a_list_is_content() -> None:
    body = (
        "Réunion le 12/03/2025 à 10:00 avec Jean Dupont :\n"
        "- salle B, 2e étage\n- apportez vos badges\n"
    )
    assert trim(body).new_text == body.strip()


def test_greeting_above_an_attribution_is_not_its_first_half() -> None:
    body = (
        "Bonjour,\nLe 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\n"
        "> Le devis est prêt ?\n\nOui, envoyé ce matin.\n"
    )
    result = trim(body)
    assert result.new_text.startswith("Bonjour,\n")
    assert "Le 3 mars 2025" in result.quoted_text


def test_outlook_block_starting_with_sent_starts_the_quote() -> None:
    body = (
        "Approved.\n\nSent: Monday, March 3, 2025 10:12 AM\nTo: Bob <bob@example.com>\n"
        "Subject: RE: Budget Q2\n\nHi Bob, can you approve?\n"
    )
    assert trim(body).new_text == "Approved."


def test_titled_rule_in_any_language_above_a_header_block_is_history() -> None:
    body = (
        "Tak, det er modtaget.\n\n-----Oprindelig meddelelse-----\nFra: Peter Hansen\n"
        "Sendt: 3. marts 2025 10:12\nTil: Anders\nEmne: Budget\n\nHej Anders\n"
    )
    result = trim(body)
    assert result.new_text == "Tak, det er modtaget."
    assert result.quoted_text.startswith("-----Oprindelig meddelelse-----")


def test_titled_rule_over_labels_of_any_language_starts_the_quote() -> None:
    body = (
        "Předávám dál.\n\n---- Původní zpráva ----\nOd: Jan Novák <jan@example.cz>\n"
        "Odesláno: 3. 3. 2025 10:12\nPředmět: Rozpočet\n\nDobrý den\n"
    )
    result = trim(body)
    assert result.new_text == "Předávám dál."
    assert result.quoted_text.startswith("---- Původní zpráva ----")


def test_notes_forwarded_by_rule_with_a_date_starts_the_history() -> None:
    body = (
        "Pour info.\n\n----- Transféré par Julien Fabre/ACME le 27/02/2025 12:03 -----\n\n"
        "Bonjour,\nvoici le planning.\n"
    )
    assert trim(body).new_text == "Pour info."


def test_titled_rule_over_prose_is_content() -> None:
    body = "Voici le plan.\n\n---- Étape 1 ----\nOn installe le serveur lundi.\n"
    assert trim(body).new_text == body.strip()


def test_block_of_date_and_recipient_starts_the_quote() -> None:
    body = "Noted.\n\nDate: Mon, 3 Mar 2025 10:12:00 +0100\nTo: bob@example.com\n\nEarlier text\n"
    assert trim(body).new_text == "Noted."


def test_reference_number_date_and_subject_are_not_a_header_block() -> None:
    body = (
        "Voici la référence :\n\nN° : 12345\nDate : 03/02/2025\n"
        "Objet : facture de février\n\nMerci.\n"
    )
    assert trim(body).new_text == body.strip()


def test_date_and_place_of_a_meeting_are_not_a_header_block() -> None:
    body = "Rappel :\n\nDate : jeudi 6 mars 2025\nLieu : salle B\nOrdre du jour : budget\n"
    assert trim(body).new_text == body.strip()


def test_outlook_block_with_importance_line_and_no_date_starts_the_quote() -> None:
    body = (
        "Ok.\n\nDe : Alice Martin <alice@example.fr>\nÀ : Jean Dupont\n"
        "Importance : Haute\nObjet : Budget T2\n\nBonjour Jean\n"
    )
    assert trim(body).new_text == "Ok."


def test_colon_in_the_text_below_a_header_block_does_not_unmake_it() -> None:
    body = (
        "Ok.\n\nDe : Alice Martin <alice@example.fr>\nÀ : Jean Dupont\nObjet : Budget\n\n"
        "Bonjour,\nVoici : le budget révisé.\n"
    )
    assert trim(body).new_text == "Ok."


def test_pasted_notice_with_subject_and_a_label_of_its_own_is_not_a_header_block() -> None:
    body = (
        "Voici le message que je propose d'envoyer :\n\nDe : Service informatique\n"
        "À : Tous les agents\nObjet : Coupure réseau samedi 15 mars\n"
        "Impact : messagerie indisponible de 8 h à 13 h\n\nCela vous convient-il ?\n"
    )
    assert trim(body).new_text == body.strip()


def test_pasted_incident_template_is_not_a_header_block() -> None:
    body = (
        "Voici l'annonce que je propose d'envoyer :\n\n"
        "De : Service informatique\nÀ : Tous les collaborateurs\n"
        "Impact : messagerie indisponible\nDurée : deux heures\n\n"
        "Qu'en pensez-vous ?\n"
    )
    assert trim(body).new_text == body.strip()


def test_lotus_notes_rule_with_author_starts_the_quote() -> None:
    body = (
        "Je valide.\n\n-----Jean Dupont/ACME a écrit : -----\n\n"
        "À : Marie Martin/ACME@ACME\nDate : 03/03/2025 10:12\nObjet : Budget\n\nBonjour Marie\n"
    )
    result = trim(body)
    assert result.new_text == "Je valide."
    assert result.quoted_text.startswith("-----Jean Dupont/ACME a écrit : -----")


def test_lotus_notes_bare_header_lines_start_the_quote() -> None:
    body = (
        "Bien reçu.\n\nDe :\tJean Dupont/ACME\nA :\tMarie Martin/ACME@ACME\n"
        "Date :\t03/03/2025 10:12\nObjet :\tBudget T2\n\nBonjour Marie,\n"
    )
    assert trim(body).new_text == "Bien reçu."


def test_zimbra_mail_original_rule_starts_the_quote() -> None:
    body = (
        'Parfait.\n\n----- Mail original -----\nDe: "Alice" <alice@example.fr>\n'
        'À: "Jean" <jean@example.fr>\nEnvoyé: Lundi 3 Mars 2025 10:12:00\nObjet: Budget\n\n'
        "Bonjour Jean\n"
    )
    assert trim(body).new_text == "Parfait."


def test_reply_above_this_line_marker_starts_the_history() -> None:
    body = (
        "Le problème est résolu de notre côté.\n\n"
        "##- Please type your reply above this line -##\n\n"
        "Your request (4521) has been updated.\nAgent: the printer is fixed.\n"
    )
    assert trim(body).new_text == "Le problème est résolu de notre côté."


def test_french_reply_above_marker_starts_the_history() -> None:
    body = (
        "Merci, c'est réglé.\n\n-- Répondez au-dessus de cette ligne --\n\n"
        "Votre demande n° 4521 a été mise à jour.\n"
    )
    assert trim(body).new_text == "Merci, c'est réglé."


def test_previous_replies_heading_in_prose_is_content() -> None:
    body = "As said in the previous replies, the fix ships Monday.\n"
    assert trim(body).new_text == body.strip()


def test_reply_and_attribution_on_the_same_line_keep_the_reply() -> None:
    body = (
        "Sounds good. On Wed, Mar 5, 2025 at 10:12 AM, Alice Martin <alice@example.com> wrote:\n"
        "> Shall we ship on Friday?\n"
    )
    result = trim(body)
    assert result.new_text == "Sounds good."
    assert result.quoted_text.startswith("On Wed, Mar 5, 2025")


def test_french_reply_and_wrapped_attribution_on_the_same_line_keep_the_reply() -> None:
    body = (
        "Ok pour moi ! Le mer. 5 mars 2025 à 10:12, Alice Martin <\n"
        "alice.martin@example.fr> a écrit :\n\n> On valide le budget ?\n"
    )
    assert trim(body).new_text == "Ok pour moi !"


def test_reply_without_punctuation_before_the_attribution_keeps_the_reply() -> None:
    body = "ok then On Mon, Mar 3, 2025 at 10:12 AM, bob@example.com wrote:\n> Can you check?\n"
    result = trim(body)
    assert result.new_text == "ok then"
    assert result.quoted_text.startswith("On Mon, Mar 3, 2025")


def test_reply_and_french_attribution_opening_with_le_on_the_same_line() -> None:
    body = (
        "Le devis est validé. Le 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\n"
        "> Tu valides le devis ?\n"
    )
    result = trim(body)
    assert result.new_text == "Le devis est validé."
    assert result.quoted_text.startswith("Le 3 mars 2025")


def test_attribution_line_is_not_split_at_its_own_at() -> None:
    body = "Merci.\n\nOn Mon, Mar 3, 2025 at 10:12 AM, bob@example.com wrote:\n> Hi\n"
    result = trim(body)
    assert result.quoted_text.startswith("On Mon, Mar 3, 2025 at 10:12 AM, bob@example.com wrote:")


def test_reply_and_verbless_attribution_on_the_same_line_keep_the_reply() -> None:
    body = (
        'Works for me. 3:02 PM, February 13, 2025, "Alice Martin" <alice@example.com>:\n\n'
        "> Can we meet on Friday?\n"
    )
    result = trim(body)
    assert result.new_text == "Works for me."
    assert result.quoted_text.startswith("3:02 PM, February 13, 2025")


def test_sentence_followed_by_on_in_prose_is_not_split() -> None:
    body = "The deploy is done. On Monday we start the migration:\n- users\n- groups\n"
    assert trim(body).new_text == body.strip()


# --- security banners a gateway puts at the top -----------------------------------------


def test_french_external_banner_paragraph_is_not_new_text() -> None:
    body = (
        "[EXTERNE] Ce message provient de l'extérieur de l'organisation. Ne cliquez pas\n"
        "sur les liens si vous ne connaissez pas l'expéditeur.\n\n"
        "Bonjour,\n\nVoici le devis signé.\n"
    )
    assert trim(body).new_text == "Bonjour,\n\nVoici le devis signé."


def test_caution_banner_is_not_new_text() -> None:
    body = (
        "CAUTION: This email originated from outside of the organization. Do not click links "
        "or open attachments unless you recognize the sender.\n\nHi Bob,\nSee attached.\n"
    )
    assert trim(body).new_text == "Hi Bob,\nSee attached."


@pytest.mark.parametrize(
    "banner",
    [
        "[EXTERNAL] This message is from an external sender. Be careful with links.",
        "ATTENTION : Cet e-mail provient d'un expéditeur externe. Soyez prudent.",
    ],
)
def test_one_line_gateway_warning_with_any_opening_is_not_new_text(banner: str) -> None:
    assert trim(f"{banner}\n\nBonjour,\nC'est noté.\n").new_text == "Bonjour,\nC'est noté."


def test_attention_opening_the_authors_own_first_paragraph_stays() -> None:
    body = "Attention : la réunion est décalée à 15h.\n\nMerci.\n"
    assert trim(body).new_text == body.strip()


def test_lone_external_tag_line_is_not_new_text() -> None:
    assert trim("[EXTERNAL]\n\nHi Bob,\nSee attached.\n").new_text == "Hi Bob,\nSee attached."


def test_external_tag_opening_the_authors_sentence_stays() -> None:
    body = "[EXTERNAL] partners are invited to Thursday's demo, please forward.\n"
    assert trim(body).new_text == body.strip()


def test_banner_words_below_the_first_paragraph_stay() -> None:
    body = (
        "Bonjour,\n\n[EXTERNE] Ce message provient de l'extérieur : c'est ce bandeau que "
        "nous voulons retirer.\n"
    )
    assert trim(body).new_text == body.strip()


# --- quotes: bottom-posting and inline replies ----------------------------------------


def test_bottom_posted_reply_keeps_text_below_the_quote() -> None:
    body = (
        "Le 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\n"
        "> On décale la réunion ?\n\nOui, jeudi 14h.\n"
    )
    result = trim(body)
    assert result.new_text == "Oui, jeudi 14h."
    assert "> On décale la réunion ?" in result.quoted_text


def test_inline_reply_keeps_every_new_line_and_files_the_quotes() -> None:
    body = (
        "Bonjour,\n\n> Peux-tu relire la section 2 ?\n\nC'est fait.\n\n"
        "> Et la section 3 ?\n\nDemain matin.\n"
    )
    result = trim(body)
    assert result.new_text == "Bonjour,\n\nC'est fait.\n\nDemain matin."
    assert result.quoted_text == "> Peux-tu relire la section 2 ?\n\n> Et la section 3 ?"


def test_quote_under_an_attribution_between_two_paragraphs_stays_and_the_attribution_goes() -> None:
    body = (
        "Je reprends ton point sur le planning.\n"
        "Le 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\n"
        "> La recette démarre le 10 mars.\n\n"
        "Le 10 ne tient plus, ce sera le 17.\n"
    )
    result = trim(body)
    assert result.new_text == (
        "Je reprends ton point sur le planning.\n> La recette démarre le 10 mars.\n\n"
        "Le 10 ne tient plus, ce sera le 17."
    )
    assert result.quoted_text.startswith("Le 3 mars 2025 à 10:12")


def test_bottom_post_under_a_greeting_files_the_parent_as_history() -> None:
    body = (
        "Bonjour,\nLe 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\n"
        "> Peux-tu valider le planning du lot 2 ?\n\nC'est validé, on démarre lundi.\n"
    )
    result = trim(body)
    assert result.new_text == "Bonjour,\n\nC'est validé, on démarre lundi."
    assert "> Peux-tu valider le planning du lot 2 ?" in result.quoted_text


def test_quote_followed_only_by_a_signature_is_history() -> None:
    body = "Je regarde.\n\n> Tu peux vérifier le devis ?\n\n-- \nJean Dupont\n"
    result = trim(body)
    assert result.new_text == "Je regarde."
    assert result.quoted_text == "> Tu peux vérifier le devis ?"


def test_quoted_forward_between_two_paragraphs_stays_history() -> None:
    body = (
        "Pour info.\n\n> -----Message d'origine-----\n> De : Alice <alice@example.fr>\n"
        "> Envoyé : lundi 3 mars 2025 10:12\n> Objet : Budget\n>\n> Texte\n\nÀ voir jeudi.\n"
    )
    result = trim(body)
    assert result.new_text == "Pour info.\n\nÀ voir jeudi."


def test_nested_quotes_are_all_quoted_text() -> None:
    body = "Agreed.\n\n> I think so too.\n> > Should we ship on Friday?\n> > > Is it ready?\n"
    result = trim(body)
    assert result.new_text == "Agreed."
    assert "> > > Is it ready?" in result.quoted_text


def test_quote_only_mail_keeps_the_quote_as_its_new_text() -> None:
    # A wall post is never empty when the mail has text: the quote stands in.
    result = trim("> Texte cité uniquement.\n")
    assert result.new_text == "> Texte cité uniquement."


def test_mail_whose_only_unquoted_line_is_the_attribution_keeps_the_quote() -> None:
    body = "Le 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\n> Réunion jeudi 14h.\n"
    result = trim(body)
    assert result.new_text == "> Réunion jeudi 14h."
    assert result.quoted_text.startswith("Le 3 mars 2025")


def test_quote_only_mail_of_nested_attributions_has_no_new_text() -> None:
    body = (
        "> On Mon, Mar 3, 2025 at 10:12 AM, Alice <alice@example.com> wrote:\n>\n"
        ">> On Mon, Mar 3, 2025 at 9:00 AM, Bob <bob@example.com> wrote:\n>>\n"
    )
    assert trim(body).new_text == ""


def test_mail_opening_on_a_header_block_keeps_the_text_under_it() -> None:
    body = (
        "De : Jean Dupont <jean.dupont@example.fr>\nEnvoyé : lundi 3 mars 2025 10:12\n"
        "Objet : Budget\n\nBonjour Anne,\n\nLe budget est validé.\n\nCordialement,\nJean\n"
    )
    result = trim(body)
    assert result.new_text == "Bonjour Anne,\n\nLe budget est validé."


def test_bare_forward_keeps_an_empty_new_text() -> None:
    # The forwarded message becomes its own post (parsers/forwards.py), not the forwarder's.
    body = (
        "---------- Forwarded message ---------\nFrom: Alice <alice@example.com>\n"
        "Date: Mon, Mar 3, 2025 at 10:12 AM\nSubject: Budget\nTo: Bob <bob@example.com>\n\n"
        "Budget attached.\n"
    )
    assert trim(body).new_text == ""


def test_unprefixed_line_wrapped_inside_a_quote_stays_quoted() -> None:
    body = (
        "Oui pour jeudi.\n\n> Nous proposons de décaler la réunion de pilotage au jeudi\n"
        "après-midi, salle B,\n> si tout le monde est disponible.\n"
    )
    result = trim(body)
    assert result.new_text == "Oui pour jeudi."
    assert "après-midi, salle B," in result.quoted_text


def test_answer_typed_right_under_a_quoted_question_stays_new_text() -> None:
    body = (
        "> Peux-tu relire la section 2 du document de cadrage avant jeudi ?\n"
        "Oui, c'est fait.\n> Et la section 3 ?\nDemain.\n"
    )
    result = trim(body)
    assert "Oui, c'est fait." in result.new_text
    assert "Demain." in result.new_text


def test_diff_lines_with_gt_are_the_authors_content() -> None:
    body = (
        "Voici le diff :\n\n12c12\n< timeout = 30\n---\n> timeout = 120\n\n"
        "J'ai redémarré le service.\n"
    )
    assert trim(body).new_text == body.strip()


def test_threshold_table_with_lt_and_gt_is_the_authors_content() -> None:
    body = (
        "Les seuils validés :\n\n< 5 000 € : responsable de service\n"
        "> 5 000 € : directeur de site\n> 50 000 € : direction générale\n\n"
        "Ils s'appliquent au 1er mars.\n"
    )
    assert trim(body).new_text == body.strip()


def test_announced_shell_session_in_a_mail_quoting_nothing_is_content() -> None:
    body = (
        "Here's what I ran on the box:\n\n> Get-Service -Name W3SVC | Restart-Service\n"
        "> Get-EventLog -LogName System -Newest 20\n\nThe service came back.\n"
    )
    assert trim(body).new_text == body.strip()


def test_announced_quote_in_a_reply_with_an_attribution_stays_quoted() -> None:
    body = (
        "Tu disais :\n\n> On décale à jeudi ?\n\nOui.\n\n"
        "Le 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\n> On décale à jeudi ?\n"
    )
    result = trim(body)
    assert "> On décale à jeudi ?" not in result.new_text


def test_quote_markers_inside_a_code_fence_are_content() -> None:
    body = "Voici la sortie :\n\n```\n> ls\n####\n```\n\nFin.\n"
    assert trim(body).new_text == body.strip()


def test_crlf_line_endings_are_handled_like_lf() -> None:
    body = "Merci.\r\n\r\nLe 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\r\n> Texte\r\n"
    assert trim(body).new_text == "Merci."


# --- signatures ---------------------------------------------------------------------


def test_dash_dash_space_delimiter_starts_the_signature() -> None:
    result = trim("Le livrable est en ligne.\n\n-- \nJean Dupont\nACME — DSI\n")
    assert result.new_text == "Le livrable est en ligne."
    assert result.signature == "-- \nJean Dupont\nACME — DSI"


@pytest.mark.parametrize(
    "closing",
    ["Cordialement,", "Bien cordialement,", "Bien à vous,", "Best regards,", "Regards,"],
)
def test_closing_with_name_block_is_signature(closing: str) -> None:
    block = "Jean Dupont\nChef de projet SI\nTél. : 01 23 45 67 89\n"
    body = f"Le devis est validé.\n\n{closing}\n{block}"
    result = trim(body)
    assert result.new_text == "Le devis est validé."
    assert result.signature.startswith(closing)


def test_bonne_journee_followed_by_a_name_is_signature() -> None:
    result = trim("C'est noté pour jeudi.\n\nBonne journée,\nJean\n")
    assert result.new_text == "C'est noté pour jeudi."
    assert result.signature == "Bonne journée,\nJean"


def test_merci_followed_by_a_name_at_the_end_is_signature() -> None:
    result = trim("Je regarde ça demain.\n\nMerci,\nJean\n")
    assert (result.new_text, result.signature) == ("Je regarde ça demain.", "Merci,\nJean")


def test_polite_closing_right_above_a_dash_dash_signature_is_signature() -> None:
    result = trim("Pas dans la version actuelle.\n\nBonne fin de journée,\n\n-- \nIsabelle Roux\n")
    assert result.new_text == "Pas dans la version actuelle."
    assert result.signature.startswith("Bonne fin de journée,")


def test_polite_closing_over_name_with_title_and_contact_block_is_signature() -> None:
    body = (
        "C'est faisable à partir du 10 mars.\n\nBelle journée,\nNicolas Perrin | Juriste\n"
        "Cabinet Lefort Avocats – 75116 Paris\nT +33 1 45 00 12 34\nwww.lefort.example\n"
        "12 avenue Kléber\n"
    )
    result = trim(body)
    assert result.new_text == "C'est faisable à partir du 10 mars."
    assert result.signature.startswith("Belle journée,")


def test_cdlt_with_a_name_is_signature() -> None:
    result = trim("Bien reçu, je transmets.\n\nCdlt,\nJulien Fabre\n")
    assert (result.new_text, result.signature) == (
        "Bien reçu, je transmets.",
        "Cdlt,\nJulien Fabre",
    )


def test_merci_alone_is_the_message_itself() -> None:
    assert trim("Merci !\n").new_text == "Merci !"


def test_merci_followed_by_a_sentence_is_content() -> None:
    body = "Merci,\nje reviens vers toi demain avec les chiffres.\n"
    assert trim(body).new_text == body.strip()


def test_thanks_with_short_name_block_is_signature() -> None:
    result = trim("Please find the minutes attached.\n\nThanks,\nBob Smith\nACME Corp\n")
    assert result.new_text == "Please find the minutes attached."
    assert result.signature == "Thanks,\nBob Smith\nACME Corp"


def test_regards_in_the_middle_of_a_sentence_is_content() -> None:
    body = "Regards to your team, the demo was great.\nWe will send the contract tomorrow.\n"
    assert trim(body).new_text == body.strip()


def test_closing_followed_by_long_paragraphs_is_content() -> None:
    body = (
        "Cordialement\n\n"
        + "Ce mot ouvre en fait un long paragraphe de contenu qui n'a rien d'une signature "
        "et qui continue encore longtemps pour expliquer le contexte du projet.\n" * 3
    )
    assert trim(body).signature == ""


@pytest.mark.parametrize(
    "closing",
    ["Belle journée,", "Bonne fin de journée,", "Excellente journée", "Merci à vous,"],
)
def test_french_polite_closing_with_a_name_is_signature(closing: str) -> None:
    result = trim(f"Le planning est à jour.\n\n{closing}\nMarie Curie\n")
    assert result.new_text == "Le planning est à jour."
    assert result.signature.startswith(closing)


def test_merci_et_bonne_journee_with_a_name_is_signature() -> None:
    result = trim("Je transmets à l'équipe.\n\nMerci et bonne journée,\nJean\n")
    assert result.signature == "Merci et bonne journée,\nJean"


def test_bonne_journee_alone_is_the_message_itself() -> None:
    assert trim("Bonne journée à tous !\n").new_text == "Bonne journée à tous !"


def test_je_serai_absent_demain_stays_new_text() -> None:
    body = "Je serai absent demain, Paul prend le relais sur le dossier.\n\nCordialement,\nJean\n"
    result = trim(body)
    assert result.new_text == "Je serai absent demain, Paul prend le relais sur le dossier."


@pytest.mark.parametrize(
    "device_line",
    [
        "Envoyé de mon iPhone",
        "Sent from my iPhone",
        "Sent from Outlook for Android",
        "Envoyé depuis Outlook pour Android",
        "Get Outlook for iOS",
        "Von meinem iPhone gesendet",
    ],
)
def test_mobile_client_line_is_signature(device_line: str) -> None:
    result = trim(f"Je serai là à 14h.\n\n{device_line}\n")
    assert result.new_text == "Je serai là à 14h."
    assert result.signature == device_line


def test_sent_from_my_followed_by_prose_is_content() -> None:
    body = "Here it is.\n\nSent from my desk, is much easier then my mobile phone.\n"
    assert trim(body).new_text == body.strip()


def test_iphone_signature_above_a_quoted_history_is_signature() -> None:
    body = (
        "Je serai là.\n\nEnvoyé de mon iPhone\n\n"
        "> Le 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :\n> On décale ?\n"
    )
    result = trim(body)
    assert (result.new_text, result.signature) == ("Je serai là.", "Envoyé de mon iPhone")


def test_french_disclaimer_and_print_notice_are_signature() -> None:
    body = (
        "Voici le fichier.\n\nBien à vous,\nMarie Curie\n\n"
        "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention "
        "exclusive de ses destinataires. Toute utilisation non conforme est interdite.\n"
        "P Pensez à l'environnement avant d'imprimer ce message.\n"
    )
    result = trim(body)
    assert result.new_text == "Voici le fichier."
    assert result.signature.startswith("Bien à vous,")
    assert result.signature.endswith("avant d'imprimer ce message.")


def test_english_disclaimer_is_signature() -> None:
    body = (
        "Report attached.\n\nThis e-mail and any attachments are confidential and intended "
        "solely for the addressee.\n"
    )
    result = trim(body)
    assert result.new_text == "Report attached."
    assert result.signature.startswith("This e-mail and any attachments")


def test_mailing_list_footer_under_a_rule_is_signature() -> None:
    body = (
        "Any idea?\n\n_______________________________________________\n"
        "projet mailing list\nprojet@lists.example.fr\nhttps://lists.example.fr/listinfo/projet\n"
    )
    result = trim(body)
    assert result.new_text == "Any idea?"
    assert "mailing list" in result.signature


@pytest.mark.parametrize("line", ["/Jean", "//Jef", "-Jean Dupont"])
def test_one_line_slash_or_dash_name_at_the_very_end_is_signature(line: str) -> None:
    result = trim(f"Je regarde ça demain.\n\n{line}\n")
    assert (result.new_text, result.signature) == ("Je regarde ça demain.", line)


def test_name_and_phone_block_without_closing_is_signature() -> None:
    result = trim("Merci de valider.\n\nJean Dupont\nChef de projet SI\nTél. : 01 23 45 67 89\n")
    assert result.new_text == "Merci de valider."
    assert result.signature == "Jean Dupont\nChef de projet SI\nTél. : 01 23 45 67 89"


def test_english_name_title_phone_and_address_block_is_signature() -> None:
    body = "Please review.\n\nBob Smith\nHead of IT\n+1 415-555-0100\nbob.smith@acme.example\n"
    assert trim(body).new_text == "Please review."


def test_name_title_company_address_and_web_block_is_signature() -> None:
    body = (
        "Votre facture est disponible.\n\nStefan Bauer\nEinkaufsleiter\nAlpenwerk GmbH\n"
        "Bahnhofstraße 17\n80335 München\nwww.alpenwerk.example\n"
    )
    result = trim(body)
    assert result.new_text == "Votre facture est disponible."
    assert result.signature.startswith("Stefan Bauer")


def test_room_and_meeting_link_below_the_text_are_content() -> None:
    body = "Réunion demain à 10 h.\n\nSalle B\nhttps://visio.example/r/4521\n"
    assert trim(body).new_text == body.strip()


def test_contact_details_announced_by_the_text_are_content() -> None:
    body = "Voici les coordonnées du prestataire :\n\nPaul Martin\n06 12 34 56 78\n"
    assert trim(body).new_text == body.strip()


def test_short_name_like_lines_without_phone_or_address_are_content() -> None:
    body = "Le serveur redémarre à 22h.\n\nSalle B\nBâtiment A\n"
    assert trim(body).new_text == body.strip()


def test_dash_in_the_middle_of_a_line_is_not_a_signature_delimiter() -> None:
    body = "Here is a fix -- this is not a signature.\n\nkthxbai\n"
    assert trim(body) == Trimmed(new_text=body.strip(), quoted_text="", signature="")


def test_empty_input_gives_empty_parts() -> None:
    assert trim("") == Trimmed("", "", "")
    assert trim("  \n\n \n") == Trimmed("", "", "")


# --- hostile input: bounded work, counted not timed -------------------------------------


# Regex calls one line may cost: classification, a bounded attribution window,
# and the signature markers. A constant, so total work is linear.
PER_LINE_REGEX_BUDGET = 80


class _RegexMeter:
    """Counts regex calls made through ``parsers.trim._search`` and the characters they see."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self.chars = 0
        self.longest = 0
        original = trim_module._search

        def counting(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
            self.calls += 1
            seen = min(len(text), LINE_CAP)
            self.chars += seen
            self.longest = max(self.longest, seen)
            return original(pattern, text)

        monkeypatch.setattr(trim_module, "_search", counting)


def test_a_one_megabyte_line_is_only_read_in_capped_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    meter = _RegexMeter(monkeypatch)
    body = "On " + "a, " * 350_000 + "wrote:\n> x\n"
    result = trim(body)
    assert meter.longest <= LINE_CAP
    assert meter.calls <= 200
    assert len(result.new_text) + len(result.quoted_text) + len(result.signature) <= len(body)


def test_work_grows_linearly_with_the_number_of_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    meter = _RegexMeter(monkeypatch)
    line = "Le 3 mars 2025 à 10:12, Alice\n"  # an attribution start that never completes
    trim(line * 2_000)
    small = meter.calls
    meter.calls = 0
    trim(line * 20_000)
    # Linear: ten times the lines, at most ten times the regex calls (plus slack),
    # and a fixed per-line budget whatever the line looks like.
    assert meter.calls <= 11 * small
    assert meter.calls <= 20_000 * PER_LINE_REGEX_BUDGET


def test_backtracking_bait_lines_stay_within_the_per_line_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meter = _RegexMeter(monkeypatch)
    lines = [
        "> " * 400_000,
        "-" * 500_000 + "x",
        "Sent from " + "my " * 300_000,
        "De : " + "a:" * 300_000,
        "Cordialement " + "Jean " * 200_000 + "!",
        "2016-03-03 " + "<" * 300_000,
    ]
    body = "\n".join(lines)
    result = trim(body)
    assert meter.longest <= LINE_CAP
    assert meter.calls <= PER_LINE_REGEX_BUDGET * len(lines)
    assert len(result.new_text) + len(result.quoted_text) + len(result.signature) <= len(body)


def test_lines_full_of_attribution_leads_stay_within_the_per_line_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every line could hide a same-line attribution at many places, ends with a
    # colon, and opens a structural attribution window: still a fixed cost per line.
    meter = _RegexMeter(monkeypatch)
    line = "ok " + "on 3 le 4 am 5 @ " * 40 + "wrote:"
    lines = [line, "11:00, 17/11/2021, Alice Martin <a@b.example>:"] * 2_000
    trim("\n".join(lines))
    assert meter.longest <= LINE_CAP
    assert meter.calls <= PER_LINE_REGEX_BUDGET * len(lines)


def test_many_closing_and_name_lines_cost_a_bounded_scan_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every line may start a signature; each start looks a bounded way down, so the
    # lines normalised stay proportional to the input (not to its square).
    calls = 0
    original = trim_module._norm

    def counting(line: str) -> str:
        nonlocal calls
        calls += 1
        return original(line)

    monkeypatch.setattr(trim_module, "_norm", counting)
    lines = ["Texte.", ""] + ["Cordialement,", "Jean Dupont", ""] * 5_000
    trim("\n".join(lines))
    assert calls <= 200 * len(lines)


def test_hundred_thousand_quoted_lines_are_quoted_text() -> None:
    body = "Réponse.\n\n" + "> ligne citée\n" * 100_000
    result = trim(body)
    assert result.new_text == "Réponse."
    assert result.quoted_text.count("\n") == 99_999


# --- property: never raises, never invents text ----------------------------------------

_LINES = st.sampled_from(
    [
        "",
        "> quoted",
        "> > deeper",
        "-- ",
        "--",
        "____________",
        "Cordialement,",
        "Jean Dupont",
        "Merci,",
        "Envoyé de mon iPhone",
        "Le 3 mars 2025 à 10:12, Alice <alice@example.fr> a écrit :",
        "On Mon, Mar 3, 2025 at 10:12 AM, Bob",
        "wrote:",
        f"De{NBSP}: Alice",
        "Envoyé : lundi 3 mars 2025",
        "Objet : Budget",
        "-----Original Message-----",
        "```",
        "Bonjour à tous,",
        "Ok. On Mon, Mar 3, 2025 at 10:12 AM, Bob <bob@example.com> wrote:",
        "[EXTERNE] Ce message provient de l'extérieur de l'organisation.",
        '11:00, 17/11/2021, "Alice" <alice@example.com>:',
        "-----Jean Dupont/ACME a écrit : -----",
        "Jean Dupont",
        "Tél. : 01 23 45 67 89",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=30))
def test_trim_never_raises_and_never_invents_text(lines: list[str]) -> None:
    body = "\n".join(lines)
    result = trim(body)
    source = [line.strip() for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    for part in (result.new_text, result.quoted_text, result.signature):
        for line in part.split("\n"):
            # A reply typed on the attribution's line comes out as a part of that line.
            if line.strip():
                assert any(line.strip() in src for src in source)


# --- the last line that only says who signs ---------------------------------------------


def test_the_authors_first_name_alone_under_the_text_is_signature() -> None:
    result = trim(
        "Oui, vous pouvez lancer la commande. Je signe le bon demain matin.\n\n"
        "Nathalie\n\nObtenir Outlook pour iOS",
        author="Nathalie Girard",
    )
    assert result.new_text == "Oui, vous pouvez lancer la commande. Je signe le bon demain matin."
    assert result.signature.startswith("Nathalie\n")


def test_a_first_name_that_is_not_the_authors_stays_text() -> None:
    result = trim("Ok pour moi, on valide avec le client.\n\nMarc", author="Jean Petit")
    assert result.new_text.endswith("\n\nMarc")


def test_a_team_signing_under_the_text_is_signature() -> None:
    result = trim(
        "À partir du 10 mars, les demandes d'accès VPN passent par le portail.\n\n"
        "Les demandes par mail ne seront plus traitées.\n\nLa DSI"
    )
    assert result.new_text.endswith("ne seront plus traitées.")
    assert result.signature == "La DSI"


def test_an_english_team_signing_under_the_text_is_signature() -> None:
    result = trim("Please find the updated audit plan attached.\n\nQuality Office")
    assert result.signature == "Quality Office"


def test_a_last_sentence_about_a_service_without_a_full_stop_stays_text() -> None:
    result = trim("Le serveur a redémarré cette nuit.\n\nLe service est rétabli")
    assert result.new_text.endswith("Le service est rétabli")
    assert result.signature == ""


def test_a_team_line_glued_to_the_text_without_a_blank_line_stays_text() -> None:
    result = trim("Voici la note.\nLa direction générale")
    assert result.new_text == "Voici la note.\nLa direction générale"


def test_a_banner_saying_the_mail_comes_from_an_external_source_is_dropped() -> None:
    result = trim(
        "ATTENTION : Ce courriel provient d'une source externe à l'organisation. "
        "Ne cliquez pas sur les liens.\n\n"
        "Bonjour,\n\nLe bon de livraison est signé.\n\nCordialement,\nPaul"
    )
    assert result.new_text == "Bonjour,\n\nLe bon de livraison est signé."


def test_a_clause_the_author_recopies_with_gt_above_the_history_stays_text() -> None:
    body = (
        "Bonjour Maître,\n\nLe fournisseur invoque l'article 9, que je vous recopie :\n\n"
        "> Article 9 - Force majeure\n> Aucune des parties ne pourra être tenue responsable.\n\n"
        "À mon sens une grève interne ne relève pas de ce cas.\n\n"
        "De : Claire Ménard <c.menard@avocats.example>\nEnvoyé : mardi 6 mai 2025 10:15\n"
        "À : Stéphane Girard <s.girard@vertalys.example>\nObjet : Litige Delta\n\n"
        "Sur quelle clause le fournisseur fonde-t-il son refus ?\n"
    )
    new_text = trim(body).new_text
    assert "> Article 9 - Force majeure" in new_text
    assert new_text.endswith("ne relève pas de ce cas.")


def test_shell_prompts_between_their_outputs_after_an_announcement_stay_text() -> None:
    body = (
        "J'ai regardé les logs :\n\n> systemctl status relay\n   Active: failed\n"
        "> journalctl -u relay -n 1\nrelay: cannot bind 0.0.0.0:2525\n\n"
        "Un autre process tient le port.\n\n"
        "Le mar. 11 mars 2025 à 18:05, Florence <f@kerlann.example> a écrit :\n"
        "> Le relais ne répond plus.\n"
    )
    new_text = trim(body).new_text
    assert "> systemctl status relay" in new_text
    assert "> journalctl -u relay -n 1" in new_text
    assert "Le relais ne répond plus" not in new_text


def test_inline_answers_under_an_attribution_file_every_question_as_history() -> None:
    body = (
        "Hi Tom,\n\nAnswers inline.\n\n"
        "On Tue, Mar 4, 2025 at 9:02 AM Tom Becker <tom@ridgeway.example> wrote:\n"
        "> - Can we move the go-live to April 14?\n\n"
        "Yes, if the dry run passes on the 7th.\n\n"
        "> - Who is the contact for SSO on your side?\n\n"
        "Julien Roche, our identity admin.\n"
    )
    new_text = trim(body).new_text
    assert "go-live" not in new_text
    assert "SSO" not in new_text
    assert new_text.endswith("Julien Roche, our identity admin.")


def test_a_notes_header_written_as_bare_lines_starts_the_history() -> None:
    body = (
        "Je valide l'achat des 12 licences.\n\nCordialement\n\nFrançoise Millet\n\n\n"
        "Patrick Henry/DSI/Groupe Cassin\n24/02/2025 16:45\n\n"
        "Pour\nFrançoise Millet/DAF/Groupe Cassin@Cassin\ncc\n\n"
        "Objet\nDemande de validation - licences CAO\n\n\n"
        "Bonjour Françoise,\n\nPeux-tu valider l'achat ?\n"
    )
    result = trim(body)
    assert result.new_text == "Je valide l'achat des 12 licences."
    assert "Peux-tu valider" in result.quoted_text


def test_a_route_with_slashes_and_a_date_is_not_a_notes_header() -> None:
    body = (
        "Le trajet retenu :\n\nParis/Lyon/Marseille\n12/03/2025 08:15\n\n"
        "Départ gare de Lyon, voiture 12.\n"
    )
    assert trim(body).new_text == body.strip()


def test_a_localised_reply_above_marker_with_words_around_it_starts_the_history() -> None:
    body = (
        "Danke, das passt.\n\n## Bitte gib deine Antwort oberhalb dieser Zeile ein. ##\n\n"
        "Vorherige Diskussion\n"
    )
    assert trim(body).new_text == "Danke, das passt."


def test_a_french_helpdesk_reply_above_marker_starts_the_history() -> None:
    body = (
        "Merci, c'est réglé de mon côté.\n\n"
        "##- Veuillez répondre au-dessus de cette ligne -##\n\n"
        "Votre demande (4521) a été mise à jour.\n"
    )
    assert trim(body).new_text == "Merci, c'est réglé de mon côté."


def test_a_sentence_mentioning_the_line_above_stays_text() -> None:
    body = "Je n'ai pas compris la remarque écrite au-dessus de cette ligne dans le compte-rendu.\n"
    assert trim(body).new_text == body.strip()
