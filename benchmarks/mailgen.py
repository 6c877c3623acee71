"""Deterministic generator of realistic enterprise mail, for benchmarks and tests.

Every message is built with the stdlib ``email`` package (so it is valid MIME) and
returned as raw RFC 5322 ``bytes``. The same ``seed`` gives byte-identical output on
any machine: nothing reads the clock, the host name or ``hash()``.

What the corpus looks like (rough shares of ``generate``): new posts ~36 %, replies
~34 % (Outlook FR/EN "De : … Envoyé : … À : … Objet :", old Outlook
"-----Message d'origine-----", Gmail "Le lun. 3 mars 2025 à 10:12, … a écrit :",
Apple, iPhone "Envoyé de mon iPhone", Thunderbird, English "On … wrote:"), inline
forwards ~11 % (Gmail, Outlook "TR :", Apple "Début du message réexpédié :",
Thunderbird, English forms; a third nested 2–3 deep, some forwarding a whole
thread), forwards as ``message/rfc822`` attachments ~3 %, auto-replies ~4 %, list
mail and newsletters ~10 %, bounces ~1 %. Body language ~70 % French / 30 % English;
plain / ``multipart/alternative`` / HTML-only about 30 / 55 / 15 %; charsets utf-8,
iso-8859-1 and windows-1252 with quoted-printable, base64 and 8bit bodies (and some
RFC 2047 headers in the legacy charset); ~20 % carry attachments (PDF, DOCX, XLSX,
PPTX, PNG, JPEG with real magic bytes; French file names in RFC 2231 or, like
Outlook, RFC 2047); some Outlook messages have an inline ``cid:`` logo; ~0.5 % have
no Message-ID. Threads keep Message-ID / In-Reply-To / References consistent and
dates advance over about ten weeks of working hours (Europe/Paris).

API
---
``generate(count, seed=1, *, size="normal", linesep="\\r\\n") -> Iterator[bytes]``
    The corpus. ``size="large"`` pads every message to about 100 KB (a report
    attachment) for ingest benchmarks. ``linesep`` defaults to CRLF, the wire form
    SMTP and IMAP hand over.
``generate_samples(count, seed=1, *, size="normal", linesep="\\r\\n") -> Iterator[Sample]``
    The same messages with what went into them (kind, language, format, charset,
    quoting style, expected new text, signature, attachment names, forwarded
    authors…), for accuracy tests. ``generate`` yields ``sample.raw`` of these.
``generate_thread(seed, length=4, *, lang="fr", styles=None, body_format=None) -> list[Sample]``
    One thread: a post then ``length - 1`` replies, each quoting the previous one.
    ``styles`` picks the quoting style of each reply in turn from ``QUOTE_STYLES``
    (e.g. ``["outlook_fr", "gmail_fr"]``).
``generate_forward(seed, *, style="gmail_fr", depth=1, attached=False, lang="fr",
thread_length=1) -> Sample``
    A forward to a community address, ``depth`` levels deep (each level in
    ``style``, or in the listed styles when ``style`` is a sequence), of a thread of
    ``thread_length`` messages; ``attached=True`` sends the original as a
    ``message/rfc822`` attachment instead.
``write_mbox(path, raws)`` / ``write_maildir(path, raws)``
    Store messages (LF line ends, the mailbox convention); return the count.

Command line::

    python benchmarks/mailgen.py --count 20000 --seed 1 --mbox out.mbox
    python benchmarks/mailgen.py --count 500 --maildir /tmp/md --size large
"""

from __future__ import annotations

import argparse
import html
import io
import mailbox
import random
import re
import struct
import sys
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.header import Header
from email.message import EmailMessage, MIMEPart
from email.policy import EmailPolicy
from email.utils import format_datetime
from pathlib import Path

try:
    from zoneinfo import ZoneInfo

    _PARIS: timezone | ZoneInfo = ZoneInfo("Europe/Paris")
    _LONDON: timezone | ZoneInfo = ZoneInfo("Europe/London")
    _NEW_YORK: timezone | ZoneInfo = ZoneInfo("America/New_York")
except Exception:  # pragma: no cover - tzdata missing; offsets still plausible
    _PARIS = timezone(timedelta(hours=1))
    _LONDON = UTC
    _NEW_YORK = timezone(timedelta(hours=-5))

__all__ = [
    "CLIENTS",
    "FORWARD_STYLES",
    "QUOTE_STYLES",
    "Sample",
    "generate",
    "generate_forward",
    "generate_samples",
    "generate_thread",
    "write_maildir",
    "write_mbox",
]

CLIENTS = ("outlook", "outlook_old", "gmail", "apple", "iphone", "thunderbird")
QUOTE_STYLES = tuple(f"{c}_{loc}" for c in CLIENTS for loc in ("fr", "en"))
FORWARD_STYLES = QUOTE_STYLES
KINDS = ("post", "reply", "forward", "forward_attached", "auto_reply", "list", "bounce")


@dataclass(frozen=True, slots=True)
class Sample:
    """One generated message and what went into it.

    ``new_text`` is what the author typed for this message: greeting and
    paragraphs, without sign-off ("Cordialement,"), signature block, disclaimer,
    mobile footer or quoted/forwarded history. ``signature`` is the rest of the
    author's own block (sign-off included). Both are as the recipient decodes them:
    in iso-8859-1 mail "€" became "EUR" and "œ" "oe", as clients degrade them.
    ``forwarded_authors`` lists the addresses of the original messages carried by a
    forward, oldest first.
    """

    raw: bytes
    kind: str
    lang: str
    body_format: str  # plain | alternative | html
    charset: str
    transfer_encoding: str
    style: str | None  # client_locale that shaped the quote/forward, e.g. "outlook_fr"
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    thread_root: str | None
    author: str
    author_name: str
    date: datetime
    subject: str
    new_text: str
    signature: str
    attachments: tuple[str, ...] = ()
    inline_images: int = 0
    forward_depth: int = 0
    forwarded_authors: tuple[str, ...] = ()
    list_id: str | None = None
    auto_submitted: bool = False


# ---------------------------------------------------------------------------
# People, places, vocabulary
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Org:
    domain: str
    name: str
    address: str
    corporate: bool  # corporate mail adds disclaimers


_ORGS = {
    "lumiere": _Org("lumiere-sa.fr", "Lumière SA", "12 rue de la Paix, 75002 Paris", True),
    "azur": _Org("groupe-azur.fr", "Groupe Azur", "45 quai Perrache, 69002 Lyon", True),
    "vauban": _Org(
        "vauban-conseil.fr", "Vauban Conseil", "8 allée des Tilleuls, 44000 Nantes", True
    ),
    "northbridge": _Org(
        "northbridge-consulting.com", "Northbridge Consulting", "200 Fleet Street, London", True
    ),
    "gmail": _Org("gmail.com", "", "", False),
    "orange": _Org("orange.fr", "", "", False),
}

_FR_NAMES = (
    "Élodie Martin", "François Lefèvre", "Hélène Girard", "Jérôme Dubois", "Stéphane Rousseau",
    "Céline Moreau", "Frédéric Lemaître", "Anaïs Bérard", "Benoît Chevalier", "Gaëlle Perrin",
    "Loïc Fournier", "Maëlle Garnier", "Noël Faure", "Thérèse Mercier", "Raphaël Bonnet",
    "Agnès Lambert", "Clément Roux", "Zoé Lefèbvre", "Sébastien Gauthier", "Léa Fontaine",
    "Inès Chauvin", "Bruno Leclerc", "Aurélie Picard", "Jean-Michel Renaud",
    "Marie-Hélène Blanchard", "Camille Dufresne", "Océane Brunet", "Grégoire Vasseur",
)
_EN_NAMES = (
    "Sarah Mitchell", "James O'Connor", "Priya Natarajan", "David Kim", "Emily Carter",
    "Laura Schmidt", "Tom Hughes", "Rachel Adams", "Chen Wei", "Olivia Bennett",
)
_TITLES_FR = (
    "Chef de projet SI", "Responsable des achats", "Assistante de direction",
    "Contrôleur de gestion", "Directrice des ressources humaines", "Architecte logiciel",
    "Responsable communication interne", "Chargée de mission RSE", "Ingénieur d'études",
    "Directeur administratif et financier", "Responsable qualité", "Juriste",
)
_TITLES_EN = (
    "Project Manager", "Senior Consultant", "Account Director", "Business Analyst",
    "Head of Procurement", "Solution Architect",
)

_COMMUNITIES = (
    ("Projet Atlas", "projet-atlas"), ("Équipe DSI", "equipe-dsi"),
    ("Entraide informatique", "entraide-informatique"),
    ("Veille réglementaire", "veille-reglementaire"),
    ("Comité de direction", "comite-direction"), ("Projet Horizon", "projet-horizon"),
    ("Achats & fournisseurs", "achats"), ("RH – vie de l'entreprise", "rh"),
)
_WALL_DOMAIN = "mur.lumiere-sa.fr"

