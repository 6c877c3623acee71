"""Every route, for each kind of visitor: anonymous, non-member, member, manager.

Anonymous visitors are sent to sign in (pages) or get 401 (API); a private
community answers 404 to a non-member exactly as a missing one would; writing
needs membership; moderation and adoption need a manager.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import CSRF, MANAGER, MEMBER, OPS, OUTSIDER, Wall

SIGN_IN, OK, DONE, FORBIDDEN, HIDDEN, UNAUTHORISED, CREATED = 303, 200, 303, 403, 404, 401, 201


def reads(w: Wall) -> dict[str, str]:
    """Every GET route that shows community content, for the public and the private one."""
    atlas = w.thread_id("atlas", "Comité de pilotage : ordre du jour")
    rh = w.thread_id("rh", "Entretiens annuels")
    routes = {}
    for slug, thread in (("atlas", atlas), ("rh", rh)):
        routes.update({
            f"{slug} wall": f"/c/{slug}",
            f"{slug} wall by channel": f"/c/{slug}?channel=lot-1",
            f"{slug} thread": f"/c/{slug}/t/{thread}",
            f"{slug} attachment": f"/c/{slug}/t/{thread}/a/{w.attachment_id(thread)}",
            f"{slug} documents": f"/c/{slug}/documents",
            f"{slug} members": f"/c/{slug}/members",
            f"{slug} feed": f"/c/{slug}/feed.atom",
            f"{slug} api wall": f"/api/c/{slug}",
            f"{slug} api thread": f"/api/c/{slug}/t/{thread}",
            f"{slug} api documents": f"/api/c/{slug}/documents",
            f"{slug} api members": f"/api/c/{slug}/members",
        })
    routes["atlas download"] = "/c/atlas/documents/v/1/planning-recette.pdf"
    routes["rh download"] = "/c/rh/documents/v/1/grille-salaires-2027.pdf"
    return routes


MANAGED = ("moderation", "adoption")


def statuses(client: TestClient, routes: dict[str, str]) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in routes.items()}


def expected_reads(w: Wall, public: int, private: int, api_public: int | None = None,
                   api_private: int | None = None) -> dict[str, int]:
    result = {}
    for name in reads(w):
        api = " api " in f" {name} "
        if name.startswith("atlas"):
            result[name] = api_public if api and api_public is not None else public
        else:
            result[name] = api_private if api and api_private is not None else private
    return result


def writes(w: Wall) -> dict[str, Callable[[TestClient], int]]:
    atlas = w.thread_id("atlas", "Comité de pilotage : ordre du jour")
    rh = w.thread_id("rh", "Entretiens annuels")
    atlas_post, rh_post = w.posts(atlas)[0].id, w.posts(rh)[0].id
    form = {"csrf": CSRF}
    header = {"X-CSRF-Token": CSRF}
    return {
        f"{slug} {action}": call
        for slug, thread, post in (("atlas", atlas, atlas_post), ("rh", rh, rh_post))
        for action, call in {
            "reply": lambda c, s=slug, t=thread: c.post(
                f"/c/{s}/t/{t}/reply", data={**form, "text": "D'accord pour jeudi."}).status_code,
            "new thread": lambda c, s=slug: c.post(
                f"/c/{s}/threads", data={**form, "subject": "Recette", "text": "Lundi 9h."}
            ).status_code,
            "like": lambda c, s=slug, p=post: c.post(
                f"/c/{s}/posts/{p}/like", data={**form, "like": "1"}).status_code,
            "upload": lambda c, s=slug: c.post(
                f"/c/{s}/documents", data=form,
                files={"file": ("compte-rendu.txt", b"Compte-rendu", "text/plain")}).status_code,
            "api reply": lambda c, s=slug, t=thread: c.post(
                f"/api/c/{s}/t/{t}/replies", json={"text": "Vu."}, headers=header).status_code,
            "api like": lambda c, s=slug, p=post: c.put(
                f"/api/c/{s}/posts/{p}/like", headers=header).status_code,
        }.items()
    }


def write_statuses(w: Wall, client: TestClient) -> dict[str, int]:
    return {name: call(client) for name, call in writes(w).items()}


def expected_writes(w: Wall, public: int, private: int, *, anonymous: bool = False
                    ) -> dict[str, int]:
    """`DONE` stands for success, which the API says as 201 (reply) or 200 (like); an
    anonymous API call is 401 where a form is sent to sign in."""
    result = {}
    for name in writes(w):
        status = public if name.startswith("atlas") else private
        if " api " in f" {name} ":
            if anonymous:
                status = UNAUTHORISED
            elif status == DONE:
                status = CREATED if name.endswith("reply") else OK
        result[name] = status
    return result


def managed(client: TestClient) -> dict[str, int]:
    return {f"{slug} {page}": client.get(f"/c/{slug}/{page}").status_code
            for slug in ("atlas", "rh") for page in MANAGED}


def personal(client: TestClient) -> dict[str, int]:
    return {url: client.get(url).status_code
            for url in ("/", "/me", "/search?q=entretiens", "/ops/quarantine", "/api/me",
                        "/api/communities", "/api/search?q=entretiens")}


def test_anonymous_visitors_are_sent_to_sign_in_and_see_no_community_content(wall: Wall) -> None:
    client = wall.client(None)
    assert statuses(client, reads(wall)) == expected_reads(wall, SIGN_IN, SIGN_IN,
                                                           UNAUTHORISED, UNAUTHORISED)
    assert write_statuses(wall, client) == expected_writes(wall, SIGN_IN, SIGN_IN,
                                                           anonymous=True)
    assert managed(client) == dict.fromkeys(managed(client), SIGN_IN)
    assert personal(client) == {"/": SIGN_IN, "/me": SIGN_IN, "/search?q=entretiens": SIGN_IN,
                                "/ops/quarantine": SIGN_IN, "/api/me": UNAUTHORISED,
                                "/api/communities": UNAUTHORISED,
                                "/api/search?q=entretiens": UNAUTHORISED}


def test_a_non_member_reads_public_communities_and_cannot_see_private_ones(wall: Wall) -> None:
    client = wall.client(OUTSIDER)
    assert statuses(client, reads(wall)) == expected_reads(wall, OK, HIDDEN)
    assert write_statuses(wall, client) == expected_writes(wall, FORBIDDEN, HIDDEN)
    assert managed(client) == {"atlas moderation": FORBIDDEN, "atlas adoption": FORBIDDEN,
                               "rh moderation": HIDDEN, "rh adoption": HIDDEN}
    assert personal(client) == {"/": OK, "/me": OK, "/search?q=entretiens": OK,
                                "/ops/quarantine": HIDDEN, "/api/me": OK,
                                "/api/communities": OK, "/api/search?q=entretiens": OK}


def test_a_member_reads_and_writes_in_their_communities_but_does_not_moderate(wall: Wall) -> None:
    client = wall.client(MEMBER)
    assert statuses(client, reads(wall)) == expected_reads(wall, OK, OK)
    assert write_statuses(wall, client) == expected_writes(wall, DONE, DONE)
    assert managed(client) == dict.fromkeys(managed(client), FORBIDDEN)
    assert personal(client)["/ops/quarantine"] == HIDDEN


def test_a_manager_reads_writes_moderates_and_watches_adoption(wall: Wall) -> None:
    client = wall.client(MANAGER)
    assert statuses(client, reads(wall)) == expected_reads(wall, OK, OK)
    assert write_statuses(wall, client) == expected_writes(wall, DONE, DONE)
    assert managed(client) == dict.fromkeys(managed(client), OK)


def test_only_ops_addresses_see_the_quarantine(wall: Wall) -> None:
    assert wall.client(OPS).get("/ops/quarantine").status_code == OK
    assert wall.client(MANAGER).get("/ops/quarantine").status_code == HIDDEN


def test_search_never_returns_posts_from_a_private_community_to_a_non_member(wall: Wall) -> None:
    outsider = wall.client(OUTSIDER).get("/api/search?q=entretiens").json()
    member = wall.client(MEMBER).get("/api/search?q=entretiens").json()
    assert outsider == []
    assert [hit["subject"] for hit in member] == ["Entretiens annuels"]


def test_the_home_page_lists_no_private_community_to_a_non_member(wall: Wall) -> None:
    slugs = [c["slug"] for c in wall.client(OUTSIDER).get("/api/communities").json()]
    assert slugs == ["atlas"]
    assert "RH confidentiel" not in wall.client(OUTSIDER).get("/").text


@pytest.mark.parametrize("token", ["forged", ""])
def test_a_private_feed_needs_a_valid_signed_token(wall: Wall, token: str) -> None:
    anonymous = wall.client(None)
    assert anonymous.get(f"/c/rh/feed.atom?token={token}").status_code in (HIDDEN, SIGN_IN)
