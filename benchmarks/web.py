"""Web wall latency on a big SQLite wall (issue 7): wall page and thread page, p50/p99.

1. Builds a wall once (cached under /tmp/mailwall-web-bench/, reused when present;
   ``--rebuild`` forces it): migrated with ``wall_store.migrate.upgrade`` (so indexes and
   the 0005 FTS5 objects are the real ones), then filled by bulk Core inserts: 20
   communities (Zipf-sized), ~1,000 people, 100,000 threads, 1,000,000 posts in time
   order (French/English text, log-normal lengths, some HTML, quotes and signatures),
   likes. The FTS insert trigger is dropped during the load and the index rebuilt in
   one statement afterwards, the way the migration does (``--keep-fts-trigger`` loads
   with it, to compare).
2. Starts the web wall as ``mailwall serve`` does (``web.service.WebService``: uvicorn in
   an asyncio loop) in its own process on a free port, against that file.
3. Signs a manager of the busiest community in through the real sign-in link
   (``wall_store.signin.issue_token``, GET + POST ``/login/TOKEN``), keeps the cookie.
4. For each route, C concurrent clients (threads, one keep-alive httpx client each) send
   N requests: ``/c/SLUG`` (wall of the busiest community), ``/c/SLUG/t/ID`` (random
   threads of that community, so thread sizes follow the data), ``/healthz`` (the app's
   trivial route: no database, no template) and ``/login`` (the smallest template page).
   Several runs, route order rotated per run; medians of p50, p99 and requests/s.

Prints a table; the last line is one JSON object.

    python benchmarks/web.py --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import json
import math
import os
import platform
import pstats
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import Engine, create_engine, event, insert, select, text  # noqa: E402

from wall_store.models import (  # noqa: E402
    Channel,
    Community,
    CommunityKind,
    Like,
    Membership,
    NonMemberPolicy,
    Person,
    Post,
    PostSource,
    Role,
    Thread,
    Visibility,
)

CACHE = Path("/tmp/mailwall-web-bench")
SECRET = "b" * 48
DOMAIN = "wall.bench.example"
CHUNK = 20_000
START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN = timedelta(days=3 * 365)

SLUGS = ["atlas", "support-clients", "rh", "direction", "it-infra", "projet-orion",
         "qualite", "achats", "marketing", "ventes-nord", "ventes-sud", "juridique",
         "finance", "logistique", "rd-batteries", "formation", "securite", "comite-ce",
         "veille-techno", "partenaires"]
FIRST_FR = ["Élodie", "François", "Camille", "Léa", "Hélène", "Jérôme", "Benoît", "Chloé",
            "Amélie", "Clément", "Gaëlle", "Noël", "Anaïs", "Thibault", "Maëlle", "Raphaël"]
FIRST_EN = ["Sarah", "James", "Emily", "Michael", "Olivia", "Daniel", "Grace", "Thomas"]
LAST = ["Martin", "Lefèvre", "Dubois", "Moreau", "Girard", "Bernard", "Rousseau", "Lemaître",
        "Fournier", "Mercier", "Miller", "Smith", "Johnson", "Brown", "Garnier", "Chevalier"]
WORDS_FR = ("le la les un une des du de à au aux et ou mais donc car pour par avec sans sur "
            "sous dans entre vers chez nous vous ils elles on il elle ce cette ces notre votre "
            "leur projet réunion comité planning recette livraison client fournisseur équipe "
            "budget devis facture contrat échéance version document réponse question problème "
            "solution proposition validation relecture priorité semaine prochaine dernière "
            "mardi jeudi vendredi matin après-midi demain hier déjà encore toujours bientôt "
            "très plus moins bien mieux rapidement également cependant néanmoins ainsi "
            "envoyer recevoir valider préparer vérifier corriger organiser prévoir décider "
            "être avoir faire pouvoir devoir falloir voir savoir prendre mettre donner "
            "serveur déploiement sauvegarde accès compte mot passe écran réseau impression "
            "lot étape jalon risque retard coût qualité sécurité conformité formation")
WORDS_EN = ("the a an and or but so for with without on in at to from by of about into "
            "we you they it this that these our your their project meeting committee plan "
            "release delivery customer supplier team budget quote invoice contract deadline "
            "version document answer question issue fix proposal review priority next last "
            "week Monday Thursday Friday morning afternoon tomorrow yesterday already still "
            "soon very more less well better quickly also however therefore send receive "
            "approve prepare check correct organise schedule decide be have do can must "
            "should see know take put give server deployment backup access account password "
            "screen network printing batch milestone risk delay cost quality security "
            "compliance training")


# --- data set ---------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    communities: int
    people: int
    threads: int
    posts: int
    seed: int

    @property
    def name(self) -> str:
        return (f"c{self.communities}-p{self.people}-t{self.threads}-m{self.posts}"
                f"-s{self.seed}")


class Prose:
    """Sentences drawn once; a text is sentences until a log-normal target length."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pools = {lang: [self._sentence(words) for _ in range(4000)]
                      for lang, words in (("fr", WORDS_FR.split()), ("en", WORDS_EN.split()))}

    def _sentence(self, words: list[str]) -> str:
        chosen = self.rng.choices(words, k=self.rng.randint(5, 22))
        first = chosen[0]
        return " ".join([first[0].upper() + first[1:], *chosen[1:]]) + \
            self.rng.choice([".", ".", ".", " ?", " !"])

    def length(self, median: float, sigma: float, cap: int) -> int:
        return min(cap, max(20, int(self.rng.lognormvariate(math.log(median), sigma))))

    def text(self, lang: str, length: int) -> str:
        pool, out, size = self.pools[lang], [], 0
        while size < length:
            paragraph = " ".join(self.rng.choices(pool, k=self.rng.randint(1, 4)))
            out.append(paragraph)
            size += len(paragraph) + 2
        return "\n\n".join(out)[:length]

    def subject(self, lang: str) -> str:
        words = self.rng.choices((WORDS_FR if lang == "fr" else WORDS_EN).split(),
                                 k=self.rng.randint(3, 9))
        return " ".join(words).capitalize()


