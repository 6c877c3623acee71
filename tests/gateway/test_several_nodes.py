"""Several `mailwall serve` nodes on one PostgreSQL, two of them killed mid-stream.

The design's promise for larger companies: several nodes behind several MX
records share one database, and still every acknowledged message is posted
once, in its thread, and every mail Mailwall sends goes out once. This test
streams 3,000 messages (new threads, replies sent in shuffled order, `+1`
likes, attachments, mentions) across three nodes, each with its own SMTP port,
SIGKILLs a random node twice during the stream and starts it again, then reads
the store and the smarthost's log.
"""

from __future__ import annotations

import random
import smtplib
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from digests.run import JOB
from tests.gateway.conftest import DOMAIN, ENTRAIDE, GatewayProcess, Serve, Site, free_port
from wall_store import jobs, wall
from wall_store.base import utcnow
from wall_store.communities import get_community
from wall_store.models import (
    DigestSent,
    Like,
    Membership,
    Mention,
    Notification,
    OutboxMessage,
    Post,
    PostAttachment,
    PostSource,
)
from wall_store.people import add_member, find_person

pytestmark = pytest.mark.integration

NODES = 3
THREADS = 675  # with 3 replies each and 300 likes: 3,000 mails
REPLIES_PER_THREAD = 3
LIKES = 300
CONNECTIONS = 6
KILLS_AFTER_ACKS = (900, 2000)
GIVE_UP_AFTER = 600.0

PEOPLE = [
    ("Élodie Martin", "elodie.martin@lumiere-sa.fr"),
    ("Thomas Bernard", "thomas.bernard@lumiere-sa.fr"),
    ("Camille Roux", "camille.roux@lumiere-sa.fr"),
    ("Hugo Lefèvre", "hugo.lefevre@lumiere-sa.fr"),
    ("Chloé Dubois", "chloe.dubois@lumiere-sa.fr"),
    ("Nathan Moreau", "nathan.moreau@lumiere-sa.fr"),
    ("Sarah Fontaine", "sarah.fontaine@lumiere-sa.fr"),
    ("Lucas Girard", "lucas.girard@lumiere-sa.fr"),
    ("Priya Raman", "priya.raman@lumiere-sa.fr"),
    ("James Whitfield", "james.whitfield@lumiere-sa.fr"),
]
# Many threads share a subject on purpose: only the headers may decide the thread.
SUBJECTS = [
    "Point hebdo", "Imprimante du 2e étage en panne", "VPN qui coupe depuis ce matin",
    "Weekly sync", "Accès au SharePoint projet", "Renouvellement des licences",
    "Badge perdu", "Migration Outlook : questions", "Printer jam again",
    "Salle de réunion Jupiter réservée deux fois",
]
OPENINGS = [
    "Bonjour à tous,\n\nJe rencontre un souci depuis ce matin : {topic}. Quelqu'un a une piste ?",
    "Hello team,\n\nQuick one about {topic}: has anyone seen this before?",
    "Bonjour,\n\nPour info, {topic}. Je mets le détail en pièce jointe si besoin.",
]
ANSWERS = [
    "Oui, même chose chez moi. Il faut redémarrer le poste puis relancer le client.",
    "I had the same issue last week; clearing the cache fixed it for me.",
    "Je regarde ça cet après-midi et je vous tiens au courant.",
    "Thanks, that worked. Closing this on my side.",
]


@dataclass(frozen=True)
class Mail:
    message_id: str
    sender: str
    raw: bytes
    kind: str  # "root", "reply" or "like"
    parent: str | None = None
    root: str | None = None
    mentions: str | None = None
    attachment: str | None = None