_V_FR = {
    "projet": ("Atlas", "Horizon", "Mistral", "Phénix", "Odyssée", "Cap 2026", "Refonte intranet"),
    "livrable": (
        "le cahier des charges", "la note de cadrage", "le compte-rendu", "le planning détaillé",
        "la matrice RACI", "le dossier d'architecture", "le plan de recette",
        "le budget prévisionnel", "la spécification fonctionnelle", "le livrable du lot 2",
    ),
    "jour": ("lundi", "mardi", "mercredi", "jeudi", "vendredi"),
    "date": (
        "le 14 mars", "jeudi prochain", "fin avril", "la semaine du 7 avril", "demain matin",
        "vendredi 16h", "le 2 juin", "avant la fin du mois",
    ),
    "heure": ("9h30", "10h", "11h15", "14h", "15h30", "17h"),
    "lieu": (
        "salle Bastille (3e étage)", "salle Confluence", "en visio Teams", "à Lyon",
        "sur le site de Nantes", "dans l'open space côté jardin",
    ),
    "fournisseur": ("Ateliers Moreau", "Infogérance Plus", "Dataveo", "Imprimerie Vasseur"),
    "montant": ("12 450 € HT", "3 200 € TTC", "48 000 € HT", "870 € HT", "1 150 €"),
    "lot": ("lot 1", "lot 2", "lot 3", "WP3", "volet formation"),
    "version": ("v2", "v3", "1.4", "finale", "du 12/03"),
    "num": ("FA-2025-0142", "2025-031", "DV-8812", "4471"),
}
_S_FR = (
    "Suite au comité de pilotage de {jour}, je vous transmets {livrable} mis à jour.",
    "Pouvez-vous relire {livrable} avant {date} ? J'aimerais l'envoyer au client dans la foulée.",
    "Le devis de {fournisseur} s'élève à {montant}, ce qui dépasse légèrement l'enveloppe prévue.",
    "La réunion de lancement du projet {projet} est fixée {date} à {heure}, {lieu}.",
    "Je vous propose de décaler le point hebdo à {heure} car plusieurs personnes sont "
    "en formation.",
    "Vous trouverez ci-joint le compte-rendu de la réunion ainsi que le planning révisé.",
    "Merci pour vos retours, j'ai intégré la plupart des remarques dans la version {version}.",
    "Il reste deux points ouverts : la validation du budget et le choix de l'hébergeur.",
    "Le {lot} a pris une semaine de retard à cause de l'indisponibilité de l'environnement "
    "de recette.",
    "Qui peut se charger de la mise à jour du planning d'ici {date} ?",
    "Pour rappel, les congés d'été doivent être posés dans l'outil avant {date}.",
    "Je n'ai pas encore reçu le bon de commande signé, pouvez-vous relancer les achats ?",
    "Les résultats de l'enquête interne sont plutôt encourageants : 72 % de satisfaction.",
    "Est-ce que quelqu'un a accès au tableau de bord ? Le lien semble cassé depuis ce matin.",
    "J'ai mis à jour la fiche projet sur l'intranet, n'hésitez pas à la compléter.",
    "Le client souhaite avancer la livraison du {lot} {date} ; est-ce réaliste de votre côté ?",
    "Je serai en déplacement {date}, {collegue} assurera l'intérim.",
    "Nous devons arbitrer entre les deux devis avant la fin du trimestre.",
    "La prochaine réunion du comité de pilotage aura lieu {date} ; l'ordre du jour suit.",
    "D'après {collegue}, la migration des boîtes mail est prévue le week-end prochain.",
    "Petite précision : les chiffres du tableau concernent uniquement le périmètre France.",
    "Merci de confirmer votre présence au séminaire d'équipe avant {date}.",
    "Je relance concernant la facture n°{num} qui n'a toujours pas été réglée.",
    "Ça me va, je valide le planning tel quel.",
    "Bonne nouvelle : le budget a été validé par la direction financière.",
    "Pourriez-vous m'envoyer la dernière version du support de présentation ?",
    "J'ajoute {collegue} en copie, qui suit ce sujet côté achats.",
    "Côté recette, les anomalies bloquantes sont corrigées ; il reste trois évolutions mineures.",
    "L'œuvre collective avance : chacun a déposé sa contribution dans l'espace partagé.",
    "Je propose qu'on fasse un point rapide {date} pour trancher, {lieu}.",
)
_V_EN = {
    "project": ("Atlas", "Horizon", "Mistral", "Phoenix", "the intranet redesign"),
    "deliverable": (
        "the requirements document", "the project charter", "the meeting minutes",
        "the detailed schedule", "the test plan", "the budget forecast", "the Q2 roadmap",
    ),
    "date": ("next Thursday", "end of April", "by Friday", "on March 14", "tomorrow morning"),
    "time": ("9:30", "10am", "2pm", "3:30pm"),
    "place": ("in the Bastille room", "on Teams", "in Lyon", "at the Nantes site"),
    "vendor": ("Moreau Workshops", "Dataveo", "Infogérance Plus"),
    "amount": ("€12,450", "$3,200", "£870", "€48,000"),
    "version": ("v2", "v3", "1.4", "final"),
}
_S_EN = (
    "Following the steering committee on Monday, please find {deliverable} attached.",
    "Could you review {deliverable} {date}? I'd like to send it to the client right after.",
    "The quote from {vendor} comes to {amount}, slightly above the agreed budget.",
    "The kick-off meeting for {project} is scheduled {date} at {time}, {place}.",
    "Thanks for your feedback, I've folded most of the comments into version {version}.",
    "Two items remain open: budget sign-off and the choice of hosting provider.",
    "Work package 3 is a week late because the test environment was down.",
    "Who can take care of updating the schedule {date}?",
    "I haven't received the signed purchase order yet, could you chase procurement?",
    "Has anyone got access to the dashboard? The link seems broken since this morning.",
    "The client would like to bring the delivery forward to {date}; is that realistic for you?",
    "I'll be travelling {date}; {colleague} will cover for me.",
    "We need to decide between the two quotes before the end of the quarter.",
    "Quick note: the figures in the spreadsheet only cover the French scope.",
    "Good news: finance has approved the budget.",
    "Could you send me the latest version of the slide deck?",
    "Adding {colleague} in cc, who is following this topic on the procurement side.",
    "I've updated the project page on the intranet, feel free to add to it.",
    "Let's have a quick call {date} to settle this, {place}.",
    "Works for me, I'm happy to sign off on the plan as it stands.",
)
_SUBJ_FR = (
    "Compte-rendu du comité de pilotage du {jour_num} {mois}",
    "Planning {projet} – version {version}",
    "Devis {fournisseur} pour le {lot}", "Livrable {lot} : relecture avant envoi",
    "Réunion de lancement {projet}", "Point hebdo équipe {projet}",
    "Question sur la facture n°{num}", "Mise à jour de l'intranet",
    "Recrutement stagiaire – fiches de poste", "Déménagement du 3e étage",
    "Séminaire d'équipe à Lyon", "Accès au tableau de bord", "Budget {projet} : arbitrage",
    "Ordre du jour du prochain COPIL", "Retours sur la note de cadrage",
    "Migration des boîtes mail – informations pratiques", "Congés d'été : rappel",
)
_SUBJ_EN = (
    "Steering committee minutes – {date}", "{project} schedule {version}",
    "Quote from {vendor}", "Kick-off meeting: {project}", "Weekly sync",
    "Dashboard access", "Review of the project charter", "Budget sign-off",
)
_GREET_FR = ("Bonjour {first},", "Bonjour à tous,", "Bonjour,", "Hello {first},", "Bonsoir,",
             "Chers collègues,", "Salut {first},", "Bonjour {first}, bonjour à tous,")
_GREET_EN = ("Hi {first},", "Hello all,", "Hi,", "Dear {first},", "Hi team,")
_SIGNOFF_FR = ("Cordialement,", "Bien cordialement,", "Bonne journée,", "Merci d'avance,",
               "Bien à vous,", "À bientôt,", "Merci,", "Belle journée,")
_SIGNOFF_EN = ("Best regards,", "Kind regards,", "Thanks,", "Cheers,", "Best,")
_SHORT_FR = ("+1", "Merci !", "OK pour moi.", "Bien reçu, merci.", "Parfait, merci 👍",
             "Je valide.", "D'accord avec Hélène.", "+1, bonne idée")
_SHORT_EN = ("+1", "Thanks!", "Works for me.", "Got it, thanks.", "Sounds good 👍")
_MOBILE = {
    "iphone_fr": "Envoyé de mon iPhone", "iphone_en": "Sent from my iPhone",
    "outlook_fr": "Obtenir Outlook pour iOS", "outlook_en": "Get Outlook for Android",
    "gmail_fr": "Envoyé depuis mon smartphone Samsung Galaxy.",
    "gmail_en": "Sent from my Galaxy",
}
_DISCLAIMER_FR = (
    "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention "
    "exclusive de ses destinataires. Toute utilisation ou diffusion non autorisée est "
    "interdite. Si vous avez reçu ce message par erreur, merci de le détruire et d'en "
    "avertir immédiatement l'expéditeur.\n"
    "Pensez à l'environnement avant d'imprimer ce message."
)
_DISCLAIMER_EN = (
    "This email and any attachments are confidential and intended solely for the addressee. "
    "If you have received it in error, please notify the sender and delete it. Any "
    "unauthorised use or disclosure is prohibited."
)
_ATTACH_FR = (
    ("Compte-rendu réunion.pdf", "pdf"), ("Compte-rendu COPIL 12-03.pdf", "pdf"),
    ("Devis n°2025-031.pdf", "pdf"), ("Planning T2 – révisé.xlsx", "xlsx"),
    ("Budget prévisionnel 2025.xlsx", "xlsx"), ("Présentation comité de pilotage.pptx", "pptx"),
    ("Note de cadrage v3.docx", "docx"), ("Cahier des charges – lot 2.docx", "docx"),
    ("Capture d'écran 2025-03-04 à 10.12.35.png", "png"), ("Facture FA-2025-0142.pdf", "pdf"),
    ("Ordre du jour.docx", "docx"), ("Fiche de poste – stagiaire.docx", "docx"),
    ("Plan d'accès.pdf", "pdf"), ("photo équipe séminaire.jpg", "jpg"),
    ("Relevé des décisions.pdf", "pdf"), ("Synthèse enquête interne.xlsx", "xlsx"),
)
_ATTACH_EN = (
    ("Meeting minutes.pdf", "pdf"), ("Q2 roadmap.xlsx", "xlsx"), ("Proposal v2.docx", "docx"),
    ("Screenshot 2025-03-04 at 10.12.35.png", "png"), ("Invoice 2025-0142.pdf", "pdf"),
    ("Statement of work.docx", "docx"),
)
_MIME = {
    "pdf": ("application", "pdf"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ("application", "vnd.openxmlformats-officedocument.presentationml.presentation"),
    "png": ("image", "png"),
    "jpg": ("image", "jpeg"),
}

_FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_FR_DAYS_ABBR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
_FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")
_FR_MONTHS_ABBR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                   "oct.", "nov.", "déc.")
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

# Characters legacy charsets lack, replaced the way clients degrade them.
_DEGRADE = {
    "iso-8859-1": str.maketrans({"€": "EUR", "œ": "oe", "Œ": "OE", "’": "'", "–": "-",
                                 "…": "...", "“": '"', "”": '"', "👍": ":)"}),
    "windows-1252": str.maketrans({"👍": ":)"}),
    "utf-8": {},
}


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    addr: str
    locale: str  # fr | en: the language of the client UI (attribution lines)
    client: str
    title: str
    org: _Org
    phone: str
    tz: timezone | ZoneInfo

    @property
    def first(self) -> str:
        return self.name.split()[0]


