# ruff: noqa: E501  (hand-written message texts: long literals are the content, not code)
"""Writes the held-out corpus: every message below was typed by hand, one function each.

The helpers only do the MIME plumbing (headers, encodings, CRLF); the texts and the
labels are written per message. Run from the repository root:
    python tests/data/holdout/write_holdout.py
"""

from __future__ import annotations

import base64
import json
import quopri
from email.header import Header
from email.utils import formataddr, parseaddr
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES: list[dict] = []
NB = "\u00a0"


def _hval(k: str, v: str) -> str:
    if v.isascii():
        return v
    if k in ("From", "To", "Cc"):
        out = []
        for a in v.split(", "):
            name, addr = parseaddr(a)
            out.append(formataddr((name, addr), charset="utf-8"))
        return ", ".join(out)
    return Header(v, "utf-8").encode()


def leaf(text: str, sub: str = "plain", cte: str = "8bit", charset: str = "utf-8") -> str:
    raw = text.replace("\r\n", "\n").encode(charset)
    if cte == "quoted-printable":
        payload = quopri.encodestring(raw).decode("ascii")
    elif cte == "base64":
        payload = base64.encodebytes(raw).decode("ascii")
    else:
        payload = raw.decode(charset)
    return (
        f'Content-Type: text/{sub}; charset="{charset}"\n'
        f"Content-Transfer-Encoding: {cte}\n\n{payload}"
    )


def multi(sub: str, parts: list[str], boundary: str) -> str:
    body = "".join(f"--{boundary}\n{p.rstrip()}\n\n" for p in parts)
    return f'Content-Type: multipart/{sub}; boundary="{boundary}"\n\n{body}--{boundary}--\n'


def pdf(name: str) -> str:
    data = base64.encodebytes(b"%PDF-1.4\n% fictitious attachment\n%%EOF\n").decode()
    return (
        f'Content-Type: application/pdf; name="{name}"\n'
        f'Content-Disposition: attachment; filename="{name}"\n'
        f"Content-Transfer-Encoding: base64\n\n{data}"
    )


def rfc822(inner: str, name: str) -> str:
    return (
        "Content-Type: message/rfc822\n"
        f'Content-Disposition: attachment; filename="{name}"\n\n{inner}'
    )


def eml(headers: list[tuple[str, str]], body: str) -> str:
    head = "".join(f"{k}: {_hval(k, v)}\n" for k, v in headers)
    return head + "MIME-Version: 1.0\n" + body


def write(name, client, lang, kind, text, new, sig="", auto=False, fwd=(), note=None):
    path = HERE / f"{name}.eml"
    path.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
    case = {
        "id": name,
        "eml": f"{name}.eml",
        "client": client,
        "language": lang,
        "kind": kind,
        "expected": {
            "new_text": new,
            "signature": sig,
            "auto_reply": auto,
            "forwarded": [dict(zip(("from", "subject", "text"), f, strict=True)) for f in fwd],
        },
    }
    if note:
        case["note"] = note
    CASES.append(case)


DISCLAIMER_BTP = (
    "Ce message et toutes les pièces jointes sont établis à l'intention exclusive de ses "
    "destinataires et sont confidentiels. Si vous recevez ce message par erreur, merci de le "
    "détruire et d'en avertir immédiatement l'expéditeur."
)


def m001():
    new = (
        "Bonjour Sandrine,\n\n"
        "Le poste de Mme Vasseur est prêt, il reste juste à activer son badge à l'accueil. "
        "Je lui ai envoyé ses identifiants par SMS au 06 12 34 56 78."
    )
    sig = (
        "Cordialement,\n\nKévin Lemaire\nTechnicien support\nDSI - Groupe Hérault Distribution\n"
        "Tél : 04 67 00 21 45\n\n[cid:image001.png@01DB7A3C.5E2F1A90]"
    )
    quoted = (
        f"De{NB}: Sandrine Pujol <s.pujol@herault-distri.example>\n"
        f"Envoyé{NB}: lundi 3 février 2025 09:41\n"
        f"À{NB}: Support DSI <support@herault-distri.example>\n"
        f"Objet{NB}: Arrivée Mme Vasseur lundi\n\n"
        "Bonjour,\n\nMme Vasseur arrive lundi au service paie, pouvez-vous préparer son poste ?\n\n"
        "Merci\nSandrine Pujol\nRH"
    )
    body = leaf(f"{new}\n\n{sig}\n\n{quoted}\n", cte="quoted-printable")
    h = [
        ("From", "Kévin Lemaire <k.lemaire@herault-distri.example>"),
        ("To", "Sandrine Pujol <s.pujol@herault-distri.example>"),
        ("Subject", "RE: Arrivée Mme Vasseur lundi"),
        ("Date", "Mon, 3 Feb 2025 11:02:17 +0100"),
        ("Message-ID", "<AM0PR02MB5123A1B2C3D4E5F6@AM0PR02MB5123.eurprd02.prod.outlook.example>"),
        ("In-Reply-To", "<AM0PR02MB5123F00D@AM0PR02MB5123.eurprd02.prod.outlook.example>"),
        ("References", "<AM0PR02MB5123F00D@AM0PR02MB5123.eurprd02.prod.outlook.example>"),
        ("Thread-Topic", "Arrivée Mme Vasseur lundi"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Content-Language", "fr-FR"),
    ]
    write("001-outlook-desktop-fr-reply", "outlook-desktop", "fr", "reply", eml(h, body), new, sig)


def m002():
    new = (
        "Bonjour à tous,\n\nSuite à la réunion de chantier de ce matin, voici les points :\n\n"
        "- reprise du ferraillage de la dalle R+2 avant coulage jeudi\n"
        "- livraison des prédalles décalée au 12/03\n"
        "- l'échafaudage côté rue doit être réceptionné par le bureau de contrôle\n\n"
        "Merci à chacun de confirmer pour son lot."
    )
    sig = "Bien cordialement,\nMathieu Roussel\nConducteur de travaux\nBâtir Sud-Ouest\n06 71 22 90 14"
    quoted = (
        f"De{NB}: Claire Nogues <c.nogues@archi-nogues.example>\n"
        f"Envoyé{NB}: mardi 4 mars 2025 07:55\n"
        f"À{NB}: Mathieu Roussel <m.roussel@batir-so.example>; lots@batir-so.example\n"
        f"Cc{NB}: Bureau Contrôle <bc@controle-sud.example>\n"
        f"Objet{NB}: CR réunion chantier n°14 - Résidence Les Tilleuls\n\n"
        "Bonjour,\n\nMerci de me transmettre les points bloquants avant la réunion de demain.\n\n"
        "Claire Nogues\nArchitecte DPLG"
    )
    body = leaf(f"{new}\n\n{sig}\n\n{DISCLAIMER_BTP}\n\n{quoted}\n")
    h = [
        ("From", "Mathieu Roussel <m.roussel@batir-so.example>"),
        ("To", "Claire Nogues <c.nogues@archi-nogues.example>, lots@batir-so.example"),
        ("Subject", "RE: CR réunion chantier n°14 - Résidence Les Tilleuls"),
        ("Date", "Tue, 4 Mar 2025 12:20:03 +0100"),
        ("Message-ID", "<PR3P195MB0621.batir@PR3P195MB0621.outlook.example>"),
        ("In-Reply-To", "<PR3P195MB0777.nogues@PR3P195MB0777.outlook.example>"),
        ("References", "<PR3P195MB0777.nogues@PR3P195MB0777.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "002-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, body),
        new,
        sig + "\n\n" + DISCLAIMER_BTP,
        note="colon-ended line before a list",
    )


def m003():
    new = "Ok pour moi, on valide le devis n°D-2025-114 (3 450,00 € HT).\n\nMerci de lancer la commande."
    sig = "Bàv\nJérôme"
    quoted = (
        "-----Message d'origine-----\n"
        "De : Achats <achats@menuiserie-roy.example>\n"
        "Envoyé : jeudi 6 février 2025 16:30\n"
        "À : Jérôme Baudin <jbaudin@roy-indus.example>\n"
        "Objet : Devis D-2025-114 quincaillerie\n\n"
        "Bonjour M. Baudin,\n\nVeuillez trouver ci-joint notre devis pour la quincaillerie.\n"
        "Délai : 3 semaines.\n\nCordialement\nService achats"
    )
    body = leaf(f"{new}\n\n{sig}\n\n{quoted}\n", charset="utf-8")
    h = [
        ("From", "Jérôme Baudin <jbaudin@roy-indus.example>"),
        ("To", "achats@menuiserie-roy.example"),
        ("Subject", "RE: Devis D-2025-114 quincaillerie"),
        ("Date", "Fri, 7 Feb 2025 08:14:55 +0100"),
        ("Message-ID", "<000b01db7923$4a1c2e30$de548a90$@roy-indus.example>"),
        ("In-Reply-To", "<devis114@menuiserie-roy.example>"),
        ("X-Mailer", "Microsoft Outlook 15.0"),
    ]
    write(
        "003-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, body),
        new,
        sig,
        note="Message d'origine separator, short sign-off Bàv",
    )


def m004():
    new_html = (
        '<p class="MsoNormal">Bonjour Fabienne,<o:p></o:p></p>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<p class="MsoNormal">Je te confirme que les bulletins de février partiront le 27. '
        "Attention, les IJSS de M. Carpentier ne sont toujours pas arrivées.<o:p></o:p></p>"
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<p class="MsoNormal">Belle journée,<o:p></o:p></p>'
        '<p class="MsoNormal"><b>Nadia Benali</b><o:p></o:p></p>'
        '<p class="MsoNormal">Gestionnaire paie | Service RH<o:p></o:p></p>'
        '<p class="MsoNormal"><img src="cid:image001.png@01DB8A11.2B3C4D50" alt="Logo"><o:p></o:p></p>'
    )
    quoted_html = (
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b>De&nbsp;:</b> Fabienne Marty &lt;f.marty@cogelec.example&gt;<br>'
        "<b>Envoyé&nbsp;:</b> mercredi 19 février 2025 14:03<br>"
        "<b>À&nbsp;:</b> Nadia Benali &lt;n.benali@cogelec.example&gt;<br>"
        "<b>Objet&nbsp;:</b> Paie février<o:p></o:p></p></div>"
        '<p class="MsoNormal">Coucou Nadia, tu me confirmes la date d\'envoi des bulletins ? Merci !</p>'
    )
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        '<body lang="FR"><div class="WordSection1">'
        + new_html
        + '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        + quoted_html
        + "</div></body></html>"
    )
    plain = (
        "Bonjour Fabienne,\n\nJe te confirme que les bulletins de février partiront le 27. "
        "Attention, les IJSS de M. Carpentier ne sont toujours pas arrivées.\n\n"
        "Belle journée,\nNadia Benali\nGestionnaire paie | Service RH\n[Logo]\n\n"
        f"De{NB}: Fabienne Marty <f.marty@cogelec.example>\nEnvoyé{NB}: mercredi 19 février 2025 14:03\n"
        f"À{NB}: Nadia Benali <n.benali@cogelec.example>\nObjet{NB}: Paie février\n\n"
        "Coucou Nadia, tu me confirmes la date d'envoi des bulletins ? Merci !\n"
    )
    body = multi(
        "alternative",
        [leaf(plain, cte="quoted-printable"), leaf(html, "html", cte="quoted-printable")],
        "_000_AM9PR_",
    )
    h = [
        ("From", "Nadia Benali <n.benali@cogelec.example>"),
        ("To", "Fabienne Marty <f.marty@cogelec.example>"),
        ("Subject", "RE: Paie février"),
        ("Date", "Wed, 19 Feb 2025 14:37:12 +0000"),
        ("Message-ID", "<AM9PR07MB7000BENALI@AM9PR07MB7000.eurprd07.prod.outlook.example>"),
        ("In-Reply-To", "<AM9PR07MB7000MARTY@AM9PR07MB7000.eurprd07.prod.outlook.example>"),
        ("X-MS-Has-Attach", "yes"),
        ("Content-Language", "fr-FR"),
    ]
    write(
        "004-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, body),
        "Bonjour Fabienne,\n\nJe te confirme que les bulletins de février partiront le 27. "
        "Attention, les IJSS de M. Carpentier ne sont toujours pas arrivées.",
        "Belle journée,\nNadia Benali\nGestionnaire paie | Service RH",
        note="multipart/alternative, Word HTML, logo image in signature",
    )


def m005():
    html = (
        '<html><head><meta charset="utf-8"></head><body lang="FR"><div class="WordSection1">'
        '<p class="MsoNormal">Bonjour Maître,</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Nous avons bien reçu la mise en demeure de la société Calvet. '
        "Pourriez-vous nous indiquer si le délai de 15 jours court à compter de la "
        'réception ou de l\'envoi ?</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Je reste joignable au 01 44 55 66 77 cet après-midi.</p>'
        '<p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Bien à vous,</p>'
        '<p class="MsoNormal">Agnès Ferrand<br>Responsable juridique<br>Calibre Industries SAS</p>'
        '<p class="MsoNormal">&nbsp;</p>'
        '<div id="divRplyFwdMsg"><hr style="display:inline-block;width:98%">'
        '<p class="MsoNormal"><b>De&nbsp;:</b> Me Olivier Dantec &lt;o.dantec@dantec-avocats.example&gt;<br>'
        "<b>Envoyé&nbsp;:</b> vendredi 14 mars 2025 18:12<br>"
        "<b>À&nbsp;:</b> Agnès Ferrand<br><b>Objet&nbsp;:</b> Calvet / Calibre - mise en demeure</p></div>"
        '<p class="MsoNormal">Madame,</p><p class="MsoNormal">Vous trouverez ci-joint la mise en demeure '
        'reçue ce jour.</p><p class="MsoNormal">Bien cordialement,<br>Olivier Dantec</p>'
        "</div></body></html>"
    )
    h = [
        ("From", "Agnès Ferrand <agnes.ferrand@calibre-indus.example>"),
        ("To", "Olivier Dantec <o.dantec@dantec-avocats.example>"),
        ("Subject", "RE: Calvet / Calibre - mise en demeure"),
        ("Date", "Mon, 17 Mar 2025 10:05:40 +0100"),
        ("Message-ID", "<DB9PR10MB6071FERRAND@DB9PR10MB6071.eurprd10.prod.outlook.example>"),
        ("In-Reply-To", "<dantec.20250314181200@dantec-avocats.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "005-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        "Bonjour Maître,\n\nNous avons bien reçu la mise en demeure de la société Calvet. "
        "Pourriez-vous nous indiquer si le délai de 15 jours court à compter de la réception "
        "ou de l'envoi ?\n\nJe reste joignable au 01 44 55 66 77 cet après-midi.",
        "Bien à vous,\nAgnès Ferrand\nResponsable juridique\nCalibre Industries SAS",
        note="HTML only, divRplyFwdMsg",
    )


def m006():
    banner = (
        "[EXTERNE] Ce message provient d'un expéditeur externe. Ne cliquez pas sur les liens "
        "et n'ouvrez pas les pièces jointes si vous ne connaissez pas l'expéditeur."
    )
    new = (
        "Hello Julie,\n\nJe te renvoie le BL signé. Il manquait 2 palettes sur 14, "
        "j'ai mis la réserve sur le bon du transporteur 🙄"
    )
    sig = "A+\nSeb"
    quoted = (
        f"De{NB}: Julie Marchand <julie.marchand@logi-ouest.example>\n"
        f"Envoyé{NB}: jeudi 20 mars 2025 09:12\n"
        f"À{NB}: Sébastien Caron <seb.caron@caron-bois.example>\n"
        f"Objet{NB}: BL 88412\n\n"
        "Bonjour, pouvez vous me retourner le BL signé svp ? merci\nJulie"
    )
    body = leaf(f"{banner}\n\n{new}\n\n{sig}\n\n{quoted}\n")
    h = [
        ("From", "Sébastien Caron <seb.caron@caron-bois.example>"),
        ("To", "Julie Marchand <julie.marchand@logi-ouest.example>"),
        ("Subject", "[EXTERNE] RE: BL 88412"),
        ("Date", "Thu, 20 Mar 2025 10:48:00 +0100"),
        ("Message-ID", "<VI1PR0101MB2222CARON@VI1PR0101MB2222.outlook.example>"),
        ("In-Reply-To", "<BL88412.julie@logi-ouest.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "006-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, body),
        new,
        sig,
        note="gateway banner at top, emoji, A+ sign-off",
    )


def m007():
    new = (
        "Bonjour,\n\nVoici le modèle de message à envoyer aux fournisseurs pour le changement "
        "de RIB, merci de le reprendre tel quel :\n\n"
        "De : Service comptabilité fournisseurs\n"
        "À : [nom du fournisseur]\n"
        "Objet : Changement de coordonnées bancaires\n\n"
        "Madame, Monsieur, à compter du 1er avril 2025 nos règlements seront émis depuis notre "
        "nouveau compte. Aucune modification n'est à faire de votre côté.\n\n"
        "Ne rien envoyer avant validation de Bertrand."
    )
    sig = "Merci,\nÉmilie Cordier\nComptable fournisseurs"
    quoted = (
        f"De{NB}: Bertrand Lacaze <b.lacaze@ferronnerie-lacaze.example>\n"
        f"Envoyé{NB}: lundi 24 mars 2025 17:20\n"
        f"À{NB}: Émilie Cordier <e.cordier@ferronnerie-lacaze.example>\n"
        f"Objet{NB}: Courrier RIB\n\n"
        "Emilie, tu peux préparer un modèle de mail pour les fournisseurs ?\nB."
    )
    body = leaf(f"{new}\n\n{sig}\n\n{quoted}\n", cte="quoted-printable")
    h = [
        ("From", "Émilie Cordier <e.cordier@ferronnerie-lacaze.example>"),
        ("To", "Compta <compta@ferronnerie-lacaze.example>"),
        ("Cc", "Bertrand Lacaze <b.lacaze@ferronnerie-lacaze.example>"),
        ("Subject", "RE: Courrier RIB"),
        ("Date", "Tue, 25 Mar 2025 09:01:22 +0100"),
        ("Message-ID", "<PAXPR08MB6400CORDIER@PAXPR08MB6400.eurprd08.prod.outlook.example>"),
        ("In-Reply-To", "<PAXPR08MB6400LACAZE@PAXPR08MB6400.eurprd08.prod.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "007-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, body),
        new,
        sig,
        note="author pastes a De/À/Objet template on purpose",
    )


def m008():
    new = (
        "Hi Marc,\n\nThanks for the quick turnaround. Two remarks on the SOW:\n\n"
        "1. Section 4.2 - acceptance should be 10 business days, not 5\n"
        "2. The hourly rate table still shows 2024 figures\n\n"
        "Can you send a revised version by Friday?"
    )
    sig = (
        "Kind regards,\n\nLaure Dumont\nProcurement Manager | Sorelec SA\n+33 4 72 00 11 22\n"
        "https://www.sorelec.example"
    )
    quoted = (
        "From: Marc Whitfield <marc.whitfield@northbridge-consult.example>\n"
        "Sent: Tuesday, February 11, 2025 3:47 PM\n"
        "To: Laure Dumont <laure.dumont@sorelec.example>\n"
        "Subject: SOW v2 - ERP migration\n\n"
        "Hi Laure,\n\nPlease find attached the updated statement of work.\n\nBest,\nMarc"
    )
    body = leaf(f"{new}\n\n{sig}\n\n{quoted}\n")
    h = [
        ("From", "Laure Dumont <laure.dumont@sorelec.example>"),
        ("To", "Marc Whitfield <marc.whitfield@northbridge-consult.example>"),
        ("Subject", "RE: SOW v2 - ERP migration"),
        ("Date", "Wed, 12 Feb 2025 09:30:00 +0100"),
        ("Message-ID", "<AS8PR04MB8000DUMONT@AS8PR04MB8000.eurprd04.prod.outlook.example>"),
        ("In-Reply-To", "<CH0PR12MB5000WHIT@CH0PR12MB5000.namprd12.prod.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Content-Language", "en-US"),
    ]
    write("008-outlook-desktop-en-reply", "outlook-desktop", "en", "reply", eml(h, body), new, sig)


def m009():
    new = "Bonjour\n\nc est bon pour moi, je passe recuperer le materiel demain matin vers 8h30."
    # labelling fix: the lone "merci" before the name is the sign-off, not new text
    sig = "merci\n\nThierry\n\nEnvoyé de mon iPhone"
    quoted = (
        "> Le 5 févr. 2025 à 16:22, Magasin Central <magasin@elec-vautrin.example> a écrit :\n"
        ">\n> Bonjour Thierry,\n>\n"
        "> Votre commande est prête : 2 tourets de câble R2V 3G2,5 et 50 boîtes d'encastrement.\n"
        ">\n> Cordialement,\n> Le magasin"
    )
    body = leaf(f"{new}\n\n{sig}\n\n{quoted}\n")
    h = [
        ("From", "Thierry Gosselin <t.gosselin@elec-vautrin.example>"),
        ("To", "Magasin Central <magasin@elec-vautrin.example>"),
        ("Subject", "Re: Commande prête"),
        ("Date", "Wed, 5 Feb 2025 18:03:11 +0100"),
        ("Message-ID", "<7F3B2A10-1C4D-4E5F-9A8B-22C0D1E3F4A5@elec-vautrin.example>"),
        ("In-Reply-To", "<cmd-8841@elec-vautrin.example>"),
        ("X-Mailer", "iPhone Mail (21D61)"),
    ]
    write(
        "009-apple-iphone-fr-reply",
        "apple-iphone",
        "fr",
        "reply",
        eml(h, body),
        new,
        sig,
        note="no-accent French, Envoyé de mon iPhone",
    )


def m010():
    new = "Parfait, merci Inès. Je transmets à la compta."
    sig = "Envoyé de mon iPhone"
    quoted = (
        "Le 10 mars 2025 à 09:14, Inès Haddad <ines.haddad@trans-alpes.example> a écrit :\n\n"
        "\ufeffBonjour Paul,\n\n"
        "Les notes de frais de février sont validées, vous serez remboursé sur la paie de mars.\n\n"
        "Bonne journée\nInès"
    )
    q = "\n".join("> " + x if x else ">" for x in quoted.splitlines()[2:])
    text = f"{new}\n\n{sig}\n\n{quoted.splitlines()[0]}\n\n{q}\n"
    h = [
        ("From", "Paul Ribeiro <paul.ribeiro@trans-alpes.example>"),
        ("To", "Inès Haddad <ines.haddad@trans-alpes.example>"),
        ("Subject", "Re: Notes de frais février"),
        ("Date", "Mon, 10 Mar 2025 09:31:45 +0100"),
        ("Message-ID", "<A1B2C3D4-E5F6-47A8-B9C0-D1E2F3A4B5C6@trans-alpes.example>"),
        ("In-Reply-To", "<ndf-fevrier@trans-alpes.example>"),
        ("X-Mailer", "iPhone Mail (22C152)"),
    ]
    write(
        "010-apple-iphone-fr-reply",
        "apple-iphone",
        "fr",
        "reply",
        eml(h, leaf(text)),
        new,
        sig,
        note="short one-liner, no sign-off",
    )


def m011():
    new = (
        "Bonjour Hugo,\n\nMerci pour le retour. On part sur la version 2 de l'affiche alors, "
        "avec le logo en haut à droite comme tu proposes.\n\nJe te laisse l'envoyer à l'imprimeur ?"
    )
    sig = "Bonne fin de journée,\nCamille"
    quoted = (
        "Le lun. 3 févr. 2025 à 10:12, Hugo Lambert <hugo.lambert@studio-lambert.example> a écrit :\n\n"
        "> Salut Camille,\n>\n> Voilà les deux versions de l'affiche pour le salon.\n"
        "> Perso je préfère la 2.\n>\n> Hugo\n"
    )
    h = [
        ("From", "Camille Besson <camille.besson@gmail.example>"),
        ("To", "Hugo Lambert <hugo.lambert@studio-lambert.example>"),
        ("Subject", "Re: Affiche salon Habitat"),
        ("Date", "Mon, 3 Feb 2025 17:40:02 +0100"),
        ("Message-ID", "<CAJx8kQ3p_Zm1vW9yT0a=Ld4uFh2sNq@mail.gmail.example>"),
        ("In-Reply-To", "<CAHk2aT9f@mail.gmail.example>"),
        ("References", "<CAHk2aT9f@mail.gmail.example>"),
    ]
    html = (
        '<div dir="ltr">Bonjour Hugo,<div><br></div><div>Merci pour le retour. On part sur la '
        "version 2 de l'affiche alors, avec le logo en haut à droite comme tu proposes.</div>"
        "<div><br></div><div>Je te laisse l'envoyer à l'imprimeur ?</div><div><br></div>"
        "<div>Bonne fin de journée,</div><div>Camille</div></div><br>"
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le lun. 3 févr. 2025 à 10:12, '
        'Hugo Lambert &lt;<a href="mailto:hugo.lambert@studio-lambert.example">'
        "hugo.lambert@studio-lambert.example</a>&gt; a écrit&nbsp;:<br></div>"
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
        'rgb(204,204,204);padding-left:1ex"><div dir="ltr">Salut Camille,<div><br></div>'
        "<div>Voilà les deux versions de l'affiche pour le salon.</div><div>Perso je préfère la 2."
        "</div><div><br></div><div>Hugo</div></div></blockquote></div>"
    )
    body = multi(
        "alternative",
        [leaf(f"{new}\n\n{sig}\n\n{quoted}"), leaf(html, "html", cte="quoted-printable")],
        "000000000000a1b2c3062d4e5f60",
    )
    write("011-gmail-web-fr-reply", "gmail-web", "fr", "reply", eml(h, body), new, sig)


def m012():
    new = (
        "Salut,\n\nj'ai regardé les logs, le service redémarre en boucle depuis la mise à jour :\n\n"
        "> systemctl status mailwall-relay\n"
        "● mailwall-relay.service - Relay\n"
        "   Active: activating (auto-restart) (Result: exit-code)\n"
        "> journalctl -u mailwall-relay -n 3\n"
        "relay[2211]: error: cannot bind 0.0.0.0:2525: address already in use\n\n"
        "Un autre process tient le port 2525, je regarde demain ce que c'est."
    )
    sig = "--\nYann Le Goff\nAdmin systèmes - Kerlann Informatique\n02 98 00 45 12"
    quoted = (
        "Le mar. 11 mars 2025 à 18:05, Florence Abadie <f.abadie@kerlann.example> a écrit :\n"
        "> Yann, le relais mail ne répond plus depuis 17h, tu peux regarder ?\n"
        "> Merci\n"
    )
    h = [
        ("From", "Yann Le Goff <yann.legoff@kerlann.example>"),
        ("To", "Florence Abadie <f.abadie@kerlann.example>"),
        ("Subject", "Re: Relais mail HS"),
        ("Date", "Tue, 11 Mar 2025 19:22:10 +0100"),
        ("Message-ID", "<CAF3x9Qe7uR_relay@mail.gmail.example>"),
        ("In-Reply-To", "<CAGabadie01@mail.gmail.example>"),
        ("References", "<CAGabadie01@mail.gmail.example>"),
    ]
    write(
        "012-gmail-web-fr-reply",
        "gmail-web",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="author's own '>' shell prompts in a log excerpt",
    )


def m013():
    new = (
        "Hi Priya,\n\nSounds good - I've booked the large meeting room (Salle Garonne) for "
        "Thursday 2-4pm. Badges for your team will be at the front desk.\n\nSee you then!"
    )
    sig = (
        "Cheers,\nAntoine\n\nAntoine Mercier | Head of IT\nVelocis SAS, Toulouse\n+33 5 61 00 77 88"
    )
    quoted = (
        "On Mon, Feb 24, 2025 at 4:31 PM Priya Raman <priya.raman@cloudharbor.example> wrote:\n\n"
        "> Hi Antoine,\n>\n> We'd like to come on site on Thursday for the network audit.\n"
        "> Would 2pm work?\n>\n> Thanks,\n> Priya\n"
    )
    h = [
        ("From", "Antoine Mercier <antoine.mercier@velocis.example>"),
        ("To", "Priya Raman <priya.raman@cloudharbor.example>"),
        ("Subject", "Re: On-site audit"),
        ("Date", "Mon, 24 Feb 2025 17:15:00 +0100"),
        ("Message-ID", "<CAB7nq2Lz0@mail.gmail.example>"),
        ("In-Reply-To", "<CAPraman77@mail.gmail.example>"),
    ]
    write(
        "013-gmail-web-en-reply",
        "gmail-web",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}", cte="quoted-printable")),
        new,
        sig,
    )


