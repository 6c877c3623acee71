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

# The languages every table below is written for: the EU's 24 official languages, then
# Norwegian, Russian, Ukrainian, Turkish, Chinese (simplified and traditional under "zh"),
# Japanese, Korean and Vietnamese. Strings are those Outlook, Gmail, Apple Mail and Thunderbird
# print in that language; where a client leaves a label in English (Gmail's "Date:" and
# "Subject:" in most languages), the English entry covers it.
EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
)  # fmt: skip
LANGUAGES: tuple[str, ...] = (*EU_LANGUAGES, "nb", "ru", "uk", "tr", "zh", "ja", "ko", "vi")

# --- attributions ---------------------------------------------------------------------------

# The verb that closes an attribution: "On <date>, <name> wrote:". It is matched at the end
# of a short line that also holds a digit or an address, or followed by "<name>:" ("Am …
# schrieb X:"), so a verb that is also prose ("pisze", "пише") only counts in that shape.
WROTE: Table = {
    "en": ("wrote", "writes"),
    "fr": ("a écrit", "nous a dit"),
    "de": ("geschrieben", "schrieb", "schrieben sie"),
    "es": (
        "escribió",
        "ha escrito",
    ),
    "it": ("ha scritto",),
    "nl": ("het volgende geschreven", "schreef"),
    "pt": ("escreveu",),
    # Gmail "napisał(a)", Thunderbird "W dniu …, X pisze:".
    "pl": ("napisał(a)", "napisała", "napisał", "pisze"),
    "sv": ("skrev",),
    "da": ("skrev",),
    "nb": ("skrev",),
    "fi": ("kirjoitti",),
    # Thunderbird "… пишет:", Gmail often no verb at all ("…, Иван <x>:").
    "ru": ("написал(а)", "написала", "написали", "написал", "пишет"),
    "uk": ("написав(ла)", "написала", "написав", "пише"),
    "zh": (
        "写道",
        "寫道",
        "写于",
    ),
    "bg": ("написа",),
    # Thunderbird "X je napisao/la:", Gmail "… X napisao je:".
    "hr": ("napisao/la", "napisao je", "napisala je", "je napisao", "je napisala", "napisao"),
    "cs": ("napsal(a)", "napsala", "napsal"),
    "sk": ("napísal(a)", "napísala", "napísal"),
    "sl": ("napisal(a)", "napisala", "napisal"),
    "et": ("kirjutas",),
    # Gmail "X <x> ezt írta (időpont: 2025. febr. 3., H, 10:12):", Thunderbird "… X írta:".
    "hu": ("ezt írta", "írta"),
    "lv": ("rakstīja",),
    "lt": ("rašė",),
    "ro": ("a scris",),
    "el": ("έγραψε",),
    "ga": ("scríobh",),
    "mt": ("kiteb",),
    # Gmail "… X <x> şunu yazdı:".
    "tr": ("şunu yazdı", "yazdı"),
    "vi": ("đã viết",),
    # Thunderbird "X さんは書きました:", Apple Mail "…、X <x>のメール:".
    "ja": ("さんは書きました", "さんが書きました", "のメッセージ", "のメール"),
    # Gmail "2025년 2월 3일 (월) 오전 10:12, X <x>님이 작성:".
    "ko": (
        "님이 작성",
        "이(가) 쓴 글",
    ),
}

# Words an attribution begins with ("On Mon…", "Le lun.…", "Am 3. März…").
ATTRIBUTION_LEADS: Table = {
    "en": ("on", "at", "in message"),
    "fr": ("le",),
    "de": ("am",),
    "es": ("el",),
    "it": ("il", "il giorno"),
    "nl": ("op",),
    "pt": ("em", "no dia"),
    "sv": ("den",),
    "da": ("den", "søn."),
    "nb": ("den", "på"),
    "pl": ("dnia", "w dniu"),
    "sk": ("dňa",),
    "cs": ("dne",),
    "sl": ("dne",),
    "hr": ("dana",),
    "bg": ("на",),
    "ro": ("pe", "în"),
    "el": ("στις",),
    "ga": ("ar",),
    "vi": ("vào",),
    "zh": ("在", "於"),
}

# --- header blocks --------------------------------------------------------------------------