@dataclass(slots=True, eq=False)
class _Posted:
    """A sent message as a later reply or forward sees it."""

    author: _Person
    to: tuple[tuple[str, str], ...]
    date: datetime
    subject: str
    plain: str  # full plain body, quotes included
    html: str  # content of <body>, quotes included
    message_id: str | None
    references: tuple[str, ...]
    authors: tuple[str, ...]  # authors of the chain it carries, oldest first
    obj: EmailMessage | None = None
    fixups: dict[str, str] = field(default_factory=dict)  # placeholders inside obj


@dataclass(slots=True, eq=False)
class _Thread:
    lang: str
    community: tuple[str, str]
    root_id: str | None
    max_len: int
    messages: list[_Posted] = field(default_factory=list)


@dataclass(slots=True)
class _Body:
    """The author's own part of a message, before quoting is appended."""

    new_text: str
    plain: str
    html: str
    signature: str


def _ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def _degrade(text: str, charset: str) -> str:
    return text if charset == "utf-8" else text.translate(_DEGRADE[charset])


def _encodes(s: str, charset: str) -> bool:
    try:
        s.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def _esc(s: str) -> str:
    return html.escape(s, quote=False)


def _fold_ascii(value: str, first: int, width: int = 76) -> str:
    """Fold at spaces so unfolding gives back the same value."""
    if len(value) <= first:
        return value
    out: list[str] = []
    line = ""
    for word in value.split(" "):
        if line and len(line) + 1 + len(word) > (width if out else first):
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "\n ".join(out)


class _FastPolicy(EmailPolicy):
    """``email.policy.default`` that stores plain ASCII header values as source text.

    The default policy parses every header on assignment and re-folds it on output,
    about three quarters of the generation time; ASCII values need neither, so they
    are folded once here. Other values still go through the full header registry.
    """

    def header_store_parse(self, name: str, value: object) -> tuple[str, object]:
        if isinstance(value, str) and value.isascii() and "\n" not in value:
            return (name, _fold_ascii(value, 76 - len(name) - 2))
        return super().header_store_parse(name, value)


# ---------------------------------------------------------------------------
# Binary payloads with the right magic bytes
# ---------------------------------------------------------------------------


def _png(rng: random.Random, w: int, h: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    rows = b"".join(b"\x00" + rng.randbytes(w * 3) for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))


def _jpeg(rng: random.Random, n: int) -> bytes:
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + rng.randbytes(n) + b"\xff\xd9")