def m014():
    html = (
        '<div dir="ltr"><div>Bonjour Mme Guerin,</div><div><br></div>'
        "<div>Comme convenu au téléphone, voici le tableau récapitulatif des congés :</div><div><br></div>"
        "<div>Nom&nbsp; &nbsp; &nbsp; &nbsp; | Du&nbsp; &nbsp; &nbsp; &nbsp;| Au</div>"
        "<div>Dupuis A.&nbsp; &nbsp;| 14/04&nbsp; &nbsp; | 25/04</div>"
        "<div>Kaci M.&nbsp; &nbsp; &nbsp;| 22/04&nbsp; &nbsp; | 02/05</div>"
        "<div><br></div><div>Merci de me dire si ça vous convient.</div><div><br></div>"
        '<div><span class="gmail_signature_prefix">-- </span><br>'
        '<div dir="ltr" class="gmail_signature"><div dir="ltr">Romain Dupuis<div>Chef d\'équipe '
        "maintenance</div><div>Papeteries de la Vienne</div></div></div></div></div><br>"
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le ven. 28 mars 2025 à 11:47, '
        "Martine Guerin &lt;m.guerin@papeteries-vienne.example&gt; a écrit&nbsp;:<br></div>"
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
        "rgb(204,204,204);padding-left:1ex\">Bonjour Romain, pouvez-vous m'envoyer les dates de "
        "congés de Pâques de votre équipe ? Merci. M. Guerin, RH</blockquote></div>"
    )
    h = [
        ("From", "Romain Dupuis <romain.dupuis@papeteries-vienne.example>"),
        ("To", "Martine Guerin <m.guerin@papeteries-vienne.example>"),
        ("Subject", "Re: Congés Pâques équipe maintenance"),
        ("Date", "Fri, 28 Mar 2025 14:02:33 +0100"),
        ("Message-ID", "<CAM8rD0pUi@mail.gmail.example>"),
        ("In-Reply-To", "<CAMguerin2@mail.gmail.example>"),
    ]
    new = (
        "Bonjour Mme Guerin,\n\nComme convenu au téléphone, voici le tableau récapitulatif des congés :\n\n"
        "Nom | Du | Au\nDupuis A. | 14/04 | 25/04\nKaci M. | 22/04 | 02/05\n\n"
        "Merci de me dire si ça vous convient."
    )
    write(
        "014-gmail-web-fr-reply",
        "gmail-web",
        "fr",
        "reply",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        new,
        "--\nRomain Dupuis\nChef d'équipe maintenance\nPapeteries de la Vienne",
        note="HTML only, table pasted as text with nbsp, gmail_signature",
    )


def m015():
    new = (
        "Bonjour Léa,\n\nJe n'ai pas reçu la facture de janvier, seulement celle de décembre. "
        "Pouvez-vous me la renvoyer ?"
    )
    sig = "Merci d'avance\nGilles Arnaud\nSARL Arnaud Plomberie\n07 81 45 22 10"
    quoted = (
        "Le jeu. 13 févr. 2025 à 08:55, Léa Fontaine <compta@fontaine-nego.example> a écrit :\n\n"
        "> Bonjour,\n> Sauf erreur de notre part, la facture FA-0098 du 15/01 reste impayée.\n"
        "> Merci de régulariser.\n> Cordialement,\n> Léa Fontaine\n> Service comptable\n"
    )
    h = [
        ("From", "Gilles Arnaud <arnaud.plomberie@gmail.example>"),
        ("To", "Léa Fontaine <compta@fontaine-nego.example>"),
        ("Subject", "Re: Relance facture FA-0098"),
        ("Date", "Thu, 13 Feb 2025 12:40:10 +0100"),
        ("Message-ID", "<CAOarnaud0099@mail.gmail.example>"),
        ("In-Reply-To", "<relance-fa0098@fontaine-nego.example>"),
    ]
    text = f"{new}\n\n{sig}\n\n{quoted}"
    write(
        "015-gmail-android-fr-reply", "gmail-android", "fr", "reply", eml(h, leaf(text)), new, sig
    )


def m016():
    html = (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"></head>'
        "<body><p>Bonjour Stéphane,</p><p>Je viens de tester sur le poste de l'accueil : "
        'l\'imprimante est bien revenue, mais le bac 2 affiche toujours "papier manquant".</p>'
        "<p>Je ferme le ticket #4471 et j'en ouvre un autre pour le bac ?</p>"
        '<div class="moz-signature">-- <br>Isabelle Cholet<br>Assistante de direction<br>'
        "Mairie de Saint-Aubin</div>"
        '<div class="moz-cite-prefix">Le 18/02/2025 à 10:12, Stéphane Tessier a écrit&nbsp;:<br></div>'
        '<blockquote type="cite" cite="mid:ticket4471@saint-aubin.example">'
        "<p>Bonjour,</p><p>Le technicien est passé, l'imprimante est réparée.</p>"
        "<p>Stéphane Tessier<br>Service informatique</p></blockquote></body></html>"
    )
    h = [
        ("From", "Isabelle Cholet <i.cholet@saint-aubin.example>"),
        ("To", "Stéphane Tessier <s.tessier@saint-aubin.example>"),
        ("Subject", "Re: Ticket #4471 - imprimante accueil"),
        ("Date", "Tue, 18 Feb 2025 11:30:00 +0100"),
        ("Message-ID", "<5b1e2c3d-aa10-4f22-9e01-7c6d5e4f3a21@saint-aubin.example>"),
        ("In-Reply-To", "<ticket4471@saint-aubin.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "fr"),
    ]
    write(
        "016-thunderbird-fr-reply",
        "thunderbird",
        "fr",
        "reply",
        eml(h, leaf(html, "html")),
        "Bonjour Stéphane,\n\nJe viens de tester sur le poste de l'accueil : l'imprimante est "
        'bien revenue, mais le bac 2 affiche toujours "papier manquant".\n\n'
        "Je ferme le ticket #4471 et j'en ouvre un autre pour le bac ?",
        "-- \nIsabelle Cholet\nAssistante de direction\nMairie de Saint-Aubin",
        note="Thunderbird HTML, moz-cite-prefix with numeric date",
    )


def m017():
    quoted = (
        "Le 06/03/2025 à 14:20, Olivier Brunet a écrit :\n"
        "> Bonjour Anne,\n>\n> Peux-tu m'envoyer la version signée de l'avenant n°3 ?\n"
        "> Je n'ai que le brouillon.\n>\n> Olivier\n"
    )
    new = "Bonjour Olivier,\n\nLa voici en PJ. Le fournisseur l'a signée hier seulement, d'où le retard."
    sig = "-- \nAnne Vidal\nService juridique - Groupe Maraval\n05 56 00 33 44"
    h = [
        ("From", "Anne Vidal <anne.vidal@maraval.example>"),
        ("To", "Olivier Brunet <o.brunet@maraval.example>"),
        ("Subject", "Re: Avenant n°3 contrat maintenance"),
        ("Date", "Thu, 6 Mar 2025 15:01:44 +0100"),
        ("Message-ID", "<e2f4a6b8-1234-4cde-8f90-0a1b2c3d4e5f@maraval.example>"),
        ("In-Reply-To", "<avenant3@maraval.example>"),
        (
            "User-Agent",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.7.1",
        ),
    ]
    body = multi(
        "mixed",
        [leaf(f"{quoted}\n{new}\n\n{sig}\n", cte="quoted-printable"), pdf("Avenant3_signe.pdf")],
        "------------Xy7Zq2Lm9Nb4",
    )
    write(
        "017-thunderbird-fr-reply",
        "thunderbird",
        "fr",
        "reply",
        eml(h, body),
        new,
        sig,
        note="bottom-posted reply with PDF attachment",
    )


def m018():
    new = (
        "Bonjour Mme Perrot,\n\nNous vous confirmons la réception de votre dossier de candidature "
        "pour le poste de technicienne de laboratoire. Un entretien vous sera proposé "
        "semaine 12."
    )
    sig = "Cordialement,\n\nService Recrutement\nLaboratoires Alvéa\n3 avenue Pasteur, 21000 Dijon"
    quoted = (
        "----- Mail original -----\n"
        'De: "Chloé Perrot" <chloe.perrot@laposte.example>\n'
        'À: "recrutement" <recrutement@alvea-labo.example>\n'
        "Envoyé: Lundi 10 Mars 2025 21:14:09\n"
        "Objet: Candidature technicienne de laboratoire\n\n"
        "Madame, Monsieur,\n\nJe vous prie de trouver ci-joint mon CV et ma lettre de motivation.\n\n"
        "Chloé Perrot"
    )
    h = [
        ("From", "Recrutement Alvéa <recrutement@alvea-labo.example>"),
        ("To", "Chloé Perrot <chloe.perrot@laposte.example>"),
        ("Subject", "Re: Candidature technicienne de laboratoire"),
        ("Date", "Wed, 12 Mar 2025 10:20:00 +0100"),
        ("Message-ID", "<1873425661.44120.1741771200000.JavaMail.zimbra@alvea-labo.example>"),
        ("In-Reply-To", "<cand-perrot@laposte.example>"),
        ("X-Mailer", "Zimbra 9.0.0_GA_4546 (ZimbraWebClient - FF123 (Win)/9.0.0_GA_4546)"),
    ]
    write(
        "018-zimbra-fr-reply",
        "zimbra",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}\n", cte="quoted-printable")),
        new,
        sig,
    )


def m019():
    html = (
        '<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; '
        'color: #000000"><div>Bonjour Didier,</div><div><br data-mce-bogus="1"></div>'
        "<div>La grue sera disponible à partir du lundi 7 avril. Le grutier est le même que sur "
        "le chantier de Vannes.</div><div><br></div><div>Cdt</div><div>Gaëlle Rio</div>"
        "<div>Planning matériel - Armor Levage</div><div><br></div>"
        '<hr id="zwchr" data-marker="__DIVIDER__"><div data-marker="__HEADERS__">'
        '<b>De: </b>"Didier Pasquier" &lt;d.pasquier@btp-pasquier.example&gt;<br>'
        '<b>À: </b>"Gaëlle Rio" &lt;planning@armor-levage.example&gt;<br>'
        "<b>Envoyé: </b>Mardi 25 Mars 2025 08:02:11<br><b>Objet: </b>Location grue 35 m<br></div>"
        '<div><br></div><div data-marker="__QUOTED_TEXT__">Bonjour, quand pouvez-vous nous '
        "livrer la grue ? Didier</div></div></body></html>"
    )
    h = [
        ("From", "Gaëlle Rio <planning@armor-levage.example>"),
        ("To", "Didier Pasquier <d.pasquier@btp-pasquier.example>"),
        ("Subject", "Re: Location grue 35 m"),
        ("Date", "Tue, 25 Mar 2025 09:15:30 +0100"),
        ("Message-ID", "<998877.1742890530.JavaMail.zimbra@armor-levage.example>"),
        ("In-Reply-To", "<grue35@btp-pasquier.example>"),
        ("X-Mailer", "Zimbra 10.0.6_GA_0195 (ZimbraWebClient - GC134 (Linux)/10.0.6_GA_0195)"),
    ]
    write(
        "019-zimbra-fr-reply",
        "zimbra",
        "fr",
        "reply",
        eml(h, leaf(html, "html")),
        "Bonjour Didier,\n\nLa grue sera disponible à partir du lundi 7 avril. Le grutier est le "
        "même que sur le chantier de Vannes.",
        "Cdt\nGaëlle Rio\nPlanning matériel - Armor Levage",
        note="Zimbra HTML data-marker",
    )


def m020():
    new = (
        "Bonjour Patrick,\n\nJe valide l'achat des 12 licences, imputation sur le budget IT 2025 "
        "(ligne 6183).\n\nMerci de faire suivre le bon de commande à Mme Jolly."
    )
    sig = "Cordialement\n\nFrançoise Millet\nDirectrice administrative et financière"
    quoted = (
        "Patrick Henry/DSI/Groupe Cassin\n24/02/2025 16:45\n\n"
        "Pour\nFrançoise Millet/DAF/Groupe Cassin@Cassin\n"
        "cc\n\nObjet\nDemande de validation - licences CAO\n\n\n"
        "Bonjour Françoise,\n\nPeux-tu valider l'achat de 12 licences CAO (devis joint, 8 760 € HT) ?\n\n"
        "Patrick"
    )
    h = [
        ("From", "Françoise Millet <francoise.millet@cassin.example>"),
        ("To", "Patrick Henry <patrick.henry@cassin.example>"),
        ("Subject", "Réponse : Demande de validation - licences CAO"),
        ("Date", "Tue, 25 Feb 2025 08:30:00 +0100"),
        (
            "Message-ID",
            "<OF5A3B2C1D.E4F5A6B7-ONC1258C3F.0031A2B3-C1258C3F.0031C4D5@cassin.example>",
        ),
        ("In-Reply-To", "<OF11223344.55667788-ONC1258C3E@cassin.example>"),
        ("X-Mailer", "HCL Notes Release 12.0.2 November 03, 2022"),
    ]
    write(
        "020-lotus-notes-fr-reply",
        "lotus-notes",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n\n\n{quoted}\n", cte="quoted-printable")),
        new,
        sig,
        note="Notes bare header block (name/path, date, Pour, cc, Objet)",
    )


def m021():
    new = (
        "Hello Mr. Okafor,\n\nPlease find below our answer regarding the shipment delay. The "
        "containers left Le Havre on March 3rd and should reach Lagos around March 28th."
    )
    sig = "Best regards\n\nPhilippe Garnier\nExport Sales Manager\nGarnier Agro Export"
    quoted = (
        "\n\n\nFrom:\tChidi Okafor <c.okafor@okafor-trading.example>\n"
        "To:\tPhilippe Garnier/Export/GarnierAgro@GarnierAgro\n"
        "Date:\t10/03/2025 11:02\n"
        "Subject:\tShipment PO-5532\n\n\n\n"
        "Dear Philippe,\n\nCould you give us an update on PO-5532? Our customer is waiting.\n\nChidi"
    )
    h = [
        ("From", "Philippe Garnier <p.garnier@garnier-agro.example>"),
        ("To", "Chidi Okafor <c.okafor@okafor-trading.example>"),
        ("Subject", "Re: Shipment PO-5532"),
        ("Date", "Mon, 10 Mar 2025 15:44:00 +0100"),
        ("Message-ID", "<OFA1B2C3D4.11223344-ONC1258C4D.004B1234@garnier-agro.example>"),
        ("In-Reply-To", "<po5532@okafor-trading.example>"),
        ("X-Mailer", "IBM Notes Release 9.0.1FP10 SHF241 October 03, 2018"),
    ]
    write(
        "021-lotus-notes-en-reply",
        "lotus-notes",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}{quoted}\n")),
        new,
        sig,
        note="Notes From:/To:/Date: tabbed block",
    )


def m022():
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        '<body><div style="font-family:Aptos,Aptos_EmbeddedFont,Calibri,Helvetica,sans-serif;'
        'font-size:12pt"><div>Bonjour Karim,</div><div><br></div>'
        "<div>Le comité a retenu votre candidature pour la formation « Habilitation électrique "
        "BR ». Session du 14 au 16 mai à Nantes.</div><div><br></div>"
        "<div>La convocation suivra.</div><div><br></div><div>Bien cordialement,</div>"
        "<div>Sophie Delmas</div><div>Chargée de formation</div></div>"
        '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt">'
        "<b>De :</b> Karim Belkacem &lt;k.belkacem@ouest-energie.example&gt;<br>"
        "<b>Envoyé :</b> jeudi 3 avril 2025 07:12<br><b>À :</b> Formation &lt;formation@ouest-energie.example&gt;<br>"
        "<b>Objet :</b> Demande formation habilitation</font><div>&nbsp;</div></div>"
        "<div>Bonjour, je souhaiterais m'inscrire à la prochaine session. Karim</div></body></html>"
    )
    plain = (
        "Bonjour Karim,\n\nLe comité a retenu votre candidature pour la formation « Habilitation "
        "électrique BR ». Session du 14 au 16 mai à Nantes.\n\nLa convocation suivra.\n\n"
        "Bien cordialement,\nSophie Delmas\nChargée de formation\n"
        "________________________________\n"
        "De : Karim Belkacem <k.belkacem@ouest-energie.example>\n"
        "Envoyé : jeudi 3 avril 2025 07:12\nÀ : Formation <formation@ouest-energie.example>\n"
        "Objet : Demande formation habilitation\n\n"
        "Bonjour, je souhaiterais m'inscrire à la prochaine session. Karim\n"
    )
    h = [
        ("From", "Sophie Delmas <formation@ouest-energie.example>"),
        ("To", "Karim Belkacem <k.belkacem@ouest-energie.example>"),
        ("Subject", "RE: Demande formation habilitation"),
        ("Date", "Thu, 3 Apr 2025 13:55:00 +0000"),
        ("Message-ID", "<PA4PR02MB7011DELMAS@PA4PR02MB7011.eurprd02.prod.outlook.example>"),
        ("In-Reply-To", "<PA4PR02MB7011BELK@PA4PR02MB7011.eurprd02.prod.outlook.example>"),
        ("X-MS-Exchange-Organization-SCL", "-1"),
    ]
    body = multi(
        "alternative",
        [leaf(plain, cte="quoted-printable"), leaf(html, "html", cte="base64")],
        "_000_PA4PR02MB7011_",
    )
    write(
        "022-owa-fr-reply",
        "owa",
        "fr",
        "reply",
        eml(h, body),
        "Bonjour Karim,\n\nLe comité a retenu votre candidature pour la formation « Habilitation "
        "électrique BR ». Session du 14 au 16 mai à Nantes.\n\nLa convocation suivra.",
        "Bien cordialement,\nSophie Delmas\nChargée de formation",
        note="OWA, base64 HTML",
    )


