"""French and English strings for the mail templates (Jinja2's i18n extension).

Templates are written with English message ids (`_("...")`, `ngettext(...)`);
French comes from this catalogue. A missing French string falls back to the
English id, and `test_every_template_string_has_a_french_translation` catches it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FR: dict[str, str] = {
    "Hello %(name)s,": "Bonjour %(name)s,",
    "Hello,": "Bonjour,",
    "Here is what moved in your communities since %(since)s.":
        "Voici ce qui a bougé dans vos communautés depuis le %(since)s.",
    "Your week on the wall, in short.": "Votre semaine sur le mur, en bref.",
    "You are mentioned": "Vous êtes mentionné·e",
    "Answers to you": "On vous répond",
    "Read on the wall": "Lire sur le mur",
    "Answer by email": "Répondre par e-mail",
    "Answer by email: reply to this message, or write to": "Répondre par e-mail : répondez à "
    "ce message, ou écrivez à",
    "New documents and versions": "Nouveaux documents et versions",
    "See the library": "Voir la bibliothèque",
    "by %(who)s": "par %(who)s",
    "Only on the wall": "Seulement sur le mur",
    "On the wall you can also like posts, follow documents and find every thread.":
        "Sur le mur, vous pouvez aussi aimer les messages, suivre les documents et "
        "retrouver tous les fils.",
    "Your digest": "Votre résumé",
    "Your Mailwall digest": "Votre résumé Mailwall",
    "Your weekly summary": "Votre résumé de la semaine",
    "and %(n)s more in the thread": "et %(n)s de plus dans le fil",
    "You receive this digest %(frequency)s.": "Vous recevez ce résumé %(frequency)s.",
    "daily": "chaque jour",
    "weekly": "chaque semaine",
    "Change your settings": "Modifier vos préférences",
    "Unsubscribe from digests": "Ne plus recevoir de résumés",
    "Stop these notifications": "Ne plus recevoir ces notifications",
    "%(who)s mentioned you in %(subject)s": "%(who)s vous a mentionné·e dans %(subject)s",
    "%(who)s answered you in %(subject)s": "%(who)s vous a répondu dans %(subject)s",
    "%(who)s mentioned you": "%(who)s vous a mentionné·e",
    "%(who)s answered you": "%(who)s vous a répondu",
    "In the thread": "Dans le fil",
    "Earlier": "Plus tôt",
    "Write \"+1\" alone to like it.": "Écrivez « +1 » seul pour l'aimer.",
    "Reply to this message to answer on the wall.":
        "Répondez à ce message pour répondre sur le mur.",
    "This message is automatic; your reply is posted on the wall.":
        "Ce message est automatique ; votre réponse est publiée sur le mur.",
    "A message is waiting for your approval in %(community)s":
        "Un message attend votre validation dans %(community)s",
    "A message from %(sender)s to %(community)s is held for moderation.":
        "Un message de %(sender)s pour %(community)s attend une modération.",
    "Reason": "Raison",
    "Subject": "Objet",
    "To publish it": "Pour le publier",
    "Answer this mail with the single word approve to publish it, or reject to refuse it.":
        "Répondez à ce message par un seul mot : approuver pour le publier, "
        "ou refuser pour le refuser.",
    "To refuse it": "Pour le refuser",
    "or in the moderation queue on the wall": "ou dans la file de modération du mur",
    "(no subject)": "(sans objet)",
}

FR_PLURAL: dict[str, tuple[str, str]] = {
    "%(num)d colleague liked your message %(subject)s": (
        "%(num)d collègue a aimé votre message %(subject)s",
        "%(num)d collègues ont aimé votre message %(subject)s",
    ),
    "%(num)d new message for you": ("%(num)d nouveau message pour vous",
                                    "%(num)d nouveaux messages pour vous"),
    "%(num)d message": ("%(num)d message", "%(num)d messages"),
}

PLURAL_IDS: dict[str, str] = {
    "%(num)d colleague liked your message %(subject)s":
        "%(num)d colleagues liked your message %(subject)s",
    "%(num)d new message for you": "%(num)d new messages for you",
    "%(num)d message": "%(num)d messages",
}

NUDGE_NEW_VERSION = {
    "fr": "« {name} » a une nouvelle version (v{number}) sur le mur",
    "en": "\"{name}\" has a new version (v{number}) on the wall",
}
NUDGE_NEW_DOCUMENT = {
    "fr": "Nouveau document « {name} » sur le mur",
    "en": "New document \"{name}\" on the wall",
}


def language(locale: str | None, default: str = "fr") -> str:
    value = (locale or default or "fr").lower()
    return "en" if value.startswith("en") else "fr"


def callables(lang: str) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
    """gettext and ngettext for one language (formatting is left to Jinja2's newstyle)."""

    def gettext(message: str) -> str:
        return FR.get(message, message) if lang == "fr" else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        if lang == "fr":
            forms = FR_PLURAL.get(singular)
            if forms:
                # French: 0 and 1 take the singular.
                return forms[0] if n <= 1 else forms[1]
        return singular if n == 1 else plural

    return gettext, ngettext


def translate(lang: str, message: str, **values: Any) -> str:
    """A string for Python code (subjects built outside templates)."""
    text = callables(lang)[0](message)
    return text % values if values else text