# Field labels of the header block Outlook, Notes, Zimbra and forwards print above the
# original ("De : … / Envoyé : … / À : … / Objet : …"), by field then language. Short labels
# ("a", "do", "od", "no", "ó") are common words: they only ever count at a line start before
# ":" inside a block of two or more known fields.
HEADER_FIELDS: Mapping[str, Table] = {
    "from": {
        "en": ("from",),
        "fr": ("de", "expéditeur"),
        "de": ("von",),
        "es": ("de", "remitente"),
        "it": ("da", "mittente"),
        "nl": ("van",),
        "pt": ("de",),
        "sv": ("från",),
        "da": ("fra",),
        "nb": ("fra",),
        "pl": ("od", "nadawca"),
        "ru": ("от", "отправитель"),
        "zh": ("发件人", "發件人", "寄件者", "寄件人"),
        "bg": ("от",),
        "hr": ("šalje", "od"),
        "cs": ("od",),
        "sk": ("od",),
        "sl": ("od",),
        "et": ("saatja", "kellelt"),
        "fi": ("lähettäjä",),
        "el": ("από",),
        "hu": ("feladó",),
        "ga": ("ó",),
        # Latvian Outlook's "No:" is left out on purpose: with "Date:" below it, a French or
        # English reference block ("No: 12345" / "Date: 03/02/2025") would read as a header.
        "lt": ("nuo",),
        "mt": ("minn",),
        "ro": ("de la", "expeditorul"),
        "uk": ("від", "від кого"),
        "tr": ("kimden", "gönderen"),
        "ja": ("差出人", "送信者", "送信元"),
        "ko": ("보낸 사람",),
        "vi": ("từ",),
    },
    "date": {
        "en": ("sent", "date"),
        "fr": ("envoyé", "envoyé le", "date"),
        "de": ("gesendet", "datum"),
        "es": ("enviado", "enviado el", "enviada", "fecha"),
        "it": ("inviato", "data"),
        "nl": ("verzonden", "datum"),
        "pt": ("enviado", "enviada", "enviado em", "enviada em", "data"),
        "sv": ("skickat", "datum"),
        "da": ("sendt", "dato"),
        "nb": ("sendt", "dato"),
        "pl": ("data", "wysłano", "wysłane"),
        "zh": ("发送时间", "發送時間", "寄件日期", "日期"),
        "bg": ("изпратено", "дата"),
        "hr": ("poslano", "datum"),
        "cs": ("odesláno", "datum"),
        "sk": ("odoslané", "dátum"),
        "sl": ("poslano", "datum"),
        "et": ("saadetud", "kuupäev"),
        "fi": ("lähetetty", "päiväys", "päivämäärä"),
        "el": ("στάλθηκε", "ημερομηνία"),
        "hu": ("küldve", "elküldve", "dátum"),
        "ga": ("seolta", "dáta"),
        "lv": ("nosūtīts", "datums"),
        "lt": ("išsiųsta", "data"),
        "mt": ("mibgħut", "data"),
        "ro": ("trimis", "data", "dată"),
        "ru": ("отправлено", "дата"),
        "uk": ("надіслано", "відправлено", "дата"),
        "tr": ("gönderildi", "gönderilen", "tarih"),
        "ja": ("送信日時", "日付"),
        "ko": ("보낸 날짜", "날짜"),
        "vi": ("đã gửi", "ngày"),
    },
    "to": {
        "en": ("to",),
        "fr": ("à", "pour", "destinataire", "destinataires"),
        "de": ("an",),
        "es": ("para",),
        "it": ("a", "destinatario"),
        "nl": ("aan",),
        "pt": ("para",),
        "sv": ("till",),
        "da": ("til",),
        "nb": ("til",),
        "pl": ("do", "adresat"),
        "zh": ("收件人", "收件者"),
        "bg": ("до",),
        "hr": ("prima", "za"),
        "cs": ("komu",),
        "sk": ("komu", "pre"),
        "sl": ("za",),
        "et": ("adressaat", "kellele"),
        "fi": ("vastaanottaja",),
        "el": ("προς",),
        "hu": ("címzett",),
        "ga": ("chuig",),
        "lv": ("kam",),
        "lt": ("kam",),
        "mt": ("lil",),
        "ro": ("către", "destinatarul"),
        "ru": ("кому",),
        "uk": ("кому",),
        "tr": ("kime",),
        "ja": ("宛先", "送信先"),
        "ko": ("받는 사람",),
        "vi": ("đến",),
    },
    "cc": {
        "en": ("cc", "bcc"),
        "fr": ("cc", "cci", "copie", "copie à"),
        "de": ("cc", "kopie", "kopie (cc)"),
        "it": ("ccn",),
        "sv": ("kopia",),
        "nb": ("kopi",),
        "pl": ("dw", "udw"),
        "zh": ("抄送", "副本"),
        "bg": ("копие",),
        "hr": ("kopija",),
        "cs": ("kopie",),
        "sk": ("kópia",),
        "sl": ("kp",),
        "et": ("koopia",),
        "fi": ("kopio",),
        "el": ("κοιν.",),
        "hu": ("másolatot kap", "másolat"),
        "lv": ("kopija",),
        "lt": ("kopija",),
        "ru": ("копия",),
        "uk": ("копія",),
        "tr": ("bilgi",),
        "ko": ("참조",),
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
        "zh": ("主题", "主題", "主旨"),
        "bg": ("относно", "тема"),
        "hr": ("predmet", "naslov"),
        "cs": ("předmět",),
        "sk": ("predmet",),
        "sl": ("zadeva",),
        "et": ("teema",),
        "fi": ("aihe",),
        "el": ("θέμα",),
        "hu": ("tárgy",),
        "ga": ("ábhar",),
        "lv": ("tēma",),
        "lt": ("tema",),
        "mt": ("suġġett",),
        "ro": ("subiect", "subiectul"),
        "ru": ("тема",),
        "uk": ("тема",),
        "tr": ("konu",),
        "ja": ("件名",),
        "ko": ("제목",),
        "vi": ("chủ đề",),
    },
    "reply_to": {
        "en": ("reply-to",),
        "fr": ("répondre à",),
        "de": ("antwort an",),
        "it": ("risposta", "rispondi a"),
        "es": ("responder a",),
        "pt": ("responder a",),
        "nl": ("antwoord aan",),
        "pl": ("odpowiedź do", "odpowiedź-do"),
        "cs": ("odpověď na",),
        "sk": ("odpovedať-pre",),
        "hr": ("odgovori na",),
        "da": ("svar til",),
        "nb": ("svar til",),
        "sv": ("svara till",),
        "fi": ("vastaus",),
        "hu": ("válaszcím",),
        "ro": ("răspuns către",),
        "ru": ("ответ-кому",),
        "uk": ("кому відповісти",),
        "tr": ("yanıt adresi",),
    },
}