def m023():
    new = (
        "Bonjour,\n\nj ai bien recu les EPI pour les 3 interimaires. par contre il manque une "
        "paire de chaussures en 44.\n\nvous pouvez la rajouter sur la prochaine livraison ?"
    )
    sig = "Merci\nFred"
    quoted = (
        "________________________________\n"
        "De : Magasin EPI <epi@groupe-ravel.example>\n"
        "Envoyé : mardi 1 avril 2025 15:30\n"
        "À : Frédéric Morel <f.morel@groupe-ravel.example>\n"
        "Objet : Livraison EPI chantier Bellevue\n\n"
        "Bonjour,\nLes EPI sont partis ce jour par navette.\nMagasin EPI"
    )
    h = [
        ("From", "Frédéric Morel <f.morel@groupe-ravel.example>"),
        ("To", "Magasin EPI <epi@groupe-ravel.example>"),
        ("Subject", "RE: Livraison EPI chantier Bellevue"),
        ("Date", "Wed, 2 Apr 2025 07:05:00 +0200"),
        ("Message-ID", "<DB7PR01MB4400MOREL@DB7PR01MB4400.eurprd01.prod.outlook.example>"),
        ("In-Reply-To", "<epi-bellevue@groupe-ravel.example>"),
    ]
    write(
        "023-owa-fr-reply",
        "owa",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}\n")),
        new,
        sig,
    )


def m024():
    new = "Ok je regarde ça en arrivant au bureau. Tu peux me mettre le n° de série en MP ?"
    sig = "Obtenir Outlook pour Android"
    quoted = (
        "________________________________\n"
        "From: Lucas Renaud <l.renaud@atelier-renaud.example>\n"
        "Sent: Friday, March 7, 2025 7:48:10 AM\n"
        "To: Hotline SAV <sav@atelier-renaud.example>\n"
        "Subject: Compresseur bloqué\n\n"
        "Le compresseur de l'atelier 2 est en défaut depuis ce matin, code E07.\n"
    )
    h = [
        ("From", "Damien Vial <sav@atelier-renaud.example>"),
        ("To", "Lucas Renaud <l.renaud@atelier-renaud.example>"),
        ("Subject", "Re: Compresseur bloqué"),
        ("Date", "Fri, 7 Mar 2025 07:55:21 +0000"),
        ("Message-ID", "<AM6P192MB0123VIAL@AM6P192MB0123.EURP192.PROD.OUTLOOK.example>"),
        ("In-Reply-To", "<compresseur-e07@atelier-renaud.example>"),
    ]
    write(
        "024-outlook-mobile-fr-reply",
        "outlook-mobile",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n{quoted}")),
        new,
        sig,
        note="FR text, English header block from a phone set in English",
    )


def m025():
    html = (
        '<html><head></head><body><div dir="auto">Yes, please go ahead with the PO. '
        'I\'ll sign it tomorrow morning.</div><div dir="auto"><br></div>'
        '<div dir="auto">Nathalie</div><div><br></div>'
        '<div id="ms-outlook-mobile-signature" dir="auto">Get <a href="https://aka.ms/AAb9ysg">'
        'Outlook for iOS</a></div><hr style="display:inline-block;width:98%">'
        '<div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Owen Price &lt;o.price@brightline.example&gt;<br>'
        "<b>Sent:</b> Wednesday, March 19, 2025 5:12:44 PM<br><b>To:</b> Nathalie Rey "
        "&lt;n.rey@lumen-fr.example&gt;<br><b>Subject:</b> PO approval</div><div>&nbsp;</div>"
        "<div>Hi Nathalie, can I raise the PO for the sensors today? Owen</div></body></html>"
    )
    h = [
        ("From", "Nathalie Rey <n.rey@lumen-fr.example>"),
        ("To", "Owen Price <o.price@brightline.example>"),
        ("Subject", "Re: PO approval"),
        ("Date", "Wed, 19 Mar 2025 18:20:00 +0100"),
        ("Message-ID", "<BY5PR11MB4000REY@BY5PR11MB4000.namprd11.prod.outlook.example>"),
        ("In-Reply-To", "<po-approval@brightline.example>"),
    ]
    write(
        "025-outlook-mobile-en-reply",
        "outlook-mobile",
        "en",
        "reply",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        "Yes, please go ahead with the PO. I'll sign it tomorrow morning.",
        "Nathalie\n\nGet Outlook for iOS",
    )


def m026():
    new = (
        "Bonsoir Aurélie,\n\nDésolé pour le retard, j'étais en déplacement. Le rapport d'intervention "
        "est en ligne sur le SharePoint :\nhttps://intranet.soderep.example/sites/interventions/2025/RI-0412.pdf\n\n"
        "Dis-moi si tu n'y as pas accès."
    )
    sig = "Bonne soirée\nVincent\n\n\nEnvoyé depuis mon appareil Galaxy"
    quoted = (
        "-------- Message d'origine --------\n"
        "De : Aurélie Vasseur <a.vasseur@soderep.example>\n"
        "Date : 14/03/2025 12:03 (GMT+01:00)\n"
        "À : Vincent Lopes <v.lopes@soderep.example>\n"
        "Objet : Rapport intervention Moulins\n\n"
        "Salut Vincent, tu as le rapport de Moulins ? Le client le réclame.\n"
    )
    h = [
        ("From", "Vincent Lopes <v.lopes@soderep.example>"),
        ("To", "Aurélie Vasseur <a.vasseur@soderep.example>"),
        ("Subject", "RE: Rapport intervention Moulins"),
        ("Date", "Fri, 14 Mar 2025 20:41:00 +0100"),
        ("Message-ID", "<vmx4ks9bq2a-ghe8r2@email.android.example>"),
        ("In-Reply-To", "<rapport-moulins@soderep.example>"),
    ]
    write(
        "026-samsung-mail-fr-reply",
        "samsung-mail",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="URL in text",
    )


def m027():
    new = "Sure, Tuesday 10am works. I'll bring the signed NDA."
    sig = "Sent from my Galaxy"
    quoted = (
        "-------- Original message --------\n"
        "From: Hannah Cole <hannah.cole@westbury-legal.example>\n"
        "Date: 3/20/25 4:15 PM (GMT+00:00)\n"
        "To: Rémi Faure <remi.faure@faure-conseil.example>\n"
        "Subject: Meeting next week\n\n"
        "Rémi, are you free Tuesday at 10 for the kick-off? Hannah\n"
    )
    h = [
        ("From", "Rémi Faure <remi.faure@faure-conseil.example>"),
        ("To", "Hannah Cole <hannah.cole@westbury-legal.example>"),
        ("Subject", "RE: Meeting next week"),
        ("Date", "Thu, 20 Mar 2025 17:30:00 +0100"),
        ("Message-ID", "<abcd1234-samsung@email.android.example>"),
        ("In-Reply-To", "<kickoff@westbury-legal.example>"),
    ]
    write(
        "027-samsung-mail-en-reply",
        "samsung-mail",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n\n{sig}\n\n{quoted}")),
        new,
        sig,
    )


def m028():
    new = (
        "Bonjour Monsieur Lefèvre,\n\nLe contrat de bail commercial est prêt à la signature. "
        "Je vous propose un rendez-vous à l'étude le mardi 22 avril à 14h30."
    )
    sig = (
        "Cordialement,\n-- \nMe Hélène Marchal\nNotaire associée\nOffice notarial Marchal & Brun\n"
        "12, place du Marché - 49000 Angers\nTél. 02 41 00 00 12"
    )
    quoted = (
        "Le 2025-04-08 09:31, Jean-Luc Lefèvre a écrit :\n"
        "> Maître,\n> Où en est la rédaction du bail ? Nous souhaitons ouvrir au 1er mai.\n"
        "> Respectueusement,\n> J-L Lefèvre\n"
    )
    h = [
        ("From", "Hélène Marchal <h.marchal@notaires-angers.example>"),
        ("To", "Jean-Luc Lefèvre <jl.lefevre@boulangerie-lefevre.example>"),
        ("Subject", "Re: Bail commercial rue Lenepveu"),
        ("Date", "Tue, 8 Apr 2025 11:02:00 +0200"),
        ("Message-ID", "<7c9a0f2e3b4d5e6f@notaires-angers.example>"),
        ("In-Reply-To", "<bail-lenepveu@boulangerie-lefevre.example>"),
        ("User-Agent", "Roundcube Webmail/1.6.9"),
    ]
    write(
        "028-roundcube-fr-reply",
        "roundcube",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}", cte="quoted-printable")),
        new,
        sig,
        note="Roundcube ISO date attribution",
    )


def m029():
    quoted_intro = "Le 2025-02-19 17:44, Benoît Aubry a écrit :"
    text = (
        f"{quoted_intro}\n"
        "> Bonjour Élise,\n>\n> Trois questions sur le planning d'astreinte :\n>\n"
        "> 1) Qui couvre le week-end du 8 mars ?\n"
        "> 2) Le numéro d'astreinte change-t-il ?\n"
        "> 3) Les heures sont-elles payées ou récupérées ?\n\n"
        "Bonjour Benoît,\n\n"
        "> 1) Qui couvre le week-end du 8 mars ?\n\nC'est Mickaël, j'ai mis le planning à jour.\n\n"
        "> 2) Le numéro d'astreinte change-t-il ?\n\nNon, toujours le 06 99 88 77 66.\n\n"
        "> 3) Les heures sont-elles payées ou récupérées ?\n\n"
        "Au choix du salarié, voir l'accord d'entreprise art. 12.\n\n"
        "Élise\n"
    )
    h = [
        ("From", "Élise Garnier <elise.garnier@syndic-loire.example>"),
        ("To", "Benoît Aubry <b.aubry@syndic-loire.example>"),
        ("Subject", "Re: Planning astreinte mars"),
        ("Date", "Thu, 20 Feb 2025 09:10:00 +0100"),
        ("Message-ID", "<f2e1d0c9b8a7@syndic-loire.example>"),
        ("In-Reply-To", "<astreinte-mars@syndic-loire.example>"),
        ("User-Agent", "Roundcube Webmail/1.5.3"),
    ]
    write(
        "029-roundcube-fr-reply-inline",
        "roundcube",
        "fr",
        "reply-inline",
        eml(h, leaf(text)),
        "Bonjour Benoît,\n\nC'est Mickaël, j'ai mis le planning à jour.\n\n"
        "Non, toujours le 06 99 88 77 66.\n\n"
        "Au choix du salarié, voir l'accord d'entreprise art. 12.",
        "Élise",
        note="interleaved answers",
    )


def m030():
    text = (
        "Hi Tom,\n\nAnswers inline.\n\n"
        "On Tue, Mar 4, 2025 at 9:02 AM Tom Becker <tom.becker@ridgeway.example> wrote:\n"
        "> - Can we move the go-live to April 14?\n\n"
        "Yes, as long as the data migration dry run passes on the 7th.\n\n"
        "> - Who is the contact for SSO on your side?\n\n"
        "Julien Roche (julien.roche@adeline-sa.example), our identity admin.\n\n"
        "> Thanks,\n> Tom\n\n"
        "Best,\nMarion\n"
    )
    h = [
        ("From", "Marion Aubert <marion.aubert@adeline-sa.example>"),
        ("To", "Tom Becker <tom.becker@ridgeway.example>"),
        ("Subject", "Re: Go-live questions"),
        ("Date", "Tue, 4 Mar 2025 11:30:00 +0100"),
        ("Message-ID", "<CAKmarion4@mail.gmail.example>"),
        ("In-Reply-To", "<golive@ridgeway.example>"),
    ]
    write(
        "030-gmail-web-en-reply-inline",
        "gmail-web",
        "en",
        "reply-inline",
        eml(h, leaf(text)),
        "Hi Tom,\n\nAnswers inline.\n\nYes, as long as the data migration dry run passes on the 7th.\n\n"
        "Julien Roche (julien.roche@adeline-sa.example), our identity admin.",
        "Best,\nMarion",
        note="inline answers after an attribution",
    )


