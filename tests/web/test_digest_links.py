"""The links a digest carries lead onto the wall, and following one is counted."""

from __future__ import annotations

import re
from email import message_from_bytes
from email.policy import default

from sqlalchemy import select

from digests.run import preview
from digests.settings import MailSettings
from tests.web.conftest import DOMAIN, MEMBER, Wall, mail
from wall_store.models import Activity, ActivityKind


def digest_links(wall: Wall, address: str) -> list[str]:
    settings = MailSettings.from_config(wall.config)
    prepared = preview(wall.sessions, settings, address)
    assert prepared is not None and prepared.message is not None, "nothing to send"
    message = message_from_bytes(prepared.message.raw, policy=default)
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    return re.findall(r'href="https?://[^"/]+(/r/[^"]+)"', html)


def test_following_a_digest_link_counts_the_click_and_opens_the_thread(wall: Wall) -> None:
    wall.deliver(mail("Recette du lot 2", "La recette du lot 2 démarre jeudi.",
                      to=f"atlas@{DOMAIN}"))
    links = digest_links(wall, MEMBER)
    assert links, "the digest carries click-through links"
    response = wall.client(MEMBER).get(links[0])
    assert response.status_code in (302, 303)
    target = re.fullmatch(r"/c/atlas/t/(\d+)(#post-\d+)?", response.headers["location"])
    assert target, response.headers["location"]
    thread_id = int(target.group(1))
    assert wall.client(MEMBER).get(f"/c/atlas/t/{thread_id}").status_code == 200
    with wall.sessions() as session:
        clicks = session.scalars(select(Activity).where(
            Activity.kind == ActivityKind.DIGEST_CLICK)).all()
    assert [(c.person_id, c.ref) for c in clicks] == [(wall.person_id(MEMBER), thread_id)]


def test_an_altered_digest_link_is_refused(wall: Wall) -> None:
    wall.deliver(mail("Recette du lot 2", "Jeudi.", to=f"atlas@{DOMAIN}"))
    link = digest_links(wall, MEMBER)[0]
    response = wall.client(MEMBER).get(link[:-3] + "xyz")
    assert response.status_code == 404


def test_one_click_unsubscribe_from_a_digest_turns_digests_off(wall: Wall) -> None:
    from wall_store.models import DigestFrequency, Person

    wall.deliver(mail("Recette du lot 2", "Jeudi.", to=f"atlas@{DOMAIN}"))
    settings = MailSettings.from_config(wall.config)
    prepared = preview(wall.sessions, settings, MEMBER)
    assert prepared is not None and prepared.message is not None
    message = message_from_bytes(prepared.message.raw, policy=default)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.search(r"<(https?://[^>]+/unsubscribe/[^>]+)>", str(message["List-Unsubscribe"]))
    assert url, message["List-Unsubscribe"]
    path = "/" + url.group(1).split("/", 3)[3]
    # RFC 8058: the mail client POSTs this body, with no cookie and no CSRF token.
    anonymous = wall.client(None)
    anonymous.cookies.clear()
    response = anonymous.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    with wall.sessions() as session:
        person = session.get(Person, wall.person_id(MEMBER))
        assert person is not None and person.digest_frequency is DigestFrequency.NEVER