# Other labels Outlook prints inside a header block ("Importance : Haute", "Pièces jointes :
# devis.pdf"): neither sender, date nor subject, but no sign of a pasted template either.
HEADER_EXTRAS: Table = {
    "en": ("importance", "priority", "sensitivity", "attachments", "attachment", "categories"),
    "fr": ("importance", "priorité", "sensibilité", "pièces jointes", "pièce jointe", "catégories"),
}

# --- forward and original-message markers ---------------------------------------------------

# "---------- Forwarded message ---------" (Gmail), "-------- Forwarded Message --------"
# (Thunderbird): the message below was forwarded.
FORWARD_MARKERS: Table = {
    "en": ("forwarded message", "forward message"),
    "fr": ("message transféré", "message transmis", "mail transféré"),
    "de": ("weitergeleitete nachricht",),
    "es": (
        "mensaje reenviado",
        "mensaje remitido",
    ),
    "it": ("messaggio inoltrato",),
    "nl": ("doorgestuurd bericht",),
    "pt": ("mensagem encaminhada", "mensagem reencaminhada"),
    "sv": ("vidarebefordrat meddelande",),
    "da": ("videresendt meddelelse", "videresendt besked"),
    "nb": ("videresendt melding",),
    "fi": ("välitetty viesti", "edelleenlähetetty viesti", "välitetty viesti / fwd.msg"),
    "pl": (
        "wiadomość przekazana dalej",
        "przekazana wiadomość",
        "wiadomość przesłana dalej",
        "treść przekazanej wiadomości",
    ),
    "cs": ("přeposlaná zpráva",),
    "sk": ("preposlaná správa", "preposlaná správa --- forwarded message"),
    "sl": ("posredovano sporočilo",),
    "hr": ("proslijeđena poruka",),
    "hu": ("továbbított üzenet",),
    "ro": ("mesaj redirecționat",),
    "et": ("edastatud kiri",),
    "lv": ("pārsūtīta ziņa", "pārsūtītā ziņa"),
    "lt": ("persiųstas laiškas",),
    "el": ("προωθημένο μήνυμα",),
    "bg": ("препратено писмо", "препратено съобщение"),
    "ru": ("пересылаемое сообщение", "пересланное сообщение", "перенаправленное сообщение"),
    "uk": ("переслане повідомлення", "перенаправлене повідомлення", "пересланий лист"),
    "tr": (
        "iletilen ileti",
        "iletilmiş mesaj",
        "yönlendirilmiş ileti",
        "iletilmiş ileti",
    ),
    "zh": (
        "转发的邮件",
        "轉寄的郵件",
        "轉發的郵件",
        "转发邮件",
        "轉寄郵件",
        "转发的消息",
    ),
    "ja": ("転送されたメッセージ", "転送メッセージ", "メッセージを転送"),
    "ko": ("전달된 메시지",),
    "vi": ("thư đã chuyển tiếp",),
    "ga": ("teachtaireacht ar aghaidh",),
}

