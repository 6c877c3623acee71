"""French and English. Keys are the English sentence; French is looked up beside it."""

from __future__ import annotations

FR: dict[str, str] = {
    "Sign in": "Se connecter",
    "Sign out": "Se déconnecter",
    "Your address": "Votre adresse",
    "Send me a sign-in link": "M'envoyer un lien de connexion",
    "Check your mail": "Consultez votre messagerie",
    "If this address belongs to someone we know, a sign-in link is on its way. "
    "It works once, within 30 minutes.":
        "Si cette adresse est connue, un lien de connexion est en route. "
        "Il ne sert qu'une fois, dans les 30 minutes.",
    "Too many sign-in requests. Wait a little and try again.":
        "Trop de demandes de connexion. Patientez un peu puis réessayez.",
    "This sign-in link is no longer valid (used or expired). Ask for a new one.":
        "Ce lien de connexion n'est plus valable (déjà utilisé ou expiré). "
        "Demandez-en un nouveau.",
    "Continue to the wall": "Continuer vers le mur",
    "My communities": "Mes communautés",
    "Other public communities": "Autres communautés publiques",
    "threads active this week": "fils actifs cette semaine",
    "Wall": "Mur",
    "Documents": "Documents",
    "Members": "Membres",
    "Moderation": "Modération",
    "Adoption": "Adoption",
    "Search": "Rechercher",
    "Settings": "Réglages",
    "All channels": "Tous les canaux",
    "Channel": "Canal",
    "No thread yet.": "Aucun fil pour l'instant.",
    "post": "message",
    "posts": "messages",
    "by email": "par courriel",
    "on the wall": "sur le mur",
    "imported": "importé",
    "email": "courriel",
    "web": "mur",
    "import": "import",
    "New thread": "Nouveau fil",
    "Subject": "Objet",
    "Message": "Message",
    "Publish": "Publier",
    "Reply": "Répondre",
    "Your reply": "Votre réponse",
    "Like": "J'aime",
    "Unlike": "Je n'aime plus",
    "liked by": "aimé par",
    "Quoted history": "Historique cité",
    "Signature": "Signature",
    "Formatted message": "Message mis en forme",
    "Attachments": "Pièces jointes",
    "kept out": "écartée",
    "Filed in the library": "Classé dans la bibliothèque",
    "Upload a document": "Déposer un document",
    "Upload": "Déposer",
    "File": "Fichier",
    "Same name: a new version.": "Même nom : une nouvelle version.",
    "version": "version",
    "History": "Historique",
    "Download": "Télécharger",
    "No document yet.": "Aucun document pour l'instant.",
    "Role": "Rôle",
    "Stage": "Étape",
    "manager": "gestionnaire",
    "member": "membre",
    "external": "externe",
    "email-only": "courriel seul",
    "hybrid": "hybride",
    "wall": "mur",
    "Results for": "Résultats pour",
    "Nothing found.": "Aucun résultat.",
    "Held messages": "Messages en attente",
    "Nothing waits for approval.": "Rien n'attend de validation.",
    "Approve": "Approuver",
    "Reject": "Refuser",
    "Decision recorded: the gateway finishes it within seconds.":
        "Décision enregistrée : la passerelle la termine dans quelques secondes.",
    "From": "De",
    "Received": "Reçu",
    "Reason": "Raison",
    "Weekly posts by source": "Messages par semaine et par origine",
    "Members per adoption stage": "Membres par étape d'adoption",
    "Week": "Semaine",
    "Quarantined messages": "Messages en quarantaine",
    "Nothing in quarantine.": "Rien en quarantaine.",
    "Error": "Erreur",
    "Profile": "Profil",
    "Name": "Nom",
    "Language": "Langue",
    "Digest": "Résumé",
    "daily": "quotidien",
    "weekly": "hebdomadaire",
    "never": "jamais",
    "default": "par défaut",
    "Email me when someone answers or mentions me": "M'écrire quand on me répond ou me mentionne",
    "Save": "Enregistrer",
    "Saved.": "Enregistré.",
    "Unsubscribe from all mail": "Ne plus rien recevoir par courriel",
    "Unsubscribe": "Se désabonner",
    "You will no longer receive digests or notifications.":
        "Vous ne recevrez plus de résumés ni de notifications.",
    "Done: no more digests or notifications.": "C'est fait : plus de résumés ni de notifications.",
    "This link is not valid.": "Ce lien n'est pas valable.",
    "Feed": "Flux",
    "Private": "Privée",
    "Not found": "Introuvable",
    "You may not do this here.": "Vous ne pouvez pas faire cela ici.",
    "The form expired; please try again.": "Le formulaire a expiré ; veuillez réessayer.",
    "Operations": "Exploitation",
    "Previous": "Précédents",
    "Next": "Suivants",
}


def pick_locale(accept_language: str) -> str:
    """The first of fr/en the browser prefers (weights respected); French by default."""
    best: tuple[float, str] | None = None
    for index, part in enumerate(accept_language.split(",")[:20]):
        lang, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        code = lang.strip().lower()[:2]
        if code in ("fr", "en") and (best is None or weight > best[0]):
            best = (weight - index * 1e-6, code)
    return best[1] if best else "fr"


def translator(locale: str):  # type: ignore[no-untyped-def]
    if locale.startswith("fr"):
        return lambda s: FR.get(s, s)
    return lambda s: s