def m031():
    note = "Bonjour Thomas,\n\nPour info, le nouveau process de demande d'accès VPN. À appliquer dès lundi."
    sig = "Cordialement,\nSylvie Roux\nAssistante DSI"
    orig = (
        "Bonjour à tous,\n\nÀ partir du 10 mars, toute demande d'accès VPN passe par le portail "
        "https://itsm.ravelec.example/vpn et doit être validée par le manager.\n\n"
        "Les demandes par mail ne seront plus traitées."
    )
    text = (
        f"{note}\n\n{sig}\n\n"
        f"De{NB}: Direction des Systèmes d'Information <dsi@ravelec.example>\n"
        f"Envoyé{NB}: vendredi 7 mars 2025 17:02\n"
        f"À{NB}: Tous les managers <managers@ravelec.example>\n"
        f"Objet{NB}: Nouveau process accès VPN\n\n"
        f"{orig}\n\nLa DSI\n"
    )
    h = [
        ("From", "Sylvie Roux <s.roux@ravelec.example>"),
        ("To", "Thomas Giraud <t.giraud@ravelec.example>"),
        ("Subject", "TR: Nouveau process accès VPN"),
        ("Date", "Fri, 7 Mar 2025 17:30:00 +0100"),
        ("Message-ID", "<AM0PR06MB6000ROUX@AM0PR06MB6000.eurprd06.prod.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "031-outlook-desktop-fr-forward",
        "outlook-desktop",
        "fr",
        "forward",
        eml(h, leaf(text, cte="quoted-printable")),
        note,
        sig,
        fwd=[("dsi@ravelec.example", "Nouveau process accès VPN", orig)],
    )


def m032():
    orig = (
        "Bonjour,\n\nSuite à notre échange, je vous confirme notre offre : 45 € HT la tonne "
        "pour l'évacuation des gravats inertes, benne 15 m3 comprise.\n\nValidité : 30 jours."
    )
    text = (
        "Vu avec le conducteur de travaux, on peut accepter. Ton avis ?\n\n"
        "---------- Forwarded message ---------\n"
        "De : Recyclage Garonne <contact@recyclage-garonne.example>\n"
        "Date: mer. 12 mars 2025 à 15:40\n"
        "Subject: Offre évacuation gravats\n"
        "To: <achats@bati-occitan.example>\n\n\n"
        f"{orig}\n\nCordialement,\nJessica Baron\nRecyclage Garonne\n05 61 99 00 11\n"
    )
    h = [
        ("From", "Achats Bati Occitan <achats@bati-occitan.example>"),
        ("To", "Pierre Segura <p.segura@bati-occitan.example>"),
        ("Subject", "Fwd: Offre évacuation gravats"),
        ("Date", "Wed, 12 Mar 2025 16:05:00 +0100"),
        ("Message-ID", "<CAHachats88@mail.gmail.example>"),
    ]
    write(
        "032-gmail-web-fr-forward",
        "gmail-web",
        "fr",
        "forward",
        eml(h, leaf(text)),
        "Vu avec le conducteur de travaux, on peut accepter. Ton avis ?",
        "",
        fwd=[("contact@recyclage-garonne.example", "Offre évacuation gravats", orig)],
        note="forward note without greeting or signature",
    )


def m033():
    html = (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
        '<body dir="auto"><div dir="ltr">Je te transfère la réponse de l\'assurance, à classer '
        'dans le dossier sinistre.</div><div dir="ltr"><br></div>'
        '<div dir="ltr">Envoyé de mon iPhone</div><div dir="ltr"><br>'
        '<blockquote type="cite">Début du message réexpédié&nbsp;:<br><br></blockquote></div>'
        '<blockquote type="cite"><div dir="ltr"><b>Expéditeur:</b> Gestion Sinistres &lt;'
        "sinistres@mutuelle-pro.example&gt;<br><b>Date:</b> 21 mars 2025 à 10:15:03 UTC+1<br>"
        "<b>Destinataire:</b> Marc Olivier &lt;marc.olivier@olivier-transports.example&gt;<br>"
        "<b>Objet:</b> <b>Sinistre n° 2025-S-7781</b><br><br></div></blockquote>"
        '<blockquote type="cite"><div dir="ltr">Monsieur,<br><br>Nous accusons réception de '
        "votre déclaration de sinistre concernant le véhicule immatriculé AB-123-CD. Un expert "
        "prendra contact avec vous sous 48 heures.<br><br>Le service Sinistres</div></blockquote>"
        "</body></html>"
    )
    h = [
        ("From", "Marc Olivier <marc.olivier@olivier-transports.example>"),
        ("To", "Compta Olivier <compta@olivier-transports.example>"),
        ("Subject", "Fwd: Sinistre n° 2025-S-7781"),
        ("Date", "Fri, 21 Mar 2025 12:00:00 +0100"),
        ("Message-ID", "<0E6A9F1C-2B3D-4E5F-8A9B-CD0123456789@olivier-transports.example>"),
        ("X-Mailer", "iPhone Mail (22D82)"),
    ]
    write(
        "033-apple-iphone-fr-forward",
        "apple-iphone",
        "fr",
        "forward",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        "Je te transfère la réponse de l'assurance, à classer dans le dossier sinistre.",
        "Envoyé de mon iPhone",
        fwd=[
            (
                "sinistres@mutuelle-pro.example",
                "Sinistre n° 2025-S-7781",
                "Monsieur,\n\nNous accusons réception de votre déclaration de sinistre concernant "
                "le véhicule immatriculé AB-123-CD. Un expert prendra contact avec vous sous 48 heures.",
            )
        ],
        note="iPhone HTML forward, Expéditeur/Destinataire labels in blockquote",
    )


def m034():
    orig = (
        "Hello,\n\nQuick reminder that the Q1 expense reports are due by April 5th. "
        "Late submissions will be processed in May."
    )
    # labelling fix: "Thanks!" above the team name is that original's sign-off
    text = (
        "Bonjour l'équipe,\n\nPetit rappel de nos collègues de Londres, merci de faire le "
        "nécessaire avant vendredi 🙏\n\nStéphanie\n\n"
        "Begin forwarded message:\n\n"
        "From: Finance Shared Services <finance-ss@harrow-group.example>\n"
        "Subject: Q1 expense reports\n"
        "Date: 31 March 2025 at 09:00:12 GMT+1\n"
        "To: EMEA Managers <emea-managers@harrow-group.example>\n\n"
        f"{orig}\n\nThanks!\n\nFinance Shared Services\n"
    )
    h = [
        ("From", "Stéphanie Blanc <stephanie.blanc@harrow-group.example>"),
        ("To", "Équipe Lyon <equipe-lyon@harrow-group.example>"),
        ("Subject", "Fwd: Q1 expense reports"),
        ("Date", "Mon, 31 Mar 2025 10:20:00 +0200"),
        ("Message-ID", "<E1F2A3B4-C5D6-4789-ABCD-EF0123456789@harrow-group.example>"),
        ("X-Mailer", "Apple Mail (2.3826.300.87.4.3)"),
    ]
    write(
        "034-apple-mail-fr-forward",
        "apple-mail",
        "fr",
        "forward",
        eml(h, leaf(text, cte="quoted-printable")),
        "Bonjour l'équipe,\n\nPetit rappel de nos collègues de Londres, merci de faire le "
        "nécessaire avant vendredi 🙏",
        "Stéphanie",
        fwd=[("finance-ss@harrow-group.example", "Q1 expense reports", orig)],
        note="Apple Mail plain forward in English under French note",
    )


def m035():
    html = (
        "<html><head></head><body><p>Salut Loïc,</p><p>Tu peux regarder ? Ça ressemble à du "
        "phishing mais je préfère vérifier.</p><p>Merci<br>Céline</p><br>"
        '<div class="moz-forward-container"><br><br>-------- Message transféré --------'
        '<table class="moz-email-headers-table" border="0" cellspacing="0" cellpadding="0">'
        '<tbody><tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">Sujet&nbsp;: </th>'
        "<td>Votre boîte mail est pleine</td></tr>"
        '<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">Date&nbsp;: </th>'
        "<td>Mon, 17 Mar 2025 06:12:00 +0000</td></tr>"
        '<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">De&nbsp;: </th>'
        "<td>Support Messagerie &lt;no-reply@webmail-alerte.test&gt;</td></tr>"
        '<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">Pour&nbsp;: </th>'
        "<td>celine.brun@mairie-lormes.example</td></tr></tbody></table><br><br>"
        "<p>Cher utilisateur, votre quota est atteint. Cliquez ici pour augmenter votre "
        "espace : http://webmail-alerte.test/quota</p></div></body></html>"
    )
    h = [
        ("From", "Céline Brun <celine.brun@mairie-lormes.example>"),
        ("To", "Loïc Perret <informatique@mairie-lormes.example>"),
        ("Subject", "Fwd: Votre boîte mail est pleine"),
        ("Date", "Mon, 17 Mar 2025 08:45:00 +0100"),
        ("Message-ID", "<a7b8c9d0-phish@mairie-lormes.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
    ]
    write(
        "035-thunderbird-fr-forward",
        "thunderbird",
        "fr",
        "forward",
        eml(h, leaf(html, "html")),
        "Salut Loïc,\n\nTu peux regarder ? Ça ressemble à du phishing mais je préfère vérifier.",
        "Merci\nCéline",
        fwd=[
            (
                "no-reply@webmail-alerte.test",
                "Votre boîte mail est pleine",
                "Cher utilisateur, votre quota est atteint. Cliquez ici pour augmenter votre "
                "espace : http://webmail-alerte.test/quota",
            )
        ],
        note="Thunderbird HTML forward with Pour label",
    )


def m036():
    orig = (
        "Bonjour,\n\nLa réunion du CSE prévue le 3 avril est reportée au 10 avril, même heure, "
        "salle du conseil.\n\nOrdre du jour inchangé."
    )
    text = (
        "Pour info\n\n"
        "----- Mail transféré -----\n"
        'De: "Secrétariat CSE" <cse@hopital-vernon.example>\n'
        'À: "Cadres de santé" <cadres@hopital-vernon.example>\n'
        "Envoyé: Mercredi 26 Mars 2025 14:22:51\n"
        "Objet: Report réunion CSE\n\n"
        f"{orig}\n\nLe secrétariat du CSE\n"
    )
    h = [
        ("From", "Nathalie Caron <n.caron@hopital-vernon.example>"),
        ("To", "Équipe soins 3B <soins3b@hopital-vernon.example>"),
        ("Subject", "Fwd: Report réunion CSE"),
        ("Date", "Wed, 26 Mar 2025 15:00:00 +0100"),
        ("Message-ID", "<1122334455.6677.1742997600000.JavaMail.zimbra@hopital-vernon.example>"),
        ("X-Mailer", "Zimbra 8.8.15_GA_4581 (ZimbraWebClient - FF115 (Win)/8.8.15_GA_4581)"),
    ]
    write(
        "036-zimbra-fr-forward",
        "zimbra",
        "fr",
        "forward",
        eml(h, leaf(text)),
        "Pour info",
        "",
        fwd=[("cse@hopital-vernon.example", "Report réunion CSE", orig)],
    )


def m037():
    a = (
        "Bonjour,\n\nLe client Maisons Dorval conteste la facture 2025-0312 : selon lui, "
        "la prestation de nettoyage de fin de chantier n'a pas été réalisée."
    )
    b = "Claire, peux-tu vérifier avec l'équipe de nettoyage ? Je n'ai pas le PV."
    note = "Bonjour Karine,\n\nVoir ci-dessous, le PV de fin de chantier est signé, je le joins. On maintient la facture."
    text = (
        f"{note}\n\nCordialement,\nClaire Joubert\nResponsable ADV\n\n"
        f"De{NB}: Éric Tanguy <e.tanguy@net-pro-services.example>\n"
        f"Envoyé{NB}: lundi 17 mars 2025 11:20\n"
        f"À{NB}: Claire Joubert <c.joubert@net-pro-services.example>\n"
        f"Objet{NB}: TR: Contestation facture 2025-0312\n\n"
        f"{b}\n\nÉric\n\n"
        f"De{NB}: Compta Clients <compta.clients@net-pro-services.example>\n"
        f"Envoyé{NB}: lundi 17 mars 2025 09:05\n"
        f"À{NB}: Éric Tanguy <e.tanguy@net-pro-services.example>\n"
        f"Objet{NB}: Contestation facture 2025-0312\n\n"
        f"{a}\n\nService comptabilité clients\n"
    )
    h = [
        ("From", "Claire Joubert <c.joubert@net-pro-services.example>"),
        ("To", "Karine Faure <k.faure@net-pro-services.example>"),
        ("Subject", "TR: TR: Contestation facture 2025-0312"),
        ("Date", "Mon, 17 Mar 2025 14:02:00 +0100"),
        ("Message-ID", "<AS2PR05MB9000JOUBERT@AS2PR05MB9000.eurprd05.prod.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "037-outlook-desktop-fr-forward",
        "outlook-desktop",
        "fr",
        "forward",
        eml(h, leaf(text, cte="quoted-printable")),
        note,
        "Cordialement,\nClaire Joubert\nResponsable ADV",
        fwd=[
            ("compta.clients@net-pro-services.example", "Contestation facture 2025-0312", a),
            ("e.tanguy@net-pro-services.example", "TR: Contestation facture 2025-0312", b),
        ],
        note="forward of a forward, a note at each level",
    )


def m038():
    a = (
        "Hi all,\n\nThe annual penetration test is scheduled for May 12-16. Please make sure "
        "no production change is planned that week."
    )
    b = "FYI - à relayer à vos équipes."
    c = "Ci-dessous, pour le planning des MEP. Merci de bloquer la semaine."
    note = "Bonjour,\n\nJe rajoute le comité des changements en copie. Semaine gelée donc."
    text = (
        f"{note}\n\nBien à vous,\nArnaud Lebon\nResponsable production\n\n"
        "---------- Forwarded message ---------\n"
        "De : Manon Pichon <m.pichon@alfara.example>\n"
        "Date: jeu. 10 avr. 2025 à 09:30\n"
        "Subject: Fwd: TR: Pentest 2025\n"
        "To: Arnaud Lebon <a.lebon@alfara.example>\n\n\n"
        f"{c}\n\nManon\n\n"
        "---------- Forwarded message ---------\n"
        "De : Gérard Collin <g.collin@alfara.example>\n"
        "Date: mer. 9 avr. 2025 à 18:02\n"
        "Subject: TR: Pentest 2025\n"
        "To: Managers IT <managers-it@alfara.example>\n\n\n"
        f"{b}\n\nGérard Collin\nRSSI\n\n"
        "From: Security Office <security@alfara-group.example>\n"
        "Sent: Wednesday, April 9, 2025 4:15 PM\n"
        "To: IT Managers EMEA <it-emea@alfara-group.example>\n"
        "Subject: Pentest 2025\n\n"
        f"{a}\n\nRegards,\nGroup Security Office\n"
    )
    h = [
        ("From", "Arnaud Lebon <a.lebon@alfara.example>"),
        ("To", "CAB <cab@alfara.example>"),
        ("Subject", "Fwd: Fwd: TR: Pentest 2025"),
        ("Date", "Thu, 10 Apr 2025 10:12:00 +0200"),
        ("Message-ID", "<CALebon3lv@mail.gmail.example>"),
    ]
    write(
        "038-gmail-web-fr-forward",
        "gmail-web",
        "fr",
        "forward",
        eml(h, leaf(text)),
        note,
        "Bien à vous,\nArnaud Lebon\nResponsable production",
        fwd=[
            ("security@alfara-group.example", "Pentest 2025", a),
            ("g.collin@alfara.example", "TR: Pentest 2025", b),
            ("m.pichon@alfara.example", "Fwd: TR: Pentest 2025", c),
        ],
        note="three levels, Outlook EN block innermost, Gmail FR outer",
    )


def m039():
    q = "Bonjour Damien,\n\nPouvez-vous nous chiffrer le remplacement des 40 luminaires du parking ?"
    r = "Bonjour Mme Roy,\n\nOui, je passe faire le relevé jeudi matin. Devis sous 8 jours."
    note = "Hervé, tu peux accompagner Damien jeudi ? Il faudra ouvrir le local TGBT."
    text = (
        f"{note}\n\nMerci\nAlice Roy\nServices généraux\n\n"
        f"De{NB}: Damien Chauvin <d.chauvin@lumiservices.example>\n"
        f"Envoyé{NB}: mardi 15 avril 2025 17:40\n"
        f"À{NB}: Alice Roy <a.roy@bureaux-confluence.example>\n"
        f"Objet{NB}: RE: Devis éclairage parking\n\n"
        f"{r}\n\nCordialement,\nDamien Chauvin\nLumiservices\n\n"
        f"De{NB}: Alice Roy <a.roy@bureaux-confluence.example>\n"
        f"Envoyé{NB}: mardi 15 avril 2025 10:02\n"
        f"À{NB}: Damien Chauvin <d.chauvin@lumiservices.example>\n"
        f"Objet{NB}: Devis éclairage parking\n\n"
        f"{q}\n\nMerci\nAlice Roy\n"
    )
    h = [
        ("From", "Alice Roy <a.roy@bureaux-confluence.example>"),
        ("To", "Hervé Lucas <h.lucas@bureaux-confluence.example>"),
        ("Subject", "TR: Devis éclairage parking"),
        ("Date", "Wed, 16 Apr 2025 08:15:00 +0200"),
        ("Message-ID", "<DU0PR09MB7000ROY@DU0PR09MB7000.eurprd09.prod.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "039-outlook-desktop-fr-forward",
        "outlook-desktop",
        "fr",
        "forward",
        eml(h, leaf(text)),
        note,
        "Merci\nAlice Roy\nServices généraux",
        fwd=[
            ("a.roy@bureaux-confluence.example", "Devis éclairage parking", q),
            ("d.chauvin@lumiservices.example", "RE: Devis éclairage parking", r),
        ],
        note="forward of a reply: the quoted question is an older original of its own",
    )


def m040():
    fwd_note = "Voir ci-dessous la demande du client, tu peux t'en occuper ?"
    orig = "Bonjour,\n\nNous souhaitons ajouter 5 utilisateurs à notre abonnement à partir d'avril."
    new = "Oui je m'en charge, je lui envoie l'avenant aujourd'hui."
    text = (
        f"{new}\n\nAdrien\n\n"
        "Le mar. 25 mars 2025 à 09:12, Lise Moreau <lise.moreau@saasly.example> a écrit :\n\n"
        f"> {fwd_note}\n>\n> Lise\n>\n"
        "> ---------- Forwarded message ---------\n"
        "> De : Paul Vernet <p.vernet@client-vernet.example>\n"
        "> Date: lun. 24 mars 2025 à 17:55\n"
        "> Subject: Utilisateurs supplémentaires\n"
        "> To: <commercial@saasly.example>\n>\n>\n"
        "> Bonjour,\n>\n> Nous souhaitons ajouter 5 utilisateurs à notre abonnement à partir d'avril.\n"
        ">\n> Paul Vernet\n"
    )
    h = [
        ("From", "Adrien Petit <adrien.petit@saasly.example>"),
        ("To", "Lise Moreau <lise.moreau@saasly.example>"),
        ("Subject", "Re: Fwd: Utilisateurs supplémentaires"),
        ("Date", "Tue, 25 Mar 2025 09:40:00 +0100"),
        ("Message-ID", "<CAPadrien25@mail.gmail.example>"),
        ("In-Reply-To", "<CALise25@mail.gmail.example>"),
    ]
    write(
        "040-gmail-web-fr-reply",
        "gmail-web",
        "fr",
        "reply",
        eml(h, leaf(text)),
        new,
        "Adrien",
        note="reply to a forward: the quoted forward is history, not a forward of this message",
    )
    _ = orig


def m041():
    inner_text = (
        "Bonjour Monsieur Delorme,\n\nSuite à l'audit du 4 mars, trois non-conformités mineures "
        "ont été relevées sur la ligne 3 (traçabilité des lots de farine). Le plan d'actions "
        "est attendu sous un mois."
    )
    inner = eml(
        [
            ("From", "Audit Qualité <audit@certiqual.example>"),
            ("To", "Bruno Delorme <b.delorme@biscuiterie-loire.example>"),
            ("Subject", "Rapport d'audit IFS - mars 2025"),
            ("Date", "Thu, 6 Mar 2025 10:00:00 +0100"),
            ("Message-ID", "<audit-ifs-0306@certiqual.example>"),
        ],
        leaf(f"{inner_text}\n\nCordialement,\nNadège Cousin\nAuditrice IFS\nCertiqual\n"),
    )
    note = "Bonjour à tous,\n\nCi-joint le rapport de l'auditeur. Réunion qualité mardi 9h pour le plan d'actions."
    sig = "Bruno Delorme\nDirecteur de site"
    h = [
        ("From", "Bruno Delorme <b.delorme@biscuiterie-loire.example>"),
        ("To", "Comité qualité <qualite@biscuiterie-loire.example>"),
        ("Subject", "TR: Rapport d'audit IFS - mars 2025"),
        ("Date", "Fri, 7 Mar 2025 08:00:00 +0100"),
        ("Message-ID", "<AM4PR03MB5000DELORME@AM4PR03MB5000.eurprd03.prod.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    body = multi(
        "mixed",
        [leaf(f"{note}\n\n{sig}\n"), rfc822(inner, "Rapport d'audit IFS - mars 2025.eml")],
        "----=_NextPart_000_0012",
    )
    write(
        "041-outlook-desktop-fr-forward-attached",
        "outlook-desktop",
        "fr",
        "forward-attached",
        eml(h, body),
        note,
        sig,
        fwd=[("audit@certiqual.example", "Rapport d'audit IFS - mars 2025", inner_text)],
    )


def m042():
    a = "Hi Julien,\n\nAttached is the signed NDA. Looking forward to working together."
    b = "Bonjour Sarah, voici le NDA signé par le partenaire, pour archivage."
    inner_a = eml(
        [
            ("From", "Grace Miller <grace.miller@tidewater-labs.example>"),
            ("To", "Julien Masson <julien.masson@optiflux.example>"),
            ("Subject", "Signed NDA"),
            ("Date", "Mon, 3 Mar 2025 15:00:00 +0000"),
            ("Message-ID", "<nda-signed@tidewater-labs.example>"),
        ],
        multi(
            "mixed",
            [leaf(f"{a}\n\nBest,\nGrace Miller\nCOO, Tidewater Labs\n"), pdf("NDA_signed.pdf")],
            "b_inner_a",
        ),
    )
    inner_b = eml(
        [
            ("From", "Julien Masson <julien.masson@optiflux.example>"),
            ("To", "Sarah Klein <s.klein@optiflux.example>"),
            ("Subject", "TR: Signed NDA"),
            ("Date", "Mon, 3 Mar 2025 16:30:00 +0100"),
            ("Message-ID", "<tr-nda@optiflux.example>"),
        ],
        multi("mixed", [leaf(f"{b}\n\nJulien\n"), rfc822(inner_a, "Signed NDA.eml")], "b_inner_b"),
    )
    note = "Pour le registre des contrats."
    h = [
        ("From", "Sarah Klein <s.klein@optiflux.example>"),
        ("To", "Juridique <juridique@optiflux.example>"),
        ("Subject", "TR: TR: Signed NDA"),
        ("Date", "Tue, 4 Mar 2025 09:00:00 +0100"),
        ("Message-ID", "<tr-tr-nda@optiflux.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
    ]
    body = multi(
        "mixed",
        [
            leaf(f"{note}\n\n-- \nSarah Klein\nAssistante juridique\n"),
            rfc822(inner_b, "TR Signed NDA.eml"),
        ],
        "b_outer",
    )
    write(
        "042-thunderbird-fr-forward-attached",
        "thunderbird",
        "fr",
        "forward-attached",
        eml(h, body),
        note,
        "-- \nSarah Klein\nAssistante juridique",
        fwd=[
            ("grace.miller@tidewater-labs.example", "Signed NDA", a),
            ("julien.masson@optiflux.example", "TR: Signed NDA", b),
        ],
        note="attached forward inside an attached forward",
    )


def m043():
    q = "Bonjour Yasmine,\n\nLe fichier des heures sup de mars est-il prêt ?"
    r = "Bonjour Denis,\n\nOui, il est dans le dossier partagé Paie/2025/03. Il manque juste l'équipe de nuit."
    inner = eml(
        [
            ("From", "Yasmine Bouzid <y.bouzid@fonderie-aube.example>"),
            ("To", "Denis Poulain <d.poulain@fonderie-aube.example>"),
            ("Subject", "RE: Heures sup mars"),
            ("Date", "Tue, 1 Apr 2025 11:00:00 +0200"),
            ("Message-ID", "<hs-mars-re@fonderie-aube.example>"),
        ],
        leaf(
            f"{r}\n\nYasmine\n\n"
            f"De{NB}: Denis Poulain <d.poulain@fonderie-aube.example>\n"
            f"Envoyé{NB}: mardi 1 avril 2025 09:10\n"
            f"À{NB}: Yasmine Bouzid <y.bouzid@fonderie-aube.example>\n"
            f"Objet{NB}: Heures sup mars\n\n{q}\n\nDenis\n"
        ),
    )
    note = "Bonjour Martine, je vous joins l'échange avec la paie, pour votre contrôle."
    h = [
        ("From", "Denis Poulain <d.poulain@fonderie-aube.example>"),
        ("To", "Martine Collet <m.collet@expert-aube.example>"),
        ("Subject", "TR: Heures sup mars"),
        ("Date", "Tue, 1 Apr 2025 14:00:00 +0200"),
        ("Message-ID", "<tr-hs-mars@fonderie-aube.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    body = multi(
        "mixed",
        [
            leaf(f"{note}\n\nCordialement,\nDenis Poulain\nRRH\n"),
            rfc822(inner, "RE Heures sup mars.msg.eml"),
        ],
        "----=_NextPart_000_0042",
    )
    write(
        "043-outlook-desktop-fr-forward-attached",
        "outlook-desktop",
        "fr",
        "forward-attached",
        eml(h, body),
        note,
        "Cordialement,\nDenis Poulain\nRRH",
        fwd=[
            ("d.poulain@fonderie-aube.example", "Heures sup mars", q),
            ("y.bouzid@fonderie-aube.example", "RE: Heures sup mars", r),
        ],
        note="attached reply: its quoted message is an older original of its own",
    )


def m044():
    text = (
        "Bonjour,\n\nJe suis absente du 14 au 25 avril inclus, sans accès à mes mails.\n"
        "Pour toute urgence concernant la paie, merci de contacter Gaëlle Simon "
        "(g.simon@agri-conseil.example, 02 99 00 11 22).\n\nCordialement,\nMélanie Hervé\n"
    )
    h = [
        ("From", "Mélanie Hervé <m.herve@agri-conseil.example>"),
        ("To", "Pascal Rault <p.rault@agri-conseil.example>"),
        ("Subject", "Réponse automatique : Bulletins avril"),
        ("Date", "Tue, 15 Apr 2025 09:12:00 +0200"),
        ("Message-ID", "<auto-herve-0415@agri-conseil.example>"),
        ("In-Reply-To", "<bulletins-avril@agri-conseil.example>"),
        ("Auto-Submitted", "auto-replied"),
        ("X-Auto-Response-Suppress", "All"),
        ("X-Mailer", "Microsoft Exchange Server 15.2"),
    ]
    write(
        "044-outlook-desktop-fr-auto-reply",
        "outlook-desktop",
        "fr",
        "auto-reply",
        eml(h, leaf(text)),
        "Bonjour,\n\nJe suis absente du 14 au 25 avril inclus, sans accès à mes mails.\n"
        "Pour toute urgence concernant la paie, merci de contacter Gaëlle Simon "
        "(g.simon@agri-conseil.example, 02 99 00 11 22).",
        "Cordialement,\nMélanie Hervé",
        auto=True,
    )


def m045():
    text = (
        "Bonjour,\n\nMerci pour votre message. Je suis actuellement en congés et serai de retour "
        "le lundi 5 mai. Votre message ne sera pas transféré.\n\n"
        "En cas d'urgence : accueil@cabinet-roux.example\n\nGuillaume Roux\n"
    )
    h = [
        ("From", "Guillaume Roux <g.roux@cabinet-roux.example>"),
        ("To", "Élodie Marchetti <elodie.marchetti@imprimerie-sud.example>"),
        ("Subject", "Devis cartes de visite"),
        ("Date", "Mon, 28 Apr 2025 14:00:00 +0200"),
        ("Message-ID", "<ooo-roux-0428@cabinet-roux.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "045-outlook-desktop-fr-auto-reply",
        "outlook-desktop",
        "fr",
        "auto-reply",
        eml(h, leaf(text)),
        "Bonjour,\n\nMerci pour votre message. Je suis actuellement en congés et serai de retour "
        "le lundi 5 mai. Votre message ne sera pas transféré.\n\n"
        "En cas d'urgence : accueil@cabinet-roux.example",
        "Guillaume Roux",
        auto=True,
        note="client rule: no auto-reply header, normal subject",
    )


def m046():
    text = (
        "Thank you for your email. I am out of the office until Monday, March 24 with limited "
        "access to email. For urgent matters please contact support@brightline.example.\n\n"
        "Regards,\nOwen Price\n"
    )
    h = [
        ("From", "Owen Price <o.price@brightline.example>"),
        ("To", "Nathalie Rey <n.rey@lumen-fr.example>"),
        ("Subject", "Automatic reply: PO approval"),
        ("Date", "Thu, 20 Mar 2025 08:00:00 +0000"),
        ("Message-ID", "<ooo-price@brightline.example>"),
        ("Auto-Submitted", "auto-replied"),
        ("X-MS-Exchange-Inbox-Rules-Loop", "o.price@brightline.example"),
    ]
    write(
        "046-owa-en-auto-reply",
        "owa",
        "en",
        "auto-reply",
        eml(h, leaf(text)),
        "Thank you for your email. I am out of the office until Monday, March 24 with limited "
        "access to email. For urgent matters please contact support@brightline.example.",
        "Regards,\nOwen Price",
        auto=True,
    )


def m047():
    text = (
        "Je suis en déplacement sur chantier jusqu'au 11/04, réponse possible avec retard.\n"
        "Pour le planning, voir avec Mathilde au 05 49 00 12 12.\n"
    )
    h = [
        ("From", "Jacques Bertin <j.bertin@charpentes-poitou.example>"),
        ("To", "Planning <planning@charpentes-poitou.example>"),
        ("Subject", "Absence : Livraison fermettes"),
        ("Date", "Tue, 8 Apr 2025 07:30:00 +0200"),
        ("Message-ID", "<1717171717.1.1744090200000.JavaMail.zimbra@charpentes-poitou.example>"),
        ("Auto-Submitted", "auto-replied (zimbra; vacation)"),
        ("Precedence", "bulk"),
        ("X-Mailer", "Zimbra 9.0.0_GA_4546"),
    ]
    write(
        "047-zimbra-fr-auto-reply",
        "zimbra",
        "fr",
        "auto-reply",
        eml(h, leaf(text)),
        "Je suis en déplacement sur chantier jusqu'au 11/04, réponse possible avec retard.\n"
        "Pour le planning, voir avec Mathilde au 05 49 00 12 12.",
        "",
        auto=True,
    )


def m048():
    new = (
        "Bonjour Mathieu,\n\nJe vous envoie le compte rendu maintenant car je serai absente demain "
        "et vendredi (formation). Les actions sont en fin de document.\n\n"
        "Pour toute question en mon absence, voyez avec Rachid."
    )
    sig = "Bonne soirée,\nÉlodie Garnier\nChargée d'affaires"
    quoted = (
        f"De{NB}: Mathieu Roussel <m.roussel@batir-so.example>\n"
        f"Envoyé{NB}: mercredi 5 mars 2025 10:00\n"
        f"À{NB}: Élodie Garnier <e.garnier@batir-so.example>\n"
        f"Objet{NB}: CR visite client Cazals\n\nTu peux m'envoyer le CR avant jeudi ?\nMathieu"
    )
    h = [
        ("From", "Élodie Garnier <e.garnier@batir-so.example>"),
        ("To", "Mathieu Roussel <m.roussel@batir-so.example>"),
        ("Subject", "RE: CR visite client Cazals"),
        ("Date", "Wed, 5 Mar 2025 18:30:00 +0100"),
        ("Message-ID", "<AM0PR01MB1111GARNIER@AM0PR01MB1111.outlook.example>"),
        ("In-Reply-To", "<cr-cazals@batir-so.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "048-outlook-desktop-fr-not-auto-reply",
        "outlook-desktop",
        "fr",
        "not-auto-reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}\n")),
        new,
        sig,
    )


def m049():
    new = (
        "Salut Romain,\n\nje suis en congé à partir de demain jusqu'au 22, donc je te laisse "
        "la main sur le dossier Berthier. Tout est dans le drive, le client attend la version "
        "finale du plan lundi."
    )
    sig = "Bonnes vacances à moi 😎\nLudo"
    quoted = (
        "Le jeu. 10 avr. 2025 à 16:02, Romain Faure <romain.faure@atelier-archi.example> a écrit :\n"
        "> Tu pars quand déjà ?\n"
    )
    h = [
        ("From", "Ludovic Henry <ludovic.henry@atelier-archi.example>"),
        ("To", "Romain Faure <romain.faure@atelier-archi.example>"),
        ("Subject", "Re: Dossier Berthier"),
        ("Date", "Thu, 10 Apr 2025 16:20:00 +0200"),
        ("Message-ID", "<CAludo1004@mail.gmail.example>"),
        ("In-Reply-To", "<CAromain1004@mail.gmail.example>"),
    ]
    write(
        "049-gmail-web-fr-not-auto-reply",
        "gmail-web",
        "fr",
        "not-auto-reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
    )


def m050():
    new = (
        "Hi Sam,\n\nI'm out of office next week (Mon-Wed) for the trade show, so let's do the "
        "review today at 4pm if that works for you. Otherwise Thursday."
    )
    sig = "Thanks,\nCéline Marchand\nKey Account Manager"
    quoted = (
        "From: Sam Porter <sam.porter@delta-grid.example>\n"
        "Sent: Friday, April 4, 2025 10:02 AM\n"
        "To: Céline Marchand <celine.marchand@voltaire-sa.example>\n"
        "Subject: Contract review\n\nCéline, when can we go through the contract?\nSam"
    )
    h = [
        ("From", "Céline Marchand <celine.marchand@voltaire-sa.example>"),
        ("To", "Sam Porter <sam.porter@delta-grid.example>"),
        ("Subject", "RE: Contract review"),
        ("Date", "Fri, 4 Apr 2025 11:15:00 +0200"),
        ("Message-ID", "<PR1PR05MB2222MARCHAND@PR1PR05MB2222.outlook.example>"),
        ("In-Reply-To", "<contract-review@delta-grid.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "050-outlook-desktop-en-not-auto-reply",
        "outlook-desktop",
        "en",
        "not-auto-reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}\n")),
        new,
        sig,
    )


def m051():
    html = (
        '<html><head></head><body><div class="ydp3f1a2b3cyahoo-style-wrap" style="font-family:'
        'Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;"><div dir="ltr">Bonjour '
        'Monsieur Caillaud,</div><div dir="ltr"><br></div><div dir="ltr">Je vous confirme '
        "ma présence à l'assemblée générale du 26 avril. Je viendrai avec le pouvoir de "
        'Mme Lenoir (lot 14).</div><div dir="ltr"><br></div><div dir="ltr">Salutations,'
        '</div><div dir="ltr">Bernard Quéré</div></div>'
        '<div id="yahoo_quoted_1122334455" class="yahoo_quoted"><div style="font-family:\'Helvetica '
        "Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;\"><div>Le lundi 14 avril "
        "2025 à 18:22:10 UTC+2, Syndic Caillaud &lt;ag@syndic-caillaud.example&gt; a écrit :</div>"
        "<div><br></div><div><br></div><div>Madame, Monsieur, merci de confirmer votre présence "
        "à l'AG du 26 avril. Le syndic</div></div></div></body></html>"
    )
    h = [
        ("From", "Bernard Quéré <bernard.quere@yahoo.example>"),
        ("To", "Syndic Caillaud <ag@syndic-caillaud.example>"),
        ("Subject", "Re: Assemblée générale 26 avril"),
        ("Date", "Tue, 15 Apr 2025 08:02:00 +0000"),
        ("Message-ID", "<1234567890.998877.1744704120000@mail.yahoo.example>"),
        ("In-Reply-To", "<ag-0426@syndic-caillaud.example>"),
        ("X-Mailer", "WebService/1.1.23533 YMailNorrin"),
    ]
    write(
        "051-yahoo-fr-reply",
        "yahoo",
        "fr",
        "reply",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        "Bonjour Monsieur Caillaud,\n\nJe vous confirme ma présence à l'assemblée générale du "
        "26 avril. Je viendrai avec le pouvoir de Mme Lenoir (lot 14).",
        "Salutations,\nBernard Quéré",
    )


def m052():
    new = (
        "Bonjour Justine,\n\nPour la journée d'intégration :\n\n"
        "Le 14 mai à 9h, accueil café au 2e étage :\n"
        "- présentation de l'entreprise par la direction\n"
        "- visite des ateliers\n"
        "- déjeuner au restaurant d'entreprise\n\n"
        "L'après-midi est libre pour l'installation des postes."
    )
    sig = "Bonne journée\n\nCoralie Fabre\nRessources humaines\nMécanique de Précision Jurassienne\n03 84 00 55 66"
    quoted = (
        "De : Justine Perrin <justine.perrin@mpj.example>\n"
        "Date : lundi 28 avril 2025 à 11:02\n"
        "À : Coralie Fabre <coralie.fabre@mpj.example>\n"
        "Objet : Programme intégration nouveaux arrivants\n\n"
        "Bonjour Coralie, tu as le programme de la journée d'intégration ? Merci, Justine\n"
    )
    h = [
        ("From", "Coralie Fabre <coralie.fabre@mpj.example>"),
        ("To", "Justine Perrin <justine.perrin@mpj.example>"),
        ("Subject", "Re: Programme intégration nouveaux arrivants"),
        ("Date", "Mon, 28 Apr 2025 14:45:00 +0200"),
        ("Message-ID", "<C2A3B4D5-1111-2222-3333-444455556666@mpj.example>"),
        ("In-Reply-To", "<integration@mpj.example>"),
        ("User-Agent", "Microsoft-MacOutlook/16.95.25041112"),
    ]
    write(
        "052-outlook-mac-fr-reply",
        "outlook-mac",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}", cte="quoted-printable")),
        new,
        sig,
        note="own text has a 'Le 14 mai à 9h, … :' line before a list (date, time, colon)",
    )


def m053():
    new = (
        "Hello Diane,\n\nSee the corrected figures below:\n\n"
        "  Site       | Q1 2025  | Q1 2024\n"
        "  Lyon       | 412 k€   | 388 k€\n"
        "  Grenoble   | 198 k€   | 205 k€\n"
        "  Total      | 610 k€   | 593 k€\n\n"
        "The Grenoble drop is due to the site closure in February (2 weeks)."
    )
    sig = "Regards,\nXavier Noël\nFinancial Controller"
    quoted = (
        "-----Original Message-----\n"
        "From: Diane Fischer <diane.fischer@alpen-holding.example>\n"
        "Sent: Monday, April 14, 2025 9:00 AM\n"
        "To: Xavier Noël <xavier.noel@alpen-fr.example>\n"
        "Subject: Q1 revenue by site\n\n"
        "Xavier, the Q1 numbers in the deck don't add up. Can you check?\nDiane\n"
    )
    h = [
        ("From", "Xavier Noël <xavier.noel@alpen-fr.example>"),
        ("To", "Diane Fischer <diane.fischer@alpen-holding.example>"),
        ("Subject", "RE: Q1 revenue by site"),
        ("Date", "Mon, 14 Apr 2025 10:30:00 +0200"),
        ("Message-ID", "<000001db2c1d$aabbccdd$eeff0011$@alpen-fr.example>"),
        ("In-Reply-To", "<q1-revenue@alpen-holding.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "053-outlook-desktop-en-reply",
        "outlook-desktop",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}", charset="windows-1252", cte="quoted-printable")),
        new,
        sig,
        note="text table, windows-1252 QP, -----Original Message-----",
    )


def m054():
    html = (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
        '<body style="overflow-wrap: break-word;">Bonjour Paul,<div><br></div><div>C\'est noté, '
        "je décale la visite de l'appartement témoin au mercredi 16h.</div><div><br></div>"
        "<div>Bien à vous,</div><div>Marion Leclerc</div><div>Promotion Immobilière Leclerc</div>"
        '<div><br id="lineBreakAtBeginningOfMessage"><div><br><blockquote type="cite">'
        "<div>Le 22 avr. 2025 à 17:40, Paul Girard &lt;paul.girard@free.example&gt; a écrit :"
        '</div><br class="Apple-interchange-newline"><div><div>Bonjour, serait-il possible de '
        "décaler la visite de mardi à mercredi ? Paul Girard</div></div></blockquote></div><br>"
        "</div></body></html>"
    )
    plain = (
        "Bonjour Paul,\n\nC'est noté, je décale la visite de l'appartement témoin au mercredi 16h.\n\n"
        "Bien à vous,\nMarion Leclerc\nPromotion Immobilière Leclerc\n\n"
        "> Le 22 avr. 2025 à 17:40, Paul Girard <paul.girard@free.example> a écrit :\n> \n"
        "> Bonjour, serait-il possible de décaler la visite de mardi à mercredi ? Paul Girard\n"
    )
    h = [
        ("From", "Marion Leclerc <marion@promo-leclerc.example>"),
        ("To", "Paul Girard <paul.girard@free.example>"),
        ("Subject", "Re: Visite appartement témoin"),
        ("Date", "Wed, 23 Apr 2025 08:30:00 +0200"),
        ("Message-ID", "<9F8E7D6C-5B4A-4321-8765-0FEDCBA98765@promo-leclerc.example>"),
        ("In-Reply-To", "<visite-temoin@free.example>"),
        ("X-Mailer", "Apple Mail (2.3826.400.131.1.6)"),
    ]
    body = multi(
        "alternative",
        [leaf(plain, cte="quoted-printable"), leaf(html, "html", cte="quoted-printable")],
        "Apple-Mail=_0A1B2C3D-4E5F-6789-ABCD-EF0123456789",
    )
    write(
        "054-apple-mail-fr-reply",
        "apple-mail",
        "fr",
        "reply",
        eml(h, body),
        "Bonjour Paul,\n\nC'est noté, je décale la visite de l'appartement témoin au mercredi 16h.",
        "Bien à vous,\nMarion Leclerc\nPromotion Immobilière Leclerc",
    )


def m055():
    new = "Got it, thanks. I'll have the badge ready at reception."
    sig = "Sent from my iPhone"
    quoted = (
        "On Apr 2, 2025, at 18:05, Kenji Watanabe <kenji.watanabe@sakura-robotics.example> wrote:\n\n"
        "> Hello Mathilde,\n> I will arrive at the Lyon plant on Monday at 9:00 with one colleague.\n"
        "> Best regards,\n> Kenji\n"
    )
    h = [
        ("From", "Mathilde Giraud <mathilde.giraud@usine-rhone.example>"),
        ("To", "Kenji Watanabe <kenji.watanabe@sakura-robotics.example>"),
        ("Subject", "Re: Visit on Monday"),
        ("Date", "Wed, 2 Apr 2025 19:00:00 +0200"),
        ("Message-ID", "<11AA22BB-33CC-44DD-55EE-66FF77008899@usine-rhone.example>"),
        ("In-Reply-To", "<visit-monday@sakura-robotics.example>"),
        ("X-Mailer", "iPhone Mail (22D82)"),
    ]
    write(
        "055-apple-iphone-en-reply",
        "apple-iphone",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
    )


def m056():
    banner = (
        "CAUTION: This email originated from outside of the organization. Do not click links or "
        "open attachments unless you recognize the sender and know the content is safe."
    )
    new = (
        "Dear Ms. Leroy,\n\nWe confirm the revised delivery date of May 6th for the 120 valve "
        "bodies (order 4500123987). The certificate of conformity will be sent with the goods."
    )
    sig = (
        "Kind regards,\n\nMarkus Weber\nSales Engineer\nRheinventil GmbH\n\n"
        "This e-mail may contain confidential and/or privileged information. If you are not the "
        "intended recipient, please notify the sender immediately and destroy this e-mail."
    )
    quoted = (
        "From: Agathe Leroy <a.leroy@hydro-valves.example>\n"
        "Sent: Tuesday, April 22, 2025 2:11 PM\n"
        "To: Markus Weber <m.weber@rheinventil.example>\n"
        "Subject: Order 4500123987 - delivery date\n\n"
        "Hello Markus, can you confirm the new delivery date? Regards, Agathe Leroy\n"
    )
    h = [
        ("From", "Markus Weber <m.weber@rheinventil.example>"),
        ("To", "Agathe Leroy <a.leroy@hydro-valves.example>"),
        ("Subject", "RE: Order 4500123987 - delivery date"),
        ("Date", "Wed, 23 Apr 2025 09:00:00 +0200"),
        ("Message-ID", "<FR2P281MB1234WEBER@FR2P281MB1234.DEUP281.PROD.OUTLOOK.example>"),
        ("In-Reply-To", "<order-4500123987@hydro-valves.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "056-outlook-desktop-en-reply",
        "outlook-desktop",
        "en",
        "reply",
        eml(h, leaf(f"{banner}\n\n{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="CAUTION banner, English disclaimer",
    )


def m057():
    text = (
        "Le 03/04/2025 à 08:12, Hugues Perrier a écrit :\n"
        "> Bonjour,\n>\n> Le serveur de fichiers \\\\FS01 sera arrêté samedi de 8h à 12h pour\n"
        "> maintenance. Merci de fermer vos documents vendredi soir.\n>\n> Hugues\n"
        "> Service informatique\n\n"
        "Bonjour Hugues,\n\nLe service compta devra clôturer le mois samedi matin, est-ce qu'on "
        "peut avoir un accès dès 11h ?\n\nMerci,\n-- \nOdile Marchand\nComptabilité générale\n"
    )
    h = [
        ("From", "Odile Marchand <o.marchand@transports-perrier.example>"),
        ("To", "Hugues Perrier <informatique@transports-perrier.example>"),
        ("Subject", "Re: Arrêt serveur FS01 samedi"),
        ("Date", "Thu, 3 Apr 2025 09:20:00 +0200"),
        ("Message-ID", "<d9c8b7a6-fs01@transports-perrier.example>"),
        ("In-Reply-To", "<arret-fs01@transports-perrier.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
    ]
    write(
        "057-thunderbird-fr-reply",
        "thunderbird",
        "fr",
        "reply",
        eml(h, leaf(text, cte="quoted-printable")),
        "Bonjour Hugues,\n\nLe service compta devra clôturer le mois samedi matin, est-ce qu'on "
        "peut avoir un accès dès 11h ?",
        "Merci,\n-- \nOdile Marchand\nComptabilité générale",
        note="bottom-posted, wrapped quote lines",
    )


def m058():
    new = "👍"
    h = [
        ("From", "Rachid Amrani <r.amrani@sodimat.example>"),
        ("To", "Pauline Texier <p.texier@sodimat.example>"),
        ("Subject", "RE: Réunion déplacée en salle B"),
        ("Date", "Mon, 7 Apr 2025 09:01:00 +0000"),
        ("Message-ID", "<AM7PR10MB3000AMRANI@AM7PR10MB3000.outlook.example>"),
        ("In-Reply-To", "<salle-b@sodimat.example>"),
    ]
    text = (
        f"{new}\n\nObtenir Outlook pour iOS\n"
        "________________________________\n"
        "De : Pauline Texier <p.texier@sodimat.example>\n"
        "Envoyé : Monday, April 7, 2025 10:58:12 AM\n"
        "À : Équipe achats <achats@sodimat.example>\n"
        "Objet : Réunion déplacée en salle B\n\n"
        "La réunion fournisseurs de 11h est déplacée en salle B.\nPauline\n"
    )
    write(
        "058-outlook-mobile-fr-reply",
        "outlook-mobile",
        "fr",
        "reply",
        eml(h, leaf(text)),
        new,
        "Obtenir Outlook pour iOS",
        note="emoji-only reply, mixed FR labels / EN date",
    )


def m059():
    text = (
        "Bonjour,\n\nJe suis absente du 22 au 30 avril. Pour les commandes urgentes, merci "
        "d'écrire à commandes@fromagerie-jura.example ou d'appeler le 03 84 11 22 33.\n\n"
        "Belle journée\nAnne-Sophie Mougin\n"
    )
    html = (
        '<html><body><div class="WordSection1"><p class="MsoNormal">Bonjour,</p>'
        '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Je suis absente du 22 au 30 avril. '
        "Pour les commandes urgentes, merci d'écrire à commandes@fromagerie-jura.example ou "
        'd\'appeler le 03 84 11 22 33.</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Belle journée<br>Anne-Sophie Mougin</p></div></body></html>'
    )
    h = [
        ("From", "Anne-Sophie Mougin <as.mougin@fromagerie-jura.example>"),
        ("To", "Olivier Tissot <o.tissot@epicerie-fine.example>"),
        ("Subject", "RE: Commande comté 24 mois"),
        ("Date", "Wed, 23 Apr 2025 10:00:00 +0200"),
        ("Message-ID", "<DB8PR02MB6000MOUGIN@DB8PR02MB6000.outlook.example>"),
        ("In-Reply-To", "<cmd-comte@epicerie-fine.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    body = multi(
        "alternative",
        [leaf(text, cte="quoted-printable"), leaf(html, "html", cte="quoted-printable")],
        "_000_DB8PR02MB6000_",
    )
    write(
        "059-outlook-desktop-fr-auto-reply",
        "outlook-desktop",
        "fr",
        "auto-reply",
        eml(h, body),
        "Bonjour,\n\nJe suis absente du 22 au 30 avril. Pour les commandes urgentes, merci "
        "d'écrire à commandes@fromagerie-jura.example ou d'appeler le 03 84 11 22 33.",
        "Belle journée\nAnne-Sophie Mougin",
        auto=True,
        note="Outlook rule: RE: subject, no auto headers, no quoted history",
    )


def m060():
    text = (
        "Hello,\n\nI'm currently on parental leave and will be back on June 2nd.\n"
        "Your email will not be forwarded. Please contact my manager, Ruth Evans "
        "(ruth.evans@harbourline.example), for anything urgent.\n\nThanks,\nDaniel\n"
    )
    h = [
        ("From", "Daniel Moore <daniel.moore@harbourline.example>"),
        ("To", "Fanny Rolland <f.rolland@agence-rolland.example>"),
        ("Subject", "Re: Brochure translation"),
        ("Date", "Tue, 15 Apr 2025 12:00:00 +0100"),
        ("Message-ID", "<CAdmoore-ooo@mail.gmail.example>"),
        ("In-Reply-To", "<brochure@agence-rolland.example>"),
    ]
    write(
        "060-gmail-web-en-auto-reply",
        "gmail-web",
        "en",
        "auto-reply",
        eml(h, leaf(text)),
        "Hello,\n\nI'm currently on parental leave and will be back on June 2nd.\n"
        "Your email will not be forwarded. Please contact my manager, Ruth Evans "
        "(ruth.evans@harbourline.example), for anything urgent.",
        "Thanks,\nDaniel",
        auto=True,
        note="vacation responder without any auto header",
    )


def m061():
    orig = (
        "Bonjour,\n\nLa migration de la messagerie vers la nouvelle plateforme aura lieu le "
        "week-end du 17 mai. Vos mails des 3 dernières années seront conservés."
    )
    note = "Annie, merci de prévenir les agences."
    text = (
        f"{note}\n\nPatrick\n\n"
        "----- Transféré par Patrick Henry/DSI/Groupe Cassin le 05/05/2025 10:12 -----\n\n"
        "Jean-Marc Ollier <jean-marc.ollier@cassin.example>\n02/05/2025 17:30\n\n"
        "Pour\nTous les responsables d'agence\ncc\n\nObjet\nMigration messagerie\n\n\n\n"
        f"{orig}\n\nJean-Marc Ollier\nResponsable infrastructure\n"
    )
    h = [
        ("From", "Patrick Henry <patrick.henry@cassin.example>"),
        ("To", "Annie Leblanc <annie.leblanc@cassin.example>"),
        ("Subject", "Fw: Migration messagerie"),
        ("Date", "Mon, 5 May 2025 10:12:00 +0200"),
        ("Message-ID", "<OF99887766.AABBCCDD-ONC1258C80.0031A2B3@cassin.example>"),
        ("X-Mailer", "HCL Notes Release 12.0.2 November 03, 2022"),
    ]
    write(
        "061-lotus-notes-fr-forward",
        "lotus-notes",
        "fr",
        "forward",
        eml(h, leaf(text)),
        note,
        "Patrick",
        fwd=[("jean-marc.ollier@cassin.example", "Migration messagerie", orig)],
        note="Notes 'Transféré par' line then a bare header block (name <address>, date, "
        "Pour, cc, Objet on their own lines)",
    )


def m062():
    orig = (
        "Bonjour,\n\nVotre commande n° 77120 a été expédiée. Numéro de suivi : 6A12345678901.\n"
        "Livraison estimée : 2 à 3 jours ouvrés."
    )
    text = (
        "Commande reçue pour le cabinet, à rapprocher de la facture.\n\n"
        "-------- Message original --------\n"
        "Sujet: Votre commande 77120 a été expédiée\n"
        "Date: 2025-04-29 16:02\n"
        "De: Bureau Plus <commandes@bureau-plus.example>\n"
        "À: cabinet@kine-morel.example\n\n"
        f"{orig}\n\nL'équipe Bureau Plus\n"
    )
    h = [
        ("From", "Cabinet Morel <cabinet@kine-morel.example>"),
        ("To", "Comptable <compta@cabinet-expert-dax.example>"),
        ("Subject", "Fwd: Votre commande 77120 a été expédiée"),
        ("Date", "Wed, 30 Apr 2025 08:40:00 +0200"),
        ("Message-ID", "<5f4e3d2c1b0a@kine-morel.example>"),
        ("User-Agent", "Roundcube Webmail/1.6.9"),
    ]
    write(
        "062-roundcube-fr-forward",
        "roundcube",
        "fr",
        "forward",
        eml(h, leaf(text)),
        "Commande reçue pour le cabinet, à rapprocher de la facture.",
        "",
        fwd=[("commandes@bureau-plus.example", "Votre commande 77120 a été expédiée", orig)],
    )


def m063():
    orig = "Bonjour Madame,\n\nVotre dossier de subvention a été accepté pour un montant de 4 500 €. Le versement interviendra en juin."
    text = (
        "Bonjour Corinne,\n\nBonne nouvelle ci-dessous ! On en parle jeudi au bureau de l'asso.\n\n"
        "Amitiés\nMonique\n\n\n"
        "----- Message transféré -----\n"
        "De : Conseil départemental <subventions@departement-41.example>\n"
        "À : Monique Guillot <monique.guillot@yahoo.example>\n"
        "Envoyé : mardi 6 mai 2025 à 14:30:11 UTC+2\n"
        "Objet : Dossier de subvention 2025-ASSO-118\n\n"
        f"{orig}\n\nLe service Vie associative\n"
    )
    h = [
        ("From", "Monique Guillot <monique.guillot@yahoo.example>"),
        ("To", "Corinne Baudry <corinne.baudry@orange.example>"),
        ("Subject", "Fw: Dossier de subvention 2025-ASSO-118"),
        ("Date", "Tue, 6 May 2025 18:00:00 +0000"),
        ("Message-ID", "<998811.55.1746554400000@mail.yahoo.example>"),
        ("X-Mailer", "WebService/1.1.23533 YMailNovation"),
    ]
    write(
        "063-yahoo-fr-forward",
        "yahoo",
        "fr",
        "forward",
        eml(h, leaf(text, cte="quoted-printable")),
        "Bonjour Corinne,\n\nBonne nouvelle ci-dessous ! On en parle jeudi au bureau de l'asso.",
        "Amitiés\nMonique",
        fwd=[("subventions@departement-41.example", "Dossier de subvention 2025-ASSO-118", orig)],
    )


def m064():
    orig = (
        "Bonjour,\n\nVeuillez trouver ci-joint le planning des interventions de dératisation pour "
        "le 2e trimestre. Merci de prévenir les occupants 48 h avant chaque passage."
    )
    html = (
        '<html><body lang="FR"><div class="WordSection1"><p class="MsoNormal">Bonjour Julien,</p>'
        '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Peux-tu afficher le planning dans '
        'les halls des bâtiments A et C ?</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Merci,</p><p class="MsoNormal">Laetitia Hamon<br>Gestionnaire de '
        'patrimoine<br>Habitat Vendée Océan</p><p class="MsoNormal">&nbsp;</p>'
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b>De&nbsp;:</b> Nuisibles Services &lt;planning@nuisibles-services.example&gt;'
        "<br><b>Envoyé&nbsp;:</b> lundi 7 avril 2025 16:20<br><b>À&nbsp;:</b> Laetitia Hamon "
        "&lt;l.hamon@hvo.example&gt;<br><b>Objet&nbsp;:</b> Planning dératisation T2<br>"
        "<b>Pièces jointes&nbsp;:</b> Planning_T2_2025.pdf</p></div>"
        '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Bonjour,</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Veuillez trouver ci-joint le planning des interventions de '
        "dératisation pour le 2e trimestre. Merci de prévenir les occupants 48 h avant chaque "
        'passage.</p><p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Cordialement,<br>'
        "Service planning<br>Nuisibles Services SARL - 85000 La Roche-sur-Yon</p>"
        '<p class="MsoNormal"><i>Ce message est confidentiel. Si vous n\'en êtes pas le destinataire, '
        "merci de le supprimer.</i></p></div></body></html>"
    )
    h = [
        ("From", "Laetitia Hamon <l.hamon@hvo.example>"),
        ("To", "Julien Briand <j.briand@hvo.example>"),
        ("Subject", "TR: Planning dératisation T2"),
        ("Date", "Tue, 8 Apr 2025 09:00:00 +0200"),
        ("Message-ID", "<AM8PR07MB2000HAMON@AM8PR07MB2000.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    body = multi(
        "mixed",
        [leaf(html, "html", cte="quoted-printable"), pdf("Planning_T2_2025.pdf")],
        "_004_AM8PR07MB2000_",
    )
    write(
        "064-outlook-desktop-fr-forward",
        "outlook-desktop",
        "fr",
        "forward",
        eml(h, body),
        "Bonjour Julien,\n\nPeux-tu afficher le planning dans les halls des bâtiments A et C ?",
        "Merci,\nLaetitia Hamon\nGestionnaire de patrimoine\nHabitat Vendée Océan",
        fwd=[("planning@nuisibles-services.example", "Planning dératisation T2", orig)],
        note="HTML forward with Pièces jointes line, original's signature and disclaimer",
    )


def m065():
    orig = (
        "Rappel : la visite médicale de Kevin Morin est fixée au 12 mai à 8h45, centre de Lorient."
    )
    text = (
        "Kevin, c'est pour toi. Pense à prendre ta carte vitale.\n\n"
        "Envoyé depuis mon appareil Galaxy\n\n\n"
        "-------- Message d'origine --------\n"
        "De : Santé au travail Bretagne Sud <convocations@sst-bretagne.example>\n"
        "Date : 02/05/2025 09:10 (GMT+01:00)\n"
        "À : rh@chantiers-lorient.example\n"
        "Objet : Convocation visite médicale\n\n"
        f"{orig}\n"
    )
    h = [
        ("From", "Sandrine Le Bihan <rh@chantiers-lorient.example>"),
        ("To", "Kevin Morin <k.morin@chantiers-lorient.example>"),
        ("Subject", "TR: Convocation visite médicale"),
        ("Date", "Fri, 2 May 2025 10:00:00 +0200"),
        ("Message-ID", "<samsung-fwd-0502@email.android.example>"),
    ]
    write(
        "065-samsung-mail-fr-forward",
        "samsung-mail",
        "fr",
        "forward",
        eml(h, leaf(text)),
        "Kevin, c'est pour toi. Pense à prendre ta carte vitale.",
        "Envoyé depuis mon appareil Galaxy",
        fwd=[("convocations@sst-bretagne.example", "Convocation visite médicale", orig)],
    )


def m066():
    orig = "Bonjour,\n\nLe devis révisé pour la réfection de la toiture est en pièce jointe : 18 420 € TTC, délai 6 semaines."
    text = (
        "Pour validation stp, c'est moins cher que le premier.\n\nObtenir Outlook pour Android\n"
        "________________________________\n"
        "De : Toitures Bernard <devis@toitures-bernard.example>\n"
        "Envoyé : mercredi, avril 30, 2025 5:47 PM\n"
        "À : Services généraux <sg@college-stjoseph.example>\n"
        "Objet : Devis révisé toiture gymnase\n\n"
        f"{orig}\n\nCordialement\nM. Bernard\n"
    )
    h = [
        ("From", "Services généraux <sg@college-stjoseph.example>"),
        ("To", "Direction <direction@college-stjoseph.example>"),
        ("Subject", "TR: Devis révisé toiture gymnase"),
        ("Date", "Wed, 30 Apr 2025 17:55:00 +0000"),
        ("Message-ID", "<AS4PR02MB1000SG@AS4PR02MB1000.outlook.example>"),
    ]
    write(
        "066-outlook-mobile-fr-forward",
        "outlook-mobile",
        "fr",
        "forward",
        eml(h, leaf(text)),
        "Pour validation stp, c'est moins cher que le premier.",
        "Obtenir Outlook pour Android",
        fwd=[("devis@toitures-bernard.example", "Devis révisé toiture gymnase", orig)],
    )


def m067():
    html = (
        '<div dir="ltr">Hello Jeanne, l\'attestation URSSAF demandée par le client.<br><br>'
        '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
        '---------- Forwarded message ---------<br>De&nbsp;: <strong class="gmail_sendername" '
        'dir="auto">URSSAF</strong> <span dir="auto">&lt;ne-pas-repondre@urssaf-info.example&gt;</span>'
        "<br>Date: ven. 2 mai 2025 à 06:01<br>Subject: Votre attestation de vigilance<br>"
        "To: &lt;gestion@paysagiste-durand.example&gt;<br></div><br><br>"
        "<div>Madame, Monsieur,<br><br>Votre attestation de vigilance est disponible dans votre "
        "espace en ligne. Elle est valable 6 mois.<br><br>Ceci est un message automatique, merci de "
        "ne pas y répondre.</div></div></div>"
    )
    h = [
        ("From", "Gestion Durand Paysages <gestion@paysagiste-durand.example>"),
        ("To", "Jeanne Colas <jeanne.colas@paysagiste-durand.example>"),
        ("Subject", "Fwd: Votre attestation de vigilance"),
        ("Date", "Fri, 2 May 2025 09:30:00 +0200"),
        ("Message-ID", "<CAGdurand0502@mail.gmail.example>"),
    ]
    write(
        "067-gmail-web-fr-forward",
        "gmail-web",
        "fr",
        "forward",
        eml(h, leaf(html, "html")),
        "Hello Jeanne, l'attestation URSSAF demandée par le client.",
        "",
        fwd=[
            (
                "ne-pas-repondre@urssaf-info.example",
                "Votre attestation de vigilance",
                "Madame, Monsieur,\n\nVotre attestation de vigilance est disponible dans votre "
                "espace en ligne. Elle est valable 6 mois.\n\nCeci est un message automatique, "
                "merci de ne pas y répondre.",
            )
        ],
        note="HTML-only Gmail forward, note on the same line block as the greeting",
    )


def m068():
    a = "Team,\n\nThe supplier audit in Porto is confirmed for June 3-4. Travel policy applies."
    b = "Adding Hélène who will join from the French side."
    html = (
        '<html><body><div style="font-family:Aptos,Calibri,sans-serif;font-size:12pt">'
        "Hélène, FYI below - can you book your flights this week?<br><br>Thanks,<br>Oliver</div>"
        '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">'
        "<b>From:</b> Ines Duarte &lt;ines.duarte@tagus-parts.example&gt;<br><b>Sent:</b> Monday, "
        "May 5, 2025 3:10 PM<br><b>To:</b> Oliver Grant &lt;o.grant@northline-eng.example&gt;<br>"
        "<b>Cc:</b> Hélène Masson &lt;h.masson@northline-fr.example&gt;<br>"
        "<b>Subject:</b> Fw: Porto audit</div><div><br></div>"
        "<div>Adding Hélène who will join from the French side.<br><br>Ines</div>"
        '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">'
        "<b>From:</b> Quality Office &lt;quality@tagus-parts.example&gt;<br><b>Sent:</b> Monday, "
        "May 5, 2025 11:00 AM<br><b>To:</b> Ines Duarte &lt;ines.duarte@tagus-parts.example&gt;<br>"
        "<b>Subject:</b> Porto audit</div><div><br></div>"
        "<div>Team,<br><br>The supplier audit in Porto is confirmed for June 3-4. Travel policy "
        "applies.<br><br>Quality Office</div></body></html>"
    )
    h = [
        ("From", "Oliver Grant <o.grant@northline-eng.example>"),
        ("To", "Hélène Masson <h.masson@northline-fr.example>"),
        ("Subject", "Fw: Fw: Porto audit"),
        ("Date", "Mon, 5 May 2025 16:00:00 +0100"),
        ("Message-ID", "<LO2P265MB5000GRANT@LO2P265MB5000.GBRP265.PROD.OUTLOOK.example>"),
    ]
    write(
        "068-owa-en-forward",
        "owa",
        "en",
        "forward",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        "Hélène, FYI below - can you book your flights this week?",
        "Thanks,\nOliver",
        fwd=[
            ("quality@tagus-parts.example", "Porto audit", a),
            ("ines.duarte@tagus-parts.example", "Fw: Porto audit", b),
        ],
    )


def m069():
    text = (
        "Bonjour Francis,\n\nMes réponses dans le texte.\n\n"
        "> Le 6 mai 2025 à 11:30, Francis Roger <f.roger@menuiserie-roger.example> a écrit :\n>\n"
        "> Bonjour Nadine,\n>\n> Pour les fenêtres du 2e étage, vous préférez alu ou PVC ?\n\n"
        "PVC blanc, comme au 1er.\n\n"
        "> Et pour la porte d'entrée, on garde la serrure 3 points ?\n\n"
        "Non, on passe en 5 points, l'assurance l'exige.\n\n"
        "> Cordialement,\n> Francis Roger\n\n"
        "Nadine\n"
    )
    h = [
        ("From", "Nadine Clément <nadine.clement@icloud.example>"),
        ("To", "Francis Roger <f.roger@menuiserie-roger.example>"),
        ("Subject", "Re: Menuiseries maison Clément"),
        ("Date", "Tue, 6 May 2025 20:00:00 +0200"),
        ("Message-ID", "<AB12CD34-EF56-7890-AB12-CD34EF567890@icloud.example>"),
        ("In-Reply-To", "<menuiseries-clement@menuiserie-roger.example>"),
        ("X-Mailer", "Apple Mail (2.3826.400.131.1.6)"),
    ]
    write(
        "069-apple-mail-fr-reply-inline",
        "apple-mail",
        "fr",
        "reply-inline",
        eml(h, leaf(text)),
        "Bonjour Francis,\n\nMes réponses dans le texte.\n\nPVC blanc, comme au 1er.\n\n"
        "Non, on passe en 5 points, l'assurance l'exige.",
        "Nadine",
    )


def m070():
    text = (
        "On 07/05/2025 14:02, Bart Jansen wrote:\n"
        "> Hi Sophie,\n>\n> A few questions before we sign:\n> - Is the warranty 2 or 3 years?\n"
        "\n3 years on parts, 2 on labour.\n\n"
        "> - Do you deliver to Rotterdam?\n\nYes, lead time +5 days.\n\n"
        "> - Payment terms?\n\n45 days end of month, as per the framework contract.\n\n"
        "Best regards,\nSophie Aubin\nExport Sales - Thermosol\n"
    )
    h = [
        ("From", "Sophie Aubin <s.aubin@thermosol.example>"),
        ("To", "Bart Jansen <bart.jansen@jansen-installatie.example>"),
        ("Subject", "Re: Quote 2025-044"),
        ("Date", "Wed, 7 May 2025 16:00:00 +0200"),
        ("Message-ID", "<0a9b8c7d-quote044@thermosol.example>"),
        ("In-Reply-To", "<quote044@jansen-installatie.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
    ]
    write(
        "070-thunderbird-en-reply-inline",
        "thunderbird",
        "en",
        "reply-inline",
        eml(h, leaf(text)),
        "3 years on parts, 2 on labour.\n\nYes, lead time +5 days.\n\n"
        "45 days end of month, as per the framework contract.",
        "Best regards,\nSophie Aubin\nExport Sales - Thermosol",
        note="inline answers, no greeting, list-like quoted questions",
    )


def m071():
    new = (
        "Bonjour à tous,\n\nJe tranche : on garde le prestataire actuel jusqu'à fin juin, et on "
        "relance un appel d'offres pour le 2e semestre. Nathan, tu prépares le cahier des charges ?"
    )
    sig = "Bien cordialement,\n\nValérie Costa\nDirectrice des achats"
    quoted = (
        "Le mar. 6 mai 2025 à 17:12, Nathan Leroy <n.leroy@groupe-ardea.example> a écrit :\n\n"
        "> Je suis d'accord avec Jérémy, mais le contrat se termine le 30 juin.\n>\n> Nathan\n>\n"
        "> Le mar. 6 mai 2025 à 15:40, Jérémy Blanc <j.blanc@groupe-ardea.example> a écrit :\n>\n"
        ">> Le prestataire nettoyage a eu 4 retards en avril, je propose de changer.\n>>\n"
        ">> De : Accueil Siège <accueil@groupe-ardea.example>\n"
        ">> Envoyé : mardi 6 mai 2025 09:02\n"
        ">> À : Jérémy Blanc <j.blanc@groupe-ardea.example>\n"
        ">> Objet : Nettoyage bureaux\n>>\n"
        ">> Les bureaux du 3e n'ont pas été faits ce matin encore.\n"
    )
    h = [
        ("From", "Valérie Costa <v.costa@groupe-ardea.example>"),
        (
            "To",
            "Nathan Leroy <n.leroy@groupe-ardea.example>, Jérémy Blanc <j.blanc@groupe-ardea.example>",
        ),
        ("Subject", "Re: Nettoyage bureaux"),
        ("Date", "Wed, 7 May 2025 08:30:00 +0200"),
        ("Message-ID", "<CAVcosta0705@mail.gmail.example>"),
        ("In-Reply-To", "<CANleroy0605@mail.gmail.example>"),
        (
            "References",
            "<nettoyage@groupe-ardea.example> <CAJblanc0605@mail.gmail.example> <CANleroy0605@mail.gmail.example>",
        ),
    ]
    write(
        "071-gmail-web-fr-reply",
        "gmail-web",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="three levels of > history",
    )


def m072():
    html = (
        '<html><body lang="FR"><table style="background:#FFEB9C;border:1px solid #9C6500" width="100%">'
        '<tr><td><span style="color:#9C6500;font-size:9pt">[EXTERNE] Ce courriel provient de '
        "l'extérieur de l'organisation. Soyez vigilant avant de cliquer sur les liens ou d'ouvrir "
        "les pièces jointes.</span></td></tr></table>"
        '<div class="WordSection1"><p class="MsoNormal">Bonjour Monsieur Tessier,</p>'
        '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Nous accusons réception de votre '
        "réclamation du 5 mai. Le remplacement de la pompe à chaleur est programmé le 19 mai "
        'entre 8h et 12h.</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Bien cordialement,</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal"><b>Service Après-Vente</b><br>Climatherm SAS au capital de 250 000 € '
        "- RCS Nantes 512 345 678<br>Tél. 02 40 00 00 40</p>"
        '<p class="MsoNormal"><img width="120" height="40" src="cid:image002.png@01DBBF12.34567890" '
        'alt="Climatherm"></p><p class="MsoNormal">&nbsp;</p>'
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b>De&nbsp;:</b> Gérard Tessier &lt;gerard.tessier@orange.example&gt;<br>'
        "<b>Envoyé&nbsp;:</b> lundi 5 mai 2025 19:22<br><b>À&nbsp;:</b> SAV Climatherm "
        "&lt;sav@climatherm.example&gt;<br><b>Objet&nbsp;:</b> Réclamation PAC en panne</p></div>"
        '<p class="MsoNormal">Ma pompe à chaleur est en panne depuis 10 jours, personne ne rappelle !</p>'
        "</div></body></html>"
    )
    h = [
        ("From", "SAV Climatherm <sav@climatherm.example>"),
        ("To", "Gérard Tessier <gerard.tessier@orange.example>"),
        ("Subject", "RE: [EXTERNE] Réclamation PAC en panne"),
        ("Date", "Tue, 6 May 2025 11:00:00 +0200"),
        ("Message-ID", "<PR0P264MB3000SAV@PR0P264MB3000.FRAP264.PROD.OUTLOOK.example>"),
        ("In-Reply-To", "<reclamation-pac@orange.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "072-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        "Bonjour Monsieur Tessier,\n\nNous accusons réception de votre réclamation du 5 mai. Le "
        "remplacement de la pompe à chaleur est programmé le 19 mai entre 8h et 12h.",
        "Bien cordialement,\n\nService Après-Vente\nClimatherm SAS au capital de 250 000 € - "
        "RCS Nantes 512 345 678\nTél. 02 40 00 00 40",
        note="HTML banner table at the top (kept by the replying client), legal line in signature",
    )


def m073():
    new = (
        "Bonjour Maître,\n\nLe fournisseur invoque l'article 9 du contrat, que je vous recopie :\n\n"
        "> Article 9 - Force majeure\n"
        "> Aucune des parties ne pourra être tenue responsable d'un retard résultant d'un cas de\n"
        "> force majeure tel que défini par l'article 1218 du Code civil.\n\n"
        "À mon sens une grève interne à son entreprise ne relève pas de ce cas. Qu'en pensez-vous ?"
    )
    sig = "Bien à vous,\nStéphane Girard\nDirecteur juridique - Vertalys"
    quoted = (
        f"De{NB}: Claire Ménard <c.menard@menard-avocats.example>\n"
        f"Envoyé{NB}: mardi 6 mai 2025 10:15\n"
        f"À{NB}: Stéphane Girard <s.girard@vertalys.example>\n"
        f"Objet{NB}: Litige Fournitures Delta\n\n"
        "Monsieur, sur quelle clause le fournisseur fonde-t-il son refus ? Bien à vous, C. Ménard\n"
    )
    h = [
        ("From", "Stéphane Girard <s.girard@vertalys.example>"),
        ("To", "Claire Ménard <c.menard@menard-avocats.example>"),
        ("Subject", "RE: Litige Fournitures Delta"),
        ("Date", "Tue, 6 May 2025 14:00:00 +0200"),
        ("Message-ID", "<AM0PR09MB4000GIRARD@AM0PR09MB4000.outlook.example>"),
        ("In-Reply-To", "<litige-delta@menard-avocats.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "073-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}", cte="quoted-printable")),
        new,
        sig,
        note="author's own '>' quotation of a contract clause",
    )


def m074():
    new = "Fine by me. I'll tell the warehouse to hold the pallets until Monday."
    quoted = (
        "On Thu, 8 May 2025, 18:22 Jonathan Reyes, <jonathan.reyes@pacific-freight.example> wrote:\n\n"
        "> Hi Amandine, the truck can only come on Monday, is that OK?\n> JR\n"
    )
    h = [
        ("From", "Amandine Lacroix <amandine.lacroix@gmail.example>"),
        ("To", "Jonathan Reyes <jonathan.reyes@pacific-freight.example>"),
        ("Subject", "Re: Pickup Friday"),
        ("Date", "Thu, 8 May 2025 18:40:00 +0200"),
        ("Message-ID", "<CAamandine0805@mail.gmail.example>"),
        ("In-Reply-To", "<pickup-friday@pacific-freight.example>"),
    ]
    write(
        "074-gmail-android-en-reply",
        "gmail-android",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{quoted}")),
        new,
        "",
        note="Android attribution: 'date, time Name, <addr> wrote:'",
    )


def m075():
    new = (
        "Hello Kevin,\n\nThe invoice was paid on May 2nd by wire transfer (ref. VIR-55102). "
        "Please check with your bank."
    )
    sig = "Regards,\nBrigitte Lambert\nAccounts payable"
    quoted = (
        "----- Original Message -----\n"
        'From: "Kevin O\'Brien" <kevin.obrien@celtic-tools.example>\n'
        'To: "Accounts Payable" <ap@forges-vosges.example>\n'
        "Sent: Wednesday, May 7, 2025 4:44:02 PM\n"
        "Subject: Overdue invoice CT-8812\n\n"
        "Dear colleagues, invoice CT-8812 is now 30 days overdue. Kind regards, Kevin\n"
    )
    h = [
        ("From", "Brigitte Lambert <ap@forges-vosges.example>"),
        ("To", "Kevin O'Brien <kevin.obrien@celtic-tools.example>"),
        ("Subject", "Re: Overdue invoice CT-8812"),
        ("Date", "Thu, 8 May 2025 09:00:00 +0200"),
        ("Message-ID", "<445566.7788.1746687600000.JavaMail.zimbra@forges-vosges.example>"),
        ("In-Reply-To", "<ct-8812@celtic-tools.example>"),
        ("X-Mailer", "Zimbra 9.0.0_GA_4546 (ZimbraWebClient - GC136 (Win)/9.0.0_GA_4546)"),
    ]
    write(
        "075-zimbra-en-reply",
        "zimbra",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
    )


def m076():
    new = (
        "Bonjour Lucie,\n\nAttention je serai en congés du 12 au 16 mai, donc si tu veux que je "
        "relise le rapport il faut me l'envoyer avant vendredi midi.\n\nSinon Hélène peut le faire."
    )
    sig = "Bises\nMaud"
    quoted = (
        "----- Mail original -----\n"
        'De: "Lucie Barre" <lucie.barre@cnrs-labo.example>\n'
        'À: "Maud Perrin" <maud.perrin@cnrs-labo.example>\n'
        "Envoyé: Mercredi 7 Mai 2025 11:20:45\n"
        "Objet: Relecture rapport ANR\n\n"
        "Coucou, tu pourrais relire le rapport intermédiaire ANR la semaine prochaine ?\n"
    )
    h = [
        ("From", "Maud Perrin <maud.perrin@cnrs-labo.example>"),
        ("To", "Lucie Barre <lucie.barre@cnrs-labo.example>"),
        ("Subject", "Re: Relecture rapport ANR"),
        ("Date", "Wed, 7 May 2025 11:45:00 +0200"),
        ("Message-ID", "<778899.1.1746611100000.JavaMail.zimbra@cnrs-labo.example>"),
        ("In-Reply-To", "<relecture-anr@cnrs-labo.example>"),
        ("X-Mailer", "Zimbra 10.0.8_GA_0212"),
    ]
    write(
        "076-zimbra-fr-not-auto-reply",
        "zimbra",
        "fr",
        "not-auto-reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
    )


def m077():
    text = (
        "Je serai absent(e) du bureau à partir du  05/05/2025 et ne serai pas de retour avant "
        "le 12/05/2025.\n\nJe répondrai à votre message dès mon retour. Pour les questions "
        "comptables, contactez le secrétariat au 01 23 45 67 89.\n"
    )
    h = [
        ("From", "Gérald Fournier <gerald.fournier@mutuelle-cassiopee.example>"),
        ("To", "Cabinet Ternier <contact@ternier-expertise.example>"),
        ("Subject", "Réponse automatique : Liasse fiscale 2024"),
        ("Date", "Tue, 6 May 2025 08:05:00 +0200"),
        ("Message-ID", "<OFAUTO1234.5678-ONC1258C81@mutuelle-cassiopee.example>"),
        ("X-Mailer", "HCL Notes Release 12.0.2 November 03, 2022"),
    ]
    write(
        "077-lotus-notes-fr-auto-reply",
        "lotus-notes",
        "fr",
        "auto-reply",
        eml(h, leaf(text)),
        "Je serai absent(e) du bureau à partir du 05/05/2025 et ne serai pas de retour avant le "
        "12/05/2025.\n\nJe répondrai à votre message dès mon retour. Pour les questions "
        "comptables, contactez le secrétariat au 01 23 45 67 89.",
        "",
        auto=True,
        note="Notes out-of-office: subject only, no auto headers, future tense 'je serai absent'",
    )


def m078():
    new = "Hi Pierre,\n\nConfirmed for the 20th. I'll send the agenda on Friday."
    sig = "Thanks,\nEmily"
    quoted = (
        'On 5/8/25, 10:12 AM, "Pierre Renard" <pierre.renard@renard-conseil.example> wrote:\n\n'
        "    Hi Emily,\n\n    Can we confirm the workshop on May 20th in Paris?\n\n    Pierre\n"
    )
    h = [
        ("From", "Emily Stone <emily.stone@greyfield.example>"),
        ("To", "Pierre Renard <pierre.renard@renard-conseil.example>"),
        ("Subject", "Re: Workshop May 20"),
        ("Date", "Thu, 8 May 2025 11:00:00 -0400"),
        ("Message-ID", "<B3C4D5E6-F708-1928-3746-5566778899AA@greyfield.example>"),
        ("In-Reply-To", "<workshop-0520@renard-conseil.example>"),
        ("User-Agent", "Microsoft-MacOutlook/16.96.25050418"),
    ]
    write(
        "078-outlook-mac-en-reply",
        "outlook-mac",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="Outlook Mac: 'On 5/8/25, 10:12 AM, \"Name\" <addr> wrote:' with indented quote",
    )


def m079():
    new = (
        "Merci Jean-Christophe, je regarde les plans ce soir et je te fais un retour demain matin."
    )
    sig = "Envoyé de mon iPhone"
    quoted = (
        "Le mer. 7 mai 2025 à 09:15, Jean-Christophe Dubois-Lamarche <\n"
        "jc.dubois-lamarche@groupe-lamarche.example> a écrit :\n\n"
        "> Salut Thibault,\n> Les plans d'exécution du lot CVC sont sur la plateforme, indice C.\n"
        "> JC\n"
    )
    h = [
        ("From", "Thibault Morand <t.morand@be-fluides.example>"),
        ("To", "Jean-Christophe Dubois-Lamarche <jc.dubois-lamarche@groupe-lamarche.example>"),
        ("Subject", "Re: Plans EXE lot CVC indice C"),
        ("Date", "Wed, 7 May 2025 12:00:00 +0200"),
        ("Message-ID", "<FA11BB22-CC33-DD44-EE55-FF6677889900@be-fluides.example>"),
        ("In-Reply-To", "<CAjcdl0705@mail.gmail.example>"),
        ("X-Mailer", "iPhone Mail (22E240)"),
    ]
    write(
        "079-apple-iphone-fr-reply",
        "apple-iphone",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="attribution wrapped over two lines inside the address",
    )


def m080():
    new = (
        "Bonjour Hakim,\n\nVoici mon planning de la semaine prochaine :\n\n"
        "Lundi : Lyon (audit fournisseur)\nMardi : Paris, siège\nMercredi : télétravail\n"
        "Jeudi : Lyon\nVendredi : congé\n\nOn peut caler la revue mardi à 14h."
    )
    sig = "Cordialement,\nLaurence Pinto"
    quoted = (
        "________________________________\n"
        "De : Hakim Saïdi <h.saidi@groupe-velin.example>\n"
        "Envoyé : jeudi 8 mai 2025 16:40\n"
        "À : Laurence Pinto <l.pinto@groupe-velin.example>\n"
        "Cc : Yves Mallet <y.mallet@groupe-velin.example>\n"
        "Objet : Revue qualité fournisseurs\n\n"
        "Laurence, quelles sont tes dispos la semaine prochaine ? Hakim\n"
    )
    h = [
        ("From", "Laurence Pinto <l.pinto@groupe-velin.example>"),
        ("To", "Hakim Saïdi <h.saidi@groupe-velin.example>"),
        ("Cc", "Yves Mallet <y.mallet@groupe-velin.example>"),
        ("Subject", "RE: Revue qualité fournisseurs"),
        ("Date", "Thu, 8 May 2025 17:02:00 +0000"),
        ("Message-ID", "<DB9PR03MB5000PINTO@DB9PR03MB5000.outlook.example>"),
        ("In-Reply-To", "<revue-qualite@groupe-velin.example>"),
    ]
    write(
        "080-owa-fr-reply",
        "owa",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="own 'Jour : lieu' lines look like a header block",
    )


def m081():
    new = "Bonjour,\n\nOui c'est bien moi qui ai commandé les cartouches, vous pouvez livrer au 2e étage."
    sig = "Merci\nDominique Lenoir"
    quoted = (
        "> Message du 09/05/25 10:12\n"
        '> De : "Bureau Vallée Service" <livraison@bv-service.example>\n'
        "> A : dominique.lenoir@orange.example\n"
        "> Copie à : \n"
        "> Objet : Confirmation de livraison\n>\n"
        "> Bonjour, merci de confirmer l'adresse de livraison de la commande 55102.\n"
    )
    h = [
        ("From", "dominique.lenoir@orange.example"),
        ("To", "livraison@bv-service.example"),
        ("Subject", "Re: Confirmation de livraison"),
        ("Date", "Fri, 9 May 2025 11:30:00 +0200 (CEST)"),
        ("Message-ID", "<1234567890.12345.1746783000000.JavaMail.www@wwinf1m17.orange.example>"),
        ("In-Reply-To", "<conf-55102@bv-service.example>"),
        ("X-Mailer", "Messagerie Orange"),
    ]
    write(
        "081-orange-webmail-fr-reply",
        "orange-webmail",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}", charset="iso-8859-1", cte="quoted-printable")),
        new,
        sig,
        note="Orange webmail 'Message du …' quoted header, ISO-8859-1",
    )


def m082():
    new = "Hey Clara,\n\nJust merged the fix, the CI is green again. Can you redeploy staging?"
    sig = "Romain"
    quoted = (
        "On 9 May 2025 at 10:12 +0200, Clara Santos <clara.santos@kodeworks.example>, wrote:\n"
        "> The build has been red since this morning, any idea?\n"
    )
    h = [
        ("From", "Romain Vidal <romain.vidal@kodeworks.example>"),
        ("To", "Clara Santos <clara.santos@kodeworks.example>"),
        ("Subject", "Re: CI broken"),
        ("Date", "Fri, 9 May 2025 11:00:00 +0200"),
        ("Message-ID", "<a1b2c3d4-e5f6-4a5b-9c8d-7e6f5a4b3c2d@Spark>"),
        ("In-Reply-To", "<ci-broken@kodeworks.example>"),
        ("X-Readdle-Message-ID", "a1b2c3d4-e5f6-4a5b-9c8d-7e6f5a4b3c2d@Spark"),
    ]
    write(
        "082-spark-en-reply",
        "spark",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
    )


def m083():
    new = (
        "Bonjour Mme Rossi,\n\nJe vous propose le texte suivant pour le courrier au bailleur, "
        "dites-moi s'il vous convient :\n\n"
        "Objet : Résiliation du bail - local commercial 14 rue Carnot\n"
        "Madame, Monsieur,\n"
        "Par la présente, nous vous notifions notre congé pour le 30 septembre 2025, "
        "conformément à l'article 4 du bail.\n\n"
        "Je peux l'envoyer en recommandé dès lundi."
    )
    sig = "Bien à vous,\nCédric Hoarau\nJuriste"
    quoted = (
        "Le 09/05/2025 à 09:02, Patricia Rossi a écrit :\n"
        "> Bonjour Cédric, pouvez-vous préparer la lettre de résiliation du bail Carnot ?\n"
    )
    h = [
        ("From", "Cédric Hoarau <c.hoarau@reunion-conseil.example>"),
        ("To", "Patricia Rossi <p.rossi@reunion-conseil.example>"),
        ("Subject", "Re: Résiliation bail Carnot"),
        ("Date", "Fri, 9 May 2025 14:00:00 +0400"),
        ("Message-ID", "<0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0@reunion-conseil.example>"),
        ("In-Reply-To", "<bail-carnot@reunion-conseil.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
    ]
    write(
        "083-thunderbird-fr-reply",
        "thunderbird",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}", cte="quoted-printable")),
        new,
        sig,
        note="letter draft with an 'Objet :' line written by the author",
    )


def m084():
    orig = (
        "Bonjour,\n\nSuite à votre demande, nous vous confirmons la prise en charge de la formation "
        "« Excel avancé » pour 3 salariés, à hauteur de 1 200 € HT."
    )
    text = (
        "Bonjour Valentin,\n\nBonne nouvelle pour la formation Excel, tu peux inscrire Julie, "
        "Marc et Sonia.\n\nPatricia\n\n"
        "-------- Message transféré --------\n"
        "Sujet : \tAccord de prise en charge - dossier 2025-4471\n"
        "Date : \tFri, 9 May 2025 08:30:00 +0000\n"
        "De : \tOPCO Services <accords@opco-services.example>\n"
        "Pour : \tPatricia Marin <p.marin@atelier-marin.example>\n\n\n\n"
        f"{orig}\n\nL'équipe Accords\n"
    )
    h = [
        ("From", "Patricia Marin <p.marin@atelier-marin.example>"),
        ("To", "Valentin Rey <v.rey@atelier-marin.example>"),
        ("Subject", "Fwd: Accord de prise en charge - dossier 2025-4471"),
        ("Date", "Fri, 9 May 2025 11:00:00 +0200"),
        ("Message-ID", "<77aa88bb-opco@atelier-marin.example>"),
        (
            "User-Agent",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.10.0",
        ),
    ]
    write(
        "084-thunderbird-fr-forward",
        "thunderbird",
        "fr",
        "forward",
        eml(h, leaf(text)),
        "Bonjour Valentin,\n\nBonne nouvelle pour la formation Excel, tu peux inscrire Julie, "
        "Marc et Sonia.",
        "Patricia",
        fwd=[
            ("accords@opco-services.example", "Accord de prise en charge - dossier 2025-4471", orig)
        ],
    )


def m085():
    orig = "Bonjour,\n\nLe contrôle Qualiopi aura lieu le 27 mai. Merci de préparer les émargements 2024."
    text = (
        "À imprimer pour le classeur stp\n\n"
        "Envoyé de mon iPhone\n\n"
        "Début du message réexpédié :\n\n"
        "> De: Certif Formation <audit@certif-formation.example>\n"
        "> Date: 9 mai 2025 à 15:10:22 UTC+2\n"
        "> À: Direction <direction@of-horizon.example>\n"
        "> Objet: Audit Qualiopi\n>\n"
        "> Bonjour,\n>\n> Le contrôle Qualiopi aura lieu le 27 mai. Merci de préparer les émargements 2024.\n"
        ">\n> Cordialement,\n> L'équipe audit\n"
    )
    h = [
        ("From", "Direction OF Horizon <direction@of-horizon.example>"),
        ("To", "Secrétariat <secretariat@of-horizon.example>"),
        ("Subject", "Fwd: Audit Qualiopi"),
        ("Date", "Fri, 9 May 2025 15:20:00 +0200"),
        ("Message-ID", "<D1D2D3D4-E5E6-F7F8-0910-111213141516@of-horizon.example>"),
        ("X-Mailer", "iPhone Mail (22E240)"),
    ]
    write(
        "085-apple-iphone-fr-forward",
        "apple-iphone",
        "fr",
        "forward",
        eml(h, leaf(text)),
        "À imprimer pour le classeur stp",
        "Envoyé de mon iPhone",
        fwd=[("audit@certif-formation.example", "Audit Qualiopi", orig)],
        note="iPhone plain forward, headers and body '>'-quoted",
    )


def m086():
    a = "Bonjour,\n\nLes nouveaux tarifs transport s'appliquent au 1er juin : +3,5 % sur la messagerie."
    b = "Pour info, à intégrer dans les devis."
    c = "Vu, je mets à jour la grille dans l'ERP."
    html = (
        '<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000">'
        "<div>Bonjour Léon,</div><div><br></div><div>Pour archivage.</div><div><br></div><div>Fabien</div>"
        '<div><br></div><hr id="zwchr" data-marker="__DIVIDER__">'
        '<div data-marker="__HEADERS__"><b>De: </b>"Inès Carré" &lt;i.carre@negoce-allier.example&gt;<br>'
        '<b>À: </b>"Fabien Gros" &lt;f.gros@negoce-allier.example&gt;<br><b>Envoyé: </b>Vendredi 9 Mai 2025 '
        "10:40:00<br><b>Objet: </b>Tr: Tr: Tarifs transport juin<br></div><div><br></div>"
        f'<div data-marker="__QUOTED_TEXT__"><div>{c}</div><div><br></div><div>Inès</div><div><br></div>'
        '<hr id="zwchr"><div><b>De: </b>"Marc Bouvier" &lt;m.bouvier@negoce-allier.example&gt;<br>'
        '<b>À: </b>"Inès Carré" &lt;i.carre@negoce-allier.example&gt;<br><b>Envoyé: </b>Jeudi 8 Mai 2025 '
        "17:00:00<br><b>Objet: </b>Tr: Tarifs transport juin<br></div><div><br></div>"
        f"<div>{b}</div><div><br></div><div>Marc</div><div><br></div>"
        '<hr id="zwchr"><div><b>De: </b>"Transports Chazal" &lt;tarifs@chazal-transports.example&gt;<br>'
        '<b>À: </b>"Marc Bouvier" &lt;m.bouvier@negoce-allier.example&gt;<br><b>Envoyé: </b>Jeudi 8 Mai 2025 '
        "09:00:00<br><b>Objet: </b>Tarifs transport juin<br></div><div><br></div>"
        "<div>Bonjour,</div><div><br></div><div>Les nouveaux tarifs transport s'appliquent au 1er juin : "
        "+3,5 % sur la messagerie.</div><div><br></div><div>Service commercial Chazal</div>"
        "</div></div></body></html>"
    )
    h = [
        ("From", "Fabien Gros <f.gros@negoce-allier.example>"),
        ("To", "Léon Perrier <l.perrier@negoce-allier.example>"),
        ("Subject", "Tr: Tr: Tr: Tarifs transport juin"),
        ("Date", "Fri, 9 May 2025 11:00:00 +0200"),
        ("Message-ID", "<556677.889900.1746781200000.JavaMail.zimbra@negoce-allier.example>"),
        ("X-Mailer", "Zimbra 9.0.0_GA_4546 (ZimbraWebClient - FF125 (Win)/9.0.0_GA_4546)"),
    ]
    write(
        "086-zimbra-fr-forward",
        "zimbra",
        "fr",
        "forward",
        eml(h, leaf(html, "html")),
        "Bonjour Léon,\n\nPour archivage.",
        "Fabien",
        fwd=[
            ("tarifs@chazal-transports.example", "Tarifs transport juin", a),
            ("m.bouvier@negoce-allier.example", "Tr: Tarifs transport juin", b),
            ("i.carre@negoce-allier.example", "Tr: Tr: Tarifs transport juin", c),
        ],
        note="HTML-only chain of three Zimbra forwards",
    )


def m087():
    html = (
        "<html><head><style>body{font-family:Segoe UI}</style></head><body>"
        "<p>Dear customer,</p><p>Thank you for contacting the Helpdesk. Our offices are closed "
        "for the May 8 bank holiday. Your request will be handled on Friday, May 9.</p>"
        "<p>Kind regards,<br>Helpdesk team</p></body></html>"
    )
    h = [
        ("From", "Helpdesk <helpdesk@datacenter-ouest.example>"),
        ("To", "Arnaud Morvan <a.morvan@client-breizh.example>"),
        ("Subject", "Automatic reply: Server unreachable"),
        ("Date", "Thu, 8 May 2025 07:00:00 +0200"),
        ("Message-ID", "<auto-helpdesk-0508@datacenter-ouest.example>"),
        ("Auto-Submitted", "auto-replied"),
        ("X-Auto-Response-Suppress", "All"),
    ]
    write(
        "087-owa-en-auto-reply",
        "owa",
        "en",
        "auto-reply",
        eml(h, leaf(html, "html")),
        "Dear customer,\n\nThank you for contacting the Helpdesk. Our offices are closed for the "
        "May 8 bank holiday. Your request will be handled on Friday, May 9.",
        "Kind regards,\nHelpdesk team",
        auto=True,
    )


def m088():
    new = (
        "Bonjour Sabrina,\n\nPetite précision : je serai absent lundi matin (rendez-vous médical), "
        "mais je serai là pour la réunion de 14h. Je t'envoie les chiffres avant.\n\nMerci de "
        "prévenir Loïc."
    )
    sig = "Bonne journée,\nFlorian"
    quoted = (
        f"De{NB}: Sabrina Roux <sabrina.roux@mecasud.example>\n"
        f"Envoyé{NB}: vendredi 9 mai 2025 09:00\n"
        f"À{NB}: Florian Petit <florian.petit@mecasud.example>; Loïc Morel <loic.morel@mecasud.example>\n"
        f"Objet{NB}: Réunion budget lundi 14h\n\nRéunion budget confirmée lundi 14h salle 3.\n"
    )
    h = [
        ("From", "Florian Petit <florian.petit@mecasud.example>"),
        ("To", "Sabrina Roux <sabrina.roux@mecasud.example>"),
        ("Subject", "RE: Réunion budget lundi 14h"),
        ("Date", "Fri, 9 May 2025 09:30:00 +0200"),
        ("Message-ID", "<VI1PR06MB7000PETIT@VI1PR06MB7000.outlook.example>"),
        ("In-Reply-To", "<budget-lundi@mecasud.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "088-outlook-desktop-fr-not-auto-reply",
        "outlook-desktop",
        "fr",
        "not-auto-reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
    )


def m089():
    new = (
        "Bonjour,\n\nJe vous confirme l'inscription de nos 2 apprentis à la session CACES R489 "
        "du 2 juin.\n\nNoms :\nEnzo Marchal\nLéo Dumas"
    )
    sig = "Cordialement,\nLe service RH\nSARL Transports Delorme\n--\nEnvoyé depuis Infomaniak Mail"
    quoted = (
        "Le 9 mai 2025 à 08:45, formation@caces-centre.example a écrit :\n"
        "> Bonjour, merci de nous confirmer les noms des participants. Cordialement\n"
    )
    h = [
        ("From", "RH Transports Delorme <rh@transports-delorme.example>"),
        ("To", "formation@caces-centre.example"),
        ("Subject", "Re: Inscription CACES R489"),
        ("Date", "Fri, 9 May 2025 10:10:00 +0200"),
        ("Message-ID", "<6f5e4d3c2b1a@transports-delorme.example>"),
        ("In-Reply-To", "<caces-r489@caces-centre.example>"),
        ("User-Agent", "Infomaniak Mail"),
    ]
    write(
        "089-infomaniak-fr-reply",
        "infomaniak",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="new text ends with a list of names (not a signature)",
    )


def m090():
    new = "Bonjour Benjamin,\n\nC'est validé côté DAF, tu peux signer le bon de commande."
    sig = "Cordialement\nNicole Barbier"
    quoted = (
        "Le 9 mai 2025 à 10:12, Benjamin Roy <b.roy@imprimerie-roy.example> a écrit :\n\n"
        "> Bonjour Nicole,\n>\n> Le devis de maintenance des presses (12 400 € HT/an) est-il "
        "validé ?\n>\n> Envoyé de mon iPhone\n"
    )
    h = [
        ("From", "Nicole Barbier <n.barbier@imprimerie-roy.example>"),
        ("To", "Benjamin Roy <b.roy@imprimerie-roy.example>"),
        ("Subject", "Re: Devis maintenance presses"),
        ("Date", "Fri, 9 May 2025 11:20:00 +0200"),
        ("Message-ID", "<C0FFEE00-1234-5678-9ABC-DEF012345678@imprimerie-roy.example>"),
        ("In-Reply-To", "<devis-presses@imprimerie-roy.example>"),
        ("X-Mailer", "Apple Mail (2.3826.500.181.1.5)"),
    ]
    write(
        "090-apple-mail-fr-reply",
        "apple-mail",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
    )


def m091():
    new = (
        "Bonjour,\n\nje suis absente du 12 au 16 mai, merci de voir directement avec Hélène "
        "Maillard pour ce dossier, elle a tous les éléments."
    )
    sig = "Bonne journée\nMaud Lefort"
    quoted = (
        f"De{NB}: Thomas Dumas <t.dumas@assur-conseil.example>\n"
        f"Envoyé{NB}: vendredi 9 mai 2025 15:30\n"
        f"À{NB}: Maud Lefort <m.lefort@assur-conseil.example>\n"
        f"Objet{NB}: Dossier sinistre Berthaud\n\n"
        "Maud, on pourra faire le point sur le dossier Berthaud la semaine prochaine ?\n"
    )
    h = [
        ("From", "Maud Lefort <m.lefort@assur-conseil.example>"),
        ("To", "Thomas Dumas <t.dumas@assur-conseil.example>"),
        ("Subject", "RE: Dossier sinistre Berthaud"),
        ("Date", "Fri, 9 May 2025 16:02:00 +0200"),
        ("Message-ID", "<AM9PR04MB9000LEFORT@AM9PR04MB9000.outlook.example>"),
        ("In-Reply-To", "<sinistre-berthaud@assur-conseil.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "091-outlook-desktop-fr-not-auto-reply",
        "outlook-desktop",
        "fr",
        "not-auto-reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="a person answering with an absence, in a thread, with the quoted question",
    )


def m092():
    new = "Bonjour Mathilde,\n\nReçu, merci. Je transmets à l'expert-comptable pour la clôture."
    sig = "Slts\nMichel Garcia\nGérant\nGarcia Carrelage\n06 45 78 12 90"
    quoted = (
        "-----Message d'origine-----\n"
        "> De : Mathilde Roche <m.roche@banque-territoires.example>\n"
        "> Envoyé : vendredi 9 mai 2025 11:00\n"
        "> À : Michel Garcia <contact@garcia-carrelage.example>\n"
        "> Objet : Relevés annuels 2024\n>\n"
        "> Monsieur, vos relevés annuels 2024 sont disponibles en pièce jointe.\n"
    )
    h = [
        ("From", "Michel Garcia <contact@garcia-carrelage.example>"),
        ("To", "Mathilde Roche <m.roche@banque-territoires.example>"),
        ("Subject", "RE: Relevés annuels 2024"),
        ("Date", "Fri, 9 May 2025 17:40:00 +0200"),
        ("Message-ID", "<000201dbc0ff$11223344$55667788$@garcia-carrelage.example>"),
        ("In-Reply-To", "<releves-2024@banque-territoires.example>"),
        ("X-Mailer", "Microsoft Outlook 14.0"),
    ]
    write(
        "092-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}", charset="windows-1252", cte="quoted-printable")),
        new,
        sig,
        note="Outlook 2010 with '> ' prefix on the original, Slts",
    )


def m093():
    new = (
        "Hi all,\n\nMinutes from today's steering committee:\n\n"
        "* Budget: approved as presented (EUR 1.2M)\n"
        "* Timeline: phase 2 starts June 16\n"
        "* Risks: vendor lock-in flagged by Legal, follow-up with Anaïs\n\n"
        "Next meeting: June 5, same time."
    )
    sig = "Best,\nGuillaume\n\nGet Outlook for Android"
    quoted = (
        "________________________________\n"
        "From: Anaïs Lopez <anais.lopez@solvane.example>\n"
        "Sent: Friday, May 9, 2025 9:00:12 AM\n"
        "To: Guillaume Perret <g.perret@solvane.example>\n"
        "Cc: Steering Committee <steerco@solvane.example>\n"
        "Subject: SteerCo 9 May\n\n"
        "Guillaume, can you circulate the minutes today? Thanks\n"
    )
    h = [
        ("From", "Guillaume Perret <g.perret@solvane.example>"),
        ("To", "Anaïs Lopez <anais.lopez@solvane.example>"),
        ("Cc", "Steering Committee <steerco@solvane.example>"),
        ("Subject", "Re: SteerCo 9 May"),
        ("Date", "Fri, 9 May 2025 18:00:00 +0000"),
        ("Message-ID", "<DU2PR04MB8000PERRET@DU2PR04MB8000.outlook.example>"),
        ("In-Reply-To", "<steerco-0509@solvane.example>"),
    ]
    write(
        "093-outlook-mobile-en-reply",
        "outlook-mobile",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n{quoted}")),
        new,
        sig,
        note="own 'Label: value' bullet lines",
    )


def m094():
    banner = (
        "[EXTERNE] Ce message provient de l'extérieur de l'organisation. Ne cliquez pas sur les "
        "liens et n'ouvrez pas les pièces jointes à moins de connaître l'expéditeur."
    )
    orig = (
        "Bonjour,\n\nNous vous informons que la maintenance annuelle de l'ascenseur du bâtiment B "
        "aura lieu le mardi 20 mai de 8h à 17h. L'ascenseur sera à l'arrêt."
    )
    note = "Info à relayer aux occupants du bâtiment B svp."
    text = (
        f"{note}\n\nMerci\nSylvain Brunel\nResponsable technique\n\n"
        f"De{NB}: Ascenseurs Rhône-Alpes <maintenance@ascenseurs-ra.example>\n"
        f"Envoyé{NB}: vendredi 9 mai 2025 14:12\n"
        f"À{NB}: Sylvain Brunel <s.brunel@residence-parc.example>\n"
        f"Objet{NB}: [EXTERNE] Maintenance ascenseur bâtiment B\n\n"
        f"{banner}\n\n{orig}\n\nCordialement,\nL'équipe maintenance\n"
    )
    h = [
        ("From", "Sylvain Brunel <s.brunel@residence-parc.example>"),
        ("To", "Gardiens <gardiens@residence-parc.example>"),
        ("Subject", "TR: [EXTERNE] Maintenance ascenseur bâtiment B"),
        ("Date", "Fri, 9 May 2025 15:00:00 +0200"),
        ("Message-ID", "<PAXPR01MB3000BRUNEL@PAXPR01MB3000.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "094-outlook-desktop-fr-forward",
        "outlook-desktop",
        "fr",
        "forward",
        eml(h, leaf(text)),
        note,
        "Merci\nSylvain Brunel\nResponsable technique",
        fwd=[
            (
                "maintenance@ascenseurs-ra.example",
                "[EXTERNE] Maintenance ascenseur bâtiment B",
                orig,
            )
        ],
        note="the forwarded original carries the gateway banner",
    )


def m095():
    orig = (
        "Bonjour à tous,\n\nLe site sera fermé le vendredi 30 mai (pont de l'Ascension). "
        "Les astreintes restent assurées."
    )
    html = (
        '<html><body lang="FR"><div class="WordSection1"><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">&nbsp;</p>'
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b>De&nbsp;:</b> Direction Site Valence &lt;direction.valence@agrosud.example&gt;<br>'
        "<b>Envoyé&nbsp;:</b> vendredi 9 mai 2025 10:00<br><b>À&nbsp;:</b> Tout le personnel "
        "&lt;personnel.valence@agrosud.example&gt;<br><b>Objet&nbsp;:</b> Fermeture pont de l'Ascension</p></div>"
        '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Bonjour à tous,</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Le site sera fermé le vendredi 30 mai (pont de l\'Ascension). '
        'Les astreintes restent assurées.</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">La Direction</p></div></body></html>'
    )
    h = [
        ("From", "Lina Bouchard <lina.bouchard@agrosud.example>"),
        ("To", "Intérimaires Valence <interim.valence@agrosud.example>"),
        ("Subject", "TR: Fermeture pont de l'Ascension"),
        ("Date", "Fri, 9 May 2025 10:30:00 +0200"),
        ("Message-ID", "<AS8PR10MB1000BOUCHARD@AS8PR10MB1000.outlook.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "095-outlook-desktop-fr-forward",
        "outlook-desktop",
        "fr",
        "forward",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        "",
        "",
        fwd=[("direction.valence@agrosud.example", "Fermeture pont de l'Ascension", orig)],
        note="forward with nothing typed",
    )


def m096():
    text = (
        "Bonjour Loïc,\n\nbien reçu, merci.\n\n"
        "Le lundi 12 mai 2025, Loïc Guillou <loic.guillou@ecole-kerlan.example> a écrit :\n"
        "> Bonjour Mme Jacob,\n> Voici le justificatif d'absence de Mathis pour vendredi.\n"
        "> Cordialement, L. Guillou\n\n"
        "-- \nCaroline Jacob\nConseillère principale d'éducation\nCollège Jean Moulin\n"
    )
    h = [
        ("From", "Caroline Jacob <cpe@college-jmoulin.example>"),
        ("To", "Loïc Guillou <loic.guillou@ecole-kerlan.example>"),
        ("Subject", "Re: Absence Mathis"),
        ("Date", "Mon, 12 May 2025 08:10:00 +0200"),
        ("Message-ID", "<sogo-3a4b5c-0512@college-jmoulin.example>"),
        ("In-Reply-To", "<absence-mathis@ecole-kerlan.example>"),
        ("User-Agent", "SOGoMail 5.10.0"),
    ]
    write(
        "096-sogo-fr-reply",
        "sogo",
        "fr",
        "reply",
        eml(h, leaf(text)),
        "Bonjour Loïc,\n\nbien reçu, merci.",
        "-- \nCaroline Jacob\nConseillère principale d'éducation\nCollège Jean Moulin",
        note="SOGo: date without time in the attribution, signature placed after the quote",
    )


def m097():
    new = (
        "Bonjour Mme Dubreuil,\n\nJe vous prie de bien vouloir trouver ci-joint l'attestation "
        "employeur demandée.\n\nRestant à votre disposition,"
    )
    sig = (
        "Respectueusement,\n\nAlain Texier\nResponsable administratif\nEHPAD Les Glycines\n"
        "Tél. : 03 26 00 11 22 – Fax : 03 26 00 11 23\n\n"
        "P Pensez à l'environnement avant d'imprimer ce courriel."
    )
    quoted = (
        "Le 12/05/2025 à 09:30, Annick Dubreuil a écrit :\n"
        "> Monsieur, pourriez-vous me faire parvenir une attestation employeur pour ma\n"
        "> demande de logement ? Merci. Annick Dubreuil\n"
    )
    h = [
        ("From", "Alain Texier <administration@ehpad-glycines.example>"),
        ("To", "Annick Dubreuil <a.dubreuil@sfr.example>"),
        ("Subject", "Re: Attestation employeur"),
        ("Date", "Mon, 12 May 2025 11:00:00 +0200"),
        ("Message-ID", "<c0ffee11-2233-4455-6677-8899aabbccdd@ehpad-glycines.example>"),
        ("In-Reply-To", "<attestation@sfr.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
    ]
    body = multi(
        "mixed",
        [leaf(f"{new}\n\n{sig}\n\n{quoted}"), pdf("Attestation_employeur.pdf")],
        "------------0a1b2c3d4e5f",
    )
    write(
        "097-thunderbird-fr-reply",
        "thunderbird",
        "fr",
        "reply",
        eml(h, body),
        new,
        sig,
        note="closing formula line 'Restant à votre disposition,' before the sign-off",
    )


def m098():
    text = (
        "Bonjour,\n\nVotre demande a bien été enregistrée sous le numéro INC-204518. Un technicien "
        "la prendra en charge dans les meilleurs délais.\n\nVous pouvez suivre son avancement sur "
        "https://support.infogerance-nord.example/ticket/INC-204518\n\n"
        "Ceci est un message automatique, merci de ne pas y répondre.\n\nLe Centre de services\n"
    )
    h = [
        ("From", "Centre de services <noreply@infogerance-nord.example>"),
        ("To", "Jacqueline Vermeulen <j.vermeulen@mairie-hazebrouck.example>"),
        ("Subject", "[INC-204518] Accusé de réception : Imprimante bureau du maire"),
        ("Date", "Mon, 12 May 2025 09:01:00 +0200"),
        ("Message-ID", "<INC-204518.ack@infogerance-nord.example>"),
        ("Auto-Submitted", "auto-replied"),
        ("Precedence", "auto_reply"),
    ]
    write(
        "098-helpdesk-fr-auto-reply",
        "helpdesk",
        "fr",
        "auto-reply",
        eml(h, leaf(text)),
        "Bonjour,\n\nVotre demande a bien été enregistrée sous le numéro INC-204518. Un technicien "
        "la prendra en charge dans les meilleurs délais.\n\nVous pouvez suivre son avancement sur "
        "https://support.infogerance-nord.example/ticket/INC-204518\n\n"
        "Ceci est un message automatique, merci de ne pas y répondre.",
        "Le Centre de services",
        auto=True,
        note="ticketing acknowledgement",
    )


def m099():
    new = (
        "Re-bonjour,\n\nErratum : la livraison est bien le 14 et non le 15 comme indiqué dans mon "
        "précédent mail. Désolée pour la confusion."
    )
    sig = "Amicalement,\nJosiane"
    quoted = (
        "Le 12/05/2025 à 10:02, Josiane Pelletier <j.pelletier@cave-coop.example> a écrit :\n"
        "> Bonjour à tous,\n>\n> La livraison des bouteilles aura lieu le 15 mai.\n>\n> Amicalement,\n> Josiane\n"
    )
    h = [
        ("From", "Josiane Pelletier <j.pelletier@cave-coop.example>"),
        ("To", "Adhérents <adherents@cave-coop.example>"),
        ("Subject", "Re: Livraison bouteilles"),
        ("Date", "Mon, 12 May 2025 10:30:00 +0200"),
        ("Message-ID", "<4c5d6e7f-8091-a2b3-c4d5-e6f708192a3b@cave-coop.example>"),
        ("In-Reply-To", "<livraison-bouteilles@cave-coop.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
    ]
    write(
        "099-thunderbird-fr-reply",
        "thunderbird",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="the author replies to her own message",
    )


def m100():
    new = (
        "Bonjour Ahmed,\n\nPour la connexion au VPN depuis chez toi :\n\n"
        "1. Installe le client depuis https://vpn.groupe-marceau.example/download\n"
        "2. Serveur : vpn.groupe-marceau.example\n"
        "3. Identifiant : ton login Windows (a.benali)\n"
        "4. Code : celui reçu par SMS\n\n"
        "Si ça bloque, appelle le 4455 (hotline interne)."
    )
    sig = "Cdlt,\n\nJordan\nSupport informatique"
    quoted = (
        f"De{NB}: Ahmed Benali <a.benali@groupe-marceau.example>\n"
        f"Envoyé{NB}: lundi 12 mai 2025 08:15\n"
        f"À{NB}: Support <support@groupe-marceau.example>\n"
        f"Objet{NB}: Accès VPN télétravail\n\nBonjour, comment je me connecte au VPN de chez moi ? Ahmed\n"
    )
    h = [
        ("From", "Jordan Michel <support@groupe-marceau.example>"),
        ("To", "Ahmed Benali <a.benali@groupe-marceau.example>"),
        ("Subject", "RE: Accès VPN télétravail"),
        ("Date", "Mon, 12 May 2025 09:00:00 +0200"),
        ("Message-ID", "<AM6PR08MB2000MICHEL@AM6PR08MB2000.outlook.example>"),
        ("In-Reply-To", "<vpn-teletravail@groupe-marceau.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "100-outlook-desktop-fr-reply",
        "outlook-desktop",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="numbered steps with 'Serveur :', 'Identifiant :', 'Code :' labels",
    )


def m101():
    html = (
        '<html><body lang="FR"><div class="WordSection1"><p class="MsoNormal">Bonjour Marc,</p>'
        '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Voir mes réponses en rouge ci-dessous.</p>'
        '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Fanny</p><p class="MsoNormal">&nbsp;</p>'
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b>De&nbsp;:</b> Marc Aubry &lt;m.aubry@logistique-seine.example&gt;<br>'
        "<b>Envoyé&nbsp;:</b> lundi 12 mai 2025 08:40<br><b>À&nbsp;:</b> Fanny Lemoine "
        "&lt;f.lemoine@logistique-seine.example&gt;<br><b>Objet&nbsp;:</b> Inventaire juin</p></div>"
        '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Fanny,</p>'
        '<p class="MsoNormal">1) On fait l\'inventaire le samedi 28 ou le lundi 30 ?</p>'
        '<p class="MsoNormal"><span style="color:red">[FL] Samedi 28, l\'entrepôt est fermé aux '
        "clients.</span></p>"
        '<p class="MsoNormal">2) Combien d\'intérimaires faut-il ?</p>'
        '<p class="MsoNormal"><span style="color:red">[FL] 6, dont 2 caristes.</span></p>'
        '<p class="MsoNormal">Merci, Marc</p></div></body></html>'
    )
    h = [
        ("From", "Fanny Lemoine <f.lemoine@logistique-seine.example>"),
        ("To", "Marc Aubry <m.aubry@logistique-seine.example>"),
        ("Subject", "RE: Inventaire juin"),
        ("Date", "Mon, 12 May 2025 10:00:00 +0200"),
        ("Message-ID", "<AM0PR10MB5000LEMOINE@AM0PR10MB5000.outlook.example>"),
        ("In-Reply-To", "<inventaire-juin@logistique-seine.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    write(
        "101-outlook-desktop-fr-reply-inline",
        "outlook-desktop",
        "fr",
        "reply-inline",
        eml(h, leaf(html, "html", cte="quoted-printable")),
        "Bonjour Marc,\n\nVoir mes réponses en rouge ci-dessous.\n\n"
        "[FL] Samedi 28, l'entrepôt est fermé aux clients.\n\n[FL] 6, dont 2 caristes.",
        "Fanny",
        note="Outlook 'answers in red' inside the quoted original, tagged with initials",
    )


def m102():
    new = "Ok pour jeudi 9h sur le parking du dépôt. Je prends le camion benne."
    quoted = (
        "Le ven. 9 mai 2025, 18:22, Kévin Lacroix <kevin.lacroix@espaces-verts-lacroix.example> a écrit :\n\n"
        "> Salut, RDV jeudi pour l'élagage chez M. Girard ? 9h au dépôt ?\n"
    )
    h = [
        ("From", "Dylan Fabre <dylan.fabre@gmail.example>"),
        ("To", "Kévin Lacroix <kevin.lacroix@espaces-verts-lacroix.example>"),
        ("Subject", "Re: Élagage Girard"),
        ("Date", "Fri, 9 May 2025 19:00:00 +0200"),
        ("Message-ID", "<CAdylan0905@mail.gmail.example>"),
        ("In-Reply-To", "<elagage-girard@espaces-verts-lacroix.example>"),
    ]
    write(
        "102-gmail-android-fr-reply",
        "gmail-android",
        "fr",
        "reply",
        eml(h, leaf(f"{new}\n\n{quoted}")),
        new,
        "",
        note="Android attribution 'Le ven. 9 mai 2025, 18:22, Name <addr> a écrit :'",
    )


def m103():
    inner_html = (
        '<div dir="ltr">Bonjour Mme Vidal,<div><br></div><div>Suite à notre entretien, je vous '
        "confirme mon souhait de rompre ma période d'essai à compter du 16 mai.</div><div><br></div>"
        "<div>Cordialement,</div><div>Lucas Herbin</div></div>"
    )
    inner = eml(
        [
            ("From", "Lucas Herbin <lucas.herbin@gmail.example>"),
            ("To", "Anne Vidal <anne.vidal@maraval.example>"),
            ("Subject", "Rupture période d'essai"),
            ("Date", "Mon, 12 May 2025 07:45:00 +0200"),
            ("Message-ID", "<CAlucas1205@mail.gmail.example>"),
        ],
        leaf(inner_html, "html", cte="quoted-printable"),
    )
    note = "Bonjour Karine,\n\nCi-joint le mail de M. Herbin, à mettre au dossier du salarié. Dernier jour le 16/05."
    sig = "Anne Vidal\nService juridique - Groupe Maraval"
    h = [
        ("From", "Anne Vidal <anne.vidal@maraval.example>"),
        ("To", "Karine Paie <paie@maraval.example>"),
        ("Subject", "Fwd: Rupture période d'essai"),
        ("Date", "Mon, 12 May 2025 09:00:00 +0200"),
        ("Message-ID", "<fwd-herbin@maraval.example>"),
        ("User-Agent", "Mozilla Thunderbird"),
    ]
    body = multi(
        "mixed",
        [leaf(f"{note}\n\n-- \n{sig}\n"), rfc822(inner, "Rupture période d'essai.eml")],
        "------------Zz9Yy8Xx7",
    )
    write(
        "103-thunderbird-fr-forward-attached",
        "thunderbird",
        "fr",
        "forward-attached",
        eml(h, body),
        note,
        f"-- \n{sig}",
        fwd=[
            (
                "lucas.herbin@gmail.example",
                "Rupture période d'essai",
                "Bonjour Mme Vidal,\n\nSuite à notre entretien, je vous confirme mon souhait de rompre "
                "ma période d'essai à compter du 16 mai.",
            )
        ],
        note="attached message is HTML-only Gmail",
    )


def m104():
    new = (
        "Hi Rebecca,\n\nWe can do the 15th. Our plant manager, Denis Caron, will join the call. "
        "I'll send a Teams invite."
    )
    sig = "Best regards,\nJulie Fontaine\nSupply Chain Director | Aeroforge France\nM +33 6 20 30 40 50"
    quoted = (
        "From: Rebecca Hall <rebecca.hall@skyparts-uk.example>\n"
        "Date: Monday, 12 May 2025 at 09:12\n"
        "To: Julie Fontaine <julie.fontaine@aeroforge.example>\n"
        "Subject: Quarterly business review\n\n"
        "Hi Julie, would the 15th or the 16th work for our QBR? Rebecca\n"
    )
    h = [
        ("From", "Julie Fontaine <julie.fontaine@aeroforge.example>"),
        ("To", "Rebecca Hall <rebecca.hall@skyparts-uk.example>"),
        ("Subject", "Re: Quarterly business review"),
        ("Date", "Mon, 12 May 2025 11:00:00 +0200"),
        ("Message-ID", "<E7F8A9B0-C1D2-4E3F-A4B5-C6D7E8F9A0B1@aeroforge.example>"),
        ("In-Reply-To", "<qbr@skyparts-uk.example>"),
        ("User-Agent", "Microsoft-MacOutlook/16.96.25050418"),
    ]
    write(
        "104-outlook-mac-en-reply",
        "outlook-mac",
        "en",
        "reply",
        eml(h, leaf(f"{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="'Date:' label in the header block",
    )


def m105():
    banner = (
        "ATTENTION : Ce courriel provient d'une source externe à l'organisation. Vérifiez "
        "l'expéditeur avant d'ouvrir les pièces jointes ou de cliquer sur les liens."
    )
    new = (
        "Bonjour Madame Leclerc,\n\nNous avons bien reçu votre bon de commande n° 2025-0456. "
        "La livraison est prévue semaine 21."
    )
    sig = "Cordialement\n\nAdministration des ventes\nSolvex Chimie"
    quoted = (
        "________________________________\n"
        "De : Isabelle Leclerc <i.leclerc@lycee-pro-vernon.example>\n"
        "Envoyé : lundi 12 mai 2025 08:00\n"
        "À : ADV Solvex <adv@solvex-chimie.example>\n"
        "Objet : Bon de commande 2025-0456\n\n"
        "Bonjour, veuillez trouver ci-joint notre bon de commande. Cordialement, I. Leclerc\n"
    )
    h = [
        ("From", "ADV Solvex <adv@solvex-chimie.example>"),
        ("To", "Isabelle Leclerc <i.leclerc@lycee-pro-vernon.example>"),
        ("Subject", "RE: Bon de commande 2025-0456"),
        ("Date", "Mon, 12 May 2025 14:00:00 +0000"),
        ("Message-ID", "<PR3P192MB2000ADV@PR3P192MB2000.outlook.example>"),
        ("In-Reply-To", "<bc-2025-0456@lycee-pro-vernon.example>"),
    ]
    write(
        "105-owa-fr-reply",
        "owa",
        "fr",
        "reply",
        eml(h, leaf(f"{banner}\n\n{new}\n\n{sig}\n\n{quoted}")),
        new,
        sig,
        note="another gateway wording ('ATTENTION : … source externe')",
    )


def m106():
    new = (
        "Bonjour Xavier,\n\nJe te confirme la commande de 3 portables pour les nouveaux "
        "commerciaux. Config standard, avec station d'accueil."
    )
    sig = (
        "Bien à toi,\n\nSolène Marty\nResponsable administrative & financière\n"
        "Linkbat Ingénierie\nLinkedIn | www.linkbat.example"
    )
    quoted = (
        f"De{NB}: Xavier Bonnet <x.bonnet@linkbat.example>\n"
        f"Envoyé{NB}: lundi 12 mai 2025 10:30\n"
        f"À{NB}: Solène Marty <s.marty@linkbat.example>\n"
        f"Objet{NB}: Portables commerciaux\n\n"
        "Solène, tu me confirmes qu'on commande bien 3 portables ?\n\n"
        "Xavier Bonnet\nResponsable informatique\n"
    )
    html_new = (
        '<p class="MsoNormal">Bonjour Xavier,</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Je te confirme la commande de 3 portables pour les nouveaux '
        'commerciaux. Config standard, avec station d\'accueil.</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal">Bien à toi,</p><p class="MsoNormal">&nbsp;</p>'
        '<p class="MsoNormal"><b>Solène Marty</b><br>Responsable administrative &amp; financière<br>'
        'Linkbat Ingénierie<br><a href="https://linkedin.example/company/linkbat">LinkedIn</a> | '
        '<a href="https://www.linkbat.example">www.linkbat.example</a></p>'
    )
    html_q = (
        '<p class="MsoNormal">&nbsp;</p><div style="border:none;border-top:solid #E1E1E1 1.0pt;'
        'padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>De&nbsp;:</b> Xavier Bonnet '
        "&lt;x.bonnet@linkbat.example&gt;<br><b>Envoyé&nbsp;:</b> lundi 12 mai 2025 10:30<br>"
        "<b>À&nbsp;:</b> Solène Marty &lt;s.marty@linkbat.example&gt;<br><b>Objet&nbsp;:</b> "
        'Portables commerciaux</p></div><p class="MsoNormal">Solène, tu me confirmes qu\'on '
        'commande bien 3 portables ?</p><p class="MsoNormal">Xavier Bonnet<br>Responsable '
        "informatique</p>"
    )
    html = f'<html><body lang="FR"><div class="WordSection1">{html_new}{html_q}</div></body></html>'
    h = [
        ("From", "Solène Marty <s.marty@linkbat.example>"),
        ("To", "Xavier Bonnet <x.bonnet@linkbat.example>"),
        ("Subject", "RE: Portables commerciaux"),
        ("Date", "Mon, 12 May 2025 11:15:00 +0200"),
        ("Message-ID", "<AM0PR03MB6000MARTY@AM0PR03MB6000.outlook.example>"),
        ("In-Reply-To", "<portables@linkbat.example>"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    body = multi(
        "alternative",
        [
            leaf(f"{new}\n\n{sig}\n\n{quoted}", cte="quoted-printable"),
            leaf(html, "html", cte="quoted-printable"),
        ],
        "_000_AM0PR03MB6000_",
    )
    write("106-outlook-desktop-fr-reply", "outlook-desktop", "fr", "reply", eml(h, body), new, sig)


def main() -> None:
    for n in sorted(k for k in globals() if k.startswith("m") and k[1:].isdigit()):
        globals()[n]()
    lines = [json.dumps(c, ensure_ascii=False) for c in CASES]
    (HERE / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(len(CASES), "cases")


if __name__ == "__main__":
    main()