# "-----Original Message-----": Outlook prints it above replies and forwards alike
# (Thunderbird too, "-------- Original Message --------", above a reply's quoted headers).
ORIGINAL_MARKERS: Table = {
    "en": (
        "original message",
        "reply message",
        "original appointment",
    ),
    "fr": ("message d'origine", "message original", "mail original"),
    "de": (
        "ursprüngliche nachricht",
        "originalnachricht",
        "original-nachricht",
        "ursprüngliche mitteilung",
    ),
    "es": ("mensaje original",),
    "it": ("messaggio originale",),
    "nl": ("oorspronkelijk bericht", "origineel bericht"),
    "pt": ("mensagem original",),
    "sv": ("ursprungligt meddelande",),
    "da": ("oprindelig meddelelse",),
    "nb": ("opprinnelig melding",),
    "fi": (
        "alkuperäinen viesti",
        "alkuperäinen viesti / orig.msg.",
    ),
    "pl": (
        "wiadomość oryginalna",
        "oryginalna wiadomość",
        "treść oryginalnej wiadomości",
    ),
    "cs": ("původní zpráva",),
    "sk": (
        "pôvodná správa",
        "pôvodná správa --- original message",
    ),
    "sl": ("izvirno sporočilo",),
    "hr": ("originalna poruka", "izvorna poruka"),
    "hu": ("eredeti üzenet",),
    "ro": ("mesaj original", "mesajul original"),
    "et": ("algne kiri",),
    "lv": ("sākotnējā ziņa",),
    "lt": ("pradinis laiškas", "originalus laiškas"),
    "el": ("αρχικό μήνυμα",),
    "bg": ("оригинално съобщение", "оригинално писмо"),
    "ga": ("teachtaireacht bhunaidh",),
    "mt": ("messaġġ oriġinali",),
    "ru": ("исходное сообщение",),
    "uk": (
        "оригінальне повідомлення",
        "початкове повідомлення",
    ),
    "tr": ("orijinal ileti", "özgün ileti", "orijinal mesaj"),
    "zh": (
        "原始邮件",
        "原始郵件",
        "原邮件",
        "原郵件",
        "原始消息",
    ),
    "ja": ("元のメッセージ",),
    "ko": ("원본 메시지", "원래 메시지"),
    "vi": ("thư gốc",),
}

# Apple Mail's line above a forwarded message: "Begin forwarded message:". Only a whole
# line ending with ":" counts, so the bare forward markers are accepted here too.
FORWARD_INTROS: Table = {
    "en": ("begin forwarded message", "forwarded message"),
    "fr": (
        "début du message réexpédié",
        "début du message transféré",
        "message transféré",
    ),
    "de": (
        "anfang der weitergeleiteten nachricht",
        "weitergeleitete nachricht",
        "anfang der weitergeleiteten e-mail",
    ),
    "it": ("inizio messaggio inoltrato", "messaggio inoltrato"),
    "es": ("comienzo del mensaje reenviado", "inicio del mensaje reenviado", "mensaje reenviado"),
    "nl": ("begin doorgestuurd bericht", "doorgestuurd bericht"),
    "pt": ("início da mensagem reencaminhada", "início da mensagem encaminhada"),
    "sv": ("vidarebefordrat mejl", "vidarebefordrat meddelande"),
    "da": ("start på videresendt besked", "videresendt besked"),
    "nb": ("videresendt melding",),
    "fi": ("välitetty viesti alkaa",),
    "pl": ("początek przekazywanej wiadomości",),
    "cs": ("začátek přeposílané zprávy", "začátek přeposlané zprávy"),
    "sk": ("začiatok preposlanej správy",),
    "hu": ("továbbított levél kezdete",),
    "ro": ("începe mesajul redirecționat",),
    "hr": ("započni proslijeđenu poruku",),
    "el": ("έναρξη προωθημένου μηνύματος",),
    "ru": ("начало переадресованного сообщения",),
    "uk": ("початок листа, що пересилається",),
    "tr": ("ileti başlangıcı",),
    "ja": ("転送されたメッセージ",),
    "zh": ("以下是转发的邮件", "轉寄的郵件"),
    "ko": ("전달된 메시지",),
    "vi": ("bắt đầu tin nhắn được chuyển tiếp",),
}

