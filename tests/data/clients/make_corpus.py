"""Generate Mailwall's labelled client corpus (tests/data/clients).

Each message is composed from hand-written parts (bodies, sign-offs, signatures,
histories) and a per-client renderer that reproduces how that client lays out a
reply or a forward (attribution wording, header block labels, HTML shell,
quoting). The expected output of each case is known by construction: it is the
text the author composed, never the output of Mailwall's parser.

Deterministic: a fixed seed, fixed dates, no clock. Run from the repository root:

    python tests/data/clients/make_corpus.py

All people, companies and domains are fictitious (.example / .test domains).
"""

# Long lines are hand-written message text and markup kept whole for reading.
# ruff: noqa: E501
from __future__ import annotations

import base64
import hashlib
import html
import json
import quopri
import random
import re
import textwrap
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path

OUT = Path(__file__).resolve().parent
NBSP = "\u00a0"
PARIS = timezone(timedelta(hours=1))

# ---------------------------------------------------------------------------
# People and organisations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    name: str
    domain: str
    notes: str  # Notes domain, e.g. VALLARIN
    street: str
    city: str
    phone: str


ORGS = [
    Org(
        "Groupe Vallarin",
        "vallarin.example",
        "VALLARIN",
        "12 rue des Tanneurs",
        "69002 Lyon",
        "+33 4 72 10 20 30",
    ),
    Org(
        "Transports Morel",
        "transports-morel.example",
        "MOREL",
        "ZA du Pont-Rouge",
        "35510 Cesson-Sévigné",
        "+33 2 99 83 40 50",
    ),
    Org(
        "Cabinet Lefort Avocats",
        "lefort-avocats.example",
        "LEFORT",
        "8 avenue Foch",
        "75116 Paris",
        "+33 1 45 00 12 34",
    ),
    Org(
        "Mairie de Saint-Aubin",
        "saint-aubin.test",
        "STAUBIN",
        "Place de la Mairie",
        "44300 Saint-Aubin",
        "+33 2 40 11 22 33",
    ),
    Org(
        "Bâtiplus Ingénierie",
        "batiplus-ingenierie.example",
        "BATIPLUS",
        "3 allée Marie Curie",
        "31400 Toulouse",
        "+33 5 61 20 30 40",
    ),
    Org(
        "Laiterie du Bocage",
        "laiterie-bocage.example",
        "BOCAGE",
        "Route de Vire",
        "14500 Vire",
        "+33 2 31 66 70 80",
    ),
    Org(
        "Northwind Logistics",
        "northwind-logistics.example",
        "NORTHWIND",
        "40 Harbour Road",
        "Dublin 2, Ireland",
        "+353 1 555 0142",
    ),
    Org(
        "Helios Software",
        "helios-software.example",
        "HELIOS",
        "221 King Street",
        "London EC2A 4NE",
        "+44 20 7946 0321",
    ),
    Org(
        "Kestrel Pharma",
        "kestrel-pharma.example",
        "KESTREL",
        "Avenue Louise 54",
        "1050 Brussels",
        "+32 2 555 01 77",
    ),
    Org(
        "Iberlogística S.L.",
        "iberlogistica.example",
        "IBERLOG",
        "Calle de Alcalá 120",
        "28009 Madrid",
        "+34 91 555 01 23",
    ),
    Org(
        "Studio Bianchi S.r.l.",
        "studio-bianchi.example",
        "BIANCHI",
        "Via Torino 45",
        "20123 Milano",
        "+39 02 5550 1234",
    ),
    Org(
        "Alpenwerk GmbH",
        "alpenwerk.example",
        "ALPENWERK",
        "Bahnhofstraße 17",
        "80335 München",
        "+49 89 5550 1234",
    ),
]
ORG_BY_NOTES = {o.notes: o for o in ORGS}


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    org: Org | None
    title: str
    email: str
    mobile: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def notes(self) -> str:
        return f"{self.name}/{self.org.notes if self.org else 'HOME'}"


def _p(
    first: str, last: str, org: str | None, title: str, email: str | None = None, mobile: str = ""
) -> Person:
    o = ORG_BY_NOTES[org] if org else None
    if email is None:
        local = f"{first}.{last}".lower()
        for a, b in (
            ("é", "e"),
            ("è", "e"),
            ("ë", "e"),
            ("ï", "i"),
            ("ç", "c"),
            (" ", ""),
            ("ô", "o"),
        ):
            local = local.replace(a, b)
        email = f"{local}@{o.domain}" if o else f"{local}@gmail.example"
    return Person(first, last, o, title, email, mobile)


FR_PEOPLE = [
    _p("Jean", "Dupont", "VALLARIN", "Responsable achats", mobile="+33 6 12 34 56 78"),
    _p("Marie", "Lambert", "VALLARIN", "Assistante de direction"),
    _p("Claire", "Besson", "MOREL", "Chargée de clientèle", mobile="+33 6 71 22 93 40"),
    _p("Thomas", "Girard", "MOREL", "Responsable d'exploitation"),
    _p("Sophie", "Marchand", "LEFORT", "Avocate associée", mobile="+33 6 45 18 27 09"),
    _p("Nicolas", "Perrin", "LEFORT", "Juriste"),
    _p("Isabelle", "Roux", "STAUBIN", "Directrice générale des services"),
    _p("Julien", "Fabre", "STAUBIN", "Responsable informatique", mobile="+33 7 81 02 55 64"),
    _p("Aurélie", "Caron", "BATIPLUS", "Cheffe de projet"),
    _p(
        "Mathieu",
        "Lefèvre",
        "BATIPLUS",
        "Ingénieur structure",
        email="mathieu.lefevre@batiplus-ingenierie.example",
    ),
    _p(
        "Hélène",
        "Garnier",
        "BOCAGE",
        "Responsable qualité",
        email="helene.garnier@laiterie-bocage.example",
    ),
    _p(
        "François",
        "Morin",
        "BOCAGE",
        "Directeur commercial",
        email="francois.morin@laiterie-bocage.example",
        mobile="+33 6 09 87 65 43",
    ),
    _p("Camille", "Robin", None, "", email="camille.robin@gmail.example"),
    _p("Pierre", "Chevalier", "VALLARIN", "Contrôleur de gestion"),
    _p("Nathalie", "Bonnet", "MOREL", "Comptable fournisseurs"),
    _p(
        "Marie-Hélène",
        "Dupont-Laurent",
        "BATIPLUS",
        "Responsable administrative et financière",
        email="marie-helene.dupont-laurent@batiplus-ingenierie.example",
    ),
    _p("Antoine", "Mercier", "STAUBIN", "Technicien réseaux"),
    _p(
        "Élodie",
        "Fournier",
        "LEFORT",
        "Assistante juridique",
        email="elodie.fournier@lefort-avocats.example",
    ),
]
EN_PEOPLE = [
    _p(
        "Sarah",
        "O'Connor",
        "NORTHWIND",
        "Account Manager",
        email="sarah.oconnor@northwind-logistics.example",
        mobile="+353 87 555 0199",
    ),
    _p("David", "Kelly", "NORTHWIND", "Operations Lead"),
    _p("James", "Whitfield", "HELIOS", "Engineering Manager"),
    _p("Priya", "Raman", "HELIOS", "Senior Developer"),
    _p("Laura", "Peeters", "KESTREL", "Procurement Officer", mobile="+32 475 55 01 23"),
    _p("Michael", "Brennan", "KESTREL", "Regulatory Affairs Director"),
    _p("Emily", "Carter", None, "", email="emily.carter@gmail.example"),
    _p("Tom", "Hughes", "HELIOS", "Support Engineer"),
]
DE_PEOPLE = [
    _p("Stefan", "Bauer", "ALPENWERK", "Einkaufsleiter"),
    _p("Anna", "Schmidt", "ALPENWERK", "Vertriebsassistentin"),
]
ES_PEOPLE = [
    _p("Lucía", "García", None, "", email="lucia.garcia@gmail.example"),
    _p("Javier", "Moreno", "IBERLOG", "Jefe de compras"),
]
IT_PEOPLE = [
    _p("Giulia", "Romano", None, "", email="giulia.romano@gmail.example"),
    _p("Marco", "Bianchi", "BIANCHI", "Responsabile acquisti"),
]

# ---------------------------------------------------------------------------
# Hand-written text
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Thread:
    """An original message and replies that answer it, in order (the hand-written text)."""

    subject: str
    original: list[str]
    replies: list[list[str]]


FR_THREADS = [
    Thread(
        "Devis postes de travail",
        [
            "Bonjour,",
            "Veuillez trouver ci-joint notre devis n° D-2025-042 pour la fourniture de 40 postes de travail, écrans compris.",
            "Restant à votre disposition pour tout complément.",
        ],
        [
            [
                "Bonjour Jean,",
                "Merci pour le devis. Nous validons la proposition à 12 480 € HT, sous réserve d'une livraison avant le 28 février.",
                "Pouvez-vous m'envoyer le bon de commande à signer ?",
            ],
            [
                "Bonjour,",
                "Le bon de commande signé est en pièce jointe. Merci de nous confirmer la date de livraison.",
            ],
            ["Merci Sophie, c'est parfait.", "Livraison confirmée le 26 février au matin, quai B."],
        ],
    ),
    Thread(
        "Conseil municipal du 20 mars",
        [
            "Bonjour Isabelle,",
            "Le conseil municipal du 20 mars devra délibérer sur la convention de mise à disposition du gymnase. Le projet de délibération est prêt.",
        ],
        [
            [
                "Bonjour Madame Roux,",
                "Merci. Pouvez-vous ajouter l'annexe financière au projet ? La commission des finances la demandera.",
            ],
            ["Bonjour,", "C'est fait : l'annexe est jointe au dossier du conseil, page 14."],
            ["Parfait, merci.", "Je l'inscris à l'ordre du jour en point 6."],
        ],
    ),
    Thread(
        "Report de livraison",
        [
            "Bonjour,",
            "Je vous informe que la livraison prévue le 12 février est reportée au 14 en raison d'une grève au dépôt de Rennes.",
        ],
        [
            [
                "Bonjour Claire,",
                "C'est ennuyeux : nos magasins de Brest seront en rupture dès le 13. Est-il possible de livrer au moins Brest le 12 depuis un autre dépôt ?",
            ],
            [
                "Bonjour,",
                "Nous pouvons charger à Lorient le 12 au soir pour une livraison à Brest le 13 à 6 h. Cela vous convient-il ?",
            ],
            ["Oui, parfait pour nous.", "Merci pour la réactivité."],
        ],
    ),
    Thread(
        "Protocole transactionnel – projet",
        [
            "Bonjour Sophie,",
            "Vous trouverez ci-joint le projet de protocole transactionnel, avec mes commentaires en marge.",
        ],
        [
            [
                "Bonjour Maître,",
                "Je vous remercie pour votre retour. Mon client accepte le principe d'une médiation, à condition que la première séance ait lieu avant fin mars.",
            ],
            [
                "Bonjour,",
                "La partie adverse propose le 27 mars à 10 h, au cabinet. Pouvez-vous confirmer avec votre client ?",
            ],
            [
                "Bonjour Élodie,",
                "Confirmé pour le 27 mars. Pourriez-vous me renvoyer le projet au format PDF ? La pièce jointe précédente était illisible.",
            ],
        ],
    ),
    Thread(
        "Proposition maintenance imprimantes",
        [
            "Bonjour Jean,",
            "Comme convenu au téléphone, je vous adresse notre proposition pour la maintenance annuelle du parc d'imprimantes.",
            "Le tarif inclut les pièces et la main-d'œuvre.",
        ],
        [
            [
                "Bonjour,",
                "Merci pour la proposition. Le délai d'intervention de 48 h nous paraît long : pouvez-vous proposer une option à 24 h ?",
            ],
            [
                "Bonjour Jean,",
                "L'option 24 h ouvrées est à 1 150 € HT par an en supplément. Je vous envoie l'avenant si vous le souhaitez.",
            ],
            ["OK pour moi.", "Envoyez l'avenant, je le fais signer cette semaine."],
        ],
    ),
    Thread(
        "Réunion de chantier jeudi",
        [
            "Bonjour à tous,",
            "La réunion de chantier de jeudi est avancée à 8 h 30. Merci de prévoir vos EPI.",
        ],
        [
            [
                "Bonjour Aurélie,",
                "Les plans révisés sont sur le partage, dossier « Lot 3 – indice C ». J'ai repris les remarques du bureau de contrôle sauf la poutre P12, à voir ensemble jeudi.",
            ],
            ["Bonjour Mathieu,", "Reçu, merci. Je regarde la note de calcul de la P12 ce soir."],
            [
                "Bonjour à tous,",
                "Suite à la réunion, voici les points retenus :\n- reprise de la poutre P12 en indice D ;\n- coulage de la dalle du 2e étage le 18 mars ;\n- visite du bureau de contrôle le 20 mars.",
                "Merci de me signaler toute erreur d'ici vendredi.",
            ],
        ],
    ),
    Thread(
        "Non-conformité lot 2498",
        [
            "Bonjour Hélène,",
            "Nous avons relevé une non-conformité sur le lot 2498 : taux de matière grasse à 3,2 % au lieu de 3,6 %.",
            "Pouvez-vous nous indiquer les actions correctives ?",
        ],
        [
            [
                "Bonjour François,",
                "Nous avons identifié un défaut d'étalonnage de l'écrémeuse n° 2. Elle est arrêtée et le lot 2503 sera contrôlé avant expédition.",
            ],
            [
                "Bonsoir Hélène,",
                "Merci. Les résultats d'analyse du lot 2503 nous parviennent quand ?",
            ],
            [
                "Bonjour,",
                "Les résultats du lot 2503 sont conformes (3,6 %). Le lot peut être libéré demain matin.",
            ],
        ],
    ),
    Thread(
        "Relevé d'heures janvier",
        [
            "Bonjour,",
            "Pouvez-vous me transmettre le relevé d'heures de janvier pour l'équipe de nuit ?",
        ],
        [
            [
                "Bonjour Nathalie,",
                "Voici le relevé en pièce jointe. Il manque encore les heures de M. Leroux, en arrêt depuis le 27.",
            ],
            [
                "Merci Thomas.",
                "Je passe le relevé en paie avec un rappel pour M. Leroux le mois prochain.",
            ],
            [
                "Bonjour,",
                "C'est noté, je mets à jour le planning et je reviens vers vous d'ici jeudi.",
            ],
        ],
    ),
    Thread(
        "Imprimante état civil",
        [
            "Bonjour Julien,",
            "Depuis la mise à jour de lundi, l'imprimante du service état civil n'imprime plus en recto verso.",
        ],
        [
            [
                "Bonjour,",
                "Je passe cet après-midi. Pouvez-vous noter le message d'erreur affiché sur l'imprimante s'il y en a un ?",
            ],
            [
                "Bonjour Julien,",
                "Aucun message d'erreur, l'option recto verso est simplement grisée dans Word.",
            ],
            [
                "Bonjour Antoine,",
                "Le pilote a été réinstallé sur les trois postes de l'état civil. Le recto verso refonctionne.",
            ],
        ],
    ),
    Thread(
        "Vendredi soir",
        [
            "Salut,",
            "Tu es dispo vendredi soir pour l'anniversaire de Léa ? On pensait faire un resto vers 20 h.",
        ],
        [
            ["Salut Camille,", "Oui, avec plaisir ! Vous avez choisi où ?"],
            ["Chez Marcel, rue de la République.", "On se retrouve devant la gare à 19 h 45 ?"],
            ["Super, merci !", "On se retrouve devant la gare alors."],
        ],
    ),
    Thread(
        "Votre commande 45821",
        [
            "Bonjour Monsieur Dupont,",
            "Suite à votre demande, je vous confirme que votre commande n° 45821 a été expédiée ce jour.",
            "Numéro de suivi : 6A12345678901.",
        ],
        [
            [
                "Bonjour,",
                "Merci. Le colis est annoncé pour quelle date ? Nous fermons exceptionnellement le vendredi 14.",
            ],
            [
                "Bonjour Monsieur Dupont,",
                "Le transporteur annonce une livraison le jeudi 13 avant 13 h.",
            ],
            [
                "Bonjour Claire,",
                "Le colis est bien arrivé ce matin, mais il manquait deux cartons sur les quatorze annoncés.",
                "Pouvez-vous vérifier auprès de votre entrepôt ?",
            ],
        ],
    ),
    Thread(
        "Entretien annuel",
        [
            "Bonjour,",
            "L'entretien annuel d'évaluation est fixé au mardi 18 mars à 14 h, bureau 204.",
        ],
        [
            [
                "Bonjour,",
                "Merci pour votre message. Le rendez-vous de mardi 14 h me convient parfaitement.",
            ],
            [
                "Bonjour,",
                "Vous trouverez la grille d'auto-évaluation en pièce jointe, à me renvoyer avant le 14 mars.",
            ],
            [
                "Bonjour,",
                "Voici ma grille complétée. J'ai ajouté une demande de formation sur le nouveau logiciel de paie.",
            ],
        ],
    ),
    Thread(
        "Point trésorerie",
        [
            "Bonjour Pierre,",
            "Le comité de direction souhaite un point sur la trésorerie à fin février. Peux-tu préparer une synthèse d'une page ?",
        ],
        [
            ["Bonjour,", "Oui, je l'envoie jeudi. J'intègre la prévision à 13 semaines ?"],
            ["Bonjour Pierre,", "Oui, avec un scénario dégradé si le client Leroy paie en retard."],
            [
                "Bonjour Jean,",
                "Voici la synthèse. La ligne « frais de déplacement » me paraît sous-estimée d'environ 15 %, vu les salons prévus au second semestre.",
                "On en parle au comité de lundi ?",
            ],
        ],
    ),
    Thread(
        "Relance facture F-2025-0117",
        [
            "Bonjour Nathalie,",
            "Sauf erreur de notre part, la facture F-2025-0117 de 3 240,00 € TTC reste impayée à ce jour.",
        ],
        [
            [
                "Bonjour,",
                "La facture F-2025-0117 a été réglée par virement le 4 février. Vous trouverez l'avis de virement en pièce jointe.",
            ],
            [
                "Bonjour Nathalie,",
                "Merci, le virement est bien arrivé le 6. Désolée pour la relance.",
            ],
            ["Pas de souci, merci pour la vérification."],
        ],
    ),
    Thread(
        "Livraison horaire décalé Brest",
        [
            "Bonjour Thomas,",
            "Le client Leroy demande une livraison en horaire décalé (5 h) pour ses trois magasins de Brest.",
        ],
        [
            [
                "Bonjour Claire,",
                "C'est faisable à partir du 10 mars si on passe à deux chauffeurs sur la tournée de Rennes. Le volume a doublé depuis janvier.",
            ],
            [
                "Bonjour Thomas,",
                "Le client accepte le surcoût de nuit. Je te confirme le démarrage au 10 mars.",
            ],
            [
                "Bonjour,",
                "C'est noté. Les badges d'accès aux quais seront à retirer à l'accueil du magasin principal.",
            ],
        ],
    ),
    Thread(
        "Serveur de fichiers",
        [
            "Bonjour Julien,",
            "Le serveur de fichiers ne répond plus depuis 9 h. Les agents de l'accueil ne peuvent plus ouvrir les dossiers partagés.",
            "Peux-tu regarder en priorité ?",
        ],
        [
            ["Bonjour,", "Le switch du 2e étage est en panne. Je le remplace dans l'heure."],
            [
                "Bonjour Antoine,",
                "Tout refonctionne, merci. Il faudra par contre reprogrammer les VLAN de la salle du conseil.",
            ],
            [
                "Bonjour,",
                "VLAN reprogrammés. La salle du conseil est de nouveau sur le réseau des élus.",
            ],
        ],
    ),
]

