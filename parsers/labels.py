"""The words mail clients and people write around quoted history, per language, as data.

Detection in :mod:`parsers.trim` and :mod:`parsers.forwards` leans on structure first (a
short line ending with ``:`` that holds a date and a name, two or more ``Label: value``
lines, a run of short lines at the end); these tables supply the words that confirm it.
Each table maps an ISO 639-1 language code to plain words, never to regular expressions,
so that adding a language is adding data. :func:`alternation` turns words into one
regular-expression alternation that tolerates what people and clients do to them: a
missing accent (``Envoye``), a typographic apostrophe (``d’origine``), a non-breaking or
doubled space.

Words are matched case-insensitively. Keep each entry as the client prints it, in its
most accented form; the unaccented form is then matched too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

Table = Mapping[str, tuple[str, ...]]

# --- attributions ---------------------------------------------------------------------------

# The verb that closes an attribution: "On <date>, <name> wrote:".
WROTE: Table = {
    "en": ("wrote", "writes"),
    "fr": ("a écrit", "nous a dit"),
    "de": ("geschrieben", "schrieb", "schrieben sie"),
    "es": ("escribió",),
    "it": ("ha scritto",),
    "nl": ("het volgende geschreven", "schreef"),
    "pt": ("escreveu",),
    "pl": ("napisał(a)", "napisała", "napisał"),
    "sv": ("skrev",),
    "da": ("skrev",),
    "nb": ("skrev",),
    "fi": ("kirjoitti",),
    "ru": ("написала", "написали", "написал"),
    "uk": ("пише",),
    "zh": ("写道", "寫道"),
}

# Words an attribution begins with ("On Mon…", "Le lun.…", "Am 3. März…").
ATTRIBUTION_LEADS: Table = {
    "en": ("on", "at", "in message"),
    "fr": ("le",),
    "de": ("am",),
    "es": ("el",),
    "it": ("il",),
    "nl": ("op",),
    "pt": ("em",),
    "sv": ("den",),
    "da": ("den", "søn."),
    "pl": ("dnia",),
    "sk": ("dňa",),
    "zh": ("在",),
}

# --- header blocks --------------------------------------------------------------------------

# Field labels of the header block Outlook, Notes, Zimbra and forwards print above the
# original ("De : … / Envoyé : … / À : … / Objet : …"), by field then language.
HEADER_FIELDS: Mapping[str, Table] = {
    "from": {
        "en": ("from",),
        "fr": ("de", "expéditeur"),
        "de": ("von",),
        "es": ("de", "remitente"),
        "it": ("da",),
        "nl": ("van",),
        "pt": ("de",),
        "sv": ("från",),
        "da": ("fra",),
        "nb": ("fra",),
        "pl": ("od",),
        "ru": ("от",),
        "zh": ("发件人",),
    },
    "date": {
        "en": ("sent", "date"),
        "fr": ("envoyé", "envoyé le", "date"),
        "de": ("gesendet", "datum"),
        "es": ("enviado", "enviado el", "enviada", "fecha"),
        "it": ("inviato", "data"),
        "nl": ("verzonden", "datum"),
        "pt": ("enviado", "enviada", "data"),
        "sv": ("skickat", "datum"),
        "da": ("sendt", "dato"),
        "nb": ("sendt", "dato"),
        "pl": ("data", "wysłano"),
        "zh": ("发送时间",),
    },
    "to": {
        "en": ("to",),
        "fr": ("à", "pour", "destinataire", "destinataires"),
        "de": ("an",),
        "es": ("para",),
        "it": ("a",),
        "nl": ("aan",),
        "pt": ("para",),
        "sv": ("till",),
        "da": ("til",),
        "nb": ("til",),
        "pl": ("do",),
        "zh": ("收件人",),
    },
    "cc": {
        "en": ("cc", "bcc"),
        "fr": ("cc", "cci", "copie", "copie à"),
        "de": ("cc", "kopie"),
    },
    "subject": {
        "en": ("subject",),
        "fr": ("objet", "sujet"),
        "de": ("betreff",),
        "es": ("asunto",),
        "it": ("oggetto",),
        "nl": ("onderwerp",),
        "pt": ("assunto",),
        "sv": ("ämne",),
        "da": ("emne",),
        "nb": ("emne",),
        "pl": ("temat",),
        "zh": ("主题",),
    },
    "reply_to": {
        "en": ("reply-to",),
        "fr": ("répondre à",),
        "de": ("antwort an",),
        "it": ("risposta",),
    },
}

# Other labels Outlook prints inside a header block ("Importance : Haute", "Pièces jointes :
# devis.pdf"): neither sender, date nor subject, but no sign of a pasted template either.
HEADER_EXTRAS: Table = {
    "en": ("importance", "priority", "sensitivity", "attachments", "attachment", "categories"),
    "fr": ("importance", "priorité", "sensibilité", "pièces jointes", "pièce jointe", "catégories"),
}

# --- forward and original-message markers ---------------------------------------------------

# "---------- Forwarded message ---------": the message below was forwarded.
FORWARD_MARKERS: Table = {
    "en": ("forwarded message", "forward message"),
    "fr": ("message transféré", "message transmis"),
    "de": ("weitergeleitete nachricht",),
    "es": ("mensaje reenviado",),
    "it": ("messaggio inoltrato",),
    "nl": ("doorgestuurd bericht",),
    "pt": ("mensagem encaminhada",),
    "sv": ("vidarebefordrat meddelande",),
    "nb": ("videresendt melding",),
    "ru": ("пересылаемое сообщение",),
    "zh": ("转发的邮件",),
}

# "-----Original Message-----": Outlook prints it above replies and forwards alike.
ORIGINAL_MARKERS: Table = {
    "en": ("original message", "reply message"),
    "fr": ("message d'origine", "message original", "mail original"),
    "de": ("ursprüngliche nachricht", "originalnachricht"),
    "es": ("mensaje original",),
    "it": ("messaggio originale",),
    "nl": ("oorspronkelijk bericht", "origineel bericht"),
    "pt": ("mensagem original",),
    "sv": ("ursprungligt meddelande",),
    "ru": ("исходное сообщение",),
    "zh": ("原始邮件",),
}

# Apple Mail's line above a forwarded message: "Begin forwarded message:".
FORWARD_INTROS: Table = {
    "en": ("begin forwarded message", "forwarded message"),
    "fr": (
        "début du message réexpédié",
        "début du message transféré",
        "message transféré",
    ),
    "de": ("anfang der weitergeleiteten nachricht", "weitergeleitete nachricht"),
    "it": ("inizio messaggio inoltrato", "messaggio inoltrato"),
    "es": ("comienzo del mensaje reenviado", "inicio del mensaje reenviado", "mensaje reenviado"),
    "nl": ("begin doorgestuurd bericht", "doorgestuurd bericht"),
}

# --- after the text: sign-offs, mobile lines, banners ---------------------------------------

# Closings that end a message whatever follows on their line ("Cordialement, Jean").
SIGN_OFFS: Table = {
    "en": (
        "regards",
        "kind regards",
        "best regards",
        "warm regards",
        "warmest regards",
        "many regards",
        "best wishes",
        "all the best",
        "sincerely",
        "sincerely yours",
        "yours truly",
        "yours sincerely",
    ),
    "fr": (
        "cordialement",
        "bien cordialement",
        "très cordialement",
        "bien à vous",
        "bien à toi",
        "salutations",
        "sincères salutations",
        "meilleures salutations",
        "mes salutations",
        "salutations distinguées",
        "amicalement",
        "bien amicalement",
        "respectueusement",
        "cdlt",
    ),
}

# Polite words that are also whole replies ("Merci !"): a signature only with a name below.
THANKS: Table = {
    "en": (
        "thanks",
        "thank you",
        "many thanks",
        "cheers",
        "best",
        "thanks again",
        "thanks a lot",
        "thanks in advance",
        "thank you again",
        "thank you very much",
        "thank you in advance",
        "have a nice day",
        "have a good day",
        "have a great day",
        "have a nice weekend",
        "have a great weekend",
    ),
    "fr": (
        "merci",
        "merci beaucoup",
        "merci bien",
        "merci encore",
        "merci d'avance",
        "merci par avance",
        "merci à vous",
        "merci à toi",
        "merci à tous",
        "bonne journée",
        "bonne soirée",
        "bonne fin de journée",
        "belle journée",
        "belle fin de journée",
        "très bonne journée",
        "très belle journée",
        "excellente journée",
        "bonne semaine",
        "bonne fin de semaine",
        "bon week-end",
        "bon weekend",
        "bonne continuation",
        "à très bientôt",
        "à bientôt",
        "bises",
    ),
}

# Lines mail apps append: "Sent from my iPhone", "Envoyé de mon iPhone".
MOBILE_SIGNATURES: Table = {
    "en": ("sent from my", "get outlook for"),
    "fr": ("envoyé de mon", "envoyé depuis mon", "obtenir outlook pour"),
}

# Banners corporate gateways insert at the top of mail from outside: not the author's text.
EXTERNAL_BANNERS: Table = {
    "en": (
        "[external]",
        "caution: this email originated from outside",
        "this email originated from outside",
        "this message originated from outside",
        "you don't often get email from",
        "external sender",
    ),
    "fr": (
        "[externe]",
        "ce message provient de l'extérieur",
        "ce courriel provient de l'extérieur",
        "ce message provient d'un expéditeur externe",
        "vous n'obtenez pas souvent d'e-mail à partir de",
        "expéditeur externe",
    ),
}

# Lines other products print above the quoted history of their notifications.
REPLY_ABOVE_MARKERS: Table = {
    "en": ("reply above this line", "type your reply above this line", "previous replies"),
    "fr": ("répondez au-dessus de cette ligne", "réponses précédentes"),
}

# Phrases of an out-of-office text sent with no auto-reply header (an Outlook rule).
AUTO_REPLY_PHRASES: Table = {
    "en": ("i am out of the office", "i will be out of the office", "i am currently out of"),
    "fr": ("je suis absent", "je suis absente", "je serai absent", "je suis en congé"),
}


# --- building patterns ----------------------------------------------------------------------

_ACCENTS = {
    "a": "aàáâãäåą",
    "c": "cçćč",
    "e": "eèéêëęě",
    "i": "iìíîï",
    "n": "nñńň",
    "o": "oòóôõöø",
    "u": "uùúûüů",
    "y": "yýÿ",
    "s": "sśš",
    "z": "zźżž",
    "l": "lł",
}
_BASE = {accented: base for base, group in _ACCENTS.items() for accented in group}
_APOSTROPHES = "'’ʼ`"


def words(table: Table) -> tuple[str, ...]:
    """Every word of a table, each once, longest first (so alternations prefer it)."""
    seen = {w.lower() for ws in table.values() for w in ws}
    return tuple(sorted(seen, key=lambda w: (-len(w), w)))


def fold(text: str) -> str:
    """Lower case without the accents :func:`alternation` tolerates: a lookup key."""
    return "".join(_BASE.get(ch, ch) for ch in text.lower())


def _char(ch: str) -> str:
    base = _BASE.get(ch)
    if base is not None and base != ch:
        return f"[{ch}{base}]"
    if ch in _APOSTROPHES:
        return f"[{_APOSTROPHES}]"
    if ch == " ":
        return r"[ \u00a0]+"
    return re.escape(ch)


def alternation(items: Iterable[str]) -> str:
    """One non-capturing alternation of ``items``, longest first; match with re.IGNORECASE."""
    ordered = sorted({w.lower() for w in items}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join("".join(_char(ch) for ch in w) for w in ordered) + ")"


def field_names(field: str) -> tuple[str, ...]:
    return words(HEADER_FIELDS[field])


def field_of(name: str) -> str | None:
    """Which header field a printed label names ("Envoyé" -> "date"), or None."""
    return _FIELD_BY_NAME.get(" ".join(fold(name).split()))


_FIELD_BY_NAME: dict[str, str] = {}
for _field, _table in HEADER_FIELDS.items():
    for _name in words(_table):
        # The first field to claim a label keeps it: "de" is From, not a Cc label.
        _FIELD_BY_NAME.setdefault(fold(_name), _field)