# The line Outlook, Apple Mail and Notes print for an original's files: "Pièces jointes : a.pdf".
ATTACHMENT_LABELS: Table = {
    "en": ("attachments", "attachment"),
    "fr": ("pièces jointes", "pièce jointe", "pj"),
    "de": ("anlagen", "anhänge", "anhang"),
    "es": ("adjuntos", "datos adjuntos"),
    "it": ("allegati",),
    "nl": ("bijlagen",),
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
    "de": (
        "mit freundlichen grüßen",
        "mit freundlichen grüssen",
        "mit freundlichem gruß",
        "mit freundlichem gruss",
        "freundliche grüße",
        "freundliche grüsse",
        "beste grüße",
        "beste grüsse",
        "viele grüße",
        "viele grüsse",
        "liebe grüße",
        "liebe grüsse",
        "herzliche grüße",
        "herzliche grüsse",
        "mit besten grüßen",
        "mit besten grüssen",
        "schöne grüße",
        "schöne grüsse",
    ),
    "es": (
        "saludos",
        "un saludo",
        "saludos cordiales",
        "un cordial saludo",
        "atentamente",
        "cordialmente",
        "un abrazo",
    ),
    "it": ("cordiali saluti", "distinti saluti", "saluti", "un saluto", "cordialmente"),
    "pt": (
        "atenciosamente",
        "cumprimentos",
        "melhores cumprimentos",
        "com os melhores cumprimentos",
        "saudações",
        "abraços",
        "cordialmente",
    ),
    "nl": (
        "met vriendelijke groet",
        "met vriendelijke groeten",
        "vriendelijke groet",
        "vriendelijke groeten",
        "hartelijke groet",
        "hartelijke groeten",
        "met hartelijke groet",
        "groeten",
    ),
    "sv": ("med vänliga hälsningar", "vänliga hälsningar", "bästa hälsningar", "hälsningar"),
    "da": (
        "med venlig hilsen",
        "venlig hilsen",
        "de bedste hilsner",
        "bedste hilsner",
        "kærlig hilsen",
    ),
    "nb": ("med vennlig hilsen", "vennlig hilsen", "beste hilsen"),
    "fi": ("ystävällisin terveisin", "parhain terveisin", "terveisin"),
    "et": ("lugupidamisega", "parimate soovidega", "heade soovidega"),
    "pl": (
        "z poważaniem",
        "pozdrawiam",
        "pozdrawiam serdecznie",
        "serdecznie pozdrawiam",
        "serdeczne pozdrowienia",
        "z wyrazami szacunku",
    ),
    "cs": ("s pozdravem", "se srdečným pozdravem", "s úctou"),
    "sk": ("s pozdravom", "so srdečným pozdravom", "s úctou"),
    "sl": ("lep pozdrav", "lepo pozdravljeni", "s spoštovanjem", "prijazen pozdrav"),
    "hr": ("srdačan pozdrav", "lijep pozdrav", "s poštovanjem", "srdačno"),
    "hu": ("üdvözlettel", "tisztelettel", "baráti üdvözlettel"),
    "ro": ("cu stimă", "cu respect", "cu bine", "toate cele bune"),
    "lv": ("ar cieņu", "ar labākajiem novēlējumiem"),
    "lt": ("pagarbiai", "su pagarba", "geriausi linkėjimai"),
    "el": ("με εκτίμηση", "με φιλικούς χαιρετισμούς", "φιλικά"),
    "bg": ("с уважение", "с най-добри пожелания"),
    "ga": ("le meas", "is mise le meas"),
    "mt": ("tislijiet",),
    "ru": ("с уважением", "с наилучшими пожеланиями", "всего доброго", "всего наилучшего"),
    "uk": ("з повагою", "з найкращими побажаннями"),
    "tr": ("saygılarımla", "saygılarımızla", "iyi çalışmalar"),
    "zh": ("此致敬礼", "此致", "顺祝商祺", "順祝商祺", "祝好"),
    "ja": ("よろしくお願いいたします", "よろしくお願い致します", "よろしくお願いします", "敬具"),
    "vi": ("trân trọng", "thân ái", "thân mến"),
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
    "de": ("danke", "vielen dank", "danke schön", "herzlichen dank", "besten dank", "grüße"),
    "es": ("gracias", "muchas gracias", "mil gracias", "gracias de antemano"),
    "it": ("grazie", "grazie mille", "grazie ancora", "buona giornata", "a presto"),
    "pt": ("obrigado", "obrigada", "muito obrigado", "muito obrigada"),
    "nl": ("bedankt", "alvast bedankt", "dank je", "dank je wel", "dank u", "dank u wel", "groet"),
    "sv": ("tack", "tack så mycket", "stort tack", "tack på förhand", "mvh"),
    "da": ("tak", "mange tak", "på forhånd tak", "hilsen", "mvh"),
    "nb": ("takk", "tusen takk", "takk på forhånd", "hilsen", "mvh"),
    "fi": ("kiitos", "kiitos paljon", "kiitoksin"),
    "et": ("aitäh", "tänan", "tänud"),
    "pl": ("dziękuję", "dzięki", "dziękuję bardzo", "z góry dziękuję", "pozdrowienia"),
    "cs": ("děkuji", "díky", "děkuji předem", "zdravím"),
    "sk": ("ďakujem", "vďaka", "ďakujem pekne"),
    "sl": ("hvala", "najlepša hvala", "lp"),
    "hr": ("hvala", "hvala vam", "unaprijed hvala", "pozdrav"),
    "hu": ("köszönöm", "köszönettel", "köszi", "üdv"),
    "ro": ("mulțumesc", "mulțumesc frumos", "mersi"),
    "lv": ("paldies", "liels paldies"),
    "lt": ("ačiū", "labai ačiū", "dėkoju"),
    "el": ("ευχαριστώ", "ευχαριστώ πολύ", "ευχαριστούμε"),
    "bg": ("благодаря", "поздрави"),
    "ga": ("go raibh maith agat", "míle buíochas"),
    "mt": ("grazzi", "grazzi ħafna"),
    "ru": ("спасибо", "большое спасибо", "заранее спасибо", "благодарю"),
    "uk": ("дякую", "щиро дякую", "заздалегідь дякую"),
    "tr": ("teşekkürler", "teşekkür ederim", "çok teşekkürler", "iyi günler"),
    "zh": ("谢谢", "謝謝", "多谢", "多謝", "非常感谢", "非常感謝"),
    "ja": ("ありがとうございます", "ありがとうございました"),
    "ko": ("감사합니다", "고맙습니다", "감사드립니다"),
    "vi": ("cảm ơn", "cám ơn", "xin cảm ơn"),
}