EN_THREADS = [
    Thread(
        "Quotation Q-7781",
        [
            "Hi,",
            "Please find attached our quotation Q-7781 for the warehouse racking.",
            "Prices are valid for 30 days.",
        ],
        [
            [
                "Hi Sarah,",
                "Thanks for the quotation. Does the price include installation, or only delivery?",
            ],
            ["Hello,", "Installation is included; it takes two days and needs the aisles cleared."],
            [
                "Dear Laura,",
                "Please find attached our signed purchase order for Q-7781.",
                "Could you confirm the installation dates?",
            ],
        ],
    ),
    Thread(
        "Quarterly review",
        [
            "Hello team,",
            "The quarterly review is scheduled for Tuesday 18 March at 10:00 GMT. Agenda to follow.",
        ],
        [
            ["Hi,", "Could we add a slot for the audit findings? Twenty minutes should do."],
            [
                "Hi all,",
                "Quick summary of today's review:\n- go-live moved to 7 April;\n- data migration dry run on 24 March;\n- Laura owns the supplier communication.",
                "Shout if I missed anything.",
            ],
            ["Works for me.", "I'll book the room."],
        ],
    ),
    Thread(
        "Shipment NW-55120",
        ["Hi Sarah,", "We noticed a delay on shipment NW-55120. Do you have an updated ETA?"],
        [
            [
                "Hi David,",
                "The vessel was held in Rotterdam for two days. New ETA at Dublin port is Thursday.",
                "We can take the 14:00 slot for the unloading.",
            ],
            [
                "Hello Sarah,",
                "The pallets arrived this morning, all 22 of them. One carton was damaged; photos attached.",
            ],
            [
                "Hi David,",
                "Following up on the customs paperwork: we still need the EORI number for the consignee before Friday.",
            ],
        ],
    ),
    Thread(
        "Nightly build failing",
        [
            "Hi James,",
            "The nightly build has been failing since last night's merge. The error is in the migration step.",
        ],
        [
            [
                "Hi Priya,",
                "My fault, the migration assumed an empty table. I've pushed a fix, can you re-run?",
            ],
            ["Thanks James, that fixed it.", "I'll deploy to staging this afternoon."],
            [
                "Hi James,",
                "I've reviewed the follow-up pull request. Two small comments on the retry logic, otherwise good to merge.",
            ],
        ],
    ),
    Thread(
        "RFP cold-chain 2025",
        [
            "Dear Laura,",
            "We would like to invite Kestrel Pharma to tender for the 2025 cold-chain contract. The RFP documents are attached.",
        ],
        [
            [
                "Dear Michael,",
                "Thank you for the invitation. Could you confirm the deadline for clarification questions?",
            ],
            [
                "Dear Laura,",
                "Questions are due by 7 March; answers will be shared with all bidders on 12 March.",
            ],
            [
                "Dear Michael,",
                "Please find attached our signed proposal for the cold-chain monitoring units.",
                "Delivery lead time is six weeks from the purchase order.",
            ],
        ],
    ),
    Thread(
        "Lunch next week?",
        ["Hi Emily,", "Are you free for lunch next week? Tuesday or Wednesday would work for me."],
        [
            ["Hi Tom,", "Wednesday is great. The new place near the station?"],
            ["Sounds great!", "See you on Wednesday at 12:30 then."],
            ["Running ten minutes late, order without me."],
        ],
    ),
    Thread(
        "Export timeouts",
        [
            "Hi Tom,",
            "Customer reports that exports time out after 60 seconds on large projects. Can you take a look?",
        ],
        [
            [
                "Hi Priya,",
                "Reproduced with a 40,000-row project. The export query is missing an index; fix is in 4.2.1.",
            ],
            [
                "Hi Tom,",
                "The customer confirmed the issue is gone after the 4.2.1 update. I'm closing the ticket.",
            ],
            [
                "Hi Priya,",
                "Is there a way to export the audit log as CSV as well? The compliance team is asking for the last 90 days.",
            ],
        ],
    ),
    Thread(
        "Invoice INV-88231",
        [
            "Hello,",
            "Your invoice INV-88231 for 1,250.00 EUR is now available in the customer portal.",
        ],
        [
            [
                "Hi Sarah,",
                "Can you check why invoice INV-88231 was charged twice? The second charge appeared on 5 February.",
            ],
            [
                "Hi David,",
                "Sorry about that, the second charge was a processing error. The refund was issued today and should appear within five working days.",
            ],
            ["Thank you, refund received."],
        ],
    ),
    Thread(
        "Agency questions on stability data",
        [
            "Hi Michael,",
            "The agency sent a list of questions on the stability data. Deadline for our answers is 14 March.",
        ],
        [
            [
                "Hi Laura,",
                "Thanks. I'll draft answers to questions 1 to 4; can the lab cover 5 and 6?",
            ],
            [
                "Dear Michael,",
                "Thank you for the detailed comments. We have updated section 4.3 accordingly and attached a tracked-changes version.",
            ],
            [
                "Hi Michael,",
                "The dossier was submitted to the agency yesterday. We should hear back within 30 working days.",
            ],
        ],
    ),
    Thread(
        "Offsite in May",
        [
            "Hi all,",
            "We're planning the team offsite for 20–21 May in Galway. Please reply by Friday if you can attend.",
        ],
        [
            ["Hi James,", "Count me in for both days."],
            ["Thanks all, the hotel is booked. Details to follow next week."],
            [
                "Hello,",
                "Thank you for your message. I'm happy to move our planning call to Wednesday at 3pm.",
            ],
        ],
    ),
]

FR_ORIGINALS = [(t.original, t.subject) for t in FR_THREADS]
EN_ORIGINALS = [(t.original, t.subject) for t in EN_THREADS]
GENERIC_REPLIES = {
    "fr": [
        ["OK pour moi.", "Je préviens l'équipe."],
        ["Bien reçu, merci."],
        ["Bonjour,", "Merci pour votre message, je regarde et je reviens vers vous demain."],
    ],
    "en": [
        ["Works for me."],
        ["Got it, thanks."],
        ["Hi,", "Thanks, I'll take a look and get back to you tomorrow."],
    ],
}


def thread_reply(hist: Msg, k: int) -> list[str]:
    """The k-th answer in the thread that `hist` belongs to (by its root's subject)."""
    root = hist
    while root.history is not None:
        root = root.history
    threads = FR_THREADS if root.lang == "fr" else EN_THREADS
    for t in threads:
        if t.subject == root.subject:
            if R.random() < 0.08:
                return R.choice(GENERIC_REPLIES[root.lang])
            return t.replies[k % len(t.replies)]
    return R.choice(GENERIC_REPLIES["fr" if root.lang == "fr" else "en"])


FR_SIGNOFFS = [
    "Cordialement,",
    "Bien à vous,",
    "Belle journée,",
    "Bonne fin de journée,",
    "Bien cordialement,",
    "Merci d'avance,",
    "Bonne journée,",
    "Très cordialement,",
    "Merci,",
    "À bientôt,",
    "Salutations distinguées,",
    "Cdlt,",
]
EN_SIGNOFFS = [
    "Best regards,",
    "Kind regards,",
    "Thanks,",
    "Cheers,",
    "Regards,",
    "Many thanks,",
    "Best,",
    "Thank you,",
]

FR_DISCLAIMERS = [
    "Ce message et ses pièces jointes sont confidentiels et établis à l'attention exclusive de leurs destinataires. "
    "Si vous avez reçu ce message par erreur, merci d'en avertir immédiatement l'expéditeur et de le détruire. "
    "Toute utilisation ou diffusion non autorisée est interdite.",
    "Pensez à l'environnement avant d'imprimer ce message.",
    "Ce courriel et les documents qui y sont attachés peuvent contenir des informations confidentielles. "
    "Si vous n'en êtes pas le destinataire, nous vous remercions de le supprimer et d'en informer l'expéditeur.",
]
EN_DISCLAIMERS = [
    "This e-mail and any attachments are confidential and intended solely for the addressee. "
    "If you have received it in error, please notify the sender and delete it.",
    "Please consider the environment before printing this email.",
]

BANNERS = {
    "fr": [
        "[EXTERNE] Ce message provient de l'extérieur de l'organisation. Ne cliquez pas sur les liens et n'ouvrez pas "
        "les pièces jointes si vous ne connaissez pas l'expéditeur.",
        "ATTENTION : Cet e-mail provient d'un expéditeur externe. Soyez vigilant avant de cliquer sur les liens ou "
        "d'ouvrir les pièces jointes.",
    ],
    "en": [
        "CAUTION: This email originated from outside of the organization. Do not click links or open attachments "
        "unless you recognize the sender and know the content is safe.",
        "[EXTERNAL] This message is from an external sender. Be cautious with links and attachments.",
    ],
}

# ---------------------------------------------------------------------------
# Dates as each client writes them
# ---------------------------------------------------------------------------

FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
FR_DAYS_ABBR = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
FR_MONTHS_ABBR = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DE_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
DE_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


ES_DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
ES_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
IT_DAYS = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
IT_MONTHS = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
]


def ampm(d: datetime, secs: bool = False) -> str:
    h = d.hour % 12 or 12
    s = f":{d.second:02d}" if secs else ""
    return f"{h}:{d.minute:02d}{s} {'AM' if d.hour < 12 else 'PM'}"


def d_outlook(d: datetime, lang: str) -> str:
    if lang == "fr":
        return f"{FR_DAYS[d.weekday()]} {d.day} {FR_MONTHS[d.month - 1]} {d.year} {d:%H:%M}"
    if lang == "de":
        return f"{DE_DAYS[d.weekday()]}, {d.day}. {DE_MONTHS[d.month - 1]} {d.year} {d:%H:%M}"
    if lang == "es":
        return f"{ES_DAYS[d.weekday()]}, {d.day} de {ES_MONTHS[d.month - 1]} de {d.year} {d:%H:%M}"
    if lang == "it":
        return f"{IT_DAYS[d.weekday()]} {d.day} {IT_MONTHS[d.month - 1]} {d.year} {d:%H:%M}"
    return f"{EN_DAYS[d.weekday()]}, {EN_MONTHS[d.month - 1]} {d.day}, {d.year} {ampm(d)}"


def d_gmail(d: datetime, lang: str) -> str:
    if lang == "de":
        mon = [
            "Jan.",
            "Feb.",
            "März",
            "Apr.",
            "Mai",
            "Juni",
            "Juli",
            "Aug.",
            "Sept.",
            "Okt.",
            "Nov.",
            "Dez.",
        ]
        day = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
        return f"{day[d.weekday()]}, {d.day}. {mon[d.month - 1]} {d.year} um {d:%H:%M} Uhr"
    if lang == "fr":
        return f"{FR_DAYS_ABBR[d.weekday()]} {d.day} {FR_MONTHS_ABBR[d.month - 1]} {d.year} à {d:%H:%M}"
    return (
        f"{EN_DAYS[d.weekday()][:3]}, {EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year} at {ampm(d)}"
    )


def d_apple(d: datetime, lang: str) -> str:
    if lang == "fr":
        return f"{d.day} {FR_MONTHS_ABBR[d.month - 1]} {d.year} à {d:%H:%M}"
    return f"{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}, at {d:%H:%M}"


def d_apple_long(d: datetime, lang: str) -> str:
    if lang == "fr":
        return f"{d.day} {FR_MONTHS[d.month - 1]} {d.year} à {d:%H:%M:%S} UTC+1"
    return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year} at {ampm(d, True)} GMT+1"


# ---------------------------------------------------------------------------
# A message in a thread
# ---------------------------------------------------------------------------


@dataclass
class Msg:
    sender: Person
    to: list[Person]
    date: datetime
    subject: str
    paras: list[str]
    lang: str
    client: str
    signoff: str = ""
    sig: list[str] = field(default_factory=list)
    disclaimer: list[str] = field(default_factory=list)
    cc: list[Person] = field(default_factory=list)
    history: Msg | None = None  # quoted (reply) history
    fwd: list[Msg] = field(
        default_factory=list
    )  # inline forwarded originals (one, nested through .fwd)
    attached: Msg | None = None  # forwarded as message/rfc822
    attach_names: list[str] = field(default_factory=list)
    mid: str = ""
    inline: list[tuple[str, str]] | None = (
        None  # (quoted chunk, answer) pairs for interleaved replies
    )
    bottom: bool = False
    mobile_sig: str = ""  # "Envoyé de mon iPhone" and the like

    def sig_block(self) -> list[str]:
        """Sign-off and signature lines as written (no disclaimer)."""
        out = ([self.signoff] if self.signoff else []) + self.sig
        return out

    def signature_text(self) -> str:
        parts = []
        if self.sig_block():
            parts.append("\n".join(self.sig_block()))
        if self.mobile_sig:
            parts.append(self.mobile_sig)
        parts.extend(self.disclaimer)
        return "\n\n".join(parts)

    def own_paras(self) -> list[str]:
        return list(self.paras)


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def esc_lines(s: str) -> str:
    return "<br>".join(esc(x) for x in s.split("\n"))


def addr(p: Person) -> str:
    return f"{p.name} <{p.email}>"


def addrs(ps: list[Person]) -> str:
    return "; ".join(addr(p) for p in ps)


def quote(text: str, prefix: str = "> ") -> str:
    return "\n".join((prefix + line) if line else prefix.rstrip() for line in text.split("\n"))


# ---------------------------------------------------------------------------
# Own text of a message, per HTML flavour
# ---------------------------------------------------------------------------


def own_plain(m: Msg, sig_dash: bool = False) -> str:
    chunks = list(m.paras)
    block = m.sig_block()
    if block:
        if sig_dash and len(block) > 1:
            chunks.append(block[0] if m.signoff else "")
            rest = block[1:] if m.signoff else block
            chunks.append("-- \n" + "\n".join(rest))
        else:
            chunks.append("\n".join(block))
    if m.mobile_sig:
        chunks.append(m.mobile_sig)
    chunks.extend(m.disclaimer)
    return "\n\n".join(c for c in chunks if c)


def paras_html(paras: list[str], wrap: str) -> str:
    """Paragraphs in the markup a client uses for typed text."""
    out = []
    for p in paras:
        lines = p.split("\n")
        if wrap == "mso":
            out.extend(f'<p class="MsoNormal">{esc(x)}<o:p></o:p></p>' for x in lines)
            out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
        elif wrap == "owa":
            style = 'style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);"'
            out.extend(f'<div class="elementToProof" {style}>{esc(x)}</div>' for x in lines)
            out.append(f'<div class="elementToProof" {style}><br></div>')
        elif wrap == "gmail":
            out.extend(f"<div>{esc(x)}</div>" for x in lines)
            out.append("<div><br></div>")
        elif wrap == "auto":
            out.extend(f'<div dir="auto">{esc(x)}</div>' for x in lines)
            out.append('<div dir="auto"><br></div>')
        elif wrap == "apple":
            out.extend(f"<div>{esc(x)}</div>" for x in lines)
            out.append("<div><br></div>")
        elif wrap == "p":
            out.append(f"<p>{esc_lines(p)}</p>")
        elif wrap == "font":
            out.append(f'<font size="2" face="sans-serif">{esc_lines(p)}</font><br><br>')
        elif wrap == "zimbra":
            out.extend(f"<div>{esc(x)}</div>" for x in lines)
            out.append("<div><br></div>")
    return "\n".join(out)


def sig_html(m: Msg, wrap: str) -> str:
    block = m.sig_block()
    if not block:
        return ""
    if wrap == "mso":
        first, rest = block[0], block[1:]
        h = f'<p class="MsoNormal">{esc(first)}<o:p></o:p></p>\n'
        for i, x in enumerate(rest):
            if i == 0 and m.signoff:
                h += f'<p class="MsoNormal"><b><span style="color:#1F3864">{esc(x)}</span></b><o:p></o:p></p>\n'
            else:
                h += f'<p class="MsoNormal"><span style="font-size:9.0pt;color:#595959">{esc(x)}</span><o:p></o:p></p>\n'
        return h
    return paras_html(["\n".join(block)], wrap)


