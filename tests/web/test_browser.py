"""The wall in real Chromium, against a real `mailwall serve` (SMTP in, web out, outbox to a
Maildir): what a person who clicks through from their mail does.

Screenshots of the main pages land in tests/artifacts/ (kept by CI, ignored by git).
"""

from __future__ import annotations

import mailbox
import os
import re
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from cli import main
from tests.services import service_missing
from tests.web.conftest import DOMAIN, MANAGER, MEMBER, populate
from wall_store.db import make_engine, session_factory
from wall_store.models import Notification, Post, PostSource

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate, what: str, seconds: float = 60.0):  # type: ignore[no-untyped-def]
    # A generous bound so that a broken server fails the test instead of hanging it;
    # no assertion is about how fast anything is.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


@dataclass
class Server:
    base_url: str
    smtp_port: int
    outbox: Path
    database_url: str
    followed: set[str] = field(default_factory=set)

    def send(self, msg: EmailMessage) -> None:
        with smtplib.SMTP("127.0.0.1", self.smtp_port) as smtp:
            smtp.send_message(msg)

    def sign_in_link(self, address: str) -> str:
        def find() -> str | None:
            box = mailbox.Maildir(self.outbox, create=False)
            for message in box:
                # The sign-in mail greets by name: `To: Élodie Martin <address>`.
                text = (message.get_payload(decode=True) or b"").decode(errors="replace")
                if parseaddr(message["To"])[1] == address and "login" in text:
                    body = message.get_payload(decode=True).decode()
                    link = re.search(r"http\S+/login/\S+", body).group(0)  # type: ignore[union-attr]
                    if link not in self.followed:
                        return link
            return None
        link = wait_for(find, f"a new sign-in mail to {address} in the outbox Maildir")
        self.followed.add(link)
        return link


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not CHROMIUM.exists():
        service_missing("chromium not installed")
    data = tmp_path_factory.mktemp("wall") / "data"
    database_url = f"sqlite:///{data / 'mailwall.db'}"
    result = CliRunner().invoke(main, ["init", "--data-dir", str(data)],
                                env={"MAILWALL_DATABASE_URL": database_url})
    assert result.exit_code == 0, result.output
    engine = make_engine(database_url)
    with session_factory(engine)() as session, session.begin():
        populate(session)
    engine.dispose()
    web_port, smtp_port = free_port(), free_port()
    base_url = f"http://127.0.0.1:{web_port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILWALL_")}
    env.update(MAILWALL_CONFIG=str(data / "mailwall.toml"), MAILWALL_DATABASE_URL=database_url,
               MAILWALL_SMTP_PORT=str(smtp_port), MAILWALL_SMTP_DOMAIN=DOMAIN,
               MAILWALL_WEB_PORT=str(web_port), MAILWALL_WEB_BASE_URL=base_url,
               MAILWALL_NOTIFICATIONS_BATCH_SECONDS="0", PYTHONUNBUFFERED="1")
    log = (data.parent / "serve.log").open("wb")
    process = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "serve"],
                               env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)

    def listening() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", web_port), timeout=1):
                return True
        except OSError:
            assert process.poll() is None, (data.parent / "serve.log").read_text()
            return False

    wait_for(listening, "mailwall serve to listen")
    yield Server(base_url, smtp_port, data / "outbox", database_url)
    process.terminate()
    process.wait(60)
    log.close()


@pytest.fixture(scope="module")
def browser(server: Server):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def signed_in_page(browser, server: Server, address: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="fr-FR", viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.goto(server.base_url + "/")
    page.fill("input[name=email]", address)
    page.click("text=M'envoyer un lien de connexion")
    page.wait_for_selector("text=Consultez votre messagerie")
    page.goto(server.sign_in_link(address))
    page.click("text=Continuer vers le mur")
    page.wait_for_selector("text=Mes communautés")
    return page


def mail_thread(server: Server) -> None:
    msg = EmailMessage()
    msg["From"] = "François Lefèvre <" + MEMBER + ">"
    msg["To"] = f"atlas@{DOMAIN}"
    msg["Subject"] = "Recette du lot 1 : planning"
    msg.set_content("Bonjour,\n\nLa recette du lot 1 commence lundi. Qui peut tester le "
                    "parcours de connexion ?\n\nFrançois\n")
    server.send(msg)


def test_a_member_signs_in_reads_a_mailed_thread_replies_likes_and_the_mail_user_hears_of_it(
        server: Server, browser) -> None:  # type: ignore[no-untyped-def]
    mail_thread(server)
    page = signed_in_page(browser, server, MANAGER)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    page.click("text=Projet Atlas")
    page.wait_for_selector("text=Recette du lot 1 : planning", timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "wall.png"), full_page=True)
    page.click("text=Recette du lot 1 : planning")
    assert "La recette du lot 1 commence lundi" in page.inner_text("article.post")
    assert "courriel" in page.inner_text("article.post header")
    page.fill("textarea[name=text]", "Je m'en charge mardi matin, Élodie.")
    page.click("text=Répondre")
    page.wait_for_selector("text=Je m'en charge mardi matin")
    page.locator("article.post").first.locator("button.like").click()
    page.wait_for_selector("text=Je n'aime plus")
    page.screenshot(path=str(ARTIFACTS / "thread.png"), full_page=True)

    engine = make_engine(server.database_url)
    with session_factory(engine)() as session:
        reply = session.scalar(select(Post).where(Post.source == PostSource.WEB))
        assert reply is not None
        notified = wait_for(lambda: session.scalars(
            select(Notification).where(Notification.post_id == reply.id)).all()
            or session.rollback(), "the reply's notification")
    engine.dispose()
    assert notified


def test_a_member_uploads_a_new_version_of_a_document(server: Server, browser) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, MEMBER)
    page.goto(server.base_url + "/c/atlas/documents")
    page.set_input_files("input[type=file]", files=[{
        "name": "planning-recette.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4 planning v2 avec les dates"}])
    page.click("button:has-text('Déposer')")
    page.wait_for_selector("text=version 2")
    page.screenshot(path=str(ARTIFACTS / "documents.png"), full_page=True)


def test_search_finds_a_mailed_post(server: Server, browser) -> None:  # type: ignore[no-untyped-def]
    page = signed_in_page(browser, server, MEMBER)
    page.fill("input[name=q]", "entretiens annuels")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("text=Résultats pour")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    page.fill("input[name=q]", "recette")
    page.press("input[name=q]", "Enter")
    wait_for(lambda: "Recette du lot 1" in page.inner_text("main") or page.reload(),
             "the mailed thread in search results")
