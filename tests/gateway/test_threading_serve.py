"""Threads whatever the order, end to end: a shuffled stream of roots and replies sent to
real `mailwall serve` processes (4 workers; two nodes on one PostgreSQL) ends as exactly
one thread per root, every reply in its parent's, each message posted once."""

from __future__ import annotations

import random
import smtplib
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from tests.gateway.conftest import ENTRAIDE, Serve, Site
from wall_store.base import utcnow
from wall_store.wall import wall_view

THREADS = 200
REPLIES = 3
CONNECTIONS = 4
PEOPLE = ["Thomas Bernard <thomas.bernard@lumiere-sa.fr>",
          "Élodie Martin <elodie.martin@lumiere-sa.fr>",
          "Karim Haddad <karim.haddad@lumiere-sa.fr>",
          "Sophie Laurent <sophie.laurent@lumiere-sa.fr>"]
# Half the threads share one subject, as weekly meetings and shared mailboxes do.
SUBJECTS = ["Point hebdo", "Imprimante du 2e étage en panne", "VPN : accès refusé depuis hier"]


def subject_of(n: int) -> str:
    return SUBJECTS[0] if n % 2 == 0 else SUBJECTS[n % 3] if n % 3 else f"Poste {n} : mot de passe"


def message_id(n: int, k: int) -> str:
    return f"fil-{n}@lumiere-sa.fr" if k == 0 else f"fil-{n}-r{k}@lumiere-sa.fr"


def stream() -> list[bytes]:
    """Root n and its replies 1..3, each answering the one before (In-Reply-To, References
    from the root), shuffled."""
    start = utcnow() - timedelta(days=2)
    mails = []
    for n in range(THREADS):
        for k in range(REPLIES + 1):
            msg = EmailMessage()
            msg["From"] = PEOPLE[(n + k) % len(PEOPLE)]
            msg["To"] = ENTRAIDE
            msg["Subject"] = subject_of(n) if k == 0 else f"RE: {subject_of(n)}"
            msg["Date"] = format_datetime(start + timedelta(minutes=5 * n, seconds=30 * k))
            msg["Message-ID"] = f"<{message_id(n, k)}>"
            if k:
                msg["In-Reply-To"] = f"<{message_id(n, k - 1)}>"
                msg["References"] = " ".join(f"<{message_id(n, j)}>" for j in range(k))
            msg.set_content(f"Bonjour,\n\nMessage {k} du fil {n} : on avance.\n\nThomas"
                            if k else f"Bonjour à tous,\n\nSujet {n} à traiter.\n")
            mails.append(bytes(msg))
    random.Random(20261128).shuffle(mails)
    return mails


def send(port: int, mails: list[bytes]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
        for raw in mails:
            smtp.sendmail("thomas.bernard@lumiere-sa.fr", [ENTRAIDE], raw)


def test_a_shuffled_stream_of_roots_and_replies_ends_one_thread_per_root(
    site: Site, serve: Serve
) -> None:
    nodes = 2 if site.database_url.startswith("postgresql") else 1
    gateways = [serve(site, pipeline_workers=4) for _ in range(nodes)]
    mails = stream()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        # Each connection goes to one node in turn: both nodes take mail and process it.
        list(pool.map(lambda c: send(gateways[c % nodes].port, mails[c::CONNECTIONS]),
                      range(CONNECTIONS)))

    counts = site.wait_until_settled(timeout=120)

    assert counts == {"done": THREADS * (REPLIES + 1)}
    with site.sessions() as session:
        threads = wall_view(session, "entraide-it", limit=100_000)["threads"]
    posts = [(post["message_id"], thread["id"]) for thread in threads for post in thread["posts"]]
    thread_of = dict(posts)
    assert len(posts) == len(thread_of) == THREADS * (REPLIES + 1)
    assert len(set(thread_of.values())) == THREADS
    misplaced = [message_id(n, k) for n in range(THREADS) for k in range(1, REPLIES + 1)
                 if thread_of[message_id(n, k)] != thread_of[message_id(n, 0)]]
    assert misplaced == []