def disclaimer_html(m: Msg) -> str:
    return "\n".join(f'<p style="font-size:8pt;color:#808080">{esc(d)}</p>' for d in m.disclaimer)


# ---------------------------------------------------------------------------
# Client renderers: each returns (plain, html) for a message, html may be None
# ---------------------------------------------------------------------------


@dataclass
class Body:
    plain: str
    html: str | None


def lab(lang: str, fr: str, en: str, de: str | None = None, nbsp: bool = True) -> str:
    if lang == "fr":
        return f"{fr}{NBSP if nbsp else ' '}:"
    if lang == "de" and de:
        return f"{de}:"
    return f"{en}:"


# Outlook's header-block labels: from, sent, to, cc, subject, attachments
OUTLOOK_LABELS = {
    "fr": ("De", "Envoyé", "À", "Cc", "Objet", "Pièces jointes"),
    "en": ("From", "Sent", "To", "Cc", "Subject", "Attachments"),
    "de": ("Von", "Gesendet", "An", "Cc", "Betreff", "Anlagen"),
    "es": ("De", "Enviado", "Para", "CC", "Asunto", "Datos adjuntos"),
    "it": ("Da", "Inviato", "A", "Cc", "Oggetto", "Allegati"),
}


def outlook_block(
    h: Msg, lang: str, nbsp: bool = True, att: bool = True, mac: bool = False
) -> list[tuple[str, str]]:
    """Outlook's header block; French puts a (non-breaking) space before the colon."""
    f, sent, to, cc, subj, atts = OUTLOOK_LABELS[lang]
    colon = (NBSP if nbsp else " ") + ":" if lang == "fr" else ":"
    if mac:
        # Outlook for Mac: "Date" instead of "Envoyé"/"Sent", and a comma after the day
        sent = "Date"
        d = h.date
        when = (
            f"{FR_DAYS[d.weekday()]}, {d.day} {FR_MONTHS[d.month - 1]} {d.year} à {d:%H:%M}"
            if lang == "fr"
            else f"{EN_DAYS[d.weekday()]}, {d.day} {EN_MONTHS[d.month - 1]} {d.year} at {d:%H:%M}"
        )
    else:
        when = d_outlook(h.date, lang)
    rows = [(f + colon, addr(h.sender)), (sent + colon, when), (to + colon, addrs(h.to))]
    if h.cc:
        rows.append((cc + colon, addrs(h.cc)))
    rows.append((subj + colon, h.subject))
    if att and h.attach_names:
        rows.append((atts + colon, "; ".join(h.attach_names)))
    return rows


def inner_of(m: Msg) -> Msg | None:
    return m.history or (m.fwd[0] if m.fwd else None)


def render(m: Msg, fmt: str) -> Body:
    return RENDERERS[m.client](m, fmt)


def hist_html(h: Msg) -> str:
    b = render(h, "html")
    if b.html is not None:
        inner = b.html
        for tag in ("<body", "</body>"):
            if tag in inner:
                if tag == "<body":
                    inner = inner[inner.index(">", inner.index("<body")) + 1 :]
                else:
                    inner = inner[: inner.index("</body>")]
        return inner
    return "<div>" + esc_lines(b.plain) + "</div>"


def hist_plain(h: Msg) -> str:
    return render(h, "plain").plain


def r_outlook(m: Msg, fmt: str, mobile: str = "") -> Body:
    """Outlook desktop (classic Windows, and Mac), FR/EN/DE/ES/IT."""
    lang = m.lang
    h = inner_of(m)
    is_fwd = bool(m.fwd)
    mac = m.client == "outlook-mac"
    # plain
    own = own_plain(m)
    plain = own
    if h:
        rows = outlook_block(h, lang, mac=mac)
        block = "\n".join(f"{k} {v}" for k, v in rows)
        if (
            fmt == "plain"
            and m.client == "outlook-desktop"
            and not is_fwd
            and (m.date.day % 2 == 0)
        ):
            sep = (
                "-----Message d'origine-----"
                if lang == "fr"
                else (
                    "-----Ursprüngliche Nachricht-----"
                    if lang == "de"
                    else "-----Original Message-----"
                )
            )
            plain += "\n\n" + sep + "\n" + block.replace(NBSP, " ") + "\n\n" + hist_plain(h)
        else:
            plain += (
                "\n\n"
                + ("________________________________\n" if mobile else "")
                + block
                + "\n\n"
                + hist_plain(h)
            )
    if fmt == "plain":
        return Body(plain, None)
    body = paras_html(m.paras, "mso") + sig_html(m, "mso") + disclaimer_html(m)
    if h:
        rows = outlook_block(h, lang, mac=mac)
        hb = "<br>\n".join(f"<b>{esc(k).replace(NBSP, '&nbsp;')}</b> {esc(v)}" for k, v in rows)
        body += (
            '\n<div><div style="border:none;border-top:solid '
            + ("#B5C4DF" if mac else "#E1E1E1")
            + ' 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n'
            f'<p class="MsoNormal"><b><span lang="{lang.upper()}"></span></b>{hb}<o:p></o:p></p>\n</div></div>\n'
            '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n' + hist_html(h)
        )
    lang_attr = {"fr": "FR", "en": "EN-US", "de": "DE", "es": "ES", "it": "IT"}.get(lang, "FR")
    doc = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
        'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<meta name="Generator" content="Microsoft Word 15 (filtered medium)"><style><!--\n'
        '@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}\n'
        "@font-face {font-family:Aptos;}\n"
        'p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:12.0pt; font-family:"Aptos",sans-serif; mso-ligatures:standardcontextual; mso-fareast-language:EN-US;}\n'
        'span.EmailStyle19 {mso-style-type:personal-reply; font-family:"Aptos",sans-serif; color:windowtext;}\n'
        ".MsoChpDefault {mso-style-type:export-only; font-size:10.0pt; mso-ligatures:none;}\n"
        "@page WordSection1 {size:612.0pt 792.0pt; margin:70.85pt 70.85pt 70.85pt 70.85pt;}\n"
        "div.WordSection1 {page:WordSection1;}\n--></style></head>"
        f'<body lang="{lang_attr}" link="#467886" vlink="#96607D" style="word-wrap:break-word">'
        f'<div class="WordSection1">\n{body}\n</div></body></html>'
    )
    return Body(plain, doc)


def owa_html(m: Msg, h: Msg | None, mobile_sig_html: str = "") -> str:
    lang = m.lang
    body = paras_html(m.paras, "owa")
    if m.sig_block():
        body += '<div id="Signature"><div>' + esc_lines("\n".join(m.sig_block())) + "</div></div>\n"
    body += mobile_sig_html + disclaimer_html(m)
    if h:
        rows = outlook_block(h, lang, nbsp=False)
        hb = "<br>\n".join(f"<b>{esc(k)}</b> {esc(v)}" for k, v in rows)
        body += (
            '<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
            '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
            f"{hb}</font>\n<div>&nbsp;</div>\n</div>\n" + hist_html(h)
        )
    return (
        '<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n'
        f'</head>\n<body dir="ltr">\n{body}\n</body></html>'
    )


def r_owa(m: Msg, fmt: str) -> Body:
    h = inner_of(m)
    plain = own_plain(m)
    if h:
        rows = outlook_block(h, m.lang, nbsp=False)
        plain += (
            "\n\n________________________________\n"
            + "\n".join(f"{k} {v}" for k, v in rows)
            + "\n\n"
            + hist_plain(h)
        )
    if fmt == "plain":
        return Body(plain, None)
    return Body(plain, owa_html(m, h))


def r_outlook_mobile(m: Msg, fmt: str) -> Body:
    h = inner_of(m)
    plain = own_plain(m)
    if h:
        rows = outlook_block(h, m.lang, nbsp=False, att=False)
        plain += (
            "\n\n________________________________\n"
            + "\n".join(f"{k} {v}" for k, v in rows)
            + "\n\n"
            + hist_plain(h)
        )
    if fmt == "plain":
        return Body(plain, None)
    # Outlook mobile writes the "Get Outlook" line as a linked signature div.
    ms = m.mobile_sig
    m2 = Msg(**{**m.__dict__, "mobile_sig": ""})
    link = (
        "Outlook pour iOS"
        if "iOS" in ms
        else (
            "Outlook pour Android"
            if "pour Android" in ms
            else ("Outlook for iOS" if "iOS" in ms else "Outlook for Android")
        )
    )
    lead = ms.replace(link, "").strip()
    sig = (
        (
            f'<div id="ms-outlook-mobile-signature" dir="auto"><div dir="auto">{esc(lead)} '
            f'<a href="https://aka.ms/o0ukef">{esc(link)}</a></div></div>\n'
        )
        if ms
        else ""
    )
    doc = owa_html(m2, h, sig).replace('<body dir="ltr">', '<body dir="auto">')
    return Body(plain, doc)


def gmail_attr(h: Msg, lang: str, android: bool = False) -> str:
    if lang == "fr":
        d = d_gmail(h.date, "fr")
        if android:
            d = d.replace(" à ", ", ")
        return f"Le {d}, {h.sender.name} <{h.sender.email}> a écrit :"
    if lang == "es":
        return f"El {['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'][h.date.weekday()]}, {h.date.day} feb {h.date.year} a las {h.date:%H:%M}, {h.sender.name} (<{h.sender.email}>) escribió:"
    if lang == "it":
        return f"Il giorno {['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'][h.date.weekday()]} {h.date.day} feb {h.date.year} alle ore {h.date:%H:%M} {h.sender.name} <{h.sender.email}> ha scritto:"
    d = d_gmail(h.date, "en")
    if android:
        d = d.replace(" at ", ", ")
    return f"On {d} {h.sender.name} <{h.sender.email}> wrote:"


def wrap_attr(a: str) -> str:
    """Gmail's plain part wraps a long attribution at 78 columns."""
    if len(a) <= 78:
        return a
    return "\n".join(textwrap.wrap(a, 78, break_long_words=False, break_on_hyphens=False))


def gmail_fwd_head(f: Msg, lang: str) -> tuple[str, str]:
    if lang == "de":
        marker, lf, ld, ls, lt = (
            "---------- Weitergeleitete Nachricht ---------",
            "Von:",
            "Date:",
            "Subject:",
            "To:",
        )
    elif lang == "fr":
        marker, lf, ld, ls, lt = (
            "---------- Message transféré ---------",
            "De :",
            "Date:",
            "Subject:",
            "To:",
        )
    else:
        marker, lf, ld, ls, lt = (
            "---------- Forwarded message ---------",
            "From:",
            "Date:",
            "Subject:",
            "To:",
        )
    plain = f"{marker}\n{lf} {f.sender.name} <{f.sender.email}>\n{ld} {d_gmail(f.date, lang)}\n{ls} {f.subject}\n{lt} {addrs(f.to).replace('; ', ', ')}\n"
    h = (
        f'<div dir="ltr" class="gmail_attr">{marker}<br>{lf} <strong class="gmail_sendername" dir="auto">{esc(f.sender.name)}</strong> '
        f'<span dir="auto">&lt;<a href="mailto:{f.sender.email}">{f.sender.email}</a>&gt;</span><br>{ld} {esc(d_gmail(f.date, lang))}<br>'
        f"{ls} {esc(f.subject)}<br>{lt} {esc(', '.join(addr(p) for p in f.to))}<br></div><br><br>"
    )
    return plain, h


def r_gmail(m: Msg, fmt: str, android: bool = False) -> Body:
    lang = m.lang
    h = m.history
    # signature: typed sign-off in the body, the rest in gmail_signature after "-- "
    sig_lines = m.sig
    plain_own = "\n\n".join(m.paras + ([m.signoff] if m.signoff else []))
    if sig_lines:
        plain_own += "\n\n-- \n" + "\n".join(sig_lines)
    if m.mobile_sig:
        plain_own += "\n\n" + m.mobile_sig
    wrap = "auto" if android else "gmail"
    hbody = paras_html(m.paras + ([m.signoff] if m.signoff else []), wrap)
    if sig_lines:
        hbody += (
            '<div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" '
            'data-smartmail="gmail_signature"><div dir="ltr">'
            + "<br>".join(esc(x) for x in sig_lines)
            + "</div></div>"
        )
    if m.mobile_sig:
        hbody += f'<div dir="auto">{esc(m.mobile_sig)}</div>'
    plain = plain_own
    if m.fwd:
        f = m.fwd[0]
        fp, fh = gmail_fwd_head(f, lang)
        plain += "\n\n" + fp + "\n\n" + hist_plain(f)
        hbody += f'<br><div class="gmail_quote gmail_quote_container">{fh}{hist_html(f)}</div>'
    elif m.inline:
        a = gmail_attr(h, lang, android)
        plain = wrap_attr(a) + "\n\n"
        hparts = [f'<div dir="ltr" class="gmail_attr">{esc(a)}<br></div>']
        for q, ans in m.inline:
            if q:
                plain += quote(q) + "\n\n"
                hparts.append(
                    f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">{esc_lines(q)}</blockquote>'
                )
            if ans:
                plain += ans + "\n\n"
                hparts.append(f"<div>{esc_lines(ans)}</div><div><br></div>")
        plain += "\n".join(m.sig_block())
        hparts.append("<div>" + esc_lines("\n".join(m.sig_block())) + "</div>")
        hbody = '<div class="gmail_quote">' + "".join(hparts) + "</div>"
    elif h:
        a = gmail_attr(h, lang, android)
        qp = quote(hist_plain(h))
        qh = (
            f'<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">{esc(a)}<br></div>'
            '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
            f"{hist_html(h)}</blockquote></div>"
        )
        if m.bottom:
            plain = wrap_attr(a) + "\n\n" + qp + "\n\n" + plain_own
            hbody = qh + '<div dir="ltr"><br></div>' + hbody
        else:
            plain += "\n\n" + wrap_attr(a) + "\n\n" + qp
            hbody += "<br>" + qh
    shell = f'<div dir="{"auto" if android else "ltr"}">{hbody}</div>'
    return Body(plain, None if fmt == "plain" else shell)


def apple_attr(h: Msg, lang: str) -> str:
    if lang == "fr":
        return f"Le {d_apple(h.date, 'fr')}, {h.sender.name} <{h.sender.email}> a écrit :"
    return f"On {d_apple(h.date, 'en')} {h.sender.name} <{h.sender.email}> wrote:"


def apple_fwd_rows(f: Msg, lang: str) -> list[tuple[str, str]]:
    if lang == "fr":
        return [
            ("De", addr(f.sender)),
            ("Objet", f.subject),
            ("Date", d_apple_long(f.date, "fr")),
            ("À", addrs(f.to).replace("; ", ", ")),
        ]
    return [
        ("From", addr(f.sender)),
        ("Subject", f.subject),
        ("Date", d_apple_long(f.date, "en")),
        ("To", addrs(f.to).replace("; ", ", ")),
    ]


def r_apple(m: Msg, fmt: str, iphone: bool = False) -> Body:
    lang = m.lang
    h = m.history
    own = own_plain(m)
    hown = paras_html(m.paras, "apple") + (
        paras_html(["\n".join(m.sig_block())], "apple") if m.sig_block() else ""
    )
    if m.mobile_sig:
        hown += f'<div dir="ltr">{esc(m.mobile_sig)}</div>'
    hown += "".join(f"<div>{esc(d)}</div><div><br></div>" for d in m.disclaimer)
    plain, hb = own, hown
    if m.fwd:
        f = m.fwd[0]
        marker = "Début du message réexpédié :" if lang == "fr" else "Begin forwarded message:"
        rows = apple_fwd_rows(f, lang)
        fplain = "\n".join(f"{k}: {v}" for k, v in rows)
        if iphone:
            plain += "\n\n" + marker + "\n\n" + quote(fplain + "\n\n" + hist_plain(f))
        else:
            plain += "\n\n" + marker + "\n\n" + fplain + "\n\n" + hist_plain(f)
        span = 'style="font-family: -webkit-system-font, Helvetica Neue, Helvetica, sans-serif; color:rgba(0, 0, 0, 1.0);"'
        hrows = "".join(
            f'<div style="margin-top: 0px; margin-right: 0px; margin-bottom: 0px; margin-left: 0px;"><span {span}><b>{k}: </b></span>'
            f'<span style="font-family: -webkit-system-font, Helvetica Neue, Helvetica, sans-serif;">{esc(v)}<br></span></div>'
            for k, v in rows
        )
        hb += (
            f'<div><br><blockquote type="cite"><div>{esc(marker)}</div><br class="Apple-interchange-newline">{hrows}<br>'
            f"<div>{hist_html(f)}</div></blockquote></div><br>"
        )
    elif m.inline:
        a = apple_attr(h, lang)
        plain = quote(a) + "\n> \n"
        hparts = [f"<div>{esc(a)}</div>"]
        for q, ans in m.inline:
            if q:
                plain += quote(q) + "\n\n"
                hparts.append(f'<blockquote type="cite"><div>{esc_lines(q)}</div></blockquote>')
            if ans:
                plain += ans + "\n\n"
                hparts.append(f"<div>{esc_lines(ans)}</div><div><br></div>")
        plain += "\n".join(m.sig_block())
        hparts.append("<div>" + esc_lines("\n".join(m.sig_block())) + "</div>")
        hb = "".join(hparts)
    elif h:
        a = apple_attr(h, lang)
        plain += "\n\n" + quote(a + "\n\n" + hist_plain(h))
        if iphone:
            hb += (
                f'<div dir="ltr"><br><blockquote type="cite">{esc(a).replace(" :", "&nbsp;:")}<br><br></blockquote></div>'
                f'<blockquote type="cite"><div dir="ltr">{hist_html(h)}</div></blockquote>'
            )
        else:
            hb += (
                f'<div><br><blockquote type="cite"><div>{esc(a)}</div><br class="Apple-interchange-newline">'
                f"<div><div>{hist_html(h)}</div></div></blockquote></div><br>"
            )
    if fmt == "plain":
        return Body(plain, None)
    bodyattr = (
        'dir="auto"'
        if iphone
        else 'style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;"'
    )
    doc = f'<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body {bodyattr}>{hb}</body></html>'
    return Body(plain, doc)