def thread_sizes(rng: random.Random, threads: int, posts: int) -> list[int]:
    """Skewed sizes (most threads short, a few hundreds of posts) summing to `posts`."""
    raw = [rng.lognormvariate(0, 1.2) for _ in range(threads)]
    scale = (posts - threads) / sum(raw)
    sizes = [1 + min(600, int(r * scale)) for r in raw]
    gap = posts - sum(sizes)
    while gap != 0:
        i = rng.randrange(threads)
        if gap > 0:
            sizes[i] += 1
            gap -= 1
        elif sizes[i] > 1:
            sizes[i] -= 1
            gap += 1
    return sizes


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # A throwaway file rebuilt from scratch on failure: no journal, no fsync.
    cursor.execute("PRAGMA journal_mode=OFF")
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA cache_size=-1000000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def build_database(path: Path, params: Params, *, keep_fts_trigger: bool) -> dict[str, Any]:
    from wall_store.migrate import upgrade

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    engine = create_engine(f"sqlite:///{partial}")
    event.listen(engine, "connect", _pragmas)
    upgrade(engine)
    migrated = time.perf_counter()
    rng = random.Random(params.seed)
    prose = Prose(rng)
    timings: dict[str, float] = {"migrate_s": round(migrated - started, 1)}
    with engine.begin() as conn:
        if not keep_fts_trigger:
            conn.execute(text("DROP TRIGGER posts_fts_ai"))
        # Communities: Zipf-sized, the first the busiest.
        weights = [1 / (k + 1) for k in range(params.communities)]
        conn.execute(insert(Community.__table__), [
            {"id": i + 1, "slug": SLUGS[i % len(SLUGS)] + ("" if i < len(SLUGS) else f"-{i}"),
             "name": SLUGS[i % len(SLUGS)].replace("-", " ").title(),
             "kind": list(CommunityKind)[i % 4],
             "visibility": Visibility.PRIVATE if i % 5 == 2 else Visibility.PUBLIC,
             "nonmember_policy": NonMemberPolicy.MODERATE, "archived": False,
             "created_at": START}
            for i in range(params.communities)])
        channel_rows = []
        for c in range(params.communities):
            for n in range(rng.randint(0, 4)):
                channel_rows.append({"id": len(channel_rows) + 1, "community_id": c + 1,
                                     "slug": f"lot-{n + 1}", "name": f"Lot {n + 1}",
                                     "created_at": START})
        if channel_rows:
            conn.execute(insert(Channel.__table__), channel_rows)
        channels_of: dict[int, list[int]] = {}
        for row in channel_rows:
            channels_of.setdefault(row["community_id"], []).append(row["id"])
        people_rows = []
        langs = []
        for p in range(params.people):
            lang = "fr" if rng.random() < 0.7 else "en"
            first = rng.choice(FIRST_FR if lang == "fr" else FIRST_EN)
            last = rng.choice(LAST)
            langs.append(lang)
            people_rows.append({
                "id": p + 1, "primary_address": f"person{p + 1}@corp.example",
                "display_name": f"{first} {last}", "locale": lang,
                "timezone": "Europe/Paris", "notifications_enabled": True,
                "adoption_stage": "email-only", "created_at": START})
        conn.execute(insert(Person.__table__), people_rows)
        # Members: the busiest communities have the most; person 1 manages community 1
        # (the one measured) and belongs to a few others.
        members: dict[int, list[int]] = {}
        membership_rows = []
        for c in range(params.communities):
            count = max(10, int(params.people * 0.4 * weights[c]))
            chosen = set(rng.sample(range(2, params.people + 1), min(count, params.people - 1)))
            if c < 3:
                chosen.add(1)
            members[c + 1] = sorted(chosen)
            for person_id in members[c + 1]:
                role = (Role.MANAGER if person_id == 1 or rng.random() < 0.03
                        else Role.EXTERNAL if rng.random() < 0.05 else Role.MEMBER)
                membership_rows.append({"community_id": c + 1, "person_id": person_id,
                                        "role": role, "created_at": START})
        conn.execute(insert(Membership.__table__), membership_rows)

        # Threads in order of their first post; posts in global time order, so a thread's
        # posts are interleaved with others' on disk, as mail arrives.
        sizes = thread_sizes(rng, params.threads, params.posts)
        starts = sorted(START + SPAN * rng.random() for _ in range(params.threads))
        community_of = rng.choices(range(1, params.communities + 1), weights=weights,
                                   k=params.threads)
        events: list[tuple[datetime, int]] = []
        thread_rows = []
        for t in range(params.threads):
            # A thread lives hours to weeks; the longer ones live longer.
            life = timedelta(hours=rng.lognormvariate(math.log(6 + sizes[t] * 4), 1.0))
            times = sorted([starts[t]] + [starts[t] + life * rng.random()
                                         for _ in range(sizes[t] - 1)])
            events.extend((at, t) for at in times)
            c = community_of[t]
            lang = langs[members[c][0] - 1] if rng.random() < 0.2 else \
                ("fr" if rng.random() < 0.7 else "en")
            subject = prose.subject(lang)
            channel_ids = channels_of.get(c, [])
            thread_rows.append({
                "id": t + 1, "community_id": c,
                "channel_id": rng.choice(channel_ids) if channel_ids and rng.random() < 0.5
                else None,
                "subject": subject, "normalized_subject": subject.casefold(),
                "started_by_id": None, "created_at": starts[t], "last_activity_at": times[-1]})
        events.sort()
        authors = [rng.choice(members[community_of[t]]) for t in range(params.threads)]
        for row, author in zip(thread_rows, authors, strict=True):
            row["started_by_id"] = author
        for i in range(0, len(thread_rows), CHUNK):
            conn.execute(insert(Thread.__table__), thread_rows[i:i + CHUNK])
        timings["threads_s"] = round(time.perf_counter() - migrated, 1)

        last_post: list[int | None] = [None] * params.threads
        sources = [PostSource.EMAIL] * 80 + [PostSource.WEB] * 15 + [PostSource.IMPORT] * 5
        like_counts = [0] * 65 + [1] * 20 + [2] * 8 + [3, 3, 4, 5, 6, 8, 12]
        post_rows: list[dict[str, Any]] = []
        like_rows: list[dict[str, Any]] = []
        likes_total = 0
        for index, (at, t) in enumerate(events):
            post_id = index + 1
            c = community_of[t]
            author = authors[t] if last_post[t] is None else rng.choice(members[c])
            lang = langs[author - 1]
            body = prose.text(lang, prose.length(300, 0.9, 12_000))
            greeting = "Bonjour à tous,\n\n" if lang == "fr" else "Hi all,\n\n"
            post_text = greeting + body
            quoted = ""
            if last_post[t] is not None and rng.random() < 0.35:
                quoted = "\n".join("> " + line for line in
                                   prose.text(lang, prose.length(400, 0.8, 6000)).split("\n"))
            post_rows.append({
                "id": post_id, "thread_id": t + 1, "community_id": c, "author_id": author,
                "parent_id": last_post[t], "source": rng.choice(sources),
                "message_id": f"{post_id}.{rng.getrandbits(32):08x}@mail.corp.example",
                "text": post_text,
                "html_safe": ("<p>" + post_text.replace("\n\n", "</p><p>") + "</p>")
                if rng.random() < 0.25 else None,
                "quoted_text": quoted,
                "signature": (f"{people_rows[author - 1]['display_name']}\nCorp — "
                              "+33 1 23 45 67 89") if rng.random() < 0.4 else "",
                "created_at": at, "received_at": at + timedelta(seconds=rng.randint(1, 90)),
                "raw_message_id": None, "forwarded_by_id": None})
            last_post[t] = post_id
            count = min(rng.choice(like_counts), len(members[c]))
            for liker in rng.sample(members[c], count):
                like_rows.append({"post_id": post_id, "person_id": liker,
                                  "source": PostSource.WEB if rng.random() < 0.4
                                  else PostSource.EMAIL,
                                  "created_at": at + timedelta(hours=rng.random() * 48)})
            if len(post_rows) >= CHUNK:
                conn.execute(insert(Post.__table__), post_rows)
                conn.execute(insert(Like.__table__), like_rows)
                likes_total += len(like_rows)
                post_rows, like_rows = [], []
        if post_rows:
            conn.execute(insert(Post.__table__), post_rows)
        if like_rows:
            conn.execute(insert(Like.__table__), like_rows)
            likes_total += len(like_rows)
        loaded = time.perf_counter()
        timings["posts_likes_s"] = round(loaded - migrated - timings["threads_s"], 1)
        if not keep_fts_trigger:
            # The migration's own statements: the trigger back, the index in one pass.
            conn.execute(text(migration_0005().SQLITE_UP[1]))
            conn.execute(text("INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')"))
        timings["fts_s"] = round(time.perf_counter() - loaded, 1)
    with engine.connect() as conn:
        # The server opens the file in WAL mode; set it here so that its first
        # connection does not have to convert a 1 GB file.
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    engine.dispose()
    partial.rename(path)
    timings["total_s"] = round(time.perf_counter() - started, 1)
    timings["likes"] = likes_total
    timings["size_mb"] = round(path.stat().st_size / 1e6)
    return timings


