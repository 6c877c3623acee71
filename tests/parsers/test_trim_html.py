"""HTML replies split on the structure each mail client uses to mark the quote."""

from __future__ import annotations

from parsers.trim_html import split_html, split_html_quote


def test_gmail_quote_div_is_the_quoted_part() -> None:
    html = (
        '<div dir="ltr">Parfait, merci !</div><br><div class="gmail_quote">'
        '<div dir="ltr" class="gmail_attr">Le lun. 3 mars 2025 à 10:12, Alice a écrit :<br></div>'
        '<blockquote class="gmail_quote">Bonjour Jean</blockquote></div>'
    )
    new, quoted = split_html_quote(html)
    assert new == '<div dir="ltr">Parfait, merci !</div><br>'
    assert quoted.startswith('<div class="gmail_quote">') and "Bonjour Jean" in quoted


def test_gmail_signature_below_the_quote_stays_in_the_new_part() -> None:
    html = (
        '<div>OK</div><div class="gmail_quote">Alice a écrit : …</div>'
        '-- <br><div class="gmail_signature">Jean Dupont</div>'
    )
    new, quoted = split_html_quote(html)
    assert "Jean Dupont" in new and "Jean Dupont" not in quoted


def test_outlook_reply_header_div_and_everything_after_is_quoted() -> None:
    html = (
        "<html><body><div><p>Je valide.</p></div>"
        '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">'
        "<b>De :</b> Alice Martin<br><b>Envoyé :</b> lundi 3 mars 2025 10:12</div>"
        "<div><p>Bonjour Jean, peux-tu valider ?</p></div></body></html>"
    )
    new, quoted = split_html_quote(html)
    assert "Je valide." in new and "peux-tu valider" not in new
    assert quoted.startswith('<div id="divRplyFwdMsg"') and "peux-tu valider" in quoted
    assert new.endswith("</body></html>")


def test_outlook_appendonsend_marker_starts_the_quote() -> None:
    html = '<div>Vu.</div><div id="appendonsend"></div><div>De : Alice</div>'
    new, quoted = split_html_quote(html)
    assert new == "<div>Vu.</div>"
    assert "De : Alice" in quoted


def test_outlook_border_top_separator_div_starts_the_quote() -> None:
    html = (
        '<div class="WordSection1"><p>Bien reçu.</p>'
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        "<p><b>From:</b> Alice</p></div><p>Original text</p></div>"
    )
    new, quoted = split_html_quote(html)
    assert new == '<div class="WordSection1"><p>Bien reçu.</p></div>'
    assert quoted.startswith('<div class="WordSection1"><div style="border:none')
    assert "Original text" in quoted


def test_apple_mail_cite_blockquote_is_quoted_and_text_after_it_is_new() -> None:
    html = (
        '<div>En haut.</div><blockquote type="cite"><div>Question ?</div></blockquote>'
        "<div>Réponse en dessous.</div>"
    )
    new, quoted = split_html_quote(html)
    assert new == "<div>En haut.</div><div>Réponse en dessous.</div>"
    assert quoted == '<blockquote type="cite"><div>Question ?</div></blockquote>'


def test_thunderbird_cite_prefix_and_blockquote_are_quoted() -> None:
    html = (
        '<p>Merci.</p><div class="moz-cite-prefix">Le 03/03/2025 à 10:12, Alice a écrit :<br>'
        '</div><blockquote type="cite">Texte</blockquote>'
    )
    new, quoted = split_html_quote(html)
    assert new == "<p>Merci.</p>"
    assert "a écrit" in quoted and "Texte" in quoted


def test_yahoo_quoted_container_is_quoted() -> None:
    html = (
        '<div dir="ltr">Thanks Jane.</div><div class="ydp9b1f0a55yahoo_quoted">'
        "<div>On Thursday, Jane wrote:</div><div>Original</div></div>"
    )
    new, quoted = split_html_quote(html)
    assert new == '<div dir="ltr">Thanks Jane.</div>'
    assert "Original" in quoted


def test_generic_blockquote_is_quoted() -> None:
    new, quoted = split_html_quote("<p>Oui.</p><blockquote>Tu viens ?</blockquote>")
    assert (new, quoted) == ("<p>Oui.</p>", "<blockquote>Tu viens ?</blockquote>")


def test_nested_blockquotes_are_quoted_as_one_element() -> None:
    html = "<blockquote>a<blockquote>b</blockquote>c</blockquote><p>new</p>"
    new, quoted = split_html_quote(html)
    assert new == "<p>new</p>"
    assert quoted == "<blockquote>a<blockquote>b</blockquote>c</blockquote>"


def test_html_without_markers_is_all_new() -> None:
    html = "<p>One</p><p>Two</p>"
    assert split_html_quote(html) == (html, "")


def test_empty_html_is_all_new() -> None:
    assert split_html_quote("") == ("", "")