def tb_attr(h: Msg, lang: str) -> str:
    if lang == "fr":
        return f"Le {h.date:%d/%m/%Y} à {h.date:%H:%M}, {h.sender.name} a écrit{NBSP}:"
    if lang == "de":
        return f"Am {h.date:%d.%m.%y} um {h.date:%H:%M} schrieb {h.sender.name}:"
    return f"On {h.date:%d/%m/%Y} {h.date:%H:%M}, {h.sender.name} wrote:"


def tb_fwd_rows(f: Msg, lang: str) -> list[tuple[str, str]]:
    rows = [
        ("Sujet" if lang == "fr" else "Subject", f.subject),
        ("Date", format_datetime(f.date)),
        ("De" if lang == "fr" else "From", addr(f.sender)),
        ("Pour" if lang == "fr" else "To", addrs(f.to).replace("; ", ", ")),
    ]
    if f.cc:
        rows.append(("Copie à" if lang == "fr" else "CC", addrs(f.cc).replace("; ", ", ")))
    return rows


def r_thunderbird(m: Msg, fmt: str) -> Body:
    lang = m.lang
    h = m.history
    # French Thunderbird puts a no-break space before the colon; older builds a plain one
    colon = (f"{NBSP}:" if m.date.day % 2 else " :") if lang == "fr" else ":"
    own = own_plain(m, sig_dash=True)
    hown = paras_html(m.paras, "p")
    if m.sig_block():
        if m.signoff:
            hown += f"<p>{esc(m.signoff)}</p>"
        rest = m.sig if m.signoff else m.sig_block()
        hown += '<pre class="moz-signature" cols="72">-- \n' + esc("\n".join(rest)) + "</pre>"
    hown += disclaimer_html(m)
    plain, hb = own, hown
    if m.fwd:
        f = m.fwd[0]
        marker = (
            "-------- Message transféré --------"
            if lang == "fr"
            else "-------- Forwarded Message --------"
        )
        rows = tb_fwd_rows(f, lang)
        plain += (
            "\n\n"
            + marker
            + "\n"
            + "\n".join(f"{k}{colon} \t{v}" for k, v in rows)
            + "\n\n\n"
            + hist_plain(f)
        )
        hrows = "".join(
            f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k}{colon.replace(NBSP, "&nbsp;")} </th><td>{esc(v)}<br></td></tr>'
            for k, v in rows
        )
        hb += (
            f'<div class="moz-forward-container"><br><br>{marker}\n<table class="moz-email-headers-table" cellspacing="0" cellpadding="0" border="0"><tbody>{hrows}</tbody></table>'
            f"<br><br>{hist_html(f)}</div>"
        )
    elif m.inline:
        a = tb_attr(h, lang)
        plain = a + "\n"
        hparts = [f'<div class="moz-cite-prefix">{esc(a)}<br></div>']
        for q, ans in m.inline:
            if q:
                plain += quote(q) + "\n\n"
                hparts.append(f'<blockquote type="cite">{esc_lines(q)}</blockquote>')
            if ans:
                plain += ans + "\n\n"
                hparts.append(f"<p>{esc_lines(ans)}</p>")
        if m.sig_block():
            plain += (m.signoff + "\n\n" if m.signoff else "") + "-- \n" + "\n".join(m.sig)
            hparts.append(
                f"<p>{esc(m.signoff)}</p>"
                + '<pre class="moz-signature" cols="72">-- \n'
                + esc("\n".join(m.sig))
                + "</pre>"
            )
        hb = "".join(hparts)
    elif h:
        a = tb_attr(h, lang)
        qp = a + "\n" + quote(hist_plain(h))
        qh = f'<div class="moz-cite-prefix">{esc(a)}<br></div><blockquote type="cite" cite="mid:{h.mid}">{hist_html(h)}</blockquote>'
        if m.bottom:
            plain, hb = qp + "\n\n" + own, qh + hown
        else:
            plain, hb = own + "\n\n" + qp, hown + qh
    if fmt == "plain":
        return Body(plain, None)
    doc = f'<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n  </head>\n  <body>\n{hb}\n  </body>\n</html>'
    return Body(plain, doc)


def notes_rows(h: Msg, lang: str, sender_internal: bool) -> list[tuple[str, str]]:
    frm = h.sender.notes if sender_internal else addr(h.sender)
    to = ", ".join(p.notes + "@" + p.org.notes if p.org else p.email for p in h.to)
    if lang == "fr":
        return [
            ("A :", to),
            ("De :", frm),
            ("Date :", f"{h.date:%d/%m/%Y %H:%M}"),
            ("Objet :", h.subject),
        ]
    return [
        ("To:", to),
        ("From:", frm),
        ("Date:", f"{h.date:%m/%d/%Y %I:%M %p}"),
        ("Subject:", h.subject),
    ]


def r_notes(m: Msg, fmt: str) -> Body:
    lang = m.lang
    own = own_plain(m)
    plain = own
    hb = paras_html(
        m.paras + (["\n".join(m.sig_block())] if m.sig_block() else []), "font"
    ) + disclaimer_html(m)
    internal = bool(
        m.history and m.history.sender.org and m.sender.org and m.history.sender.org == m.sender.org
    )
    if m.fwd:
        f = m.fwd[0]
        stamp = f"{m.date - timedelta(minutes=3):%d/%m/%Y %H:%M}"
        marker = (
            f"----- Transféré par {m.sender.notes} le {stamp} -----"
            if lang == "fr"
            else f"----- Forwarded by {m.sender.notes} on {m.date:%m/%d/%Y %I:%M %p} -----"
        )
        rows = [
            ("De :" if lang == "fr" else "From:", addr(f.sender)),
            ("A :" if lang == "fr" else "To:", ", ".join(p.email for p in f.to)),
            ("Date :" if lang == "fr" else "Date:", f"{f.date:%d/%m/%Y %H:%M}"),
            ("Objet :" if lang == "fr" else "Subject:", f.subject),
        ]
        plain += (
            "\n\n"
            + marker
            + "\n\n"
            + "\n".join(f"{k}\t{v}" for k, v in rows)
            + "\n\n\n\n"
            + hist_plain(f)
        )
        hb += (
            f'<br><font size="1" color="#5F5F5F" face="sans-serif">{esc(marker)}</font><br><br>'
            + "".join(
                f'<font size="1" color="#5F5F5F" face="sans-serif">{esc(k)}</font>&nbsp;&nbsp;&nbsp;&nbsp;<font size="1" face="sans-serif">{esc(v)}</font><br>'
                for k, v in rows
            )
            + "<br><br>"
            + hist_html(f)
        )
    elif m.history:
        h = m.history
        rows = notes_rows(h, lang, internal)
        head = (
            f"-----{(h.sender.notes if internal else h.sender.name)} a écrit : -----"
            if lang == "fr"
            else f"-----{(h.sender.notes if internal else h.sender.name)} wrote: -----"
        )
        plain += (
            "\n\n" + head + "\n\n" + "\n".join(f"{k} {v}" for k, v in rows) + "\n\n" + hist_plain(h)
        )
        hb += (
            f'<br><br><font size="2" color="#990099">{esc(head)}</font><br><br>'
            + "".join(f"{esc(k)} {esc(v)}<br>" for k, v in rows)
            + '<br><div><font face="Default Sans Serif,Verdana,Arial,Helvetica,sans-serif" size="2">'
            + hist_html(h)
            + "</font></div>"
        )
    if fmt == "plain":
        return Body(plain, None)
    return Body(
        plain,
        f'<html><body><font face="Default Sans Serif,Verdana,Arial,Helvetica,sans-serif" size="2">{hb}</font></body></html>',
    )


def zimbra_rows(h: Msg, lang: str) -> list[tuple[str, str]]:
    d = h.date
    if lang == "fr":
        sent = f"{FR_DAYS[d.weekday()].capitalize()} {d.day} {FR_MONTHS[d.month - 1].capitalize()} {d.year} {d:%H:%M:%S}"
        rows = [
            ("De", f'"{h.sender.name}" <{h.sender.email}>'),
            ("À", ", ".join(f'"{p.name}" <{p.email}>' for p in h.to)),
        ]
        if h.cc:
            rows.append(("Cc", ", ".join(f'"{p.name}" <{p.email}>' for p in h.cc)))
        return rows + [("Envoyé", sent), ("Objet", h.subject)]
    sent = f"{EN_DAYS[d.weekday()]}, {EN_MONTHS[d.month - 1]} {d.day}, {d.year} {ampm(d, True)}"
    return [
        ("From", f'"{h.sender.name}" <{h.sender.email}>'),
        ("To", ", ".join(f'"{p.name}" <{p.email}>' for p in h.to)),
        ("Sent", sent),
        ("Subject", h.subject),
    ]


def r_zimbra(m: Msg, fmt: str) -> Body:
    lang = m.lang
    own = own_plain(m)
    plain = own
    hb = paras_html(m.paras, "zimbra")
    if m.sig_block():
        hb += (
            '<div data-marker="__SIG_PRE__">'
            + esc_lines("\n".join(m.sig_block()))
            + "</div><div><br></div>"
        )
    hb += disclaimer_html(m)
    inner = inner_of(m)
    if inner:
        if m.fwd:
            marker = (
                "----- Mail transféré -----" if lang == "fr" else "----- Forwarded Message -----"
            )
        else:
            marker = "----- Mail original -----" if lang == "fr" else "----- Original Message -----"
        rows = zimbra_rows(inner, lang)
        block = "\n".join(f"{k}: {v}" for k, v in rows)
        prefixed = bool(m.history) and m.date.day % 2 == 1
        hp = hist_plain(inner)
        if prefixed:
            plain += "\n\n" + marker + "\n" + quote(block + "\n\n" + hp)
        else:
            plain += "\n\n" + marker + "\n" + block + "\n\n" + hp
        hb += (
            '<hr id="zwchr" data-marker="__DIVIDER__"><div data-marker="__HEADERS__">'
            + "".join(f"<b>{k}: </b>{esc(v)}<br>" for k, v in rows)
            + f'</div><br><div data-marker="__QUOTED_TEXT__">{hist_html(inner)}</div>'
        )
    if fmt == "plain":
        return Body(plain, None)
    return Body(
        plain,
        f'<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000">{hb}</div></body></html>',
    )


def rc_attr(h: Msg, lang: str, with_addr: bool) -> str:
    who = f"{h.sender.name} <{h.sender.email}>" if with_addr else h.sender.name
    if lang == "fr":
        return f"Le {h.date:%Y-%m-%d %H:%M}, {who} a écrit{NBSP}:"
    return f"On {h.date:%Y-%m-%d %H:%M}, {who} wrote:"


def r_roundcube(m: Msg, fmt: str) -> Body:
    lang = m.lang
    h = m.history
    own = own_plain(m, sig_dash=True)
    hown = paras_html(m.paras + ([m.signoff] if m.signoff else []), "p")
    if m.sig:
        hown += '<div id="signature">-- <br>' + esc_lines("\n".join(m.sig)) + "</div>"
    hown += disclaimer_html(m)
    plain, hb = own, hown
    if m.fwd:
        f = m.fwd[0]
        marker = "-------- Message original --------"
        rows = [
            ("Objet" if lang == "fr" else "Subject", f.subject),
            ("Date", f"{f.date:%Y-%m-%d %H:%M}"),
            ("De" if lang == "fr" else "From", addr(f.sender)),
            ("À" if lang == "fr" else "To", addrs(f.to).replace("; ", ", ")),
        ]
        c = f"{NBSP}:" if lang == "fr" else ":"
        plain += (
            "\n\n"
            + marker
            + "\n"
            + "\n".join(f"{k}{c} {v}" for k, v in rows)
            + "\n\n"
            + hist_plain(f)
        )
        hb += (
            f'<p><br></p><p>{marker}</p><table border="0" cellspacing="0" cellpadding="0"><tbody>'
            + "".join(
                f'<tr><th align="right" valign="baseline" nowrap="nowrap">{k}{c.replace(NBSP, "&nbsp;")}</th><td>{esc(v)}</td></tr>'
                for k, v in rows
            )
            + f"</tbody></table><p><br></p>{hist_html(f)}"
        )
    elif m.inline:
        a = rc_attr(h, lang, m.date.day % 2 == 0)
        plain = a + "\n"
        hparts = [f"<p>{esc(a)}</p>"]
        for q, ans in m.inline:
            if q:
                plain += quote(q) + "\n\n"
                hparts.append(
                    f'<blockquote type="cite" style="padding: 0 0.4em; border-left: #1010ff 2px solid; margin: 0">{esc_lines(q)}</blockquote>'
                )
            if ans:
                plain += ans + "\n\n"
                hparts.append(f"<p>{esc_lines(ans)}</p>")
        plain += m.signoff + ("\n\n-- \n" + "\n".join(m.sig) if m.sig else "")
        hparts.append(
            f"<p>{esc(m.signoff)}</p>"
            + (
                '<div id="signature">-- <br>' + esc_lines("\n".join(m.sig)) + "</div>"
                if m.sig
                else ""
            )
        )
        hb = "".join(hparts)
    elif h:
        a = rc_attr(h, lang, m.date.day % 2 == 0)
        qp = a + "\n\n" + quote(hist_plain(h))
        qh = f'<p>{esc(a)}</p>\n<blockquote type="cite" style="padding: 0 0.4em; border-left: #1010ff 2px solid; margin: 0">{hist_html(h)}</blockquote>'
        if m.bottom:
            plain, hb = qp + "\n\n" + own, qh + hown
        else:
            plain, hb = own + "\n\n" + qp, hown + qh
    if fmt == "plain":
        return Body(plain, None)
    doc = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /></head>'
        f"<body style='font-size: 10pt; font-family: Verdana,Geneva,sans-serif'>\n{hb}\n</body></html>"
    )
    return Body(plain, doc)


def r_samsung(m: Msg, fmt: str) -> Body:
    lang = m.lang
    inner = inner_of(m)
    own = own_plain(m)
    plain = own
    hb = paras_html(m.paras + (["\n".join(m.sig_block())] if m.sig_block() else []), "auto")
    if m.mobile_sig:
        hb += f'<div dir="auto"><br></div><div id="composer_signature" dir="auto"><div style="font-size:85%;color:#575757" dir="auto">{esc(m.mobile_sig)}</div></div>'
    if inner:
        d = inner.date
        if lang == "fr":
            rows = [
                ("De :", addr(inner.sender)),
                ("Date :", f"{d:%d/%m/%Y %H:%M} (GMT+01:00)"),
                ("À :", ", ".join(p.email for p in inner.to)),
                ("Objet :", inner.subject),
            ]
            marker = "-------- Message d'origine --------"
        else:
            rows = [
                ("From:", addr(inner.sender)),
                ("Date:", f"{d.month}/{d.day}/{d:%y} {ampm(d)} (GMT+01:00)"),
                ("To:", ", ".join(p.email for p in inner.to)),
                ("Subject:", inner.subject),
            ]
            marker = "-------- Original message --------"
        plain += (
            "\n\n"
            + marker
            + "\n"
            + "\n".join(f"{k} {v}" for k, v in rows)
            + "\n\n"
            + hist_plain(inner)
        )
        hb += (
            '<div dir="auto"><br></div><div><br></div><div align="left" dir="auto" style="font-size:100%;color:#000000"><div>'
            + esc(marker)
            + "</div>"
            + "".join(f"<div>{esc(k)} {esc(v)} </div>" for k, v in rows)
            + "<div><br></div></div>"
            + hist_html(inner)
        )
    if fmt == "plain":
        return Body(plain, None)
    return Body(
        plain,
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>{hb}</body></html>',
    )


def r_yahoo(m: Msg, fmt: str) -> Body:
    lang = m.lang
    inner = inner_of(m)
    own = own_plain(m)
    plain = own
    hb = paras_html(m.paras + (["\n".join(m.sig_block())] if m.sig_block() else []), "gmail")
    if inner:
        d = inner.date
        if m.fwd:
            marker = (
                "----- Message transféré -----" if lang == "fr" else "----- Forwarded Message -----"
            )
            rows = [
                ("De :" if lang == "fr" else "From:", addr(inner.sender)),
                ("À :" if lang == "fr" else "To:", ", ".join(addr(p) for p in inner.to)),
                ("Envoyé :" if lang == "fr" else "Sent:", d_outlook(d, lang)),
                ("Objet :" if lang == "fr" else "Subject:", inner.subject),
            ]
            plain += (
                "\n\n\n   "
                + marker
                + " "
                + " ".join(f"{k} {v}" for k, v in rows)
                + "\n\n"
                + hist_plain(inner)
            )
            head_html = f"<div>{esc(marker)}</div>" + "".join(
                f"<div><b>{esc(k)}</b> {esc(v)}</div>" for k, v in rows
            )
        else:
            if lang == "fr":
                a = f"Le {FR_DAYS[d.weekday()]} {d.day} {FR_MONTHS[d.month - 1]} {d.year} à {d:%H:%M:%S} UTC+1, {inner.sender.name} <{inner.sender.email}> a écrit :"
            else:
                a = f"On {EN_DAYS[d.weekday()]}, {EN_MONTHS[d.month - 1]} {d.day}, {d.year} at {ampm(d, True)} GMT+1, {inner.sender.name} <{inner.sender.email}> wrote:"
            plain += "\n\n\n    " + a + "  \n \n" + textwrap.indent(hist_plain(inner), "    ")
            head_html = f'<div class="yahoo_quoted_attr">{esc(a)}</div>'
        hb += (
            f'<div id="yahoo_quoted_8844201" class="yahoo_quoted"><div style="font-family:\'Helvetica Neue\', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;">'
            f"{head_html}<div><br></div><div><br></div>{hist_html(inner)}</div></div>"
        )
    if fmt == "plain":
        return Body(plain, None)
    return Body(
        plain,
        f'<html><head></head><body><div class="ydp2f1e9c3ayahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">{hb}</div></body></html>',
    )


