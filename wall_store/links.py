"""The web addresses that mail carries, built in one place.

Digests and notifications (`digests/`) write these links and the wall (`web/`)
serves them; both import only `wall_store`, so the route shapes live here.
"""

from __future__ import annotations

from urllib.parse import quote


def _base(base_url: str) -> str:
    return base_url.rstrip("/")


def community_url(base_url: str, slug: str) -> str:
    return f"{_base(base_url)}/c/{quote(slug)}"


def thread_url(base_url: str, slug: str, thread_id: int, post_id: int | None = None) -> str:
    anchor = f"#post-{post_id}" if post_id else ""
    return f"{community_url(base_url, slug)}/t/{thread_id}{anchor}"


def documents_url(base_url: str, slug: str) -> str:
    return f"{community_url(base_url, slug)}/documents"


def click_url(base_url: str, token: str) -> str:
    """A signed click-through (`/r/TOKEN`): counts that a digest was followed, then
    redirects to the target the token names — never to an address from the query."""
    return f"{_base(base_url)}/r/{token}"


def unsubscribe_url(base_url: str, token: str) -> str:
    """GET shows a confirmation page; POST (RFC 8058 one-click) turns digests off."""
    return f"{_base(base_url)}/unsubscribe/{token}"


def sign_in_url(base_url: str, token: str) -> str:
    return f"{_base(base_url)}/login/{token}"


def feed_url(base_url: str, slug: str, token: str | None = None) -> str:
    suffix = f"?token={token}" if token else ""
    return f"{community_url(base_url, slug)}/feed.atom{suffix}"


def settings_url(base_url: str) -> str:
    return f"{_base(base_url)}/me"
