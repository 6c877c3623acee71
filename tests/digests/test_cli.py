"""`mailwall user set`, `digest preview|run`, `stats`, `outbox show` through click's runner."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import update

from digests.run import JOB
from tests.cli.conftest import Mailwall, mailwall, refused  # noqa: F401 - fixtures
from tests.digests.conftest import ELODIE, JEROME, post
from wall_store import communities, jobs, people, wall
from wall_store.base import utcnow
from wall_store.db import make_engine, session_factory
from wall_store.digest_queries import scheduler_lock
from wall_store.models import Membership


@pytest.fixture
def site(mailwall: Mailwall, monkeypatch: pytest.MonkeyPatch) -> Mailwall:  # noqa: F811
    """A community with an answered thread from an hour ago; daily digests due at midnight,
    on a site whose digest scheduler and members date from a week ago."""
    monkeypatch.setenv("MAILWALL_DIGESTS_DEFAULT_FREQUENCY", "daily")
    monkeypatch.setenv("MAILWALL_DIGESTS_HOUR", "0")
    monkeypatch.setenv("MAILWALL_WEB_BASE_URL", "https://mur.lumiere-sa.fr")
    engine = make_engine(mailwall.database_url)
    with session_factory(engine)() as session, session.begin():
        atlas = communities.create_community(session, "atlas", name="Projet Atlas",
                                             kind="project")
        elodie = people.add_member(session, "atlas", ELODIE, name="Élodie Martin")[0].person
        jerome = people.add_member(session, "atlas", JEROME, name="Jérôme Dubois")[0].person
        now = utcnow()
        session.execute(update(Membership).values(created_at=now - timedelta(days=7)))
        jobs.record_run(session, JOB, now - timedelta(days=7))
        thread = wall.start_thread(session, atlas, subject="Réunion de lancement",
                                   normalized_subject="reunion de lancement",
                                   started_by=elodie, at=now - timedelta(hours=2))
        first = post(session, thread, elodie, "Lancement jeudi 10 h, salle Vauban.",
                     now - timedelta(hours=2), "lancement-1@lumiere-sa.fr")
        post(session, thread, jerome, "Je serai là, j'apporte le planning.",
             now - timedelta(hours=1), "lancement-2@lumiere-sa.fr", parent=first)
    engine.dispose()
    return mailwall


def test_user_set_changes_digest_notifications_language_and_name(site: Mailwall) -> None:
    data = site.json("user", "set", ELODIE, "--digest", "weekly", "--notifications", "off",
                     "--locale", "en", "--name", "Élodie Martin-Roux")
    assert data["digest"] == "weekly" and data["notifications"] == "off"
    assert data["locale"] == "en" and data["name"] == "Élodie Martin-Roux"
    assert site.json("user", "show", ELODIE)["digest"] == "weekly"


def test_user_set_refuses_an_unknown_frequency(site: Mailwall, refused) -> None:  # noqa: F811
    result = refused("user", "set", ELODIE, "--digest", "hourly")
    assert "daily, weekly, never" in result.stderr


def test_digest_preview_shows_what_would_go_out_and_sends_nothing(site: Mailwall) -> None:
    result = site("digest", "preview", ELODIE)
    assert result.exit_code == 0, result.output
    assert "Je serai là, j'apporte le planning." in result.output
    html = site("digest", "preview", ELODIE, "--html")
    assert "<html" in html.output
    assert site.json("outbox", "list") == []


def test_digest_run_twice_sends_each_digest_once(site: Mailwall) -> None:
    dry = site.json("digest", "run", "--dry-run")
    assert dry["sent"] == 2 and site.json("outbox", "list") == []
    first = site.json("digest", "run")
    assert first["sent"] == 2
    second = site.json("digest", "run")
    assert second["sent"] == 0 and second["already_sent"] == 2
    assert len(site.json("outbox", "list")) == 2


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_digest_run_waits_its_turn_while_a_serve_node_sends_digests(
    site: Mailwall, refused,  # noqa: F811
) -> None:
    engine = make_engine(site.database_url)
    try:
        with scheduler_lock(engine) as held:  # what a `serve` node's scheduler holds
            assert held
            answer = refused("digest", "run")
        assert "sending digests right now" in answer.stderr
        assert site.json("digest", "run")["sent"] == 2
    finally:
        engine.dispose()


def test_outbox_show_prints_headers_and_body(site: Mailwall) -> None:
    site.json("digest", "run")
    [row, *_] = site.json("outbox", "list")
    shown = site.json("outbox", "show", str(row["id"]))
    names = [name for name, _ in shown["headers"]]
    assert "List-Unsubscribe" in names and "Auto-Submitted" in names
    assert "Réunion de lancement" in shown["body"]


def test_stats_counts_posts_by_source_and_digests_per_week(site: Mailwall) -> None:
    site.json("digest", "run")
    data = site.json("stats", "atlas", "--weeks", "2")
    this_week = data["weeks"][-1]
    assert this_week["posts"] == {"email": 2, "web": 0, "import": 0}
    assert this_week["stages"]["email-only"] == 2
    assert this_week["digests_sent"] == 2


def test_stats_draws_png_and_svg_charts(site: Mailwall, tmp_path: Path) -> None:
    png, svg = tmp_path / "adoption.png", tmp_path / "adoption.svg"
    site.json("stats", "--chart", str(png))
    site.json("stats", "atlas", "--chart", str(svg))
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    root = etree.parse(str(svg)).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_stats_refuses_a_chart_format_it_cannot_draw(site: Mailwall,
                                                    refused) -> None:  # noqa: F811
    refused("stats", "--chart", "adoption.gif")
