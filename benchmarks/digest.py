"""Digest speed: people per second selected, scored, rendered, composed and queued.

Builds (with bulk inserts) a SQLite store of 10,000 people in 20 communities, each
person a member of two, with a realistic week of activity: threads, replies,
mentions, likes and document versions; adoption stages 60 % email-only, 30 % hybrid,
10 % wall. Then, in the same process:

  full     `digests.run.run_digests` over everyone: stages, selection, scoring,
           rendering, MIME composition, outbox row + DigestSent row, committed
           in batches (a fresh copy of the store for each run);
  bare     Jinja2 alone rendering the same digest templates (subject, text, HTML)
           from contexts prepared beforehand for a sample of people;
  compose  the same render plus MIME composition, for reference.

Goal: full rate >= 0.3 x bare rate. Several runs (``--runs``), medians. Prints a
table; the last line is one JSON object with every figure.

    python benchmarks/digest.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from digests import compose, render, views  # noqa: E402
from digests.run import (  # noqa: E402
    JOB,
    effective_frequency,
    period_key,
    run_digests,  # noqa: E402
    window_start,
)
from digests.selection import Snapshot, select_for  # noqa: E402
from digests.settings import MailSettings  # noqa: E402
from wall_store import digest_queries, migrate  # noqa: E402
from wall_store.db import make_engine, session_factory  # noqa: E402
from wall_store.models import (  # noqa: E402
    Blob,
    Community,
    Document,
    DocumentVersion,
    Like,
    Membership,
    Mention,
    Person,
    PersonAddress,
    Post,
    SchedulerJob,
    Thread,
)

NOW = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)  # a Monday, 08:00 in Paris
SETTINGS = MailSettings(domain="mailwall.localhost", secret=b"b" * 48,
                        base_url="https://mur.example.fr",
                        from_address="mailwall@mailwall.localhost")
FIRST = ["Élodie", "Jérôme", "Sarah", "Thomas", "Camille", "Nicolas", "Inès", "Hugo", "Léa",
         "Mathieu", "Chloé", "Antoine", "Manon", "Julien", "Emma", "Lucas"]
LAST = ["Martin", "Dubois", "Bernard", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Fontaine"]
SUBJECTS = ["Planning du lot {n}", "Compte rendu du comité du {n} novembre",
            "Livraison des luminaires, bâtiment {n}", "Question sur la facture {n}",
            "Réunion de lancement phase {n}", "Mise à jour du cahier des charges v{n}",
            "Recette de l'application, sprint {n}", "Badges d'accès, zone {n}"]
SENTENCES = [
    "Bonjour à tous, voici le point d'avancement de la semaine.",
    "La livraison est confirmée pour mardi matin, prévoir deux personnes à la réception.",
    "Je vous joins la dernière version du planning avec les jalons révisés.",
    "Pouvez-vous relire la section 3 avant jeudi ? Les remarques de la direction y sont.",
    "Le fournisseur demande un bon de commande signé avant d'expédier le matériel.",
    "Merci pour vos retours, j'ai intégré les corrections dans le document partagé.",
    "Attention : la salle Vauban n'est plus disponible, nous passons en salle Colbert.",
    "Côté budget, nous restons dans l'enveloppe prévue malgré le surcoût du transport.",
    "Je propose un point rapide demain à 9 h 30 pour trancher la question des délais.",
    "Les tests de charge sont concluants ; il reste deux anomalies mineures à corriger.",
]


def text(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 2)):
        paragraphs.append(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 3))))
    return "\n\n".join(paragraphs)


def build(url: str, people: int, communities: int, seed: int) -> None:
    rng = random.Random(seed)
    engine = make_engine(url)
    migrate.upgrade(engine)
    start = NOW - timedelta(days=7)
    with engine.begin() as conn:
        # The digest scheduler has run since the people arrived: Monday's digests are due.
        conn.execute(insert(SchedulerJob), [{"name": JOB,
                                            "first_run_at": start - timedelta(days=60)}])
        conn.execute(insert(Community), [
            {"id": c + 1, "slug": f"communaute-{c + 1}", "name": f"Communauté {c + 1}",
             "kind": "project", "visibility": "private" if c % 5 == 0 else "public",
             "nonmember_policy": "moderate", "archived": False, "created_at": start}
            for c in range(communities)])
        stages = ["email-only"] * 6 + ["hybrid"] * 3 + ["wall"]
        conn.execute(insert(Person), [
            {"id": p + 1, "primary_address": f"personne{p + 1}@corp.example",
             "display_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "locale":
             "en" if p % 7 == 0 else "fr", "timezone": "Europe/Paris",
             "digest_frequency": None, "notifications_enabled": True,
             "adoption_stage": stages[p % 10], "created_at": start - timedelta(days=60)}
            for p in range(people)])
        conn.execute(insert(PersonAddress), [
            {"person_id": p + 1, "address": f"personne{p + 1}@corp.example"}
            for p in range(people)])
        members: dict[int, list[int]] = {c + 1: [] for c in range(communities)}
        rows = []
        for p in range(people):
            for c in rng.sample(range(1, communities + 1), 2):
                members[c].append(p + 1)
                rows.append({"community_id": c, "person_id": p + 1, "role": "member",
                             "created_at": start})
        conn.execute(insert(Membership), rows)
        thread_rows, post_rows, like_rows, mention_rows = [], [], [], []
        post_id = thread_id = 0
        for c in range(1, communities + 1):
            for _ in range(60):
                thread_id += 1
                created = start + timedelta(minutes=rng.randint(0, 7 * 24 * 60 - 120))
                starter = rng.choice(members[c])
                thread_rows.append({"id": thread_id, "community_id": c,
                                    "subject": rng.choice(SUBJECTS).format(n=rng.randint(1, 30)),
                                    "normalized_subject": f"t{thread_id}",
                                    "started_by_id": starter, "created_at": created,
                                    "last_activity_at": created})
                parent = None
                for k in range(rng.choice([1, 2, 3, 5, 8])):
                    post_id += 1
                    author = starter if k == 0 else rng.choice(members[c])
                    at = created + timedelta(minutes=40 * k)
                    post_rows.append({
                        "id": post_id, "thread_id": thread_id, "community_id": c,
                        "author_id": author, "parent_id": parent, "source":
                        rng.choice(["email", "email", "web"]), "message_id": f"{post_id}@bench",
                        "text": text(rng), "quoted_text": "", "signature": "",
                        "created_at": at, "received_at": at})
                    parent = post_id
                    for liker in rng.sample(members[c], rng.choice([0, 0, 1, 2, 4])):
                        like_rows.append({"post_id": post_id, "person_id": liker,
                                          "source": "web", "created_at": at})
                    if rng.random() < 0.1:
                        mention_rows.append({"post_id": post_id,
                                             "person_id": rng.choice(members[c]),
                                             "created_at": at})
        conn.execute(insert(Thread), thread_rows)
        conn.execute(insert(Post), post_rows)
        unique_likes = {(r["post_id"], r["person_id"]): r for r in like_rows}
        conn.execute(insert(Like), list(unique_likes.values()))
        unique_mentions = {(r["post_id"], r["person_id"]): r for r in mention_rows}
        conn.execute(insert(Mention), list(unique_mentions.values()))
        conn.execute(insert(Blob), [{"sha256": "0" * 64, "size": 1, "data": b"x",
                                     "created_at": start}])
        doc_id = 0
        docs, versions = [], []
        for c in range(1, communities + 1):
            for d in range(2):
                doc_id += 1
                docs.append({"id": doc_id, "community_id": c, "name": f"planning-{d}.xlsx",
                             "created_at": start})
                for n in range(1, 3):
                    versions.append({"document_id": doc_id, "number": n,
                                     "blob_sha256": "0" * 64, "content_type": "text/plain",
                                     "size": 1, "uploaded_by_id": rng.choice(members[c]),
                                     "created_at": start + timedelta(days=2 * n)})
        conn.execute(insert(Document), docs)
        conn.execute(insert(DocumentVersion), versions)
    engine.dispose()


def full_run(template_db: Path, folder: Path) -> tuple[float, int, int]:
    db = folder / "run.db"
    shutil.copy(template_db, db)
    engine = make_engine(f"sqlite:///{db}")
    sessions = session_factory(engine)
    started = time.perf_counter()
    report = run_digests(sessions, SETTINGS, now=NOW, batch=200)
    elapsed = time.perf_counter() - started
    engine.dispose()
    db.unlink()
    return elapsed, report.considered, report.sent


def prepared_contexts(template_db: Path, sample: int) -> list[tuple[str, dict[str, Any]]]:
    engine = make_engine(f"sqlite:///{template_db}")
    sessions = session_factory(engine)
    contexts = []
    with sessions() as session:
        people = digest_queries.recipients(session)[:sample]
        since = min(window_start(p, SETTINGS, NOW) for p in people)
        snapshot = Snapshot.load(session, {c for p in people for c in p.communities}, since,
                                 NOW)
    for person in people:
        selection = select_for(person, snapshot, window_start(person, SETTINGS, NOW))
        if not selection.worth_sending():
            continue
        frequency = effective_frequency(person, SETTINGS)
        period = period_key(frequency, NOW)
        context = views.digest_context(selection, SETTINGS, period, frequency.value)
        contexts.append((context["lang"], context))
    engine.dispose()
    return contexts


def bare_render(contexts: list[tuple[str, dict[str, Any]]]) -> tuple[float, int, int]:
    started = time.perf_counter()
    text_bytes = html_bytes = 0
    for lang, context in contexts:
        out = render.render("digest", lang, context)
        text_bytes += len(out.text.encode())
        html_bytes += len(out.html.encode())
    elapsed = time.perf_counter() - started
    n = len(contexts)
    return n / elapsed, text_bytes // max(n, 1), html_bytes // max(n, 1)


def render_and_compose(contexts: list[tuple[str, dict[str, Any]]]) -> float:
    started = time.perf_counter()
    for lang, context in contexts:
        out = render.render("digest", lang, context)
        compose.compose(compose.Outgoing(
            kind="digest", sender_name="Communauté", from_address=SETTINGS.from_address,
            to_address="personne@corp.example", to_name="Personne", rendered=out,
            list_id="d <digest.mailwall.localhost>", unsubscribe_url=context["unsubscribe_url"],
        ), SETTINGS.domain).as_bytes()
    return len(contexts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--communities", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=1000,
                        help="people whose prepared contexts the bare render uses")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mailwall-digest-bench-") as tmp:
        folder = Path(tmp)
        template = folder / "template.db"
        started = time.perf_counter()
        build(f"sqlite:///{template}", args.people, args.communities, seed=7)
        built = time.perf_counter() - started
        print(f"built {args.people} people in {args.communities} communities in {built:.1f} s",
              file=sys.stderr)
        contexts = prepared_contexts(template, args.sample)
        render.render("digest", "fr", contexts[0][1])  # compile the templates once
        full, bare, composed = [], [], []
        sent = considered = 0
        text_kb = html_kb = 0
        for run in range(args.runs):
            elapsed, considered, sent = full_run(template, folder)
            full.append(considered / elapsed)
            rate, text_kb, html_kb = bare_render(contexts)
            bare.append(rate)
            composed.append(render_and_compose(contexts))
            print(f"run {run + 1}: full {full[-1]:.0f} people/s ({sent} digests sent of "
                  f"{considered} people), bare render {bare[-1]:.0f}/s, render+MIME "
                  f"{composed[-1]:.0f}/s", file=sys.stderr)
    result = {
        "benchmark": "digest",
        "people": considered,
        "communities": args.communities,
        "digests_sent": sent,
        "runs": args.runs,
        "full_people_per_s": round(statistics.median(full), 1),
        "bare_render_per_s": round(statistics.median(bare), 1),
        "render_mime_per_s": round(statistics.median(composed), 1),
        "ratio_full_to_bare": round(statistics.median(full) / statistics.median(bare), 3),
        "goal_ratio": 0.3,
        "avg_text_bytes": text_kb,
        "avg_html_bytes": html_kb,
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, Python "
                   f"{platform.python_version()}",
    }
    print(f"{'measure':<24}{'median':>12}")
    for key in ("full_people_per_s", "bare_render_per_s", "render_mime_per_s",
                "ratio_full_to_bare"):
        print(f"{key:<24}{result[key]:>12}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
