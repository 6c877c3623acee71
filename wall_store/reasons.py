"""Every decision Mailwall makes about a message, in one table.

A reason carries the lifecycle state it leads to, the SMTP reply where it is
given while the sender is connected, whether the sender gets a notice, and the
sentence a person reads (in the log, in `mailwall queue`, in the notice), in
English and French. Adding a reason means adding one row here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from wall_store.models import MessageStatus


@dataclass(frozen=True)
class ReasonInfo:
    status: MessageStatus | None  # None: refused during the SMTP dialogue, never stored
    smtp: str | None
    notify: bool
    en: str
    fr: str
    advice_en: str = ""
    advice_fr: str = ""
    # "message" decides a whole message; "attachment" keeps one file out of the library.
    scope: str = "message"


class Reason(enum.Enum):
    # Refused while the sender is still connected (no backscatter).
    UNKNOWN_RECIPIENT = ReasonInfo(
        None, "550 5.1.1 No community receives mail at this address", False,
        "No community receives mail at this address.",
        "Aucune communauté ne reçoit de courrier à cette adresse.",
    )
    INVALID_REPLY_ADDRESS = ReasonInfo(
        None, "550 5.1.1 This reply address is not valid (altered or unknown)", False,
        "This reply address is not valid: it was altered or belongs to nothing we know.",
        "Cette adresse de réponse n'est pas valide : elle a été modifiée ou ne correspond à rien.",
    )
    INVALID_RETURN_PATH = ReasonInfo(
        None, "550 5.1.1 This return path is not valid (altered or unknown)", False,
        "This bounce address is not valid: it was altered or names no mail we sent.",
        "Cette adresse de retour n'est pas valide : elle a été modifiée ou ne correspond "
        "à aucun courrier envoyé.",
    )
    COMMUNITY_ARCHIVED = ReasonInfo(
        MessageStatus.REJECTED, "550 5.2.1 This community is archived and takes no more mail",
        True,
        "The community is archived and takes no more mail.",
        "La communauté est archivée et ne reçoit plus de courrier.",
        "Ask its manager where the discussion continues.",
        "Demandez à son gestionnaire où la discussion se poursuit.",
    )
    MESSAGE_TOO_LARGE = ReasonInfo(
        None, "552 5.3.4 Message too big for this community", False,
        "The message is larger than this gateway accepts.",
        "Le message dépasse la taille que cette passerelle accepte.",
    )
    HEADER_TOO_LARGE = ReasonInfo(
        None, "552 5.3.4 Message header too big (at most 100 KB and 1000 lines)", False,
        "The message's header section is larger than this gateway accepts "
        "(100 KB or 1,000 lines).",
        "L'en-tête du message dépasse ce que cette passerelle accepte (100 Ko ou 1 000 lignes).",
    )
    # Decided after `250`, recorded on the raw message.
    POSTED = ReasonInfo(
        MessageStatus.DONE, None, False,
        "Posted on the wall.", "Publié sur le mur.",
    )
    LIKED = ReasonInfo(
        MessageStatus.DONE, None, False,
        "Recorded as a like on the post it answers.",
        "Enregistré comme « j'aime » sur le message auquel il répond.",
    )
    DUPLICATE = ReasonInfo(
        MessageStatus.DONE, None, False,
        "Already on the wall: the same message arrived before.",
        "Déjà sur le mur : le même message est arrivé auparavant.",
    )
    APPROVED = ReasonInfo(
        MessageStatus.DONE, None, False,
        "Approved by a community manager and posted.",
        "Approuvé par un gestionnaire de la communauté et publié.",
    )
    UNPARSABLE = ReasonInfo(
        MessageStatus.REJECTED, None, False,
        "The message has no usable sender, so it cannot be posted under anyone's name.",
        "Le message n'a pas d'expéditeur exploitable : il ne peut être publié au nom de personne.",
    )
    BAD_SENDER_ADDRESS = ReasonInfo(
        MessageStatus.REJECTED, None, False,
        "The sender's address is not a valid email address (control characters or bad "
        "syntax), so it cannot be posted under anyone's name.",
        "L'adresse de l'expéditeur n'est pas une adresse valide (caractères de contrôle ou "
        "syntaxe incorrecte) : le message ne peut être publié au nom de personne.",
    )
    EMPTY_MESSAGE = ReasonInfo(
        MessageStatus.REJECTED, None, True,
        "The message has no text and no attachment: there is nothing to post.",
        "Le message n'a ni texte ni pièce jointe : il n'y a rien à publier.",
        "Write your message in the body of the mail, or attach the file, and send it again.",
        "Écrivez votre message dans le corps du courriel, ou joignez le fichier, puis renvoyez-le.",
    )
    NON_MEMBER_REJECTED = ReasonInfo(
        MessageStatus.REJECTED, None, True,
        "The sender is not a member of this community, which takes mail from members only.",
        "L'expéditeur n'est pas membre de cette communauté, qui n'accepte que ses membres.",
        "Ask a manager of the community to add you, then send your message again.",
        "Demandez à un gestionnaire de la communauté de vous ajouter, puis renvoyez le message.",
    )
    NON_MEMBER_HELD = ReasonInfo(
        MessageStatus.HELD, None, True,
        "The sender is not a member: the message waits for a community manager's approval.",
        "L'expéditeur n'est pas membre : le message attend l'accord d'un gestionnaire.",
        "Nothing to do: you will see it on the wall once approved.",
        "Rien à faire : il apparaîtra sur le mur une fois approuvé.",
    )
    REPLY_TOKEN_OTHER_SENDER = ReasonInfo(
        MessageStatus.HELD, None, True,
        "The reply address used belongs to someone else: a manager will check the message.",
        "L'adresse de réponse utilisée appartient à quelqu'un d'autre : "
        "un gestionnaire va vérifier le message.",
        "Reply from your own notification or digest next time.",
        "La prochaine fois, répondez depuis votre propre notification ou résumé.",
    )
    DMARC_FAILED = ReasonInfo(
        MessageStatus.HELD, None, False,
        "The sender's domain says this message is not from them (DMARC failed): held for review.",
        "Le domaine de l'expéditeur indique que ce message n'est pas de lui (échec DMARC) : "
        "retenu pour vérification.",
    )
    DMARC_REJECTED = ReasonInfo(
        MessageStatus.REJECTED, None, False,
        "The sender's domain says this message is not from them and asks that such mail be "
        "refused (DMARC failed, policy reject): refused.",
        "Le domaine de l'expéditeur indique que ce message n'est pas de lui et demande de "
        "refuser un tel courrier (échec DMARC, politique reject) : refusé.",
    )
    UNAUTHENTICATED_HELD = ReasonInfo(
        MessageStatus.HELD, None, True,
        "The message uses a member's address but nothing shows it comes from them (no "
        "passing, aligned SPF, DKIM or DMARC): it waits for a community manager's check.",
        "Le message utilise l'adresse d'un membre mais rien ne montre qu'il vient de lui "
        "(aucun SPF, DKIM ou DMARC valide et aligné) : il attend la vérification d'un "
        "gestionnaire.",
        "If you sent it, nothing to do: a manager will approve it. Ask your IT department to "
        "sign your domain's mail (DKIM) so it is posted at once next time.",
        "Si vous l'avez envoyé, rien à faire : un gestionnaire va l'approuver. Demandez à "
        "votre service informatique de signer le courrier de votre domaine (DKIM) pour "
        "qu'il soit publié directement la prochaine fois.",
    )
    UNAUTHENTICATED_REJECTED = ReasonInfo(
        MessageStatus.REJECTED, None, True,
        "The message uses a member's address but nothing shows it comes from them (no "
        "passing, aligned SPF, DKIM or DMARC), and this community refuses such mail.",
        "Le message utilise l'adresse d'un membre mais rien ne montre qu'il vient de lui "
        "(aucun SPF, DKIM ou DMARC valide et aligné), et cette communauté refuse un tel "
        "courrier.",
        "If you sent it, ask your IT department to sign your domain's mail (DKIM), or post "
        "it on the wall.",
        "Si vous l'avez envoyé, demandez à votre service informatique de signer le courrier "
        "de votre domaine (DKIM), ou publiez-le sur le mur.",
    )
    MANAGER_REJECTED = ReasonInfo(
        MessageStatus.REJECTED, None, True,
        "A community manager declined the message.",
        "Un gestionnaire de la communauté a refusé le message.",
        "Contact the community's manager if you think this is a mistake.",
        "Contactez le gestionnaire de la communauté si vous pensez qu'il s'agit d'une erreur.",
    )
    MODERATION_APPLIED = ReasonInfo(
        MessageStatus.DONE, None, False,
        "A manager's answer to a moderation notice: the decision was applied.",
        "Réponse d'un gestionnaire à un avis de modération : la décision est appliquée.",
    )
    MODERATION_NOT_UNDERSTOOD = ReasonInfo(
        MessageStatus.REJECTED, None, True,
        "The answer to the moderation notice was not understood.",
        "La réponse à l'avis de modération n'a pas été comprise.",
        "Reply with the single word approve or reject.",
        "Répondez par un seul mot : approuver ou refuser.",
    )
    MODERATION_NOT_ALLOWED = ReasonInfo(
        MessageStatus.REJECTED, None, True,
        "Only the manager the moderation notice was sent to can answer it.",
        "Seul le gestionnaire à qui l'avis de modération a été envoyé peut y répondre.",
        "Use the moderation page of the community on the wall.",
        "Utilisez la page de modération de la communauté sur le mur.",
    )
    MODERATION_ALREADY_DECIDED = ReasonInfo(
        MessageStatus.DONE, None, False,
        "The held message had already been decided; nothing changed.",
        "Le message retenu avait déjà été traité ; rien n'a changé.",
    )
    AUTO_REPLY = ReasonInfo(
        MessageStatus.DROPPED, None, False,
        "An automatic reply (out of office or similar) is not posted.",
        "Une réponse automatique (absence ou autre) n'est pas publiée.",
    )
    BOUNCE = ReasonInfo(
        MessageStatus.DROPPED, None, False,
        "A delivery failure report is not posted.",
        "Un avis de non-remise n'est pas publié.",
    )
    BOUNCE_RECORDED = ReasonInfo(
        MessageStatus.DONE, None, False,
        "A delivery failure report for mail Mailwall sent: counted against the address.",
        "Un avis de non-remise pour un courrier envoyé par Mailwall : compté pour l'adresse.",
    )
    BOUNCE_NOT_COUNTED = ReasonInfo(
        MessageStatus.DONE, None, False,
        "A report to a return path that is no failure (delayed, delivered) or an automatic "
        "reply: recorded, not counted.",
        "Un avis adressé à une adresse de retour qui n'est pas un échec (retardé, remis) ou "
        "une réponse automatique : enregistré, non compté.",
    )
    # Mail to postmaster@ or abuse@ of Mailwall's domain (RFC 5321 4.5.1, RFC 2142): for the
    # operators, never for a wall, never answered.
    OPERATOR_MAIL_FORWARDED = ReasonInfo(
        MessageStatus.DONE, None, False,
        "Mail to postmaster or abuse: forwarded to the operators (smtp.postmaster).",
        "Courrier adressé à postmaster ou abuse : transmis aux opérateurs (smtp.postmaster).",
    )
    OPERATOR_MAIL_KEPT = ReasonInfo(
        MessageStatus.QUARANTINED, None, False,
        "Mail to postmaster or abuse, kept here for the operators: no operator address is "
        "configured (smtp.postmaster or web.ops_addresses), or it came back from one of them "
        "in a loop. Read it with `mailwall queue show`; `mailwall queue retry` forwards it.",
        "Courrier adressé à postmaster ou abuse, conservé ici pour les opérateurs : aucune "
        "adresse d'opérateur n'est configurée (smtp.postmaster ou web.ops_addresses), ou il "
        "est revenu de l'une d'elles en boucle. Lisez-le avec `mailwall queue show` ; "
        "`mailwall queue retry` le transmet.",
    )
    MAILING_LIST = ReasonInfo(
        MessageStatus.DROPPED, None, False,
        "Mailing-list traffic is not posted, to avoid loops.",
        "Le courrier de liste de diffusion n'est pas publié, pour éviter les boucles.",
    )
    OWN_LOOP = ReasonInfo(
        MessageStatus.DROPPED, None, False,
        "Mailwall's own mail came back: dropped to avoid a loop.",
        "Un courrier envoyé par Mailwall est revenu : ignoré pour éviter une boucle.",
    )
    ATTACHMENT_BLOCKED = ReasonInfo(
        None, None, False,
        "This type of file (program or script) is not accepted in the library.",
        "Ce type de fichier (programme ou script) n'est pas accepté dans la bibliothèque.",
        "Share it another way, or in an archive your IT department allows.",
        "Partagez-le autrement, ou dans une archive autorisée par votre service informatique.",
        scope="attachment",
    )
    ATTACHMENT_TOO_LARGE = ReasonInfo(
        None, None, False,
        "This file is larger than the library accepts.",
        "Ce fichier dépasse la taille acceptée par la bibliothèque.",
        scope="attachment",
    )
    WAITING_FOR_PARENT = ReasonInfo(
        MessageStatus.RECEIVED, None, False,
        "Waiting a moment for the message it answers, which has arrived but is not on the "
        "wall yet.",
        "En attente du message auquel il répond, arrivé mais pas encore sur le mur.",
    )
    PROCESSING_ERROR = ReasonInfo(
        MessageStatus.FAILED, None, False,
        "Processing failed; it will be retried.",
        "Le traitement a échoué ; il sera retenté.",
    )
    QUARANTINED = ReasonInfo(
        MessageStatus.QUARANTINED, None, False,
        "Processing failed too many times: kept for an operator (`mailwall queue`).",
        "Le traitement a échoué trop souvent : conservé pour un opérateur (`mailwall queue`).",
    )

    @property
    def code(self) -> str:
        return self.name.lower()

    @property
    def info(self) -> ReasonInfo:
        return self.value

    @property
    def status(self) -> MessageStatus | None:
        return self.value.status

    @property
    def smtp(self) -> str | None:
        return self.value.smtp

    @property
    def notify(self) -> bool:
        return self.value.notify

    def sentence(self, locale: str = "en") -> str:
        return self.value.fr if locale.startswith("fr") else self.value.en

    def advice(self, locale: str = "en") -> str:
        return self.value.advice_fr if locale.startswith("fr") else self.value.advice_en

    @classmethod
    def from_code(cls, code: str) -> Reason:
        return cls[code.upper()]