# Words of a team signing in place of a person ("L'équipe Paie", "Le service RH").
TEAM_WORDS: Table = {
    "en": ("team", "office", "department", "support", "desk"),
    "fr": (
        "équipe",
        "service",
        "direction",
        "secrétariat",
        "pôle",
        "cellule",
        "département",
        "support",
    ),
}

# Lines mail apps append: "Sent from my iPhone", "Envoyé de mon iPhone". Each entry opens
# such a line; where the device comes first ("iPhone'umdan gönderildi") it is spelt out.
MOBILE_SIGNATURES: Table = {
    "en": ("sent from my", "get outlook for"),
    "fr": ("envoyé de mon", "envoyé depuis mon", "obtenir outlook pour"),
    "de": ("von meinem iphone gesendet", "von meinem ipad gesendet", "gesendet von meinem"),
    "es": ("enviado desde mi", "enviado desde mi iphone", "obtener outlook para"),
    "it": ("inviato da iphone", "inviato dal mio", "scarica outlook per"),
    "pt": ("enviado do meu", "enviado do meu iphone", "obter o outlook para"),
    "nl": ("verstuurd vanaf mijn", "verzonden vanaf mijn", "outlook voor ios downloaden"),
    "sv": ("skickat från min", "hämta outlook för"),
    "da": ("sendt fra min", "hent outlook til"),
    "nb": ("sendt fra min", "få outlook for"),
    "fi": ("lähetetty iphonesta", "lähetetty laitteesta"),
    "pl": ("wysłane z iphone'a", "wysłano z iphone'a", "wysłane z mojego"),
    "cs": ("odesláno z iphonu", "odesláno z mého"),
    "sk": ("odoslané z iphonu", "odoslané z môjho"),
    "sl": ("poslano iz mojega", "poslano z mojega"),
    "hr": ("poslano s mog", "poslano s mojeg"),
    "hu": ("iphone-ról küldve", "elküldve az iphone-omról"),
    "ro": ("trimis de pe iphone", "trimis de pe"),
    "et": ("saadetud minu iphone'ist",),
    "lv": ("nosūtīts no mana",),
    "lt": ("išsiųsta iš mano",),
    "el": ("στάλθηκε από το iphone μου", "στάλθηκε από το"),
    "bg": ("изпратено от моя",),
    "ru": ("отправлено с iphone", "отправлено с моего"),
    "uk": ("надіслано з iphone", "надіслано з мого"),
    "tr": ("iphone'umdan gönderildi", "iphone'dan gönderildi"),
    "zh": ("发自我的iphone", "发自我的 iphone", "從我的 iphone 傳送", "从我的 iphone 发送"),
    "ja": ("iphoneから送信", "iphone から送信"),
    "ko": ("나의 iphone에서 보냄", "iphone에서 보냄"),
    "vi": ("được gửi từ iphone của tôi", "gửi từ iphone của tôi"),
}