def _message(author: tuple[str, str], subject: str, body: str, message_id: str,
             at_minutes: int, parent: Mail | None = None,
             attachment: tuple[str, bytes] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{author[0]} <{author[1]}>"
    msg["To"] = ENTRAIDE
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{message_id}>"
    # Relative to now: the stream is live mail, whatever day the test runs.
    msg["Date"] = format_datetime(utcnow().replace(microsecond=0)
                                  - timedelta(minutes=10_000 - at_minutes))
    if parent is not None:
        msg["In-Reply-To"] = f"<{parent.message_id}>"
        chain = [parent.root, parent.message_id] if parent.root else [parent.message_id]
        msg["References"] = " ".join(f"<{m}>" for m in dict.fromkeys(chain) if m)
    msg.set_content(body)
    if attachment is not None:
        msg.add_attachment(attachment[1], maintype="application", subtype="pdf",
                           filename=attachment[0])
    return msg.as_bytes()


def make_stream(seed: int = 2026) -> list[Mail]:
    """Roots, replies, likes: every reply names its parent by headers; sent shuffled."""
    rng = random.Random(seed)
    mails: list[Mail] = []
    clock = 0
    for n in range(THREADS):
        clock += 1
        subject = SUBJECTS[n % len(SUBJECTS)]
        author = PEOPLE[rng.randrange(len(PEOPLE))]
        root_id = f"fil-{n}@lumiere-sa.fr"
        attachment = None
        if n % 5 == 0:
            name = f"compte-rendu-{n % 40}.pdf"
            attachment = (name, b"%PDF-1.4\n% compte rendu " + str(n).encode() + b"\n%%EOF\n")
        body = OPENINGS[n % len(OPENINGS)].format(topic=subject.lower())
        root = Mail(root_id, author[1], _message(author, subject, body, root_id, clock,
                                                  attachment=attachment),
                    "root", attachment=attachment[0] if attachment else None)
        mails.append(root)
        parent = root
        for r in range(REPLIES_PER_THREAD):
            clock += 1
            replier = PEOPLE[rng.randrange(len(PEOPLE))]
            mentioned = PEOPLE[(n + r) % len(PEOPLE)] if r == 1 else None
            text = ANSWERS[(n + r) % len(ANSWERS)]
            if mentioned is not None:
                text = f"@{mentioned[0]} peux-tu confirmer ?\n\n{text}"
            reply_id = f"fil-{n}-reponse-{r}@lumiere-sa.fr"
            reply = Mail(reply_id, replier[1],
                         _message(replier, f"RE: {subject}", text, reply_id, clock, parent),
                         "reply", parent=parent.message_id, root=root_id,
                         mentions=mentioned[1] if mentioned else None)
            mails.append(reply)
            parent = reply
    roots = [m for m in mails if m.kind == "root"]
    for n in range(LIKES):
        target = roots[rng.randrange(len(roots))]
        liker = PEOPLE[n % len(PEOPLE)]
        like_id = f"like-{n}@lumiere-sa.fr"
        raw = _message(liker, "RE: " + "x", "+1", like_id, clock + n, target)
        mails.append(Mail(like_id, liker[1], raw, "like", parent=target.message_id,
                          root=target.message_id))
    rng.shuffle(mails)
    return mails


@dataclass
class Smarthost:
    """An aiosmtpd server standing in for the company's relay: it records every mail."""

    received: list[tuple[str, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        from email import message_from_bytes

        content = getattr(envelope, "original_content", None) or envelope.content
        message_id = str(message_from_bytes(content).get("Message-ID", ""))
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.received.append((message_id, rcpt, envelope.mail_from))
        return "250 2.0.0 OK"


@pytest.fixture
def smarthost() -> Iterator[tuple[Smarthost, int]]:
    handler = Smarthost()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@dataclass
class Stream:
    """Clients that send each mail to a random node and resend what was not acknowledged."""

    nodes: list[GatewayProcess]
    mails: list[Mail]
    acked: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self._send, args=(self.mails[n::CONNECTIONS], n),
                                    daemon=True) for n in range(CONNECTIONS)]
        for thread in threads:
            thread.start()
        return threads

    def _send(self, mails: list[Mail], seed: int) -> None:
        rng = random.Random(seed)
        deadline = time.monotonic() + GIVE_UP_AFTER
        pending = list(mails)
        smtp: smtplib.SMTP | None = None
        while pending:
            if time.monotonic() > deadline:
                self.failures.append(f"{len(pending)} mail(s) never acknowledged")
                return
            mail = pending[0]
            try:
                if smtp is None:
                    node = self.nodes[rng.randrange(len(self.nodes))]
                    smtp = smtplib.SMTP("127.0.0.1", node.port, timeout=30,
                                        local_hostname="mx1.lumiere-sa.fr")
                smtp.sendmail(mail.sender, [ENTRAIDE], mail.raw)
            except smtplib.SMTPResponseException as exc:
                if exc.smtp_code >= 500:
                    self.failures.append(f"{mail.message_id}: refused {exc.smtp_code}")
                    return
                self._error(f"{exc.smtp_code}")
                smtp = _close(smtp)
                continue
            except (OSError, smtplib.SMTPException) as exc:
                # That node is down: another one (or the same, restarted) takes the mail.
                self._error(type(exc).__name__)
                smtp = _close(smtp)
                time.sleep(0.05)
                continue
            with self.lock:
                self.acked.append(mail.message_id)
            pending.pop(0)
            if rng.random() < 0.05:
                smtp = _close(smtp)  # new connections now and then spread the load
        _close(smtp)

    def _error(self, what: str) -> None:
        with self.lock:
            self.errors[what] += 1


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        smtp.close()
    return None


def wait_for(condition: Callable[[], bool], what: str, timeout: float = GIVE_UP_AFTER,
             state: Callable[[], object] = lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what} {state()}")
        time.sleep(0.2)


def outbox_states(site: Site) -> dict[str, int]:
    """Outgoing mail by state, and the notifications not yet handed to the outbox."""
    with site.sessions() as session:
        states = {status.value: n for status, n in session.execute(
            select(OutboxMessage.status, func.count(OutboxMessage.id))
            .group_by(OutboxMessage.status))}
        states["notifications pending"] = session.scalar(
            select(func.count(Notification.id)).where(Notification.sent_at.is_(None))) or 0
    return {k: v for k, v in states.items() if v}


def outbox_settled(site: Site) -> bool:
    return not {"queued", "sending", "failed", "notifications pending"} & set(outbox_states(site))


WELCOME = "bienvenue-entraide@lumiere-sa.fr"


def seed_a_community_due_for_its_daily_digest(site: Site) -> None:
    """The members, and a welcome post from this morning: something for today's digest,
    on a site whose members and digest scheduler date from last week."""
    now = utcnow()
    with site.sessions() as session, session.begin():
        for name, address in PEOPLE:
            add_member(session, "entraide-it", address, name=name)
        community = get_community(session, "entraide-it")
        author = find_person(session, PEOPLE[0][1])
        assert author is not None
        thread = wall.start_thread(session, community, subject="Bienvenue sur l'entraide",
                                   normalized_subject="bienvenue sur l'entraide",
                                   started_by=author, at=now - timedelta(hours=2))
        wall.add_post(session, thread, author=author, source=PostSource.WEB, message_id=WELCOME,
                      text="Posez ici vos questions informatiques, on s'entraide !",
                      created_at=now - timedelta(hours=2))
        session.execute(update(Membership).values(created_at=now - timedelta(days=7)))
        jobs.record_run(session, JOB, now - timedelta(days=7))


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_three_nodes_killed_twice_post_every_message_once_in_its_thread_and_send_once(
    site: Site, serve: Serve, smarthost: tuple[Smarthost, int], tmp_path: Path
) -> None:
    relay, relay_port = smarthost
    seed_a_community_due_for_its_daily_digest(site)
    settings = {
        "pipeline_workers": 2,
        # A dead node's claims are taken over after the lease: short here, so that
        # the test sees the take-over (10 minutes by default).
        "pipeline_claim_lease_seconds": 20,
        # The same for outgoing mail a killed node had claimed (sending twice is the risk
        # the lease weighs against sending late; the relay's log below checks it).
        "outbound_claim_lease_seconds": 20,
        "notifications_batch_seconds": 1,
        "outbound_smarthost": "127.0.0.1",
        "outbound_port": relay_port,
        "outbound_starttls": "false",
        # Every member is due for today's daily digest: each node's scheduler tries at
        # its start (a killed node again at its restart), and `digest run` at the end.
        "digests_default_frequency": "daily",
        "digests_hour": 0,
    }
    nodes = [serve(site, **settings) for _ in range(NODES)]
    mails = make_stream()
    stream = Stream(nodes, mails)
    started = time.monotonic()
    threads = stream.run()

    rng = random.Random(7)
    killed: list[int] = []
    for after in KILLS_AFTER_ACKS:
        wait_for(lambda after=after: len(stream.acked) >= after, f"{after} acknowledgements")
        victim = rng.randrange(NODES)
        nodes[victim].kill()
        killed.append(victim)
        time.sleep(1.0)  # clients notice the dead node and go elsewhere meanwhile
        nodes[victim].start()
    for thread in threads:
        thread.join(GIVE_UP_AFTER)
    streamed = time.monotonic() - started
    assert not stream.failures, stream.failures
    assert len(stream.acked) == len(mails)
    assert sum(stream.errors.values()) > 0, "no client noticed a kill"

    site.wait_until_settled(timeout=GIVE_UP_AFTER)
    digest_run = subprocess.run(
        [sys.executable, "-c", "from cli import main; main()", "digest", "run", "--json"],
        env=site.env(smtp_domain=DOMAIN, **settings), capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[2], timeout=300)
    assert digest_run.returncode in (0, 2), digest_run.stderr  # 2: a node holds the lock
    wait_for(lambda: outbox_settled(site), "every notification and digest sent", timeout=180,
             state=lambda: outbox_states(site))
    settled = time.monotonic() - started

    by_id = {m.message_id: m for m in mails}
    with site.sessions() as session:
        posts = {mid: (pid, tid) for pid, mid, tid in session.execute(
            select(Post.id, Post.message_id, Post.thread_id))}
        post_count = session.scalar(select(func.count(Post.id)))
        likes = session.scalar(select(func.count(Like.id)))
        mentions = session.scalar(select(func.count(Mention.id)))
        files = session.scalar(select(func.count(PostAttachment.id)))
        notifications = session.scalar(select(func.count(Notification.id)))
        outbox_ids = list(session.scalars(select(OutboxMessage.message_id)))
        digests = Counter(session.scalars(select(OutboxMessage.recipient)
                                          .where(OutboxMessage.kind == "digest")))
        digest_records = Counter(session.scalars(select(DigestSent.person_id)))
    assert max(digest_records.values()) == 1 and len(digest_records) == len(PEOPLE)
    assert digests and max(digests.values()) == 1, digests
    posts.pop(WELCOME)
    post_count -= 1
    wanted_posts = [m for m in mails if m.kind != "like"]
    missing = [m.message_id for m in wanted_posts if m.message_id not in posts]
    assert not missing, f"acknowledged but not on the wall: {missing[:5]}"
    assert post_count == len(wanted_posts), "a post that no mail asked for"
    split = [m.message_id for m in wanted_posts if m.kind == "reply"
             and posts[m.message_id][1] != posts[by_id[m.root or ""].message_id][1]]
    assert not split, f"replies outside their parent's thread: {split[:5]}"
    assert len({tid for _, tid in posts.values()}) == THREADS
    distinct_likes = {(m.sender, m.parent) for m in mails if m.kind == "like"}
    assert likes == len(distinct_likes)
    assert files == THREADS // 5
    assert mentions == sum(1 for m in mails if m.mentions and m.mentions != m.sender)

    sent = Counter(message_id for message_id, _, _ in relay.received)
    twice = {mid: n for mid, n in sent.items() if n > 1}
    assert not twice, f"mail sent more than once: {list(twice.items())[:5]}"
    assert set(outbox_states(site)) == {"sent"}, outbox_states(site)
    assert len(sent) == len(outbox_ids) == len(set(outbox_ids))
    print(f"\nseveral nodes: {len(mails)} mails over {NODES} nodes, nodes killed {killed}; "
          f"streamed in {streamed:.0f} s, settled in {settled:.0f} s; client errors "
          f"{dict(stream.errors)}; {post_count} posts in {THREADS} threads, {likes} likes, "
          f"{mentions} mentions, {notifications} notifications, {sum(digests.values())} "
          f"digests, {len(sent)} mails sent once")