def r_orange(m: Msg, fmt: str) -> Body:
    """Orange webmail: the original is quoted with '>' under a 'Message du' header."""
    inner = inner_of(m)
    own = own_plain(m)
    plain = own
    if inner:
        d = inner.date
        head = (
            f'Message du {d:%d/%m/%y %H:%M}\nDe : "{inner.sender.name}" <{inner.sender.email}>\n'
            f"A : {', '.join(p.email for p in inner.to)}\nCopie à : \nObjet : {inner.subject}\n\n"
        )
        if m.fwd:
            plain += (
                "\n\n" + "========================================\n" + head + hist_plain(inner)
            )
        else:
            plain += "\n\n" + quote(head + hist_plain(inner))
    return Body(plain, None)


def r_infomaniak(m: Msg, fmt: str) -> Body:
    lang = m.lang
    h = inner_of(m)
    own = own_plain(m)
    plain = own
    hb = paras_html(m.paras + (["\n".join(m.sig_block())] if m.sig_block() else []), "gmail")
    if h:
        if m.fwd:
            a = (
                "-------- Message transféré --------"
                if lang == "fr"
                else "-------- Forwarded message --------"
            )
            rows = [
                ("De" if lang == "fr" else "From", addr(h.sender)),
                ("Date", d_apple_long(h.date, lang)),
                ("Objet" if lang == "fr" else "Subject", h.subject),
                ("À" if lang == "fr" else "To", ", ".join(addr(p) for p in h.to)),
            ]
            plain += (
                "\n\n"
                + a
                + "\n"
                + "\n".join(f"{k} : {v}" if lang == "fr" else f"{k}: {v}" for k, v in rows)
                + "\n\n"
                + hist_plain(h)
            )
            hb += (
                f'<div class="forwardContentMessage"><div>{a}</div>'
                + "".join(f"<div><b>{k} :</b> {esc(v)}</div>" for k, v in rows)
                + f"<br>{hist_html(h)}</div>"
            )
        else:
            a = apple_attr(h, lang)
            plain += "\n\n" + a + "\n" + quote(hist_plain(h))
            hb += f'<div id="answerContentMessage" class="ik_mail_quote answerContentMessage"><div>{esc(a)}</div><blockquote class="ws-ng-quote">{hist_html(h)}</blockquote></div>'
    if fmt == "plain":
        return Body(plain, None)
    return Body(
        plain,
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div class="editorUserSignature">{hb}</div></body></html>',
    )


def r_other(m: Msg, fmt: str) -> Body:
    """Mobile clients whose attribution has no verb: '10:12, 3 février 2025, "Name" <addr>:'."""
    h = m.history
    own = own_plain(m)
    d = h.date
    if m.lang == "fr":
        a = f'{d:%H:%M}, {d.day} {FR_MONTHS[d.month - 1]} {d.year}, "{h.sender.name}" <{h.sender.email}>:'
    else:
        a = f'{ampm(d)}, {EN_MONTHS[d.month - 1]} {d.day}, {d.year}, "{h.sender.name}" <{h.sender.email}>:'
    return Body(own + "\n\n" + a + "\n\n" + quote(hist_plain(h)), None)


def r_spark(m: Msg, fmt: str) -> Body:
    h = m.history
    d = h.date
    a = (
        f"Le {d.day} {FR_MONTHS[d.month - 1]} {d.year} à {d:%H:%M} +0100, {h.sender.name} <{h.sender.email}>, a écrit :"
        if m.lang == "fr"
        else f"On {d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}, {d:%H:%M} +0100, {h.sender.name} <{h.sender.email}>, wrote:"
    )
    return Body(own_plain(m) + "\n" + a + "\n" + quote(hist_plain(h)), None)


RENDERERS = {
    "outlook-desktop": r_outlook,
    "outlook-mac": r_outlook,
    "owa": r_owa,
    "outlook-mobile": r_outlook_mobile,
    "gmail-web": r_gmail,
    "gmail-android": lambda m, f: r_gmail(m, f, android=True),
    "apple-mail": r_apple,
    "apple-iphone": lambda m, f: r_apple(m, f, iphone=True),
    "thunderbird": r_thunderbird,
    "lotus-notes": r_notes,
    "zimbra": r_zimbra,
    "roundcube": r_roundcube,
    "samsung-mail": r_samsung,
    "yahoo": r_yahoo,
    "orange-webmail": r_orange,
    "infomaniak": r_infomaniak,
    "other-mobile": r_other,
    "spark": r_spark,
}

MAILER = {
    "outlook-desktop": ("X-Mailer", "Microsoft Outlook 16.0"),
    "outlook-mac": ("User-Agent", "Microsoft-MacOutlook/16.93.25011212"),
    "owa": ("X-MS-Has-Attach", ""),
    "outlook-mobile": ("X-MS-Has-Attach", ""),
    "gmail-web": (None, None),
    "gmail-android": (None, None),
    "apple-mail": ("X-Mailer", "Apple Mail (2.3826.300.87.4.3)"),
    "apple-iphone": ("X-Mailer", "iPhone Mail (22D82)"),
    "thunderbird": ("User-Agent", "Mozilla Thunderbird"),
    "lotus-notes": ("X-Mailer", "HCL Notes Release 12.0.2 November 03, 2022"),
    "zimbra": ("X-Mailer", "Zimbra 9.0.0_GA_4583 (ZimbraWebClient - FF133 (Win)/9.0.0_GA_4583)"),
    "roundcube": ("User-Agent", "Roundcube Webmail/1.6.9"),
    "samsung-mail": (None, None),
    "yahoo": ("X-Mailer", "WebService/1.1.23187 YMailNorrin"),
    "orange-webmail": ("X-Originating-IP", "[192.0.2.44]"),
    "infomaniak": ("User-Agent", "Infomaniak Mail"),
    "other-mobile": ("X-Mailer", "BlueMail"),
    "spark": ("X-Mailer", "Spark 3.19.2"),
}
TB_UA = {
    "fr": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.7.1",
    "en": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.7.1",
    "de": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Thunderbird/128.7.1",
}

# ---------------------------------------------------------------------------
# MIME serialisation
# ---------------------------------------------------------------------------


