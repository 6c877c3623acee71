"""Forwarded chains as each mail client writes them (French and English)."""

from __future__ import annotations

OUTLOOK_FR = """\
Bonjour à tous,

Je vous transfère l'échange avec le fournisseur pour mémoire.

Élodie

________________________________
De : Jérôme Dubois <jerome.dubois@corp.example>
Envoyé : mardi 3 novembre 2026 14:20
À : Élodie Martin <elodie.martin@corp.example>
Objet : RE: Devis hébergement

Le devis est validé de notre côté, on peut signer.

Jérôme

________________________________
De : Paul Roux <paul.roux@hebergeur.example>
Envoyé : lundi 2 novembre 2026 09:05
À : Jérôme Dubois <jerome.dubois@corp.example>
Objet : Devis hébergement

Bonjour,

Veuillez trouver notre devis pour l'hébergement de l'intranet : 1 200 € HT par mois.

Cordialement,
Paul Roux
"""

GMAIL_FR = """\
Pour info, voici la discussion d'hier.

---------- Message transféré ---------
De : Hélène Girard <helene.girard@corp.example>
Date: mer. 4 nov. 2026 à 11:42
Subject: Re: Atelier utilisateurs
To: Élodie Martin <elodie.martin@corp.example>


D'accord pour jeudi 10 h, je réserve la salle.

Le mer. 4 nov. 2026 à 10:15, Élodie Martin <elodie.martin@corp.example> a écrit :
> On fait l'atelier jeudi ?
"""

GMAIL_EN = """\
FYI, see below.

---------- Forwarded message ---------
From: Sarah Miller <sarah.miller@partner.example>
Date: Thu, Nov 5, 2026 at 4:30 PM
Subject: Content export
To: Jérôme Dubois <jerome.dubois@corp.example>


The content export is ready, you can start the migration on Monday.

Best,
Sarah
"""

APPLE_FR = """\
À lire avant la réunion.

Début du message réexpédié :

De: François Lefèvre <francois.lefevre@corp.example>
Objet: Planning de la recette
Date: 6 novembre 2026 à 08:15:00 UTC+1
À: Élodie Martin <elodie.martin@corp.example>

La recette démarre le 16 novembre, la mise en production le 30.

François
"""

THUNDERBIRD_FR = """\
Voici le compte-rendu.

-------- Message transféré --------
Sujet : Compte-rendu du comité
Date : Fri, 6 Nov 2026 17:45:00 +0100
De : Hélène Girard <helene.girard@corp.example>
Pour : Élodie Martin <elodie.martin@corp.example>

Le comité a validé le lot 1 et demande une démonstration du lot 2.

Hélène
"""