def test_entities_and_comments_survive_the_split_byte_for_byte() -> None:
    html = "<p>A &amp; B &#233;<!-- note --></p><blockquote>q</blockquote>"
    assert split_html_quote(html)[0] == "<p>A &amp; B &#233;<!-- note --></p>"


def test_deeply_nested_hostile_html_is_split_with_output_no_larger_than_input() -> None:
    # Bounded work, counted by size: every token is emitted once, plus closing
    # tags for what is still open at the split.
    depth = 20_000
    html = "<div>" * depth + "x" + '<div class="gmail_quote">q</div>' + "</div>" * depth
    new, quoted = split_html_quote(html)
    assert new.count("<div>") == depth and "q" not in new
    assert len(new) + len(quoted) <= len(html) + len("</div>") * depth


def test_stray_end_tags_under_deep_nesting_keep_the_output_bounded() -> None:
    html = "<div>" * 30_000 + "</span>" * 30_000 + '<div id="appendonsend"></div>old'
    new, quoted = split_html_quote(html)
    assert "old" in quoted and "old" not in new
    assert new.endswith("</div>" * 30_000)
    assert len(new) + len(quoted) <= 2 * len(html) + len("</div>") * 30_000


def test_gmail_signature_container_is_the_signature_not_new_text() -> None:
    html = (
        '<div dir="ltr">Ok pour moi.<div><br></div><div><div dir="ltr" class="gmail_signature" '
        'data-smartmail="gmail_signature"><div dir="ltr">Marie Curie<div>Chef de projet</div>'
        "</div></div></div></div>"
    )
    split = split_html(html)
    assert "Ok pour moi." in split.new and "Marie Curie" not in split.new
    assert "Marie Curie" in split.signature and split.quoted == ""


def test_thunderbird_signature_container_is_the_signature() -> None:
    split = split_html('<p>Vu.</p><div class="moz-signature">-- <br>Luc Girard</div>')
    assert (split.new, split.quoted) == ("<p>Vu.</p>", "")
    assert "Luc Girard" in split.signature


def test_blockquote_inside_the_authors_own_text_stays_new() -> None:
    html = (
        "<div>Le client nous écrit ceci :</div><blockquote><div>Nous souhaitons décaler la "
        "livraison au 15 avril.</div></blockquote><div>Je propose d'accepter.</div>"
    )
    new, quoted = split_html_quote(html)
    assert "décaler la livraison" in new and "Je propose" in new
    assert quoted == ""


def test_blockquote_under_an_attribution_with_text_below_is_quoted() -> None:
    html = (
        "<div>Le 3 mars 2025 à 10:12, Alice Martin &lt;alice@example.fr&gt; a écrit :</div>"
        "<blockquote><div>Tu viens jeudi ?</div></blockquote><div>Oui, je viens.</div>"
    )
    new, quoted = split_html_quote(html)
    assert "Tu viens jeudi" in quoted and "Oui, je viens." in new


def test_gmail_indent_blockquote_without_border_is_layout() -> None:
    html = (
        '<div>Ordre du jour :</div><blockquote style="margin:0 0 0 40px;border:none;padding:0px">'
        "<div>1. Budget</div></blockquote>"
    )
    new, quoted = split_html_quote(html)
    assert "1. Budget" in new and quoted == ""


def test_blockquote_under_an_attribution_without_a_date_is_quoted() -> None:
    html = (
        "<div>Jean Dupont a écrit&nbsp;:</div><blockquote><div>Tu viens jeudi ?</div>"
        "</blockquote><div>Oui, je viens.</div>"
    )
    new, quoted = split_html_quote(html)
    assert "Tu viens jeudi" in quoted and "Oui, je viens." in new


def test_digits_in_earlier_lines_do_not_make_an_excerpt_a_quote() -> None:
    html = (
        "<div>Le devis est de 3 200 €.</div><div>Le client nous écrit ceci :</div><blockquote>"
        "<div>Nous souhaitons décaler la livraison.</div></blockquote><div>On accepte ?</div>"
    )
    new, quoted = split_html_quote(html)
    assert "décaler la livraison" in new and quoted == ""


def test_blockquotes_nested_in_the_authors_excerpt_stay_new_with_it() -> None:
    html = (
        "<p>Le client écrit :</p><blockquote>a<blockquote>b</blockquote>c</blockquote>"
        "<p>Je réponds demain.</p>"
    )
    new, quoted = split_html_quote(html)
    assert new == html and quoted == ""


def test_exchange_message_reply_section_is_the_history() -> None:
    html = (
        '<div name="messageBodySection"><p>Le devis est validé.</p></div>'
        '<div name="messageReplySection">Le 3 mars, Paul a écrit :<br>'
        "<p>Peux-tu valider le devis ?</p></div>"
    )
    new, quoted = split_html_quote(html)
    assert "validé" in new and "Peux-tu" not in new
    assert "Peux-tu valider" in quoted