def _pdf(rng: random.Random, n: int) -> bytes:
    head = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n")
    return (head + b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % n
            + rng.randbytes(n) + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _ooxml(rng: random.Random, kind: str, n: int) -> bytes:
    main = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml",
            "pptx": "ppt/presentation.xml"}[kind]
    files = [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
         'schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships/>'),
        (main, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><doc>" + "Réunion " * 20 + "</doc>"),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        # Stored random bytes stand in for embedded media and give the file its size.
        info = zipfile.ZipInfo("docProps/thumbnail.jpeg", date_time=(1980, 1, 1, 0, 0, 0))
        z.writestr(info, _jpeg(rng, n))
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Date formatting as mail clients write it in attribution and forward headers
# ---------------------------------------------------------------------------


def _h12(d: datetime) -> str:
    return f"{(d.hour % 12) or 12}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def _date_text(style: str, d: datetime) -> str:
    client, loc = style.rsplit("_", 1)
    if loc == "fr":
        if client == "gmail":
            return (f"{_FR_DAYS_ABBR[d.weekday()]} {d.day} {_FR_MONTHS_ABBR[d.month - 1]} "
                    f"{d.year} à {d:%H:%M}")
        if client.startswith("outlook"):
            return f"{_FR_DAYS[d.weekday()]} {d.day} {_FR_MONTHS[d.month - 1]} {d.year} {d:%H:%M}"
        if client == "thunderbird":
            return f"{d:%d/%m/%Y} à {d:%H:%M}"
        return f"{d.day} {_FR_MONTHS[d.month - 1]} {d.year} à {d:%H:%M}"
    if client == "gmail":
        return f"{d:%a}, {d:%b} {d.day}, {d.year} at {_h12(d)}"
    if client.startswith("outlook"):
        return f"{_EN_DAYS[d.weekday()]}, {_EN_MONTHS[d.month - 1]} {d.day}, {d.year} {_h12(d)}"
    if client == "thunderbird":
        return f"{d.month}/{d.day}/{d:%y} {_h12(d)}"
    return f"{d:%b} {d.day}, {d.year}, at {d:%H:%M}"


def _utc_offset(d: datetime) -> str:
    off = d.utcoffset() or timedelta()
    return f"{int(off.total_seconds() // 3600):+d}"


def _attribution(style: str, p: _Posted, nbsp: bool) -> str:
    client, loc = style.rsplit("_", 1)
    who = f"{p.author.name} <{p.author.addr}>"
    when = _date_text(style, p.date)
    colon = "\u00a0:" if nbsp else " :"
    if loc == "fr":
        if client == "thunderbird":
            return f"Le {when}, {p.author.name} a écrit{colon}"
        return f"Le {when}, {who} a écrit{colon}"
    if client == "gmail":
        return f"On {when} {who} wrote:"
    if client == "thunderbird":
        return f"On {when}, {p.author.name} wrote:"
    return f"On {when}, {who} wrote:"


def _fmt_to(to: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{n} <{a}>" if n else a for n, a in to)


def _header_block(style: str, p: _Posted) -> list[tuple[str, str]]:
    """The De/Envoyé/À/Objet (or From/Sent/To/Subject) lines clients put above a message."""
    client, loc = style.rsplit("_", 1)
    who = f"{p.author.name} <{p.author.addr}>"
    to = _fmt_to(p.to)
    when = _date_text(style, p.date)
    if client.startswith("outlook"):
        if client == "outlook_old":
            who = f"{p.author.name} [mailto:{p.author.addr}]"
        if loc == "fr":
            return [("De", who), ("Envoyé", when), ("À", to), ("Objet", p.subject)]
        return [("From", who), ("Sent", when), ("To", to), ("Subject", p.subject)]
    if client == "gmail":
        if loc == "fr":
            # Gmail in French really mixes French and English field names.
            return [("De", who), ("Date", when), ("Subject", p.subject), ("To", to)]
        return [("From", who), ("Date", when), ("Subject", p.subject), ("To", to)]
    if client in ("apple", "iphone"):
        off = _utc_offset(p.date)
        if loc == "fr":
            d = p.date
            date = f"{d.day} {_FR_MONTHS[d.month - 1]} {d.year} à {d:%H:%M:%S} UTC{off}"
            return [("De", who), ("Objet", p.subject), ("Date", date), ("À", to)]
        d = p.date
        date = f"{_EN_MONTHS[d.month - 1]} {d.day}, {d.year} at {_h12(d)} GMT{off}"
        return [("From", who), ("Subject", p.subject), ("Date", date), ("To", to)]
    rfc = format_datetime(p.date)
    if loc == "fr":
        return [("Sujet", p.subject), ("Date", rfc), ("De", who), ("Pour", to)]
    return [("Subject", p.subject), ("Date", rfc), ("From", who), ("To", to)]


def _header_lines_plain(style: str, fields: list[tuple[str, str]]) -> str:
    client, loc = style.rsplit("_", 1)
    out = []
    for k, v in fields:
        if client == "thunderbird":
            out.append(f"{k}{' :' if loc == 'fr' else ':'} \t{v}")
        elif client in ("apple", "iphone") or (loc == "en") or k in ("Date", "Subject", "To"):
            out.append(f"{k}: {v}")
        else:
            out.append(f"{k} : {v}")
    return "\n".join(out)


_FWD_BANNER = {
    "gmail_fr": "---------- Message transféré ---------",
    "gmail_en": "---------- Forwarded message ---------",
    "outlook_fr": "________________________________",
    "outlook_en": "________________________________",
    "outlook_old_fr": "-----Message d'origine-----",
    "outlook_old_en": "-----Original Message-----",
    "apple_fr": "Début du message réexpédié :",
    "apple_en": "Begin forwarded message:",
    "iphone_fr": "Début du message réexpédié :",
    "iphone_en": "Begin forwarded message:",
    "thunderbird_fr": "-------- Message transféré --------",
    "thunderbird_en": "-------- Forwarded Message --------",
}


def _reply_prefix(style: str, subject: str, forward: bool) -> str:
    client, loc = style.rsplit("_", 1)
    low = subject.lower()
    if forward:
        if client.startswith("outlook"):
            pre = "TR : " if loc == "fr" and client == "outlook" else (
                "TR: " if loc == "fr" else "FW: ")
        else:
            pre = "Fwd: "
        return pre + subject
    if low.startswith(("re:", "re :", "aw:")):
        return subject
    if client.startswith("outlook"):
        return ("RE : " if loc == "fr" and client == "outlook" else "RE: ") + subject
    return "Re: " + subject


def _quote_lines(text: str, client: str) -> str:
    lines = text.split("\n")
    if client == "thunderbird":
        return "\n".join(">" + ("" if ln.startswith(">") else " ") + ln if ln else ">"
                         for ln in lines)
    return "\n".join("> " + ln if ln else ">" for ln in lines)


# ---------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------


class _Gen:
    def __init__(self, seed: int, *, size: str = "normal", linesep: str = "\r\n") -> None:
        if size not in ("normal", "large"):
            raise ValueError(f"size must be 'normal' or 'large', not {size!r}")
        self.seed = seed
        self.rng = random.Random(seed)
        self.size = size
        self.policy = _FastPolicy(linesep=linesep)
        self.linesep = linesep
        self._payloads: dict[tuple[str, int], bytes] = {}
        self.people = self._make_people()
        self.fr_people = [p for p in self.people if p.locale == "fr"]
        self.en_people = [p for p in self.people if p.locale == "en"]
        self.clock = datetime(2025, 1, 6, 8, 30, tzinfo=_PARIS)
        self.threads: list[_Thread] = []
        self.gap_minutes = 10.0
        self._ph = 0

    # -- people and ids ----------------------------------------------------

    def _make_people(self) -> list[_Person]:
        rng = random.Random(f"{self.seed}:people")
        people = []
        for name in _FR_NAMES:
            org = _ORGS[rng.choices(("lumiere", "azur", "vauban", "gmail", "orange"),
                                    (60, 15, 12, 8, 5))[0]]
            client = rng.choices(CLIENTS, (38, 12, 14, 10, 12, 14))[0]
            if org.domain == "gmail.com":
                client = rng.choice(("gmail", "iphone"))
            # A few French speakers run an English client UI, as happens in real offices.
            locale = "en" if rng.random() < 0.12 else "fr"
            people.append(_Person(name, f"{_ascii(name).replace(' ', '.')}@{org.domain}",
                                  locale, client, rng.choice(_TITLES_FR), org,
                                  f"+33 {rng.randint(1, 6)} {rng.randint(10, 99)} "
                                  f"{rng.randint(10, 99)} {rng.randint(10, 99)} "
                                  f"{rng.randint(10, 99)}", _PARIS))
        for name in _EN_NAMES:
            org = _ORGS[rng.choice(("northbridge", "northbridge", "lumiere", "gmail"))]
            client = rng.choices(CLIENTS, (40, 5, 25, 10, 15, 5))[0]
            if org.domain == "gmail.com":
                client = "gmail"
            tz = _NEW_YORK if rng.random() < 0.3 else _LONDON
            people.append(_Person(name, f"{_ascii(name).replace(' ', '.').replace(chr(39), '')}"
                                        f"@{org.domain}", "en", client,
                                  rng.choice(_TITLES_EN), org,
                                  f"+44 20 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                                  tz))
        return people

    def _hex(self, n: int) -> str:
        return f"{self.rng.getrandbits(4 * n):0{n}x}"

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _message_id(self, p: _Person) -> str:
        c = p.client
        if c.startswith("outlook"):
            r = self.rng
            host = f"PR{r.randint(1, 3)}P{r.randint(100, 199)}MB0{r.randint(100, 999)}"
            return (f"<{host}{self._hex(16).upper()}@{host}.EURP{r.randint(100, 199)}"
                    ".PROD.OUTLOOK.COM>")
        if c == "gmail":
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-="
            tail = "".join(self.rng.choice(alphabet) for _ in range(44))
            return f"<CA{tail}@mail.gmail.com>"
        if c in ("apple", "iphone"):
            return f"<{self._uuid().upper()}@{p.org.domain}>"
        return f"<{self._uuid()}@{p.org.domain}>"

    def _placeholder(self) -> str:
        self._ph += 1
        return f"MWPH{self._ph}X"

    # -- time ---------------------------------------------------------------

    def _advance(self, minutes: float) -> datetime:
        """Move the corpus clock forward in working time (weekdays 8:00–19:00, Paris)."""
        t = self.clock + timedelta(minutes=minutes)
        while True:
            if t.weekday() >= 5:
                t = (t + timedelta(days=7 - t.weekday())).replace(hour=8, minute=0)
                t += timedelta(minutes=self.rng.randint(0, 50))
            elif t.hour >= 19:
                t = (t + timedelta(days=1)).replace(hour=8, minute=self.rng.randint(0, 50))
            elif t.hour < 8:
                t = t.replace(hour=8, minute=self.rng.randint(0, 50))
            else:
                break
        self.clock = t.replace(microsecond=0)
        return self.clock

    def _when(self, person: _Person, after: datetime | None = None) -> datetime:
        t = self._advance(self.rng.expovariate(1 / self.gap_minutes))
        if after is not None and t <= after:
            t = after + timedelta(minutes=self.rng.randint(2, 240))
        return t.replace(second=self.rng.randint(0, 59)).astimezone(person.tz)

    # -- text ---------------------------------------------------------------

    def _fill(self, template: str, lang: str) -> str:
        voc = _V_FR if lang == "fr" else _V_EN
        people = self.fr_people if lang == "fr" else self.people
        values = {k: self.rng.choice(v) for k, v in voc.items() if "{" + k + "}" in template}
        if "{collegue}" in template or "{colleague}" in template:
            values["collegue"] = values["colleague"] = self.rng.choice(people).first
        if "{jour_num}" in template:
            values["jour_num"] = str(self.rng.randint(1, 28))
            values["mois"] = self.rng.choice(_FR_MONTHS[:6])
        return template.format(**values)

    def _subject(self, lang: str) -> str:
        return self._fill(self.rng.choice(_SUBJ_FR if lang == "fr" else _SUBJ_EN), lang)

    def _paragraphs(self, lang: str, n: int) -> list[str]:
        sents = _S_FR if lang == "fr" else _S_EN
        paras = []
        for _ in range(n):
            k = self.rng.choice((1, 1, 2, 2, 3))
            paras.append(" ".join(self._fill(s, lang) for s in self.rng.sample(sents, k)))
        return paras

    def _body(self, author: _Person, lang: str, *, to_first: str | None, short: bool = False,
              mobile: bool = False, paras: int | None = None, mention: bool = False) -> _Body:
        rng = self.rng
        style = f"{author.client}_{author.locale}"
        if short:
            new = rng.choice(_SHORT_FR if lang == "fr" else _SHORT_EN)
            blocks = [[new]]
        else:
            greet = rng.choice(_GREET_FR if lang == "fr" else _GREET_EN)
            greet = greet.format(first=to_first or rng.choice(self.people).first)
            body = self._paragraphs(lang, paras or rng.choice((1, 1, 2, 2, 3)))
            if mention:
                who = rng.choice(self.fr_people if lang == "fr" else self.people).name
                body.append(f"@{who} " + ("peux-tu regarder ce point ?" if lang == "fr"
                                          else "could you have a look?"))
            blocks = [[greet], *([p] for p in body)]
            new = "\n\n".join("\n".join(b) for b in blocks)
        sig_blocks: list[list[str]] = []
        dash = False
        if not short or rng.random() < 0.5:
            if mobile:
                if rng.random() < 0.5:
                    sig_blocks.append([author.first])
                sig_blocks.append([_MOBILE.get(style, "Envoyé de mon iPhone" if lang == "fr"
                                               else "Sent from my iPhone")])
            else:
                signoff = rng.choice(_SIGNOFF_FR if lang == "fr" else _SIGNOFF_EN)
                if rng.random() < 0.35 or not author.org.name:
                    sig_blocks.append([signoff, author.first if rng.random() < 0.6
                                       else author.name])
                else:
                    sig_blocks.append([signoff])
                    dash = author.client in ("gmail", "thunderbird") or rng.random() < 0.15
                    title = author.title
                    lines = [author.name, f"{title} | {author.org.name}", author.org.address,
                             (f"Tél. : {author.phone}" if lang == "fr"
                              else f"Tel: {author.phone}")]
                    sig_blocks.append((["-- "] if dash else []) + lines)
                if author.org.corporate and rng.random() < 0.5:
                    disc = _DISCLAIMER_FR if author.org.domain.endswith(".fr") else _DISCLAIMER_EN
                    sig_blocks.append(["*" * 40] + disc.split("\n"))
        signature = "\n\n".join("\n".join(b) for b in sig_blocks)
        plain = new + ("\n\n" + signature if signature else "")
        return _Body(new, plain, self._html_blocks(author.client, blocks, sig_blocks, dash),
                     signature)

    def _html_blocks(self, client: str, blocks: list[list[str]], sig: list[list[str]],
                     dash: bool) -> str:
        def lines_html(lines: list[str]) -> str:
            return "<br>\n".join(_esc(ln) for ln in lines)

        if client.startswith("outlook"):
            sep = '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
            parts = [
                "".join(f'<p class="MsoNormal">{_esc(ln)}<o:p></o:p></p>\n' for ln in b)
                for b in blocks + sig
            ]
            return sep.join(parts)
        if client == "gmail":
            main = '<div><br></div>\n'.join(
                "".join(f"<div>{_esc(ln)}</div>\n" for ln in b) for b in blocks)
            out = f'<div dir="ltr">{main}'
            if sig:
                sig_html = "<br>\n".join(lines_html([ln for ln in b if ln != "-- "])
                                         for b in sig)
                out += ('<div><br></div>\n<span class="gmail_signature_prefix">-- </span><br>'
                        '<div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">'
                        f'<div dir="ltr">{sig_html}</div></div>')
            return out + "</div>"
        if client == "thunderbird":
            out = "".join(f"<p>{lines_html(b)}</p>\n" for b in blocks)
            if sig:
                inner = "<br>\n".join(lines_html(b) for b in sig)
                out += f'<div class="moz-signature">{inner}</div>\n'
            return out
        return '<div><br></div>\n'.join(
            "".join(f"<div>{_esc(ln)}</div>\n" for ln in b) for b in blocks + sig)

    def _html_doc(self, client: str, inner: str, charset: str) -> str:
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if client.startswith("outlook"):
            return (
                '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com'
                ':office:office" xmlns:w="urn:schemas-microsoft-com:office:word" '
                'xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n' + meta + '\n'
                '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
                '<style><!--\n/* Font Definitions */\n@font-face\n\t{font-family:"Cambria Math";'
                '\n\tpanose-1:2 4 5 3 5 4 6 3 2 4;}\n@font-face\n\t{font-family:Calibri;\n\t'
                'panose-1:2 15 5 2 2 2 4 3 2 4;}\n/* Style Definitions */\np.MsoNormal, '
                'li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n\t'
                'font-family:"Calibri",sans-serif;\n\tmso-fareast-language:EN-US;}\n'
                'a:link, span.MsoHyperlink\n\t{mso-style-priority:99;\n\tcolor:#0563C1;\n\t'
                'text-decoration:underline;}\nspan.EmailStyle17\n\t{mso-style-type:personal-'
                'compose;\n\tfont-family:"Calibri",sans-serif;\n\tcolor:windowtext;}\n'
                '@page WordSection1\n\t{size:612.0pt 792.0pt;\n\tmargin:70.85pt 70.85pt '
                '70.85pt 70.85pt;}\ndiv.WordSection1\n\t{page:WordSection1;}\n--></style>\n'
                '</head>\n<body lang="FR" link="#0563C1" vlink="#954F72" '
                'style="word-wrap:break-word">\n<div class="WordSection1">\n'
                + inner + "\n</div>\n</body>\n</html>\n")
        if client == "gmail":
            return inner + "\n"
        if client == "thunderbird":
            return ("<!DOCTYPE html>\n<html>\n<head>\n" + meta + "\n</head>\n<body>\n"
                    + inner + "\n</body>\n</html>\n")
        return ("<html><head>" + meta + '</head><body style="overflow-wrap: break-word; '
                '-webkit-nbsp-mode: space; line-break: after-white-space;">' + inner
                + "</body></html>\n")

    # -- quoting -----------------------------------------------------------

    def _quote(self, style: str, prev: _Posted, *, forward: bool) -> tuple[str, str]:
        """Plain and HTML renderings of ``prev`` as ``style`` appends it below new text."""
        client, loc = style.rsplit("_", 1)
        nbsp = self.rng.random() < 0.15
        if forward or client.startswith("outlook"):
            fields = _header_block(style, prev)
            banner = _FWD_BANNER[style] if forward or client.startswith("outlook") else ""
            head = _header_lines_plain(style, fields)
            if client in ("apple", "iphone"):
                plain = f"{banner}\n\n{head}\n\n{prev.plain}"
            elif client == "thunderbird":
                plain = f"\n{banner}\n{head}\n\n\n{prev.plain}"
            else:
                plain = f"{banner}\n{head}\n\n{prev.plain}"
            hfields = "".join(
                f"<b>{_esc(k)}{'&nbsp;:' if loc == 'fr' and client.startswith('outlook') else ':'}"
                f"</b> {_esc(v)}<br>\n" for k, v in fields)
            if client.startswith("outlook"):
                if client == "outlook_old":
                    hh = ('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt '
                          f'0cm 0cm 0cm"><p class="MsoNormal">{hfields}</p></div>\n')
                else:
                    hh = ('<div id="appendonsend"></div>\n<hr style="display:inline-block;'
                          'width:98%" tabindex="-1">\n<div id="divRplyFwdMsg" dir="ltr">'
                          '<font face="Calibri, sans-serif" style="font-size:11pt" '
                          f'color="#000000">{hfields}</font><div>&nbsp;</div></div>\n')
                return plain, hh + f"<div>{prev.html}</div>"
            if client == "gmail":
                return plain, (
                    '<br><div class="gmail_quote gmail_quote_container"><div dir="ltr" '
                    f'class="gmail_attr">{_esc(banner)}<br>\n{hfields}</div><br><br>\n'
                    f"{prev.html}</div>")
            if client == "thunderbird":
                rows = "".join(
                    f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{_esc(k)}'
                    f'{"&nbsp;:" if loc == "fr" else ":"} </th><td>{_esc(v)}</td></tr>\n'
                    for k, v in fields)
                return plain, (
                    f'<div class="moz-forward-container"><br><br>\n{_esc(banner)}\n'
                    '<table class="moz-email-headers-table" border="0" cellpadding="0" '
                    f'cellspacing="0"><tbody>\n{rows}</tbody></table><br>\n{prev.html}</div>')
            return plain, (
                f'<div><br><blockquote type="cite"><div>{_esc(banner)}</div><br>'
                f"<div>{hfields}</div><br></blockquote></div>"
                f'<blockquote type="cite"><div dir="ltr">{prev.html}</div></blockquote>')
        attr = _attribution(style, prev, nbsp)
        if client == "gmail" and len(attr) > 76 and self.rng.random() < 0.5:
            # Gmail's plain part often wraps a long attribution line before "a écrit :".
            cut = attr.rfind(" ", 0, 76)
            attr = attr[:cut] + "\n" + attr[cut + 1:]
        quoted = _quote_lines(prev.plain, client)
        if client == "iphone":
            plain = _quote_lines(attr, client) + "\n>\n" + quoted
        else:
            plain = f"{attr}\n\n{quoted}" if client != "thunderbird" else f"{attr}\n{quoted}"
        a_html = _esc(attr).replace("\n", " ").replace(" :", "&nbsp;:")
        if client == "gmail":
            h = ('<br><div class="gmail_quote gmail_quote_container"><div dir="ltr" '
                 f'class="gmail_attr">{a_html}<br></div><blockquote class="gmail_quote" '
                 'style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);'
                 f'padding-left:1ex">\n{prev.html}\n</blockquote></div>')
        elif client == "thunderbird":
            h = (f'<div class="moz-cite-prefix">{a_html}<br></div>\n<blockquote type="cite" '
                 f'cite="mid:{(prev.message_id or "").strip("<>")}">\n{prev.html}\n</blockquote>')
        else:
            h = (f'<div dir="ltr"><br><blockquote type="cite">{a_html}<br><br></blockquote></div>'
                 f'<blockquote type="cite"><div dir="ltr">{prev.html}</div></blockquote>')
        return plain, h

    # -- MIME assembly ------------------------------------------------------

    def _charset_cte(self, client: str) -> tuple[str, str]:
        rng = self.rng
        cs = rng.choices(("utf-8", "iso-8859-1", "windows-1252"),
                         (55, 15, 30) if client.startswith("outlook") else (75, 15, 10))[0]
        if cs == "utf-8":
            cte = rng.choices(("quoted-printable", "base64", "8bit"), (45, 25, 30))[0]
        elif cs == "iso-8859-1":
            cte = rng.choices(("quoted-printable", "8bit"), (60, 40))[0]
        else:
            cte = rng.choices(("quoted-printable", "base64", "8bit"), (70, 10, 20))[0]
        return cs, cte

    def _text_part(self, text: str, subtype: str, cs: str, cte: str) -> MIMEPart:
        part = MIMEPart(policy=self.policy)
        part.set_content(text, subtype=subtype, charset=cs, cte=cte)
        return part

    def _multipart(self, subtype: str, parts: Iterable[MIMEPart], client: str,
                   top: EmailMessage | None = None) -> MIMEPart:
        m = top if top is not None else MIMEPart(policy=self.policy)
        m["Content-Type"] = f'multipart/{subtype}; boundary="{self._boundary(client)}"'
        if subtype == "related":
            m.set_param("type", "text/html")
        for p in parts:
            m.attach(p)
        return m

    def _boundary(self, client: str) -> str:
        if client.startswith("outlook"):
            return f"_00{self.rng.randint(0, 9)}_PR3P195MB{self._hex(24).upper()}_"
        if client == "gmail":
            return "000000000000" + self._hex(16)
        if client in ("apple", "iphone"):
            return f"Apple-Mail={self._uuid().upper()}"
        return "------------" + self._hex(24)

    def _payload(self, kind: str, large: int = 0) -> bytes:
        if large:
            return _pdf(random.Random(f"{self.seed}:large:{self.rng.random()}"), large)
        idx = self.rng.randrange(6)
        key = (kind, idx)
        if key not in self._payloads:
            # Cached per (kind, index) with its own seed so caching never changes output.
            r = random.Random(f"{self.seed}:{kind}:{idx}")
            n = r.randint(1_500, 9_000)
            if kind == "pdf":
                data = _pdf(r, n)
            elif kind == "png":
                data = _png(r, r.randint(20, 48), r.randint(12, 40))
            elif kind == "jpg":
                data = _jpeg(r, n)
            else:
                data = _ooxml(r, kind, n // 2)
            self._payloads[key] = data
        return self._payloads[key]

    def _attachment(self, filename: str, kind: str, client: str, fixups: dict[str, str],
                    *, data: bytes | None = None) -> MIMEPart:
        rng = self.rng
        maintype, subtype = _MIME[kind]
        if rng.random() < 0.08:
            maintype, subtype = "application", "octet-stream"
        part = MIMEPart(policy=self.policy)
        ext = filename.rsplit(".", 1)[-1]
        shown = filename
        if client.startswith("outlook") and not filename.isascii() and rng.random() < 0.7:
            # Outlook puts RFC 2047 words inside quoted parameters; the stdlib would rewrite
            # them as RFC 2231, so a placeholder is swapped in after serialisation.
            ph = f"{self._placeholder()}.{ext}"
            fixups[f'"{ph}"'] = '"' + Header(filename, "utf-8").encode(maxlinelen=998) + '"'
            shown = ph
        params = {"name": shown} if client.startswith("outlook") or rng.random() < 0.5 else None
        part.set_content(data if data is not None else self._payload(kind), maintype, subtype,
                         disposition="attachment", filename=shown, params=params)
        return part

    def _finish(self, msg: EmailMessage, fixups: dict[str, str]) -> bytes:
        raw = msg.as_bytes(policy=self.policy)
        # Placeholders are unique tokens, so replacing them anywhere is safe; an attached
        # message/rfc822 carries its own, merged into ``fixups`` by the caller.
        for ph, value in fixups.items():
            raw = raw.replace(ph.encode(), value.encode())
        return raw

    def _headers(self, msg: EmailMessage, author: _Person, to: Sequence[tuple[str, str]],
                 cc: Sequence[tuple[str, str]], subject: str, date: datetime,
                 message_id: str | None, in_reply_to: str | None, refs: Sequence[str],
                 cs: str, fixups: dict[str, str], *, has_attach: bool = False) -> None:
        rng = self.rng
        utc = date.astimezone(UTC)
        rcpt = to[0][1]
        msg["Return-Path"] = f"<{author.addr}>"
        msg["Received"] = (
            f"from mail-{author.org.domain.split('.')[0]}.out.example.net "
            f"(mail-{author.org.domain.split('.')[0]}.out.example.net "
            f"[192.0.2.{rng.randint(1, 254)}]) by mx1.lumiere-sa.fr (Postfix) with ESMTPS id "
            f"{self._hex(10).upper()} for <{rcpt}>; "
            f"{format_datetime((utc + timedelta(seconds=rng.randint(1, 20))).astimezone(_PARIS))}")
        if author.client.startswith("outlook"):
            msg["Received"] = (
                f"from PR3P195MB0{rng.randint(100, 999)}.EURP195.PROD.OUTLOOK.COM "
                f"([fe80::{self._hex(4)}:{self._hex(4)}]) by PR3P195MB0618.EURP195.PROD."
                f"OUTLOOK.COM ([fe80::{self._hex(4)}%5]) with mapi id 15.20.8466.009; "
                f"{format_datetime(utc)}")
        dmarc = "fail" if rng.random() < 0.01 else "pass"
        msg["Authentication-Results"] = (
            f"mx1.lumiere-sa.fr; dkim={dmarc} header.d={author.org.domain} header.s=selector1; "
            f"spf=pass smtp.mailfrom={author.org.domain}; dmarc={dmarc} (p=QUARANTINE) "
            f"header.from={author.org.domain}")
        legacy = cs != "utf-8" and rng.random() < 0.5
        if legacy and not author.name.isascii() and _encodes(author.name, cs):
            ph = self._placeholder()
            msg["From"] = f"{ph} <{author.addr}>"
            fixups[f"From: {ph}"] = "From: " + Header(author.name, cs).encode()
        else:
            msg["From"] = f"{author.name} <{author.addr}>"
        msg["To"] = ", ".join(f"{n} <{a}>" if n else a for n, a in to)
        if cc:
            msg["Cc"] = ", ".join(f"{n} <{a}>" for n, a in cc)
        if legacy and not subject.isascii() and _encodes(subject, cs):
            ph = self._placeholder()
            msg["Subject"] = ph
            enc = Header(subject, cs, header_name="Subject").encode(linesep=self.linesep)
            fixups[f"Subject: {ph}"] = "Subject: " + enc
        else:
            msg["Subject"] = subject
        msg["Date"] = format_datetime(date)
        if message_id:
            msg["Message-ID"] = message_id
        if in_reply_to:
            msg["In-Reply-To"] = in_reply_to
        if refs:
            msg["References"] = " ".join(refs)
        c = author.client
        if c.startswith("outlook"):
            msg["Thread-Topic"] = re.sub(r"^(?:(?:RE|TR|FW|Re|Fwd) ?: ?)+", "", subject)
            msg["Thread-Index"] = "Ad" + self._hex(28)
            msg["Accept-Language"] = "fr-FR, en-US"
            msg["Content-Language"] = "fr-FR" if author.locale == "fr" else "en-US"
            msg["X-MS-Has-Attach"] = "yes" if has_attach else ""
            if c == "outlook_old":
                msg["X-Mailer"] = "Microsoft Outlook 16.0"
        elif c == "apple":
            msg["X-Mailer"] = "Apple Mail (2.3826.400.131.1.6)"
        elif c == "iphone":
            msg["X-Mailer"] = "iPhone Mail (22D82)"
        elif c == "thunderbird":
            msg["User-Agent"] = "Mozilla Thunderbird"
            msg["Content-Language"] = author.locale

    def _assemble(self, msg: EmailMessage, author: _Person, plain: str, html_inner: str,
                  fmt: str, cs: str, cte: str, atts: list[MIMEPart], inline_logo: bool) -> None:
        client = author.client
        cs_text = _degrade(plain, cs)
        html_doc = _degrade(self._html_doc(client, html_inner, cs), cs)
        parts: list[MIMEPart] = []
        if fmt in ("plain", "alternative"):
            parts.append(self._text_part(cs_text, "plain", cs, cte))
        if fmt in ("html", "alternative"):
            hpart = self._text_part(html_doc, "html", cs, "quoted-printable"
                                    if cte == "8bit" and client.startswith("outlook") else cte)
            if inline_logo:
                cid = f"image001.png@01DB{self._hex(4).upper()}.{self._hex(8).upper()}"
                hpart = self._text_part(
                    html_doc.replace("</div>\n</body>",
                                     f'<p class="MsoNormal"><img width="120" height="40" '
                                     f'src="cid:{cid}" alt="Logo"></p>\n</div>\n</body>'),
                    "html", cs, cte)
                img = MIMEPart(policy=self.policy)
                img.set_content(self._payload("png"), "image", "png", disposition="inline",
                                filename="image001.png", cid=f"<{cid}>")
                hpart = self._multipart("related", [hpart, img], client)
            parts.append(hpart)
        body: MIMEPart = parts[0] if len(parts) == 1 else self._multipart(
            "alternative", parts, client, top=None if atts else msg)
        if atts:
            self._multipart("mixed", [body, *atts], client, top=msg)
        elif len(parts) == 1:
            self._adopt(msg, body)
        msg["MIME-Version"] = "1.0"

    @staticmethod
    def _adopt(msg: EmailMessage, part: MIMEPart) -> None:
        """Make a single part the message body, keeping the headers already set on msg."""
        for k, v in part.items():
            msg[k] = v
        # get_payload() would decode 8bit legacy-charset text; the raw payload must move as is.
        msg.set_payload(part._payload)

    def _pick_format(self) -> str:
        return self.rng.choices(("plain", "alternative", "html"), (30, 55, 15))[0]

    def _attachments(self, lang: str, client: str, fixups: dict[str, str],
                     n: int | None = None) -> tuple[list[MIMEPart], list[str]]:
        if n is None:
            n = self.rng.choices((0, 1, 2, 3), (80, 13, 5, 2))[0]
        pool = _ATTACH_FR if lang == "fr" else _ATTACH_EN
        chosen = self.rng.sample(pool, n)
        return ([self._attachment(f, k, client, fixups) for f, k in chosen],
                [f for f, _ in chosen])

    def _pad_large(self, msg: EmailMessage, client: str, fixups: dict[str, str],
                   lang: str) -> str:
        cur = len(msg.as_bytes(policy=self.policy))
        target = self.rng.randint(92_000, 108_000)
        n = max(1_000, (target - cur) * 3 // 4 - 600)
        name = "Rapport d'activité 2024.pdf" if lang == "fr" else "Annual report 2024.pdf"
        part = self._attachment(name, "pdf", client, fixups, data=self._payload("pdf", large=n))
        if msg.get_content_type() != "multipart/mixed":
            body = MIMEPart(policy=self.policy)
            for k, v in list(msg.items()):
                if k.lower().startswith("content-"):
                    body[k] = v
                    del msg[k]
            body.set_payload(msg._payload)  # as is: see _adopt
            msg.set_payload(None)
            del msg["MIME-Version"]
            self._multipart("mixed", [body], client, top=msg)
            msg["MIME-Version"] = "1.0"
        msg.attach(part)
        return name

    # -- message kinds ------------------------------------------------------

    def _community(self) -> tuple[str, str]:
        name, local = self.rng.choice(_COMMUNITIES)
        return name, f"{local}@{_WALL_DOMAIN}"

    def _emit(self, *, kind: str, author: _Person, lang: str, to: Sequence[tuple[str, str]],
              cc: Sequence[tuple[str, str]], subject: str, date: datetime, body: _Body,
              quote: tuple[str, str] | None, in_reply_to: _Posted | None,
              thread_root: str | None, style: str | None, fmt: str | None = None,
              n_attach: int | None = None, extra_parts: Sequence[MIMEPart] = (),
              extra_names: Sequence[str] = (), extra_fixups: dict[str, str] | None = None,
              forward_depth: int = 0,
              forwarded_authors: tuple[str, ...] = (), authors: tuple[str, ...] = (),
              extra_headers: Sequence[tuple[str, str]] = (), list_id: str | None = None,
              auto: bool = False) -> tuple[Sample, _Posted]:
        rng = self.rng
        fixups: dict[str, str] = dict(extra_fixups or {})
        fmt = fmt or self._pick_format()
        cs, cte = self._charset_cte(author.client)
        plain, html_inner = body.plain, body.html
        if quote is not None:
            plain = f"{plain}\n\n{quote[0]}"
            html_inner = f"{html_inner}\n{quote[1]}"
        try:
            _degrade(plain, cs).encode(cs)
            _degrade(html_inner, cs).encode(cs)
        except UnicodeEncodeError:
            cs = "utf-8"
        atts, names = self._attachments(lang, author.client, fixups, n_attach)
        atts += list(extra_parts)
        names += list(extra_names)
        mid = self._message_id(author) if rng.random() > 0.005 else None
        refs: tuple[str, ...] = ()
        if in_reply_to is not None and in_reply_to.message_id:
            refs = (*in_reply_to.references, in_reply_to.message_id)[-12:]
        msg = EmailMessage(policy=self.policy)
        self._headers(msg, author, to, cc, subject, date, mid,
                      in_reply_to.message_id if in_reply_to else None, refs, cs, fixups,
                      has_attach=bool(atts))
        for k, v in extra_headers:
            msg[k] = v
        logo = (author.client.startswith("outlook") and fmt != "plain" and bool(body.signature)
                and rng.random() < 0.2)
        self._assemble(msg, author, plain, html_inner, fmt, cs, cte, atts, logo)
        if self.size == "large":
            names.append(self._pad_large(msg, author.client, fixups, lang))
        raw = self._finish(msg, fixups)
        sample = Sample(
            raw=raw, kind=kind, lang=lang, body_format=fmt, charset=cs, transfer_encoding=cte,
            style=style, message_id=mid,
            in_reply_to=in_reply_to.message_id if in_reply_to else None, references=refs,
            thread_root=thread_root, author=author.addr, author_name=author.name, date=date,
            subject=subject, new_text=_degrade(body.new_text, cs),
            signature=_degrade(body.signature, cs),
            attachments=tuple(names), inline_images=int(logo), forward_depth=forward_depth,
            forwarded_authors=forwarded_authors, list_id=list_id, auto_submitted=auto)
        posted = _Posted(author, tuple(to), date, subject, plain, html_inner, mid, refs,
                         authors or (author.addr,), msg, fixups)
        return sample, posted

    def _person(self, lang: str, exclude: _Person | None = None) -> _Person:
        pool = self.fr_people if lang == "fr" and self.rng.random() < 0.9 else self.people
        while True:
            p = self.rng.choice(pool)
            if p is not exclude:
                return p

    def new_post(self, lang: str | None = None, fmt: str | None = None,
                 author: _Person | None = None) -> Sample:
        rng = self.rng
        lang = lang or ("fr" if rng.random() < 0.7 else "en")
        author = author or self._person(lang)
        community = self._community()
        date = self._when(author)
        subject = self._subject(lang)
        body = self._body(author, lang, to_first=None, mention=rng.random() < 0.05,
                          mobile=author.client == "iphone" and rng.random() < 0.5)
        to = [community]
        cc = [(p.name, p.addr) for p in rng.sample(self.people, rng.choice((0, 0, 1, 2)))]
        sample, posted = self._emit(kind="post", author=author, lang=lang, to=to, cc=cc,
                                    subject=subject, date=date, body=body, quote=None,
                                    in_reply_to=None, thread_root=None, style=None, fmt=fmt)
        sample = _with_root(sample, sample.message_id)
        self.threads.append(_Thread(lang, community, sample.message_id,
                                    rng.choice((2, 3, 3, 4, 5, 6, 8)), [posted]))
        return sample

    def reply(self, thread: _Thread, style: str | None = None, fmt: str | None = None,
              author: _Person | None = None) -> Sample:
        rng = self.rng
        prev = thread.messages[-1]
        author = author or self._person(thread.lang, exclude=prev.author)
        style = style or f"{author.client}_{author.locale}"
        client = style.rsplit("_", 1)[0]
        if client != author.client or not style.endswith(author.locale):
            author = _Person(author.name, author.addr, style.rsplit("_", 1)[1], client,
                             author.title, author.org, author.phone, author.tz)
        date = self._when(author, after=prev.date)
        short = rng.random() < 0.12
        body = self._body(author, thread.lang, to_first=prev.author.first, short=short,
                          mobile=client == "iphone" or (client in _MOBILE_CLIENTS
                                                        and rng.random() < 0.1),
                          mention=rng.random() < 0.05)
        quote = self._quote(style, prev, forward=False)
        token = self._hex(20)
        to = ([("", f"reply+{token}@{_WALL_DOMAIN}")] if rng.random() < 0.3
              else [thread.community])
        sample, posted = self._emit(
            kind="reply", author=author, lang=thread.lang, to=to, cc=[],
            subject=_reply_prefix(style, prev.subject, False), date=date, body=body,
            quote=quote, in_reply_to=prev, thread_root=thread.root_id, style=style, fmt=fmt,
            n_attach=0 if short else None, authors=(*prev.authors, author.addr))
        thread.messages.append(posted)
        return sample

    def _original(self, lang: str, length: int) -> _Posted:
        """A message (possibly ending a private thread) that someone will forward."""
        rng = self.rng
        author = self._person(lang)
        date = self._when(author)
        recipient = self._person(lang, exclude=author)
        body = self._body(author, lang, to_first=recipient.first)
        subject = self._subject(lang)
        mid = self._message_id(author)
        html_inner = body.html
        plain = body.plain
        posted = _Posted(author, ((recipient.name, recipient.addr),), date, subject, plain,
                         html_inner, mid, (), (author.addr,))
        for _ in range(length - 1):
            prev = posted
            author, recipient = recipient, prev.author
            style = f"{author.client}_{author.locale}"
            date = self._when(author, after=prev.date)
            body = self._body(author, lang, to_first=recipient.first,
                              short=rng.random() < 0.1)
            qp, qh = self._quote(style, prev, forward=False)
            posted = _Posted(author, ((recipient.name, recipient.addr),), date,
                             _reply_prefix(style, prev.subject, False), f"{body.plain}\n\n{qp}",
                             f"{body.html}\n{qh}", self._message_id(author),
                             (*prev.references, prev.message_id or "")[-12:],
                             (*prev.authors, author.addr))
        return posted

    def _as_message(self, p: _Posted) -> EmailMessage:
        """The full message ``p`` (built now if it never went out), for message/rfc822."""
        if p.obj is not None:
            return p.obj
        fixups: dict[str, str] = {}
        msg = EmailMessage(policy=self.policy)
        # utf-8 only: the inner text already went through the sender's degradation.
        cs, cte = "utf-8", self.rng.choice(("quoted-printable", "base64", "8bit"))
        self._headers(msg, p.author, p.to, [], p.subject, p.date, p.message_id,
                      p.references[-1] if p.references else None, p.references, cs, fixups)
        self._assemble(msg, p.author, p.plain, p.html, "alternative", cs, cte, [], False)
        p.obj, p.fixups = msg, fixups
        return msg

    def forward(self, styles: Sequence[str] | None = None, depth: int | None = None,
                attached: bool = False, lang: str | None = None, thread_length: int | None = None,
                fmt: str | None = None) -> Sample:
        rng = self.rng
        lang = lang or ("fr" if rng.random() < 0.7 else "en")
        if depth is None:
            depth = 1 if attached else rng.choices((1, 2, 3), (67, 23, 10))[0]
        if thread_length is None and self.threads and rng.random() < 0.35:
            # Forwarding a thread the wall already has: the real "no duplicates" case.
            src = rng.choice(self.threads)
            orig, lang = src.messages[-1], src.lang
        else:
            orig = self._original(lang, thread_length or rng.choice((1, 1, 1, 2, 3)))
        fwd_authors = orig.authors
        people_chain = [self._person(lang, exclude=orig.author)]
        for _ in range(depth - 1):
            people_chain.append(self._person(lang, exclude=people_chain[-1]))
        if styles is None:
            styles = [f"{p.client}_{p.locale}" for p in people_chain]
        cur = orig
        sample: Sample | None = None
        for level, sender in enumerate(people_chain):
            style = styles[level % len(styles)]
            client, loc = style.rsplit("_", 1)
            sender = _Person(sender.name, sender.addr, loc, client, sender.title, sender.org,
                             sender.phone, sender.tz)
            last = level == depth - 1
            date = self._when(sender, after=cur.date)
            intro_paras = 1 if rng.random() < 0.6 else 0
            if intro_paras:
                body = self._body(sender, lang, to_first=None, paras=1)
            else:
                word = rng.choice(
                    ("Pour info.", "FYI", "Pour information, voir ci-dessous.", "Voir ci-dessous.",
                     "") if lang == "fr" else ("FYI", "See below.", ""))
                body = _Body(word, word, f"<div>{_esc(word)}</div>" if word else "", "")
            subject = _reply_prefix(style, cur.subject, True)
            if last:
                recipient = self._community()
            else:
                # The next forwarder is whoever received this one.
                nxt = people_chain[level + 1]
                recipient = (nxt.name, nxt.addr)
            if last:
                if attached:
                    inner = self._as_message(cur)
                    part = MIMEPart(policy=self.policy)
                    fname = (f"{cur.subject}.eml" if client == "thunderbird"
                             or rng.random() < 0.5 else None)
                    part.set_content(inner, disposition="attachment", filename=fname)
                    sample, _ = self._emit(
                        kind="forward_attached", author=sender, lang=lang, to=[recipient],
                        cc=[], subject=subject, date=date, body=body, quote=None,
                        in_reply_to=None, thread_root=None, style=style, fmt=fmt, n_attach=0,
                        extra_parts=[part], extra_names=[fname or ""],
                        extra_fixups=cur.fixups, forward_depth=depth,
                        forwarded_authors=fwd_authors)
                else:
                    quote = self._quote(style, cur, forward=True)
                    sample, _ = self._emit(
                        kind="forward", author=sender, lang=lang, to=[recipient], cc=[],
                        subject=subject, date=date, body=body, quote=quote, in_reply_to=None,
                        thread_root=None, style=style, fmt=fmt, forward_depth=depth,
                        forwarded_authors=fwd_authors)
                sample = _with_root(sample, sample.message_id)
            else:
                qp, qh = self._quote(style, cur, forward=True)
                cur = _Posted(sender, (recipient,), date, subject, f"{body.plain}\n\n{qp}",
                              f"{body.html}\n{qh}", self._message_id(sender), (),
                              cur.authors)
        assert sample is not None
        return sample

    def auto_reply(self) -> Sample:
        rng = self.rng
        if self.threads:
            th = rng.choice(self.threads)
            prev = th.messages[-1]
            lang, subject_src = th.lang, prev.subject
        else:
            prev, lang, subject_src = None, "fr", self._subject("fr")
        author = self._person(lang)
        date = self._when(author, after=prev.date if prev else None)
        backup = self._person(lang, exclude=author)
        until = f"{rng.randint(2, 28)} {rng.choice(_FR_MONTHS[:6])}"
        if author.locale == "fr":
            subject = rng.choice(("Réponse automatique : ", "Absent du bureau : ",
                                  "Réponse automatique: ")) + subject_src
            text = (f"Bonjour,\n\nJe suis absent(e) du bureau jusqu'au {until} inclus, avec un "
                    f"accès limité à mes e-mails.\nPour toute urgence, merci de contacter "
                    f"{backup.name} ({backup.addr}).")
            sig = "Cordialement,\n" + author.name
        else:
            subject = rng.choice(("Automatic reply: ", "Out of Office: ")) + subject_src
            text = (f"Hello,\n\nI am out of the office until {until} with limited access to "
                    f"email.\nFor anything urgent please contact {backup.name} ({backup.addr}).")
            sig = "Best regards,\n" + author.name
        body = _Body(text, f"{text}\n\n{sig}",
                     "".join(f"<p>{_esc(b)}</p>\n" for b in f"{text}\n\n{sig}".split("\n\n")),
                     sig)
        headers: list[tuple[str, str]] = []
        # Some auto-responders set no Auto-Submitted; only the subject gives them away.
        auto = rng.random() < 0.75
        if auto:
            headers.append(("Auto-Submitted", "auto-replied"))
        if author.client.startswith("outlook"):
            headers.append(("X-Auto-Response-Suppress", "All"))
        elif rng.random() < 0.4:
            headers.append(("Precedence", "auto_reply"))
        to = [("", f"reply+{self._hex(20)}@{_WALL_DOMAIN}")]
        sample, _ = self._emit(
            kind="auto_reply", author=author, lang=lang, to=to, cc=[], subject=subject,
            date=date, body=body, quote=None, in_reply_to=prev, thread_root=None, style=None,
            n_attach=0, extra_headers=headers, auto=auto)
        return sample

    def list_mail(self) -> Sample:
        rng = self.rng
        lang = "fr" if rng.random() < 0.75 else "en"
        author = self._person(lang)
        lst, pretty = rng.choice((("veille-techno", "Veille techno"),
                                  ("annonces", "Annonces internes"),
                                  ("club-lecture", "Club lecture")))
        host = "listes.lumiere-sa.fr"
        newsletter = rng.random() < 0.35
        date = self._when(author)
        if newsletter:
            subject = rng.choice(("La lettre RH – numéro {n}", "Actualités du groupe – {n}",
                                  "Newsletter innovation #{n}")).format(n=rng.randint(10, 99))
            paras = self._paragraphs(lang, 3)
            text = "\n\n".join(paras)
            unsub = ("Se désinscrire" if lang == "fr" else "Unsubscribe")
            html_inner = (
                '<table width="600" cellpadding="0" cellspacing="0" align="center" '
                'style="font-family:Arial,sans-serif"><tr><td style="background:#003366;'
                f'color:#fff;padding:16px"><h1>{_esc(subject)}</h1></td></tr>\n'
                + "".join(f'<tr><td style="padding:8px 16px"><p>{_esc(p)}</p></td></tr>\n'
                          for p in paras)
                + f'<tr><td style="font-size:10px;color:#888"><a href="https://{host}/'
                f'unsubscribe/{self._hex(16)}">{unsub}</a></td></tr></table>')
            body = _Body(text, text + f"\n\n{unsub} : https://{host}/unsubscribe", html_inner,
                         "")
            fmt = "html" if rng.random() < 0.6 else "alternative"
            sender = ("La lettre interne", f"newsletter@{host}")
            author = _Person(sender[0], sender[1], lang, "thunderbird", "", _ORGS["lumiere"],
                             "", _PARIS)
        else:
            subject = f"[{pretty}] " + self._subject(lang)
            body = self._body(author, lang, to_first=None)
            footer = (f"_______________________________________________\n{pretty} mailing list\n"
                      f"{lst}@{host}\nhttps://{host}/mailman/listinfo/{lst}")
            body = _Body(body.new_text, f"{body.plain}\n\n{footer}",
                         body.html + f"<pre>{_esc(footer)}</pre>", body.signature)
            fmt = None
        list_id = f"<{lst}.{host}>"
        headers = [("List-Id", f"{pretty} <{lst}.{host}>"),
                   ("List-Unsubscribe", f"<mailto:{lst}-leave@{host}>, "
                                        f"<https://{host}/mailman/options/{lst}>"),
                   ("List-Post", f"<mailto:{lst}@{host}>"),
                   ("List-Archive", f"<https://{host}/archives/{lst}>"),
                   ("Precedence", "bulk" if newsletter else "list"),
                   ("Sender", f"{lst}-bounces@{host}")]
        if newsletter:
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        sample, _ = self._emit(
            kind="list", author=author, lang=lang, to=[("", f"{lst}@{host}")], cc=[],
            subject=subject, date=date, body=body, quote=None, in_reply_to=None,
            thread_root=None, style=None, fmt=fmt, n_attach=0, extra_headers=headers,
            list_id=list_id)
        return sample

    def bounce(self) -> Sample:
        rng = self.rng
        lang = "fr" if rng.random() < 0.6 else "en"
        victim = self._person(lang)
        date = self._when(victim)
        bad = f"{_ascii(rng.choice(_FR_NAMES)).replace(' ', '.')}@ancien-domaine.fr"
        mid = f"<{self._hex(16)}@mx1.lumiere-sa.fr>"
        if lang == "fr":
            subject = "Non remis : " + self._subject(lang)
            text = (f"Votre message n'a pas pu être remis à {bad}.\n\nLe serveur de "
                    f"destination a répondu : 550 5.1.1 utilisateur inconnu.\n")
        else:
            subject = "Undelivered Mail Returned to Sender"
            text = (f"This is the mail system at host mx1.lumiere-sa.fr.\n\nI'm sorry to have "
                    f"to inform you that your message could not be delivered to {bad}.\n")
        msg = EmailMessage(policy=self.policy)
        msg["Return-Path"] = "<>"
        msg["From"] = "Mail Delivery System <MAILER-DAEMON@mx1.lumiere-sa.fr>"
        msg["To"] = f"{victim.name} <{victim.addr}>"
        msg["Subject"] = subject
        msg["Date"] = format_datetime(date)
        msg["Message-ID"] = mid
        msg["Auto-Submitted"] = "auto-replied"
        msg["MIME-Version"] = "1.0"
        msg["Content-Type"] = (f'multipart/report; report-type=delivery-status; '
                               f'boundary="{self._hex(12).upper()}.{rng.randint(10**9, 2 * 10**9)}'
                               f'/mx1.lumiere-sa.fr"')
        msg.attach(self._text_part(text, "plain", "utf-8", "8bit"))
        status = MIMEPart(policy=self.policy)
        status["Content-Type"] = "message/delivery-status"
        block1 = MIMEPart(policy=self.policy)
        block1["Reporting-MTA"] = "dns; mx1.lumiere-sa.fr"
        block1["Arrival-Date"] = format_datetime(date)
        block2 = MIMEPart(policy=self.policy)
        block2["Final-Recipient"] = f"rfc822; {bad}"
        block2["Action"] = "failed"
        block2["Status"] = "5.1.1"
        block2["Diagnostic-Code"] = "smtp; 550 5.1.1 <" + bad + ">: Recipient address rejected"
        status.set_payload([block1, block2])
        msg.attach(status)
        hdrs = MIMEPart(policy=self.policy)
        hdrs.set_content(f"From: {victim.name} <{victim.addr}>\nTo: {bad}\n"
                         f"Subject: {subject}\n", subtype="rfc822-headers")
        msg.attach(hdrs)
        raw = msg.as_bytes(policy=self.policy)
        return Sample(raw=raw, kind="bounce", lang=lang, body_format="plain", charset="utf-8",
                      transfer_encoding="8bit", style=None, message_id=mid, in_reply_to=None,
                      references=(), thread_root=None, author="MAILER-DAEMON@mx1.lumiere-sa.fr",
                      author_name="Mail Delivery System", date=date, subject=subject,
                      new_text=text.strip(), signature="", auto_submitted=True)

    # -- the corpus ---------------------------------------------------------

    def corpus(self, count: int) -> Iterator[Sample]:
        # About ten weeks of working time, whatever the count, so dates spread over weeks.
        self.gap_minutes = max(0.02, 50 * 11 * 60 / max(count, 1))
        rng = self.rng
        kinds = ("post", "reply", "forward", "forward_attached", "auto_reply", "list", "bounce")
        weights = (36, 34, 11, 3, 4, 10, 1)
        for _ in range(count):
            kind = rng.choices(kinds, weights)[0]
            if kind == "reply" and not self.threads:
                kind = "post"
            if kind == "bounce" and self.size == "large":
                kind = "post"  # a padded bounce would be unrealistic; keep every message ~100 KB
            if kind == "post":
                yield self.new_post()
            elif kind == "reply":
                # Recent threads get most replies, as on a real wall.
                th = self.threads[-1 - min(int(rng.expovariate(1 / 6)), len(self.threads) - 1)]
                yield self.reply(th)
                if len(th.messages) >= th.max_len:
                    self.threads.remove(th)
            elif kind == "forward":
                yield self.forward()
            elif kind == "forward_attached":
                yield self.forward(attached=True)
            elif kind == "auto_reply":
                yield self.auto_reply()
            elif kind == "list":
                yield self.list_mail()
            else:
                yield self.bounce()
            if len(self.threads) > 60:
                del self.threads[0]


_MOBILE_CLIENTS = ("outlook", "gmail")


def _with_root(s: Sample, root: str | None) -> Sample:
    from dataclasses import replace

    return replace(s, thread_root=root)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def generate_samples(count: int, seed: int = 1, *, size: str = "normal",
                     linesep: str = "\r\n") -> Iterator[Sample]:
    """``count`` messages with their metadata; same seed, same bytes."""
    return _Gen(seed, size=size, linesep=linesep).corpus(count)


def generate(count: int, seed: int = 1, *, size: str = "normal",
             linesep: str = "\r\n") -> Iterator[bytes]:
    """``count`` raw RFC 5322 messages; same seed, same bytes."""
    for s in generate_samples(count, seed, size=size, linesep=linesep):
        yield s.raw


def generate_thread(seed: int, length: int = 4, *, lang: str = "fr",
                    styles: Sequence[str] | None = None, body_format: str | None = None,
                    linesep: str = "\r\n") -> list[Sample]:
    """A post and ``length - 1`` replies, each reply quoting the one before it."""
    for st in styles or ():
        if st not in QUOTE_STYLES:
            raise ValueError(f"unknown style {st!r}; choose from {QUOTE_STYLES}")
    g = _Gen(seed, linesep=linesep)
    out = [g.new_post(lang=lang, fmt=body_format)]
    th = g.threads[-1]
    for i in range(length - 1):
        style = styles[i % len(styles)] if styles else None
        out.append(g.reply(th, style=style, fmt=body_format))
    return out


def generate_forward(seed: int, *, style: str | Sequence[str] = "gmail_fr", depth: int = 1,
                     attached: bool = False, lang: str = "fr", thread_length: int = 1,
                     body_format: str | None = None, linesep: str = "\r\n") -> Sample:
    """A forward to a community address; see the module docstring."""
    styles = [style] if isinstance(style, str) else list(style)
    for st in styles:
        if st not in FORWARD_STYLES:
            raise ValueError(f"unknown style {st!r}; choose from {FORWARD_STYLES}")
    g = _Gen(seed, linesep=linesep)
    return g.forward(styles=styles, depth=depth, attached=attached, lang=lang,
                     thread_length=thread_length, fmt=body_format)


def _lf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n")


def write_mbox(path: str | Path, raws: Iterable[bytes]) -> int:
    box = mailbox.mbox(str(path), create=True)
    n = 0
    box.lock()
    try:
        for raw in raws:
            box.add(_lf(raw))
            n += 1
        box.flush()
    finally:
        box.unlock()
        box.close()
    return n


def write_maildir(path: str | Path, raws: Iterable[bytes]) -> int:
    box = mailbox.Maildir(str(path), create=True)
    n = 0
    for raw in raws:
        box.add(_lf(raw))
        n += 1
    return n


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", choices=("normal", "large"), default="normal")
    out = ap.add_mutually_exclusive_group(required=True)
    out.add_argument("--mbox", type=Path, help="write an mbox file")
    out.add_argument("--maildir", type=Path, help="write a Maildir directory")
    args = ap.parse_args(argv)
    raws = generate(args.count, args.seed, size=args.size)
    if args.mbox:
        if args.mbox.exists():
            ap.error(f"{args.mbox} exists; mbox output appends, so remove it first")
        n = write_mbox(args.mbox, raws)
        print(f"wrote {n} messages to {args.mbox}", file=sys.stderr)
    else:
        n = write_maildir(args.maildir, raws)
        print(f"wrote {n} messages to {args.maildir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