# Banners corporate gateways insert at the top of mail from outside: not the author's text.
# The Outlook "first contact" tip ("You don't often get email from …") is one too.
EXTERNAL_BANNERS: Table = {
    "en": (
        "[external]",
        "caution: this email originated from outside",
        "this email originated from outside",
        "this email is originated from outside",
        "this message originated from outside",
        "you don't often get email from",
        "external sender",
        "from an external source",
        "from outside your organization",
        "from outside the organization",
        "from outside of the organization",
    ),
    "fr": (
        "[externe]",
        "ce message provient de l'extérieur",
        "ce courriel provient de l'extérieur",
        "ce message provient d'un expéditeur externe",
        "vous n'obtenez pas souvent d'e-mail à partir de",
        "expéditeur externe",
        "provient d'une source externe",
        "provient de l'externe",
        "provient d'une adresse externe",
        "en dehors de l'organisation",
    ),
    "de": (
        "[extern]",
        "diese e-mail stammt von außerhalb",
        "achtung: diese e-mail stammt von außerhalb",
        "diese nachricht stammt von einem externen absender",
        "sie erhalten nicht oft e-mails von",
    ),
    "nl": (
        "[extern]",
        "deze e-mail is afkomstig van buiten",
        "deze e-mail komt van buiten de organisatie",
        "u ontvangt niet vaak e-mail van",
    ),
    "es": (
        "[externo]",
        "este correo electrónico se originó fuera de",
        "este correo se originó fuera de",
        "no suele recibir correo electrónico de",
    ),
    "it": (
        "[esterno]",
        "[esterna]",
        "questa email proviene dall'esterno",
        "questo messaggio proviene dall'esterno",
    ),
    "pt": (
        "[externo]",
        "este e-mail foi enviado de fora da",
        "este email teve origem fora da",
        "este e-mail é de um remetente externo",
    ),
    "sv": ("[extern]", "detta e-postmeddelande kommer från en extern avsändare"),
    "da": ("[ekstern]", "denne e-mail stammer fra en ekstern afsender"),
    "nb": ("[ekstern]", "denne e-posten kommer fra en ekstern avsender"),
    "fi": ("[ulkoinen]", "tämä sähköposti on lähetetty organisaation ulkopuolelta"),
    "pl": (
        "[zewnętrzny]",
        "[zewnętrzna]",
        "ta wiadomość pochodzi spoza organizacji",
        "ten e-mail pochodzi spoza organizacji",
    ),
    "cs": ("[externí]", "tento e-mail pochází z externího zdroje"),
    "sk": ("[externý]", "tento e-mail pochádza z externého zdroja"),
    "sl": ("[zunanji]",),
    "hr": ("[vanjski]",),
    "hu": ("[külső]", "ez az e-mail a szervezeten kívülről érkezett"),
    "ro": ("[extern]", "acest e-mail provine din afara organizației"),
    "et": ("[väline]",),
    "lv": ("[ārējs]",),
    "lt": ("[išorinis]",),
    "el": ("[εξωτερικό]",),
    "bg": ("[външен]",),
    "ru": ("[внешний]", "[внешнее]", "это письмо пришло от внешнего отправителя"),
    "uk": ("[зовнішній]",),
    "tr": ("[harici]", "bu e-posta kuruluşunuzun dışından gönderildi"),
    "zh": ("[外部]", "【外部邮件】", "[外部邮件]"),
    "ja": ("[外部]", "【外部】", "[社外]", "【社外】"),
    "ko": ("[외부]", "[외부 메일]"),
}

# Lines other products print above the quoted history of their notifications
# ("##- Please type your reply above this line -##").
REPLY_ABOVE_MARKERS: Table = {
    "en": ("reply above this line", "type your reply above this line", "previous replies"),
    "fr": (
        "répondez au-dessus de cette ligne",
        "au-dessus de cette ligne",
        "réponses précédentes",
        "messages précédents",
    ),
    "de": ("oberhalb dieser zeile", "über dieser zeile", "vorherige antworten"),
    "es": ("por encima de esta línea", "encima de esta línea"),
    "it": ("sopra questa riga", "sopra questa linea"),
    "pt": ("acima desta linha",),
    "nl": ("boven deze regel", "boven deze lijn"),
    "sv": ("ovanför denna rad", "ovanför den här raden"),
    "da": ("over denne linje",),
    "nb": ("over denne linjen",),
    "pl": ("powyżej tej linii",),
}