def enc_body(text: str, charset: str, cte: str) -> tuple[str, bytes]:
    raw = (
        text.replace("\n", "\r\n").encode(charset, errors="xmlcharrefreplace")
        if charset != "utf-8"
        else text.replace("\n", "\r\n").encode("utf-8")
    )
    if cte == "quoted-printable":
        return cte, quopri.encodestring(raw.replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n")
    if cte == "base64":
        b = base64.encodebytes(raw).replace(b"\n", b"\r\n")
        return cte, b
    if cte == "8bit":
        return cte, raw
    return "7bit", raw


def leaf(ctype: str, text: str, charset: str, cte: str, extra: str = "") -> bytes:
    if all(ord(c) < 128 for c in text) and cte == "8bit":
        cte = "7bit"
    if charset != "utf-8" and ctype == "text/html":
        text = text.replace("charset=utf-8", f"charset={charset}").replace(
            "charset=UTF-8", f"charset={charset}"
        )
    cte, body = enc_body(text, charset, cte)
    head = f'Content-Type: {ctype}; charset="{charset}"{extra}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n'
    return head.encode() + body


def boundary(seed: str, n: int) -> str:
    return f"_{n:03d}_{hashlib.sha1(seed.encode()).hexdigest()[:24]}_"


def multipart(sub: str, parts: list[bytes], seed: str, n: int) -> bytes:
    b = boundary(seed, n)
    out = f'Content-Type: multipart/{sub};\r\n\tboundary="{b}"\r\n\r\n'.encode()
    if sub == "mixed":
        out += b"This is a multi-part message in MIME format.\r\n"
    for p in parts:
        out += f"\r\n--{b}\r\n".encode() + p
    out += f"\r\n--{b}--\r\n".encode()
    return out


def hdr_text(s: str) -> str:
    if all(ord(c) < 128 for c in s):
        return s
    return Header(s, "utf-8").encode()


def hdr_addr(p: Person) -> str:
    return formataddr((p.name, p.email), charset="utf-8")


FAKE_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class Spec:
    fmt: str = "alt"  # plain | html | alt
    charset: str = "utf-8"
    cte: str = "quoted-printable"
    banner: str = ""  # banner text inserted by a gateway on receipt
    extra_headers: list[tuple[str, str]] = field(default_factory=list)
    pdf: str = ""  # attach a small PDF with this name


def serialise(m: Msg, spec: Spec, seed: str, depth: int = 0) -> bytes:
    body = render(m, spec.fmt)
    plain, htm = body.plain, body.html
    if spec.banner:
        plain = spec.banner + "\n\n" + plain
        if htm:
            bh = (
                '<table border="0" cellspacing="0" cellpadding="0" width="100%" style="width:100.0%"><tr>'
                '<td style="background:#FFEB9C;padding:5.25pt 1.5pt 5.25pt 1.5pt"><p class="MsoNormal">'
                f'<span style="font-size:9.0pt;color:#9C6500">{esc(spec.banner)}</span></p></td></tr></table>\n'
            )
            i = htm.index(">", htm.index("<body")) + 1 if "<body" in htm else 0
            htm = htm[:i] + bh + htm[i:]
    cs, cte = spec.charset, spec.cte
    if spec.fmt == "plain":
        extra = "; format=flowed" if m.client in ("thunderbird", "roundcube") else ""
        content = leaf("text/plain", plain, cs, cte, extra)
    elif spec.fmt == "html":
        content = leaf("text/html", htm, cs, cte)
    else:
        content = multipart(
            "alternative",
            [leaf("text/plain", plain, cs, cte), leaf("text/html", htm, cs, cte)],
            seed,
            1 + depth * 10,
        )
    parts = [content]
    if spec.pdf:
        parts.append(
            f'Content-Type: application/pdf; name="{spec.pdf}"\r\nContent-Disposition: attachment; filename="{spec.pdf}"\r\n'
            f"Content-Transfer-Encoding: base64\r\n\r\n".encode()
            + base64.encodebytes(FAKE_PDF).replace(b"\n", b"\r\n")
        )
    if m.attached is not None:
        a = m.attached
        inner = serialise(a, a_spec(a), seed + "/att", depth + 1)
        fname = (a.subject.replace(":", "").replace("/", "-")) + ".eml"
        parts.append(
            f'Content-Type: message/rfc822;\r\n\tname="{hdr_text(fname)}"\r\nContent-Disposition: attachment;\r\n\tfilename="{hdr_text(fname)}"\r\n\r\n'.encode()
            + inner
        )
    if len(parts) > 1:
        content = multipart("mixed", parts, seed, 2 + depth * 10)
    return headers(m, spec) + content


def a_spec(m: Msg) -> Spec:
    """Format of an attached original: what its own client would have sent."""
    if m.client in ("orange-webmail", "other-mobile", "spark"):
        return Spec(fmt="plain")
    return Spec(fmt="alt", cte="quoted-printable")


def headers(m: Msg, spec: Spec) -> bytes:
    subject = m.subject
    if spec.banner and m.date.minute % 3 == 0:
        subject = (
            "[EXTERNE] " if spec.banner.startswith(("[EXTERNE]", "ATTENTION")) else "[EXTERNAL] "
        ) + subject
    h = [
        ("From", hdr_addr(m.sender)),
        ("To", ", ".join(hdr_addr(p) for p in m.to)),
    ]
    if m.cc:
        h.append(("Cc", ", ".join(hdr_addr(p) for p in m.cc)))
    h += [
        ("Subject", hdr_text(subject)),
        ("Date", format_datetime(m.date)),
        ("Message-ID", f"<{m.mid}>"),
    ]
    refs = []
    x = m.history
    while x is not None:
        refs.insert(0, f"<{x.mid}>")
        x = x.history
    if refs and not m.fwd:
        h += [("In-Reply-To", refs[-1]), ("References", " ".join(refs))]
    if m.client in ("outlook-desktop", "outlook-mac", "owa", "outlook-mobile"):
        ti = base64.b64encode(hashlib.sha1(m.mid.encode()).digest()[:22]).decode()
        h += [
            (
                "Thread-Topic",
                hdr_text(
                    subject.split(": ", 1)[-1]
                    if subject.split(":", 1)[0] in ("RE", "TR", "FW", "AW", "WG", "RV", "R", "I")
                    else subject
                ),
            ),
            ("Thread-Index", ti),
        ]
        h.append(
            (
                "Content-Language",
                {"fr": "fr-FR", "en": "en-US", "de": "de-DE", "es": "es-ES", "it": "it-IT"}.get(
                    m.lang, "fr-FR"
                ),
            )
        )
        if m.client in ("outlook-desktop", "outlook-mac"):
            h.append(MAILER[m.client])
        else:
            h += [
                ("X-MS-Has-Attach", "yes" if (spec.pdf or m.attached) else ""),
                ("X-MS-TNEF-Correlator", ""),
            ]
    elif m.client == "thunderbird":
        h.append(("User-Agent", TB_UA.get(m.lang, TB_UA["fr"])))
        h.append(("Content-Language", {"fr": "fr", "en": "en-GB", "de": "de-DE"}.get(m.lang, "fr")))
    else:
        k, v = MAILER[m.client]
        if k:
            h.append((k, v))
    h += spec.extra_headers
    h.append(("MIME-Version", "1.0"))
    return "".join(f"{k}: {v}\r\n" for k, v in h).encode()


# ---------------------------------------------------------------------------
# Case construction
# ---------------------------------------------------------------------------

SEED = 20250203
R = random.Random(SEED)
DEST = [OUT]  # where main() writes: the corpus folder, or a scratch folder in a test
BASE = datetime(2025, 2, 3, 9, 12, tzinfo=PARIS)
CASES: list[dict] = []
N = [0]
_date_i = [0]


def next_date() -> datetime:
    _date_i[0] += 1
    i = _date_i[0]
    return BASE + timedelta(days=(i * 3) % 40, hours=(i * 5) % 9, minutes=(i * 17) % 60)


def mid_for(p: Person, i: int, client: str) -> str:
    dom = p.email.split("@")[1]
    tag = hashlib.sha1(f"{client}{i}{p.email}".encode()).hexdigest()
    if client in ("outlook-desktop",):
        return f"{tag[:12].upper()}$0{tag[12:20].upper()}${tag[20:28].upper()}@{dom}"
    if client in ("owa", "outlook-mobile"):
        return f"PR3P194MB{tag[:10].upper()}{i:04d}@PR3P194MB{tag[10:14].upper()}.EURP194.PROD.OUTLOOK.COM"
    if client.startswith("gmail"):
        return f"CA+{tag[:22]}{i}=x@mail.gmail.example"
    if client.startswith("apple"):
        return (
            f"{tag[:8].upper()}-{tag[8:12].upper()}-{tag[12:16].upper()}-{tag[16:28].upper()}@{dom}"
        )
    return f"{tag[:16]}.{i}@{dom}"


_mid_i = [0]


def sig_for(p: Person, lang: str, style: int) -> list[str]:
    o = p.org
    if not o or style == 0:
        return [p.name] if style != 5 else [p.first]
    tel = "Tél. :" if lang == "fr" else ("Tel.:" if lang == "de" else "Phone:")
    mob = "Mob. :" if lang == "fr" else ("Mobil:" if lang == "de" else "Mobile:")
    if style == 1:
        return [p.name, p.title, o.name]
    if style == 2:
        return (
            [p.name, p.title] + [f"{tel} {o.phone}"] + ([f"{mob} {p.mobile}"] if p.mobile else [])
        )
    if style == 3:
        return [p.name, p.title, o.name, o.street, o.city, f"www.{o.domain}"]
    if style == 4:
        return [
            f"{p.name} | {p.title}",
            f"{o.name} – {o.city}",
            f"T {o.phone}" + (f" | M {p.mobile}" if p.mobile else ""),
        ]
    return [p.first]


GREETING = re.compile(
    r"^(Bonjour|Bonsoir|Salut|Hi|Hello|Dear|Hallo|Hola|Ciao) (Madame |Monsieur |Herr |Frau )?(?!à tous|all\b|team\b|Maître)([^,\n]+),"
)
THANKS = re.compile(r"^(Merci|Thanks) (?!pour|for|d')([A-ZÉ][\w-]+)([,.!])")


def personalise(paras: list[str], to: Person) -> list[str]:
    """Greet the actual recipient: the hand-written bodies name a placeholder person."""
    if not paras:
        return paras
    first = paras[0]

    def greet(mo: re.Match) -> str:
        return (
            f"{mo.group(1)} {mo.group(2)}{to.last},"
            if mo.group(2)
            else f"{mo.group(1)} {to.first},"
        )

    first = GREETING.sub(greet, first, count=1)
    first = THANKS.sub(lambda mo: f"{mo.group(1)} {to.first}{mo.group(3)}", first, count=1)
    return [first] + paras[1:]


def make_msg(
    sender: Person,
    to: list[Person],
    lang: str,
    client: str,
    paras: list[str],
    subject: str,
    history: Msg | None = None,
    sig_style: int | None = None,
    signoff: str | None = None,
    disclaimer: bool = False,
    date: datetime | None = None,
    **kw,
) -> Msg:
    if sig_style is None:
        sig_style = R.choice([0, 1, 2, 3, 4, 5])
    if signoff is None:
        signoff = R.choice(FR_SIGNOFFS if lang == "fr" else EN_SIGNOFFS if lang == "en" else [""])
    sig = sig_for(sender, lang, sig_style) if sig_style >= 0 else []
    disc = []
    if disclaimer:
        disc = [R.choice(FR_DISCLAIMERS if lang == "fr" else EN_DISCLAIMERS)]
    if date is None:
        date = (history.date + timedelta(hours=2, minutes=17)) if history else next_date()
    _mid_i[0] += 1
    paras = personalise(paras, to[0])
    m = Msg(
        sender=sender,
        to=to,
        date=date,
        subject=subject,
        paras=paras,
        lang=lang,
        client=client,
        signoff=signoff,
        sig=sig,
        disclaimer=disc,
        history=history,
        **kw,
    )
    m.mid = mid_for(sender, _mid_i[0], client)
    return m


OUTLOOKS = ("outlook-desktop", "outlook-mac", "owa", "outlook-mobile")


def re_prefix(client: str, lang: str) -> str:
    if client in OUTLOOKS:
        return {"de": "AW: ", "it": "R: "}.get(lang, "RE: ")
    if client == "lotus-notes" and lang == "fr":
        return "Réf. : "
    return "Re: "


def fw_prefix(client: str, lang: str) -> str:
    if client in OUTLOOKS:
        return {"fr": "TR: ", "de": "WG: ", "es": "RV: ", "it": "I: "}.get(lang, "FW: ")
    if client.startswith("gmail") or client == "apple-mail" or client == "apple-iphone":
        return "Fwd: "
    if client == "lotus-notes":
        return "Tr : " if lang == "fr" else "Fw: "
    return "Fwd: " if client != "zimbra" else ("Tr: " if lang == "fr" else "Fwd: ")


def people(lang: str) -> list[Person]:
    return {"fr": FR_PEOPLE, "en": EN_PEOPLE, "de": DE_PEOPLE, "es": ES_PEOPLE, "it": IT_PEOPLE}[
        lang
    ]


def two(lang: str) -> tuple[Person, Person]:
    if lang not in ("fr", "en"):
        return R.choice(people(lang)), R.choice(FR_PEOPLE[:3])
    a, b = R.sample(people(lang), 2)
    return a, b


def strip_prefix(s: str) -> str:
    for p in (
        "RE: ",
        "Re: ",
        "TR: ",
        "FW: ",
        "Fwd: ",
        "AW: ",
        "WG: ",
        "Tr : ",
        "Tr: ",
        "Fw: ",
        "Réf. : ",
        "RV: ",
        "R: ",
        "I: ",
    ):
        if s.startswith(p):
            return strip_prefix(s[len(p) :])
    return s


def original(lang: str, client: str, sender: Person, to: Person, **kw) -> Msg:
    pool = FR_ORIGINALS if lang == "fr" else EN_ORIGINALS
    paras, subj = R.choice(pool)
    return make_msg(sender, [to], lang, client, paras, subj, **kw)


def emit(
    client: str,
    lang: str,
    kind: str,
    m: Msg,
    spec: Spec,
    expected: dict,
    note: str = "",
    short: str | None = None,
) -> None:
    N[0] += 1
    cid = f"{N[0]:03d}-{client}-{lang}-{short or kind}"
    raw = serialise(m, spec, cid)
    (DEST[0] / f"{cid}.eml").write_bytes(raw)
    CASES.append(
        {
            "id": cid,
            "eml": f"{cid}.eml",
            "client": client,
            "language": lang,
            "kind": kind,
            "expected": expected,
            "note": note,
        }
    )


def exp(
    m: Msg, auto: bool = False, forwarded: list[Msg] | None = None, new_text: str | None = None
) -> dict:
    return {
        "new_text": "\n\n".join(m.paras) if new_text is None else new_text,
        "signature": m.signature_text(),
        "auto_reply": auto,
        "forwarded": [
            {"from": f.sender.email, "subject": f.subject, "text": "\n\n".join(f.paras)}
            for f in (forwarded or [])
        ],
    }


# --- replies -----------------------------------------------------------------

OTHER_CLIENT_FOR_HISTORY = [
    "outlook-desktop",
    "gmail-web",
    "apple-mail",
    "thunderbird",
    "owa",
    "zimbra",
    "roundcube",
    "lotus-notes",
]


def reply_case(
    client: str,
    lang: str,
    fmt: str = "alt",
    depth: int = 1,
    banner: bool = False,
    disclaimer: bool = False,
    sig_style: int | None = None,
    charset: str = "utf-8",
    cte: str = "quoted-printable",
    bottom: bool = False,
    mobile_sig: str = "",
    hist_client: str | None = None,
    note: str = "",
    paras: list[str] | None = None,
    signoff: str | None = None,
    short: str | None = None,
    kind: str = "reply",
    hist_lang: str | None = None,
) -> None:
    hl = hist_lang or (lang if lang in ("fr", "en") else "fr")
    me, them = two(lang)
    if lang not in ("fr", "en"):
        them = R.choice(people(hl))

    # senders alternate backwards from the final reply: the message just before it is theirs
    def sender_at(i: int) -> tuple[Person, Person]:
        return (them, me) if (depth - 1 - i) % 2 == 0 else (me, them)

    a, b = sender_at(0)
    hist = original(
        hl, hist_client or R.choice(OTHER_CLIENT_FOR_HISTORY), a, b, disclaimer=R.random() < 0.3
    )
    for level in range(1, depth):
        hc = R.choice(OTHER_CLIENT_FOR_HISTORY)
        a, b = sender_at(level)
        subj = re_prefix(hc, hl) + strip_prefix(hist.subject)
        hist = make_msg(a, [b], hl, hc, thread_reply(hist, level - 1), subj, history=hist)
    if paras is None:
        paras = thread_reply(hist, depth - 1)
    m = make_msg(
        me,
        [them],
        lang,
        client,
        paras,
        re_prefix(client, lang) + strip_prefix(hist.subject),
        history=hist,
        sig_style=sig_style,
        disclaimer=disclaimer,
        signoff=signoff,
        mobile_sig=mobile_sig,
        bottom=bottom,
    )
    if R.random() < 0.25 and lang in ("fr", "en"):
        m.cc = [R.choice([p for p in people(lang) if p not in (me, them)])]
    b = R.choice(BANNERS[lang if lang in ("fr", "en") else "fr"]) if banner else ""
    notes = [note] if note else []
    if banner:
        notes.append("gateway banner at the top")
    if depth > 1:
        notes.append(f"{depth} levels of history")
    emit(
        client,
        lang,
        kind,
        m,
        Spec(fmt=fmt, charset=charset, cte=cte, banner=b),
        exp(m),
        "; ".join(notes),
        short=short,
    )


FR_INLINE = [
    (
        [
            ("Pouvez-vous livrer le 12 ?", "Oui, livraison le 12 au matin."),
            ("Le tarif inclut-il le transport ?", "Non, le transport est facturé 180 € HT en sus."),
            (
                "Quel délai pour les pièces de rechange ?",
                "Trois semaines en général, une semaine en urgence.",
            ),
        ],
        "Questions sur la commande",
    ),
    (
        [
            ("Est-ce que la salle du conseil est libre jeudi ?", "Oui, de 9 h à 12 h seulement."),
            (
                "Faut-il prévoir un vidéoprojecteur ?",
                "Il y en a un fixe dans la salle, la télécommande est à l'accueil.",
            ),
        ],
        "Réservation salle du conseil",
    ),
    (
        [
            (
                "Le contrat prévoit-il une clause de révision des prix ?",
                "Oui, article 7, indexation annuelle sur l'indice Syntec.",
            ),
            (
                "Et une pénalité de retard ?",
                "Pas dans la version actuelle. Je propose d'en ajouter une à 1 % par semaine plafonnée à 10 %.",
            ),
        ],
        "Contrat de maintenance",
    ),
    (
        [
            ("J'ai relancé le fournisseur pour le lot 2498.", ""),
            (
                "Ils proposent un avoir de 5 %, qu'en penses-tu ?",
                "C'est insuffisant, il faut au moins 10 % vu la non-conformité.",
            ),
            ("On fait un point demain ?", "Oui, 9 h dans mon bureau."),
        ],
        "Lot 2498 – suite",
    ),
    (
        [
            (
                "Tu as pu tester la nouvelle version du logiciel de paie ?",
                "Oui, hier soir sur le jeu d'essai.",
            ),
            (
                "Des anomalies ?",
                "Deux : les congés payés de février sont mal proratisés, et le bulletin de Mme Petit affiche un net négatif.",
            ),
        ],
        "Tests logiciel de paie",
    ),
]
EN_INLINE = [
    (
        [
            (
                "Can you ship on the 12th?",
                "Yes, it will leave our warehouse on the morning of the 12th.",
            ),
            (
                "Is insurance included?",
                "No, insurance is 0.4% of the declared value, invoiced separately.",
            ),
        ],
        "Order questions",
    ),
    (
        [
            ("Did the load test pass?", "It passed at 500 rps, p99 latency 180 ms."),
            (
                "What about 1000 rps?",
                "Errors start at around 850 rps. The database connection pool is the bottleneck.",
            ),
        ],
        "Load test results",
    ),
    (
        [
            ("I've attached the draft agenda for the review.", ""),
            (
                "Should we add a slot for the audit findings?",
                "Yes please, 20 minutes after the financials.",
            ),
        ],
        "Review agenda",
    ),
    (
        [
            ("Are you joining the offsite in May?", "Yes, I'll be there both days."),
            ("Any dietary requirements?", "Vegetarian, thanks."),
        ],
        "Offsite in May",
    ),
]


def inline_case(client: str, lang: str, fmt: str, item: tuple, note: str = "") -> None:
    pairs, subject = item
    me, them = two(lang)
    asked = [q for q, _ in pairs]
    hist = make_msg(
        them,
        [me],
        lang,
        R.choice(["outlook-desktop", "gmail-web", "thunderbird"]),
        R.sample(["Bonjour,"] if lang == "fr" else ["Hi,"], 1) + asked,
        subject,
        sig_style=0,
    )
    m = make_msg(
        me,
        [them],
        lang,
        client,
        [a for _, a in pairs if a],
        re_prefix(client, lang) + subject,
        history=hist,
        sig_style=R.choice([0, 5, 1]),
    )
    m.inline = pairs
    # The asker's greeting and signature come first in the quote: quote it before the first question.
    greet = "Bonjour," if lang == "fr" else "Hi,"
    m.inline = [(greet + "\n\n" + pairs[0][0], pairs[0][1])] + list(pairs[1:])
    m.inline[-1] = (m.inline[-1][0] + "\n\n" + "\n".join(hist.sig_block()), m.inline[-1][1])
    emit(
        client,
        lang,
        "reply-inline",
        m,
        Spec(fmt=fmt),
        exp(m),
        note or "answers interleaved with quoted questions",
    )


def forward_case(
    client: str,
    lang: str,
    levels: int = 1,
    fmt: str = "alt",
    note_text: list[str] | None = None,
    inner_clients: list[str] | None = None,
    attach_names: list[str] | None = None,
    pdf: str = "",
    orig_disclaimer: bool = False,
    banner: bool = False,
    note: str = "",
    hist_in_orig: bool = False,
) -> None:
    """Inline forward of `levels` nested forwards; the oldest original first in `forwarded`."""
    me, them = two(lang)
    pool = [p for p in people(lang) if p not in (me, them)]
    chain = R.sample(pool, min(levels, len(pool)))
    while len(chain) < levels:
        chain.append(R.choice(pool))
    src = chain[0]
    oc = (inner_clients or [R.choice(OTHER_CLIENT_FOR_HISTORY)])[0]
    orig = original(
        lang,
        oc,
        src,
        chain[1] if levels > 1 else me,
        disclaimer=orig_disclaimer,
        sig_style=R.choice([1, 2, 3, 4]),
        attach_names=attach_names or [],
    )
    originals = [orig]
    if hist_in_orig:
        # the original is itself a reply: its quoted history is not part of what was forwarded as text
        q = original(lang, R.choice(OTHER_CLIENT_FOR_HISTORY), orig.to[0], src)
        orig.history = q
        orig.date = q.date + timedelta(hours=3)
        orig.subject = re_prefix(oc, lang) + q.subject
        orig.paras = personalise(thread_reply(q, 0), orig.to[0])
        # Mailwall's convention (parsers/forwards.py): inside a forward, the history a
        # forwarded reply quotes is an older original, oldest first.
        originals.insert(0, q)
    cur = orig
    for lvl in range(1, levels):
        fc = (
            inner_clients[lvl]
            if inner_clients and len(inner_clients) > lvl
            else R.choice(["outlook-desktop", "owa", "gmail-web", "apple-mail", "thunderbird"])
        )
        who = chain[lvl]
        nxt = chain[lvl + 1] if lvl + 1 < levels else me
        fnote = R.choice(
            [["Pour info."], ["Voir ci-dessous, merci de traiter."], []]
            if lang == "fr"
            else [["FYI."], ["See below, can you handle this?"], []]
        )
        # a forward with nothing typed carries no signature either: its text is empty
        f = make_msg(
            who,
            [nxt],
            lang,
            fc,
            fnote,
            fw_prefix(fc, lang) + cur.subject,
            sig_style=R.choice([0, 5]) if fnote else -1,
            signoff="" if not fnote else None,
            date=cur.date + timedelta(hours=1, minutes=7 * lvl),
        )
        f.fwd = [cur]
        originals.append(f)
        cur = f
    if note_text is None:
        note_text = R.choice(
            [
                ["Bonjour,", "Pour info, voir ci-dessous."],
                ["Bonjour Marie,", "Je te transfère la demande du client. Peux-tu t'en occuper ?"],
                ["Hello,", "Voir le message ci-dessous, à traiter en priorité."],
                [],
                ["Pour validation."],
            ]
            if lang == "fr"
            else [
                ["Hi,", "FYI, see below."],
                ["Hi David,", "Forwarding this one to you. Can you take care of it?"],
                [],
                ["See below."],
            ]
        )
    m = make_msg(
        me,
        [them],
        lang,
        client,
        note_text,
        fw_prefix(client, lang) + cur.subject,
        sig_style=R.choice([0, 1, 5]) if note_text else -1,
        signoff=None if note_text else "",
        date=cur.date + timedelta(hours=2),
    )
    m.fwd = [cur]
    if client == "apple-iphone":
        m.mobile_sig = "Envoyé de mon iPhone" if lang == "fr" else "Sent from my iPhone"
    if client == "outlook-mobile":
        m.mobile_sig = "Obtenir Outlook pour iOS" if lang == "fr" else "Get Outlook for Android"
    if client == "samsung-mail":
        m.mobile_sig = (
            "Envoyé depuis mon appareil Galaxy" if lang == "fr" else "Sent from my Galaxy"
        )
    b = R.choice(BANNERS[lang]) if banner else ""
    notes = [f"{levels}-level inline forward"] + ([note] if note else [])
    if hist_in_orig:
        notes.append("forwarded original carries its own quoted history")
    if orig_disclaimer:
        notes.append("original's signature and disclaimer")
    emit(
        client,
        lang,
        "forward",
        m,
        Spec(fmt=fmt, pdf=pdf, banner=b),
        exp(m, forwarded=originals),
        "; ".join(notes),
    )


def attached_forward_case(
    client: str, lang: str, levels: int = 1, with_history: bool = True, note: str = ""
) -> None:
    me, them = two(lang)
    pool = [p for p in people(lang) if p not in (me, them)]
    chain = R.sample(pool, levels)  # the original's author, then each forwarder
    src = chain[0]
    dst = chain[1] if levels > 1 else me
    oc = R.choice(["outlook-desktop", "gmail-web", "thunderbird", "apple-mail", "zimbra", "owa"])
    if with_history:
        q = original(lang, R.choice(OTHER_CLIENT_FOR_HISTORY), dst, src)
        orig = make_msg(
            src,
            [dst],
            lang,
            oc,
            thread_reply(q, 0),
            re_prefix(oc, lang) + q.subject,
            history=q,
            sig_style=R.choice([1, 2, 3]),
            disclaimer=R.random() < 0.5,
        )
    else:
        orig = original(lang, oc, src, dst, sig_style=2, disclaimer=True)
    # The quoted history of an attached reply is an older original, as inline.
    originals = [q, orig] if with_history else [orig]
    cur = orig
    notes_pool = (
        [
            ["Pour info, en pièce jointe."],
            ["Voir le message joint."],
            ["Bonjour,", "Je te fais suivre l'échange complet en pièce jointe."],
        ]
        if lang == "fr"
        else [
            ["FYI, attached."],
            ["See the attached thread."],
            ["Hi,", "Forwarding the whole exchange as an attachment."],
        ]
    )
    for lvl in range(1, levels):
        fc = R.choice(["outlook-desktop", "thunderbird", "gmail-web"])
        f = make_msg(
            chain[lvl],
            [chain[lvl + 1] if lvl + 1 < levels else me],
            lang,
            fc,
            R.choice(notes_pool),
            fw_prefix(fc, lang) + cur.subject,
            sig_style=R.choice([0, 5]),
            date=cur.date + timedelta(hours=5),
        )
        f.attached = cur
        originals.append(f)
        cur = f
    text = R.choice(
        [
            ["Bonjour,", "Je vous transfère le message en pièce jointe pour traitement."],
            ["Voir la pièce jointe."],
            ["Bonjour Thomas,", "Ci-joint l'échange avec le client, pour ton dossier."],
        ]
        if lang == "fr"
        else [["Hi,", "Forwarding the attached message for your records."], ["See attached."]]
    )
    m = make_msg(
        me,
        [them],
        lang,
        client,
        text,
        fw_prefix(client, lang) + cur.subject,
        sig_style=R.choice([0, 1, 2]),
        date=cur.date + timedelta(days=1),
    )
    m.attached = cur
    notes = [f"{levels} level(s) forwarded as message/rfc822 attachment"]
    if with_history:
        notes.append("the attached original has its own quoted history (not part of its text)")
    if note:
        notes.append(note)
    emit(
        client,
        lang,
        "forward-attached",
        m,
        Spec(fmt="alt" if client != "orange-webmail" else "plain"),
        exp(m, forwarded=originals),
        "; ".join(notes),
    )


# --- auto-replies -------------------------------------------------------------

AUTO_FR = [
    [
        "Bonjour,",
        "Je suis absente du 3 au 14 mars inclus, avec un accès limité à ma messagerie.",
        "Pour toute demande urgente, merci de contacter Thomas Girard (thomas.girard@transports-morel.example).",
    ],
    [
        "Bonjour,",
        "Je suis actuellement en congés et serai de retour le lundi 24 février. Votre message ne sera pas transféré.",
        "En cas d'urgence, vous pouvez joindre le standard au 02 99 83 40 50.",
    ],
    [
        "Merci pour votre message.",
        "Je suis en déplacement jusqu'au 7 mars et consulterai mes courriels à mon retour.",
    ],
    [
        "Bonjour,",
        "Je suis absent du bureau jusqu'au 10 mars. Pour les questions relatives aux factures, merci d'écrire à compta@vallarin.example.",
    ],
]
AUTO_EN = [
    [
        "Hello,",
        "I am out of the office until Monday 10 March with limited access to email.",
        "For urgent matters please contact support@helios-software.example.",
    ],
    [
        "Thank you for your email. I'm currently on annual leave, returning on 24 February.",
        "Your message will not be forwarded.",
    ],
]


def auto_case(client: str, lang: str, with_headers: bool, fmt: str, note: str = "") -> None:
    me, them = two(lang)
    paras = R.choice(AUTO_FR if lang == "fr" else AUTO_EN)
    orig_subj = R.choice(FR_ORIGINALS if lang == "fr" else EN_ORIGINALS)[1]
    extra: list[tuple[str, str]] = []
    if with_headers:
        if client in ("outlook-desktop", "owa"):
            subj = ("Réponse automatique : " if lang == "fr" else "Automatic reply: ") + orig_subj
            extra = [
                ("Auto-Submitted", "auto-generated"),
                ("X-Auto-Response-Suppress", "All"),
                (
                    "X-MS-Exchange-Inbox-Rules-Loop",
                    them.email.split("@")[0] + "@" + me.email.split("@")[1],
                ),
            ]
        elif client == "zimbra":
            subj = ("Absent : " if lang == "fr" else "Out of office: ") + orig_subj
            extra = [("Auto-Submitted", "auto-replied (zimbra; vacation)"), ("Precedence", "bulk")]
        elif client == "lotus-notes":
            subj = (
                f"{me.notes} est absent(e)."
                if lang == "fr"
                else f"{me.notes} is out of the office."
            )
            extra = [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")]
        elif client == "roundcube":
            subj = ("Absence : " if lang == "fr" else "Out of office: ") + orig_subj
            extra = [("Auto-Submitted", "auto-replied (vacation)")]
        else:  # gmail
            subj = orig_subj
            extra = [("Auto-Submitted", "auto-replied")]
    else:
        subj = "RE: " + orig_subj if client.startswith("outlook") else orig_subj
    m = make_msg(
        me,
        [them],
        lang,
        client,
        paras,
        subj,
        sig_style=R.choice([0, 1, 2]),
        signoff=R.choice(
            ["Cordialement,", "Bien à vous,", ""]
            if lang == "fr"
            else ["Kind regards,", "Best regards,", ""]
        ),
    )
    emit(
        client,
        lang,
        "auto-reply",
        m,
        Spec(fmt=fmt, extra_headers=extra),
        exp(m, auto=True),
        note
        or (
            "out-of-office with auto-reply headers"
            if with_headers
            else "out-of-office sent by a client rule: no auto-reply header, normal subject"
        ),
    )


ABSENT_GENUINE_FR = [
    [
        "Bonjour Marie,",
        "Je serai absent demain toute la journée (formation). Peut-on décaler notre point à jeudi 10 h ?",
    ],
    [
        "Bonjour,",
        "Attention, je suis absente du 3 au 7 mars : merci d'envoyer le bon de commande avant vendredi pour que je puisse le signer.",
    ],
    [
        "Salut Julien,",
        "Je serai en congés la semaine prochaine. Antoine prendra les tickets urgents ; je lui ai transmis les accès.",
    ],
]
ABSENT_GENUINE_EN = [
    [
        "Hi James,",
        "I'll be out of the office tomorrow afternoon for a dentist appointment. Can we move the review to Friday morning?",
    ],
    [
        "Hi Sarah,",
        "Heads-up: I'm on leave from 10 to 14 March. Please send me the booking before then so I can approve it.",
    ],
]


def not_auto_case(client: str, lang: str, fmt: str) -> None:
    paras = R.choice(ABSENT_GENUINE_FR if lang == "fr" else ABSENT_GENUINE_EN)
    reply_case(
        client,
        lang,
        fmt=fmt,
        paras=paras,
        kind="not-auto-reply",
        note="a genuine reply that mentions an absence: not an auto-reply",
    )


# ---------------------------------------------------------------------------
# Special families written out by hand around the renderers
# ---------------------------------------------------------------------------


def special_same_line() -> None:
    """Reply text and attribution on one line (mobile clients that glue them)."""
    for lang, client, text in [
        ("en", "gmail-android", "Sounds good, thanks!"),
        ("fr", "gmail-android", "Ça me va, merci !"),
        ("en", "other-mobile", "Works for me."),
        ("fr", "other-mobile", "Parfait, à demain."),
    ]:
        me, them = two(lang)
        hist = original(lang, "outlook-desktop", them, me)
        m = make_msg(
            me,
            [them],
            lang,
            client,
            [text],
            "Re: " + hist.subject,
            history=hist,
            sig_style=-1,
            signoff="",
        )
        if client == "gmail-android":
            a = gmail_attr(hist, lang, android=True)
        else:
            a = render(m, "plain").plain.split("\n\n")[1]
        plain = f"{text} {a}\n\n" + quote(hist_plain(hist))
        _emit_plain(
            client,
            lang,
            "reply",
            m,
            plain,
            exp(m),
            "reply text and attribution on the same line",
            short="reply-sameline",
        )


def _emit_plain(
    client: str,
    lang: str,
    kind: str,
    m: Msg,
    plain: str,
    expected: dict,
    note: str,
    short: str | None = None,
    extra: list | None = None,
    charset: str = "utf-8",
    cte: str = "8bit",
) -> None:
    N[0] += 1
    cid = f"{N[0]:03d}-{client}-{lang}-{short or kind}"
    spec = Spec(fmt="plain", extra_headers=extra or [])
    raw = headers(m, spec) + leaf("text/plain", plain, charset, cte)
    (DEST[0] / f"{cid}.eml").write_bytes(raw)
    CASES.append(
        {
            "id": cid,
            "eml": f"{cid}.eml",
            "client": client,
            "language": lang,
            "kind": kind,
            "expected": expected,
            "note": note,
        }
    )


def special_own_gt() -> None:
    """'>' lines that are the author's own content, in new messages with a real quote below."""
    me, them = FR_PEOPLE[7], FR_PEOPLE[16]
    hist = make_msg(
        them,
        [me],
        "fr",
        "thunderbird",
        ["Salut Julien,", "Tu peux m'envoyer la modif que tu as faite sur la conf du proxy ?"],
        "Conf proxy",
        sig_style=5,
        signoff="Merci,",
    )
    text = [
        "Salut Antoine,",
        "Voici le diff :",
        "12c12\n< timeout = 30\n---\n> timeout = 120",
        "J'ai aussi redémarré le service à 14 h.",
    ]
    m = make_msg(
        me,
        [them],
        "fr",
        "thunderbird",
        text,
        "Re: Conf proxy",
        history=hist,
        sig_style=5,
        signoff="A+",
    )
    plain = (
        "\n\n".join(text)
        + "\n\nA+\nJulien\n\n"
        + tb_attr(hist, "fr")
        + "\n"
        + quote(hist_plain(hist))
    )
    _emit_plain(
        "thunderbird",
        "fr",
        "reply",
        m,
        plain,
        exp(m),
        "the author's own diff has a '>' line; the real quote follows the attribution",
        short="reply-own-gt",
    )

    me, them = EN_PEOPLE[2], EN_PEOPLE[3]
    text = [
        "Priya,",
        "Here's what I ran on the box:",
        "> Get-Service -Name W3SVC | Restart-Service\n> Get-EventLog -LogName System -Newest 20",
        "The service came back after about 40 seconds.",
    ]
    m = make_msg(me, [them], "en", "roundcube", text, "IIS restart", sig_style=5, signoff="Thanks,")
    plain = "\n\n".join(text) + "\n\nThanks,\nJames"
    _emit_plain(
        "roundcube",
        "en",
        "reply",
        m,
        plain,
        exp(m),
        "a new message whose PowerShell prompt lines start with '>': no quote at all",
        short="new-own-gt",
    )

    me, them = FR_PEOPLE[13], FR_PEOPLE[0]
    hist = make_msg(
        them,
        [me],
        "fr",
        "outlook-desktop",
        ["Bonjour Pierre,", "Quels sont les seuils de validation des achats déjà ?"],
        "Seuils de validation",
        sig_style=0,
    )
    text = [
        "Bonjour Jean,",
        "Les seuils validés en comité :",
        "< 5 000 € : responsable de service\n> 5 000 € : directeur de site\n> 50 000 € : direction générale",
        "Ils s'appliquent à partir du 1er mars.",
    ]
    m = make_msg(
        me,
        [them],
        "fr",
        "zimbra",
        text,
        "Re: Seuils de validation",
        history=hist,
        sig_style=1,
        signoff="Cordialement,",
    )
    plain = (
        "\n\n".join(text)
        + "\n\nCordialement,\n"
        + "\n".join(m.sig)
        + "\n\n----- Mail original -----\n"
        + "\n".join(f"{k}: {v}" for k, v in zimbra_rows(hist, "fr"))
        + "\n\n"
        + hist_plain(hist)
    )
    _emit_plain(
        "zimbra",
        "fr",
        "reply",
        m,
        plain,
        exp(m),
        "amounts written with '>' by the author above a Zimbra header block",
        short="reply-own-gt",
    )


def special_template() -> None:
    """A template pasted in a reply ('De : / À : / Impact :') is the author's text, not a quote header."""
    me, them = FR_PEOPLE[7], FR_PEOPLE[6]
    hist = make_msg(
        them,
        [me],
        "fr",
        "outlook-desktop",
        ["Bonjour Julien,", "Pouvez-vous prévenir les services de la coupure réseau de samedi ?"],
        "Coupure réseau samedi",
        sig_style=1,
    )
    text = [
        "Bonjour Isabelle,",
        "Voici le message que je propose d'envoyer à tous les agents :",
        "De : Service informatique\nÀ : Tous les agents\nObjet : Coupure réseau samedi 15 mars\nImpact : messagerie, logiciels métier et téléphonie indisponibles de 8 h à 13 h",
        "Cela vous convient-il ?",
    ]
    for client, fmt in (("outlook-desktop", "alt"), ("thunderbird", "plain")):
        m = make_msg(
            me,
            [them],
            "fr",
            client,
            text,
            re_prefix(client, "fr") + hist.subject,
            history=hist,
            sig_style=2,
            signoff="Cordialement,",
        )
        emit(
            client,
            "fr",
            "reply",
            m,
            Spec(fmt=fmt),
            exp(m),
            "a notice template with De/À/Objet lines pasted by the author, above the real quote",
            short="reply-template",
        )


def special_split_attr() -> None:
    """Attribution wrapped over two lines (long names and addresses)."""
    for client, lang in (("gmail-web", "fr"), ("thunderbird", "en"), ("roundcube", "fr")):
        me = FR_PEOPLE[15] if lang == "fr" else EN_PEOPLE[0]
        them = FR_PEOPLE[0] if lang == "fr" else EN_PEOPLE[5]
        hist = original(lang, "outlook-desktop", me, them, sig_style=1)
        paras = thread_reply(hist, 0)
        m = make_msg(
            them, [me], lang, client, paras, "Re: " + hist.subject, history=hist, sig_style=0
        )
        if client == "gmail-web":
            a = wrap_attr(gmail_attr(hist, lang))
        elif client == "thunderbird":
            a = f"On {hist.date:%d/%m/%Y %H:%M}, {hist.sender.name} via the\nNorthwind purchasing list wrote:"
        else:
            a = f"Le {hist.date:%Y-%m-%d %H:%M}, {hist.sender.name}\n<{hist.sender.email}> a écrit :"
        assert "\n" in a
        plain = own_plain(m) + "\n\n" + a + "\n\n" + quote(hist_plain(hist))
        _emit_plain(
            client,
            lang,
            "reply",
            m,
            plain,
            exp(m),
            "attribution split over two lines",
            short="reply-split-attr",
        )


def special_notes_bare() -> None:
    """HCL Notes bare header block (older template: De/A/Cc/Date/Objet lines, no quote marks)."""
    for lang in ("fr", "fr", "en"):
        me, them = two(lang)
        hist = original(lang, "lotus-notes", them, me, sig_style=3)
        m = make_msg(
            me,
            [them],
            lang,
            "lotus-notes",
            thread_reply(hist, 0),
            ("Réf. : " if lang == "fr" else "Re: ") + hist.subject,
            history=hist,
            sig_style=2,
        )
        if lang == "fr":
            rows = [
                ("De :", f"{hist.sender.name} <{hist.sender.email}>"),
                ("A :", f"{me.notes}@{me.org.notes if me.org else 'HOME'}"),
                ("Cc :", ""),
                ("Date :", f"{hist.date:%d/%m/%Y %H:%M}"),
                ("Objet :", hist.subject),
            ]
        else:
            rows = [
                ("From:", f"{hist.sender.name} <{hist.sender.email}>"),
                ("To:", f"{me.notes}@{me.org.notes if me.org else 'HOME'}"),
                ("Cc:", ""),
                ("Date:", f"{hist.date:%m/%d/%Y %I:%M %p}"),
                ("Subject:", hist.subject),
            ]
        plain = (
            own_plain(m)
            + "\n\n\n\n"
            + "\n".join(f"{k}\t{v}".rstrip() for k, v in rows)
            + "\n\n\n\n"
            + hist_plain(hist)
        )
        _emit_plain(
            "lotus-notes",
            lang,
            "reply",
            m,
            plain,
            exp(m),
            "Notes bare header block (tab-separated De/A/Cc/Date/Objet), quote not prefixed",
            short="reply-bare-header",
            charset="iso-8859-1",
            cte="quoted-printable",
        )


def special_four_level_html() -> None:
    """HTML-only chains of four forwards (Outlook/OWA), each level a forward of the previous."""
    for lang, clients in (
        ("fr", ["gmail-web", "outlook-desktop", "owa", "outlook-desktop"]),
        ("en", ["apple-mail", "owa", "outlook-desktop", "owa"]),
    ):
        forward_case(
            clients[-1],
            lang,
            levels=4,
            fmt="html",
            inner_clients=clients,
            note="HTML-only chain of four forwards",
        )


def special_iso() -> None:
    """Legacy charsets: windows-1252 / iso-8859-1, quoted-printable or base64."""
    reply_case(
        "outlook-desktop",
        "fr",
        fmt="plain",
        charset="windows-1252",
        cte="quoted-printable",
        note="windows-1252 plain text",
    )
    reply_case(
        "outlook-desktop",
        "fr",
        fmt="alt",
        charset="windows-1252",
        cte="base64",
        note="windows-1252 base64",
    )
    reply_case(
        "thunderbird", "fr", fmt="plain", charset="iso-8859-1", cte="8bit", note="iso-8859-1 8bit"
    )
    reply_case(
        "zimbra",
        "fr",
        fmt="plain",
        charset="iso-8859-1",
        cte="quoted-printable",
        note="iso-8859-1 quoted-printable",
    )
    reply_case(
        "roundcube", "fr", fmt="plain", charset="utf-8", cte="base64", note="utf-8 base64 plain"
    )


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

IOS_FR, IOS_EN = "Obtenir Outlook pour iOS", "Get Outlook for iOS"
AND_FR, AND_EN = "Obtenir Outlook pour Android", "Get Outlook for Android"


def build() -> None:
    # Outlook desktop: HTML (border-top block), plain (-----Message d'origine----- / bare block), FR/EN/DE
    reply_case("outlook-desktop", "fr", fmt="alt", sig_style=2, disclaimer=True)
    reply_case("outlook-desktop", "fr", fmt="alt", depth=2, banner=True)
    reply_case("outlook-desktop", "fr", fmt="html", depth=3, sig_style=3)
    reply_case("outlook-desktop", "fr", fmt="plain", sig_style=1)
    reply_case("outlook-desktop", "fr", fmt="plain", depth=2, disclaimer=True)
    reply_case("outlook-desktop", "fr", fmt="alt", sig_style=4, banner=True, disclaimer=True)
    reply_case("outlook-desktop", "fr", fmt="alt", signoff="Belle journée,", sig_style=0)
    reply_case(
        "outlook-desktop",
        "fr",
        fmt="alt",
        signoff="Bonne fin de journée,",
        sig_style=2,
        hist_client="gmail-web",
    )
    reply_case("outlook-desktop", "en", fmt="alt", sig_style=2, disclaimer=True)
    reply_case("outlook-desktop", "en", fmt="alt", depth=2, banner=True)
    reply_case("outlook-desktop", "en", fmt="plain", sig_style=1)
    reply_case("outlook-desktop", "en", fmt="html", depth=2, hist_client="apple-mail")
    reply_case(
        "outlook-desktop",
        "de",
        fmt="alt",
        paras=[
            "Hallo Herr Dupont,",
            "vielen Dank für das Angebot. Wir bestellen 40 Stück zum genannten Preis.",
            "Bitte senden Sie uns die Auftragsbestätigung.",
        ],
        signoff="Mit freundlichen Grüßen",
        hist_lang="fr",
        note="German Outlook (Von/Gesendet/An/Betreff) over a French original",
    )
    forward_case(
        "outlook-desktop",
        "fr",
        attach_names=["devis.pdf"],
        pdf="devis.pdf",
        orig_disclaimer=True,
        note="'Pièces jointes : devis.pdf' line in the header block",
    )
    forward_case("outlook-desktop", "fr", levels=2)
    forward_case("outlook-desktop", "fr", levels=3, fmt="html")
    forward_case("outlook-desktop", "en", attach_names=["Q-7781.pdf"], pdf="Q-7781.pdf")
    forward_case("outlook-desktop", "en", levels=2, banner=True)
    forward_case("outlook-desktop", "fr", fmt="plain", hist_in_orig=True)
    attached_forward_case("outlook-desktop", "fr")
    attached_forward_case("outlook-desktop", "en", levels=2)
    attached_forward_case("outlook-desktop", "fr", levels=3, note="three nested attached messages")
    auto_case("outlook-desktop", "fr", True, "alt")
    auto_case("outlook-desktop", "fr", False, "alt")
    auto_case("outlook-desktop", "en", True, "alt")
    auto_case("outlook-desktop", "en", False, "html")
    not_auto_case("outlook-desktop", "fr", "alt")
    not_auto_case("outlook-desktop", "en", "alt")

    # OWA / new Outlook: #divRplyFwdMsg after <hr>
    reply_case("owa", "fr", fmt="alt", sig_style=2)
    reply_case("owa", "fr", fmt="html", depth=2, banner=True)
    reply_case("owa", "fr", fmt="alt", disclaimer=True, signoff="Bien cordialement,")
    reply_case("owa", "fr", fmt="html", sig_style=3, hist_client="lotus-notes")
    reply_case("owa", "en", fmt="alt", sig_style=1)
    reply_case("owa", "en", fmt="html", depth=3)
    reply_case("owa", "en", fmt="alt", banner=True, disclaimer=True)
    forward_case("owa", "fr", attach_names=["planning.xlsx"])
    forward_case("owa", "fr", levels=2, fmt="html")
    forward_case("owa", "en")
    attached_forward_case("owa", "fr", with_history=False)
    auto_case("owa", "fr", True, "html")
    auto_case("owa", "fr", False, "html")
    not_auto_case("owa", "fr", "html")

    # Outlook mobile
    reply_case("outlook-mobile", "fr", fmt="alt", mobile_sig=IOS_FR, sig_style=-1, signoff="")
    reply_case("outlook-mobile", "fr", fmt="alt", mobile_sig=AND_FR, sig_style=5)
    reply_case(
        "outlook-mobile", "fr", fmt="html", mobile_sig=IOS_FR, sig_style=-1, signoff="", depth=2
    )
    reply_case("outlook-mobile", "fr", fmt="alt", mobile_sig=IOS_FR, sig_style=2, banner=True)
    reply_case("outlook-mobile", "en", fmt="alt", mobile_sig=AND_EN, sig_style=-1, signoff="")
    reply_case("outlook-mobile", "en", fmt="alt", mobile_sig=IOS_EN, sig_style=5)
    reply_case(
        "outlook-mobile", "en", fmt="plain", mobile_sig=AND_EN, sig_style=-1, signoff="Thanks,"
    )
    forward_case("outlook-mobile", "fr")
    forward_case("outlook-mobile", "en", levels=2)
    not_auto_case("outlook-mobile", "fr", "alt")

    # Gmail web
    reply_case("gmail-web", "fr", sig_style=2)
    reply_case("gmail-web", "fr", depth=2, sig_style=3)
    reply_case("gmail-web", "fr", sig_style=-1, signoff="Bien à vous,")
    reply_case("gmail-web", "fr", bottom=True, sig_style=0, note="bottom-posted")
    reply_case("gmail-web", "fr", fmt="alt", sig_style=1, banner=True)
    reply_case("gmail-web", "en", sig_style=2)
    reply_case("gmail-web", "en", depth=3, sig_style=0)
    reply_case("gmail-web", "en", bottom=True, sig_style=5, note="bottom-posted")
    reply_case(
        "gmail-web",
        "es",
        paras=[
            "Hola Jean,",
            "Gracias por la información. Nos vemos el jueves en la oficina de Madrid.",
        ],
        signoff="Un saludo,",
        sig_style=0,
        hist_lang="en",
        note="Spanish Gmail attribution",
    )
    reply_case(
        "gmail-web",
        "it",
        paras=["Ciao,", "Perfetto, confermo la riunione di martedì alle 10."],
        signoff="Saluti,",
        sig_style=0,
        hist_lang="en",
        note="Italian Gmail attribution",
    )
    inline_case("gmail-web", "fr", "alt", FR_INLINE[0])
    inline_case("gmail-web", "en", "alt", EN_INLINE[0])
    forward_case("gmail-web", "fr", note="Gmail 'Message transféré' marker")
    forward_case("gmail-web", "fr", levels=2, orig_disclaimer=True)
    forward_case("gmail-web", "en", note="Gmail 'Forwarded message' marker")
    forward_case("gmail-web", "en", levels=3)
    forward_case("gmail-web", "fr", hist_in_orig=True)
    attached_forward_case("gmail-web", "en")
    auto_case(
        "gmail-web",
        "fr",
        True,
        "alt",
        note="Gmail vacation responder: Auto-Submitted header, subject unchanged",
    )
    auto_case(
        "gmail-web",
        "en",
        True,
        "alt",
        note="Gmail vacation responder: Auto-Submitted header, subject unchanged",
    )
    not_auto_case("gmail-web", "en", "alt")

    # Gmail Android
    reply_case("gmail-android", "fr", sig_style=-1, signoff="")
    reply_case("gmail-android", "fr", sig_style=5, depth=2)
    reply_case("gmail-android", "en", sig_style=-1, signoff="Thanks")
    reply_case("gmail-android", "en", sig_style=5)
    forward_case("gmail-android", "fr")
    not_auto_case("gmail-android", "fr", "alt")

    # Apple Mail (macOS)
    reply_case("apple-mail", "fr", sig_style=2)
    reply_case("apple-mail", "fr", depth=2, sig_style=3, disclaimer=True)
    reply_case("apple-mail", "fr", fmt="alt", sig_style=1)
    reply_case("apple-mail", "en", sig_style=4)
    reply_case("apple-mail", "en", depth=2, banner=True)
    inline_case("apple-mail", "fr", "alt", FR_INLINE[1])
    forward_case(
        "apple-mail", "fr", note="'Début du message réexpédié :' inside blockquote type=cite"
    )
    forward_case("apple-mail", "fr", levels=2, orig_disclaimer=True)
    forward_case("apple-mail", "en")
    forward_case("apple-mail", "en", levels=3, fmt="alt")
    attached_forward_case("apple-mail", "fr")
    not_auto_case("apple-mail", "fr", "alt")

    # iPhone
    for lang, ms in (("fr", "Envoyé de mon iPhone"), ("en", "Sent from my iPhone")):
        reply_case("apple-iphone", lang, mobile_sig=ms, sig_style=-1, signoff="")
        reply_case("apple-iphone", lang, mobile_sig=ms, sig_style=5)
        reply_case(
            "apple-iphone", lang, mobile_sig=ms, sig_style=-1, signoff="", depth=2, banner=True
        )
        forward_case("apple-iphone", lang, note="iPhone forward, headers quoted in the plain part")
    reply_case("apple-iphone", "fr", mobile_sig="Envoyé de mon iPhone", sig_style=1, fmt="plain")
    reply_case(
        "apple-iphone", "fr", mobile_sig="Envoyé de mon iPad", sig_style=-1, signoff="Bises,"
    )
    forward_case("apple-iphone", "fr", levels=2)
    not_auto_case("apple-iphone", "fr", "alt")

    # Thunderbird
    reply_case("thunderbird", "fr", fmt="plain", sig_style=2)
    reply_case("thunderbird", "fr", fmt="plain", bottom=True, sig_style=1, note="bottom-posted")
    reply_case("thunderbird", "fr", fmt="alt", depth=2, sig_style=3)
    reply_case("thunderbird", "fr", fmt="html", bottom=True, sig_style=0, note="bottom-posted HTML")
    reply_case("thunderbird", "en", fmt="plain", sig_style=2, disclaimer=True)
    reply_case("thunderbird", "en", fmt="alt", bottom=True, note="bottom-posted")
    reply_case(
        "thunderbird",
        "de",
        fmt="plain",
        paras=["Hallo Anna,", "danke, die Unterlagen sind angekommen. Ich melde mich morgen."],
        signoff="Viele Grüße",
        sig_style=0,
        hist_lang="fr",
        note="German Thunderbird attribution",
    )
    inline_case("thunderbird", "fr", "plain", FR_INLINE[2])
    inline_case("thunderbird", "en", "plain", EN_INLINE[1])
    inline_case("thunderbird", "fr", "alt", FR_INLINE[3])
    forward_case("thunderbird", "fr", fmt="plain", note="'Pour :' recipient label")
    forward_case(
        "thunderbird",
        "fr",
        fmt="alt",
        orig_disclaimer=True,
        note="'Pour :' recipient label in moz-email-headers-table",
    )
    forward_case("thunderbird", "en", fmt="plain", levels=2)
    attached_forward_case("thunderbird", "fr")
    attached_forward_case("thunderbird", "en", with_history=False)

    # HCL / Lotus Notes
    reply_case("lotus-notes", "fr", fmt="alt", sig_style=2)
    reply_case("lotus-notes", "fr", fmt="alt", depth=2, disclaimer=True)
    reply_case("lotus-notes", "fr", fmt="plain", sig_style=3)
    reply_case("lotus-notes", "en", fmt="alt", sig_style=1)
    special_notes_bare()
    forward_case("lotus-notes", "fr", fmt="alt", note="'Transféré par' Notes marker")
    forward_case("lotus-notes", "en", fmt="plain")
    forward_case("lotus-notes", "fr", fmt="plain", levels=2, orig_disclaimer=True)
    auto_case("lotus-notes", "fr", True, "alt")

    # Zimbra
    reply_case("zimbra", "fr", fmt="alt", sig_style=2)
    reply_case("zimbra", "fr", fmt="plain", sig_style=1, disclaimer=True)
    reply_case("zimbra", "fr", fmt="plain", depth=2)
    reply_case("zimbra", "fr", fmt="html", banner=True)
    reply_case("zimbra", "en", fmt="alt", sig_style=4)
    forward_case("zimbra", "fr", fmt="alt")
    forward_case("zimbra", "fr", fmt="plain", levels=2)
    forward_case("zimbra", "en", fmt="plain")
    auto_case("zimbra", "fr", True, "plain")
    not_auto_case("zimbra", "fr", "plain")

    # Roundcube
    reply_case("roundcube", "fr", fmt="plain", sig_style=2)
    reply_case("roundcube", "fr", fmt="plain", bottom=True, note="bottom-posted")
    reply_case("roundcube", "fr", fmt="alt", sig_style=3)
    reply_case("roundcube", "en", fmt="alt", bottom=True, sig_style=1, note="bottom-posted")
    inline_case("roundcube", "fr", "plain", FR_INLINE[4])
    inline_case("roundcube", "en", "plain", EN_INLINE[2])
    forward_case("roundcube", "fr", fmt="plain")
    auto_case("roundcube", "fr", True, "plain", note="Sieve vacation reply")

    # Samsung mail
    for lang, ms in (("fr", "Envoyé depuis mon appareil Galaxy"), ("en", "Sent from my Galaxy")):
        reply_case("samsung-mail", lang, mobile_sig=ms, sig_style=-1, signoff="")
        reply_case("samsung-mail", lang, mobile_sig=ms, sig_style=5, depth=2)
        forward_case("samsung-mail", lang)
    reply_case(
        "samsung-mail",
        "fr",
        mobile_sig="Envoyé depuis mon smartphone Samsung Galaxy.",
        sig_style=1,
        fmt="alt",
    )

    # Others
    reply_case("yahoo", "fr", sig_style=0)
    reply_case("yahoo", "en", sig_style=5)
    forward_case("yahoo", "fr")
    reply_case("orange-webmail", "fr", fmt="plain", sig_style=0)
    reply_case("orange-webmail", "fr", fmt="plain", sig_style=5, depth=2)
    forward_case("orange-webmail", "fr", fmt="plain")
    reply_case("infomaniak", "fr", sig_style=2)
    reply_case("infomaniak", "fr", sig_style=5, fmt="html")
    forward_case("infomaniak", "fr")
    reply_case(
        "spark",
        "en",
        fmt="plain",
        sig_style=5,
        note="Spark attribution with a comma before the verb",
    )
    reply_case("spark", "fr", fmt="plain", sig_style=0)
    reply_case(
        "other-mobile",
        "en",
        fmt="plain",
        sig_style=-1,
        signoff="",
        note="attribution without a verb",
    )
    reply_case("other-mobile", "fr", fmt="plain", sig_style=5, note="attribution without a verb")

    # Outlook for Mac (Date: instead of Envoyé:), Spanish and Italian Outlook, German Gmail
    reply_case("outlook-mac", "fr", fmt="alt", sig_style=2)
    reply_case("outlook-mac", "fr", fmt="html", depth=2, banner=True, disclaimer=True)
    reply_case("outlook-mac", "en", fmt="alt", sig_style=1)
    forward_case("outlook-mac", "fr", attach_names=["CR réunion.docx"])
    reply_case(
        "outlook-desktop",
        "es",
        fmt="alt",
        hist_lang="en",
        signoff="Un saludo,",
        sig_style=1,
        paras=[
            "Hola Sarah,",
            "Gracias por la información. Confirmamos la recogida del jueves a las 14:00 en el almacén de Madrid.",
        ],
        note="Spanish Outlook (De/Enviado/Para/Asunto)",
    )
    reply_case(
        "outlook-desktop",
        "it",
        fmt="alt",
        hist_lang="fr",
        signoff="Cordiali saluti,",
        sig_style=2,
        paras=[
            "Buongiorno,",
            "confermo la ricezione del preventivo. Vi faremo sapere entro venerdì.",
        ],
        note="Italian Outlook (Da/Inviato/A/Oggetto) over a French original",
    )
    forward_case(
        "gmail-web",
        "de",
        note_text=["Hallo Jean,", "zur Info, siehe unten."],
        note="German Gmail 'Weitergeleitete Nachricht' marker",
    )

    # More English, across clients
    reply_case("zimbra", "en", fmt="plain", depth=2)
    reply_case("roundcube", "en", fmt="plain", sig_style=2, disclaimer=True)
    reply_case("lotus-notes", "en", fmt="plain", depth=2)
    reply_case("apple-iphone", "en", mobile_sig="Sent from my iPad", sig_style=-1, signoff="Thx")
    forward_case("thunderbird", "en", fmt="alt", orig_disclaimer=True)
    forward_case("samsung-mail", "en", levels=2)
    attached_forward_case("gmail-web", "en", levels=2)
    auto_case("owa", "en", False, "html")
    auto_case("zimbra", "en", True, "alt")
    not_auto_case("thunderbird", "en", "plain")
    not_auto_case("owa", "en", "alt")

    # Families written around the renderers
    special_same_line()
    special_own_gt()
    special_template()
    special_split_attr()
    special_four_level_html()
    special_iso()
    auto_case("apple-mail", "fr", False, "alt", note="Apple Mail rule reply: no auto-reply header")
    auto_case(
        "thunderbird", "fr", False, "plain", note="Thunderbird filter reply: no auto-reply header"
    )
    auto_case(
        "outlook-desktop",
        "fr",
        False,
        "plain",
        note="Outlook rule 'reply with template': no header",
    )
    inline_case("apple-mail", "en", "alt", EN_INLINE[3])


KINDS = ["reply", "reply-inline", "forward", "forward-attached", "auto-reply", "not-auto-reply"]


def coverage() -> str:
    """The README's coverage table, recomputed from the cases so it cannot drift."""
    by_client: dict[str, list[dict]] = {}
    for c in CASES:
        by_client.setdefault(c["client"], []).append(c)

    def langs(rows: list[dict]) -> str:
        count: dict[str, int] = {}
        for r in rows:
            count[r["language"]] = count.get(r["language"], 0) + 1
        return ", ".join(
            f"{k} {n}" for k, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
        )

    def row(name: str, rows: list[dict]) -> str:
        cells = [str(sum(r["kind"] == k for r in rows) or "") for k in KINDS]
        return f"| {name} | " + " | ".join(cells) + f" | {len(rows)} | {langs(rows)} |"

    lines = [
        "| client | " + " | ".join(KINDS) + " | total | languages |",
        "|---" * (len(KINDS) + 3) + "|",
    ]
    for name, rows in sorted(by_client.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(row(name, rows))
    lines.append(row("**all**", CASES))
    depths: dict[int, int] = {}
    for c in CASES:
        n = len(c["expected"]["forwarded"])
        if n:
            depths[n] = depths.get(n, 0) + 1
    lines.append("")
    lines.append(
        "Forwarded originals per forward: "
        + ", ".join(f"{n} level(s): {k}" for n, k in sorted(depths.items()))
        + "."
    )
    return "\n".join(lines)


def main(out: Path = OUT) -> None:
    """Write the corpus into `out`; the README's coverage table only when `out` is the corpus."""
    R.seed(SEED)
    CASES.clear()
    N[0] = _date_i[0] = _mid_i[0] = 0
    DEST[0] = out
    for f in out.glob("*.eml"):
        f.unlink()
    build()
    with (out / "cases.jsonl").open("w", encoding="utf-8") as fh:
        for c in CASES:
            if not c["note"]:
                del c["note"]
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    if out == OUT:
        readme = OUT / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- coverage:start -->\n", "<!-- coverage:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            readme.write_text(
                head + start + coverage() + "\n" + end + rest.split(end, 1)[1], encoding="utf-8"
            )
    print(f"{len(CASES)} cases written to {out}")


if __name__ == "__main__":
    main()