def migration_0005() -> Any:
    """The search migration module (its file name is not an importable name)."""
    import importlib.util

    from wall_store.migrate import MIGRATIONS

    spec = importlib.util.spec_from_file_location(
        "_migration_0005", MIGRATIONS / "versions" / "0005_search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- server -----------------------------------------------------------------------


def serve(db: Path, port: int) -> None:
    """Run by `--serve`: the web wall as `mailwall serve` runs it, until SIGTERM."""
    from wall_store.config import SECRET_ENV, build
    from web.service import WebService

    os.environ[SECRET_ENV] = SECRET
    config = build({"database": {"url": f"sqlite:///{db}"}, "smtp": {"domain": DOMAIN},
                    "web": {"host": "127.0.0.1", "port": port,
                            "base_url": f"http://127.0.0.1:{port}"}}, {}, None)

    async def main() -> None:
        service = WebService(config)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        await service.start()
        await stop.wait()
        await service.stop()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def server(db: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--db", str(db)],
                               cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"web server exited with {process.returncode}")
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("web server did not answer /healthz in 60 s")
            time.sleep(0.1)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in(base: str, db: Path, person_id: int) -> dict[str, str]:
    """The mailed link's path: a token issued by the store, its page, its button."""
    from sqlalchemy.orm import Session

    from wall_store import signin

    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as session, session.begin():
        person = session.get(Person, person_id)
        assert person is not None
        token = signin.issue_token(session, person)
    engine.dispose()
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        page = client.get(f"/login/{token}")
        assert page.status_code == 200, page.status_code
        match = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert match, "no CSRF field on the sign-in page"
        done = client.post(f"/login/{token}", data={"csrf": match.group(1), "next": "/"})
        assert done.status_code == 303, done.status_code
        return dict(client.cookies.items())


# --- measurement ------------------------------------------------------------------


@dataclass
class Phase:
    route: str
    latencies_ms: list[float]
    seconds: float
    errors: int

    @property
    def rps(self) -> float:
        return len(self.latencies_ms) / self.seconds


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def hammer(base: str, cookies: dict[str, str], paths: list[list[str]]) -> tuple[list[float],
                                                                                  float, int]:
    """One thread per client, each its own keep-alive connection and path list."""
    latencies: list[list[float]] = [[] for _ in paths]
    errors = [0] * len(paths)
    barrier = threading.Barrier(len(paths) + 1)

    def client(i: int) -> None:
        with httpx.Client(base_url=base, cookies=cookies, timeout=120) as http:
            http.get("/healthz")  # connect before the clock starts
            barrier.wait()
            for path in paths[i]:
                began = time.perf_counter()
                response = http.get(path)
                latencies[i].append((time.perf_counter() - began) * 1000)
                if response.status_code != 200:
                    errors[i] += 1

    workers = [threading.Thread(target=client, args=(i,)) for i in range(len(paths))]
    for worker in workers:
        worker.start()
    barrier.wait()
    began = time.perf_counter()
    for worker in workers:
        worker.join()
    return [x for chunk in latencies for x in chunk], time.perf_counter() - began, sum(errors)


def route_paths(route: str, slug: str, thread_ids: list[int], clients: int, requests: int,
                rng: random.Random) -> list[list[str]]:
    if route == "thread":
        return [[f"/c/{slug}/t/{rng.choice(thread_ids)}" for _ in range(requests)]
                for _ in range(clients)]
    path = {"wall": f"/c/{slug}", "healthz": "/healthz", "login": "/login"}[route]
    return [[path] * requests for _ in range(clients)]


ROUTES = ["wall", "thread", "healthz", "login"]


def profile_queries(db: Path, slug: str, thread_ids: list[int]) -> str:
    """cProfile of the route's query functions called directly (no HTTP, no template)."""
    from sqlalchemy.orm import Session

    from wall_store import web_queries

    engine = create_engine(f"sqlite:///{db}")
    profiler = cProfile.Profile()
    with Session(engine) as session:
        community = session.scalar(select(Community).where(Community.slug == slug))
        assert community is not None
        profiler.enable()
        for _ in range(20):
            web_queries.wall(session, community, limit=30)
        for thread_id in thread_ids[:50]:
            web_queries.thread(session, community, thread_id, 1)
        profiler.disable()
    engine.dispose()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--communities", type=int, default=20)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--keep-fts-trigger", action="store_true",
                        help="load posts with the FTS insert trigger in place (to compare)")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=100, help="per client, per route")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile the query functions in this process")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.db, args.serve)
        return

    params = Params(args.communities, args.people, args.threads, args.posts, args.seed)
    db = CACHE / f"{params.name}.db"
    build: dict[str, Any] | None = None
    if args.rebuild or not db.exists():
        if db.exists():
            db.unlink()
            for extra in ("-wal", "-shm"):
                Path(f"{db}{extra}").unlink(missing_ok=True)
        print(f"building {db} ...", flush=True)
        build = build_database(db, params, keep_fts_trigger=args.keep_fts_trigger)
        print(f"built in {build['total_s']} s: {build}", flush=True)
    else:
        print(f"reusing {db} ({db.stat().st_size / 1e6:.0f} MB; --rebuild to build again)")
    if args.build_only:
        print(json.dumps({"database": str(db), "build": build}))
        return

    engine: Engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        slug = conn.execute(select(Community.slug).where(Community.id == 1)).scalar_one()
        sizes = dict(conn.execute(text(
            "SELECT t.id, count(p.id) FROM threads t JOIN posts p ON p.thread_id = t.id "
            "WHERE t.community_id = 1 GROUP BY t.id")).all())
        totals = {name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()  # noqa: S608
                  for name in ("communities", "people", "threads", "posts", "likes")}
    engine.dispose()
    rng = random.Random(args.seed)
    thread_ids = sorted(sizes)
    drawn = sorted(sizes[rng.choice(thread_ids)] for _ in range(1000))
    print(f"dataset: {totals}; busiest community {slug!r}: {len(thread_ids)} threads, "
          f"{sum(sizes.values())} posts; thread sizes drawn (posts) p50 "
          f"{percentile(drawn, 0.5):.0f}, p90 {percentile(drawn, 0.9):.0f}, "
          f"max {max(sizes.values())}")

    runs: dict[str, list[Phase]] = {route: [] for route in ROUTES}
    with server(db) as base:
        cookies = sign_in(base, db, person_id=1)
        for route in ROUTES:  # warm-up: imports, template compilation, page cache
            paths = route_paths(route, slug, thread_ids, 1, 10, rng)
            _, _, errors = hammer(base, cookies, paths)
            assert errors == 0, f"{route}: warm-up answered non-200"
        for run in range(args.runs):
            order = ROUTES[run % len(ROUTES):] + ROUTES[:run % len(ROUTES)]
            for route in order:
                paths = route_paths(route, slug, thread_ids, args.clients, args.requests, rng)
                latencies, seconds, errors = hammer(base, cookies, paths)
                phase = Phase(route, latencies, seconds, errors)
                runs[route].append(phase)
                print(f"run {run + 1} {route:8} p50 {percentile(latencies, 0.5):8.2f} ms  "
                      f"p99 {percentile(latencies, 0.99):8.2f} ms  {phase.rps:7.1f} req/s  "
                      f"errors {errors}", flush=True)

    summary: dict[str, dict[str, float]] = {}
    for route, phases in runs.items():
        summary[route] = {
            "p50_ms": round(statistics.median(percentile(p.latencies_ms, 0.5)
                                              for p in phases), 2),
            "p99_ms": round(statistics.median(percentile(p.latencies_ms, 0.99)
                                              for p in phases), 2),
            "rps": round(statistics.median(p.rps for p in phases), 1),
            "errors": sum(p.errors for p in phases),
        }
    trivial = summary["healthz"]["p50_ms"]
    ratios = {f"{route}/healthz_p50": round(summary[route]["p50_ms"] / trivial, 1)
              for route in ("wall", "thread", "login")}
    print()
    print(f"medians of {args.runs} runs, {args.clients} clients x {args.requests} requests "
          "per route per run")
    print("| route | p50 ms | p99 ms | req/s | p50 / healthz |")
    print("|---|---:|---:|---:|---:|")
    names = {"wall": f"GET /c/{slug} (wall)", "thread": f"GET /c/{slug}/t/ID (thread)",
             "healthz": "GET /healthz (trivial)", "login": "GET /login (template)"}
    for route in ROUTES:
        s = summary[route]
        print(f"| {names[route]} | {s['p50_ms']:.2f} | {s['p99_ms']:.2f} | {s['rps']:.1f} | "
              f"{s['p50_ms'] / trivial:.1f} |")
    if args.profile:
        print(profile_queries(db, slug, [rng.choice(thread_ids) for _ in range(50)]))
    print(json.dumps({
        "machine": {"nproc": os.cpu_count(), "python": platform.python_version()},
        "database": str(db), "build": build, "dataset": totals, "community": slug,
        "community_threads": len(thread_ids),
        "thread_size_drawn": {"p50": percentile(drawn, 0.5), "p90": percentile(drawn, 0.9),
                              "max": max(sizes.values())},
        "clients": args.clients, "requests": args.requests, "runs": args.runs,
        "routes": summary, "ratios": ratios,
    }))


if __name__ == "__main__":
    main()