# Phrases of an out-of-office text sent with no auto-reply header (an Outlook rule).
AUTO_REPLY_PHRASES: Table = {
    "en": ("i am out of the office", "i will be out of the office", "i am currently out of"),
    "fr": ("je suis absent", "je suis absente", "je serai absent", "je suis en congé"),
    "de": (
        "ich bin derzeit nicht im büro",
        "ich bin zurzeit nicht im büro",
        "ich bin nicht im büro",
        "ich befinde mich im urlaub",
        "ich bin abwesend",
        "ich bin außer haus",
    ),
    "es": (
        "estoy fuera de la oficina",
        "estaré fuera de la oficina",
        "me encuentro fuera de la oficina",
        "estoy de vacaciones",
        "estaré ausente",
    ),
    "it": (
        "sono fuori ufficio",
        "sarò fuori ufficio",
        "sono assente",
        "sarò assente",
        "sono in ferie",
    ),
    "pt": (
        "estou fora do escritório",
        "estarei fora do escritório",
        "estou ausente",
        "estarei ausente",
        "estou de férias",
    ),
    "nl": (
        "ik ben afwezig",
        "ik ben momenteel afwezig",
        "ik ben niet op kantoor",
        "ik ben met vakantie",
    ),
    "sv": ("jag är inte på kontoret", "jag är på semester", "jag är ledig", "jag är borta"),
    "da": ("jeg er ikke på kontoret", "jeg er på ferie", "jeg er fraværende", "jeg har ferie"),
    "nb": ("jeg er ikke på kontoret", "jeg er på ferie", "jeg er fraværende", "jeg har ferie"),
    "fi": ("olen poissa toimistolta", "olen lomalla"),
    "et": ("olen kontorist eemal", "olen puhkusel"),
    "pl": (
        "jestem poza biurem",
        "jestem nieobecny",
        "jestem nieobecna",
        "będę nieobecny",
        "będę nieobecna",
        "przebywam na urlopie",
    ),
    "cs": ("jsem mimo kancelář", "jsem na dovolené", "nejsem v kanceláři"),
    "sk": ("som mimo kancelárie", "som na dovolenke"),
    "sl": ("sem odsoten", "sem odsotna", "nisem v pisarni"),
    "hr": ("nisam u uredu", "izvan ureda sam", "trenutno sam odsutan", "trenutno sam odsutna"),
    "hu": ("házon kívül vagyok", "szabadságon vagyok", "irodán kívül vagyok"),
    "ro": ("sunt în concediu", "nu sunt la birou", "sunt în afara biroului"),
    "lv": ("esmu atvaļinājumā", "neesmu birojā"),
    "lt": ("esu atostogose", "nesu biure"),
    "el": ("είμαι εκτός γραφείου", "βρίσκομαι εκτός γραφείου", "είμαι σε άδεια"),
    "bg": ("в момента съм извън офиса", "извън офиса съм", "в отпуск съм"),
    "ga": ("tá mé as an oifig",),
    "ru": ("я в отпуске", "я нахожусь в отпуске", "меня нет в офисе", "я отсутствую"),
    "uk": ("я у відпустці", "я у відпустці до", "мене немає в офісі", "я відсутній", "я відсутня"),
    "tr": ("ofis dışındayım", "izindeyim", "ofiste değilim"),
    "zh": ("我目前不在办公室", "我不在办公室", "我正在休假", "我目前不在辦公室", "我正在休假中"),
    "ja": ("不在にしております", "不在にしています", "休暇を取っております"),
    "ko": ("부재중입니다", "휴가 중입니다", "사무실에 없습니다"),
    "vi": (
        "tôi đang nghỉ phép",
        "tôi hiện không có mặt tại văn phòng",
        "tôi đang ở ngoài văn phòng",
    ),
}

# --- building patterns ----------------------------------------------------------------------

_ACCENTS = {
    # Latin: western European, then central European, Baltic, Romanian, Turkish and the
    # Vietnamese vowels people and old gateways type without their marks.
    "a": "aàáâãäåąăāạảấầẩẫậắằẳẵặ",
    "c": "cçćč",
    "d": "dďđ",
    "e": "eèéêëęěėēẹẻẽếềểễệ",
    "g": "gğģ",
    "i": "iìíîïīįıỉịĩ",
    "k": "kķ",
    "l": "lłļľĺ",
    "n": "nñńňņ",
    "o": "oòóôõöøőōọỏốồổỗộơớờởỡợ",
    "r": "rřŕ",
    "s": "sśšşș",
    "t": "tťţț",
    "u": "uùúûüůűūųụủũưứừửữự",
    "y": "yýÿỳỵỷỹ",
    "z": "zźżž",
    # Greek: the tonos and dialytika are often lost ("Αρχικο μηνυμα").
    "α": "αά",
    "ε": "εέ",
    "η": "ηή",
    "ι": "ιίϊΐ",
    "ο": "οό",
    "υ": "υύϋΰ",
    "ω": "ωώ",
    # Cyrillic: "ё" is mostly written "е".
    "е": "её",
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
    """One non-capturing alternation of ``items``, longest first; match with re.IGNORECASE.

    The words are merged into a prefix tree ("napisał", "napisała", "napisał(a)" share
    "napisa"), so the engine tries one branch per distinct next letter instead of one per word:
    with some 30 languages the flat list made each line's search about three times slower. A
    word that is a prefix of another ends in a greedy optional group, so the longest still wins.
    """
    root: _Node = {}
    for word in {w.lower() for w in items}:
        node = root
        for ch in word:
            node = node.setdefault(_char(ch), {})
        node[_END] = {}
    return "(?:" + _render(root)[0] + ")"


# A prefix-tree node: the pattern of the next letter -> the subtree after it.
_Node = dict[str, "_Node"]
_END = ""  # key marking that a word ends at this node


def _render(node: _Node) -> tuple[str, int]:
    """The pattern of a subtree and the length of its longest word."""
    rendered = sorted(
        ((*_render(child), atom) for atom, child in node.items() if atom != _END),
        key=lambda item: (-item[1], item[2]),
    )
    if not rendered:
        return "", 0
    # Branches that lead to longer words go first, as in a flat longest-first list, so that
    # overlapping letters ("in message" and Romanian "în") still prefer the longer word.
    branches = [atom + pattern for pattern, _, atom in rendered]
    depth = 1 + rendered[0][1]
    if _END not in node:
        if len(branches) == 1:
            return branches[0], depth
        return "(?:" + "|".join(branches) + ")", depth
    # A word ends here and longer ones go on: greedy, so the longer match is preferred.
    return "(?:" + "|".join(branches) + ")?", depth


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
