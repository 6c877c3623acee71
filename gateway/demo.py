"""`mailwall demo`: a populated community a newcomer can look at and write to at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from wall_store import communities, mappings, people, wall
from wall_store.base import utcnow
from wall_store.errors import NotFound
from wall_store.models import Like, PostSource

SLUG = "demo"
MEMBERS = [
    ("elodie.martin@example.com", "Élodie Martin", "manager"),
    ("francois.lefevre@example.com", "François Lefèvre", "member"),
    ("helene.girard@example.com", "Hélène Girard", "member"),
    ("jerome.dubois@example.com", "Jérôme Dubois", "member"),
    ("sarah.miller@partner.example", "Sarah Miller", "external"),
]

# (channel, subject, [(author, hours after start, text)])
THREADS: list[tuple[str | None, str, list[tuple[str, int, str]]]] = [
    (
        "lot-1",
        "Comité de pilotage du 12 : ordre du jour",
        [
            ("elodie.martin@example.com", 0,
             "Bonjour à tous,\n\nVoici l'ordre du jour du comité de pilotage de jeudi :\n"
             "1. Avancement du lot 1 (maquettes validées ?)\n2. Planning de la recette\n"
             "3. Points bloquants côté hébergement\n\nMerci de compléter d'ici mercredi midi."),
            ("francois.lefevre@example.com", 3,
             "J'ajoute un point : le devis de l'hébergeur est arrivé, il faut le valider "
             "avant la fin du mois."),
            ("helene.girard@example.com", 5,
             "Les maquettes sont validées par le métier, je présenterai la version finale."),
        ],
    ),
    (
        None,
        "Migration to the new intranet: timeline",
        [
            ("sarah.miller@partner.example", 26,
             "Hello everyone,\n\nOn our side the content export is ready. We can start the "
             "migration on Monday if the staging server is open by then."),
            ("jerome.dubois@example.com", 28,
             "Staging is open since this morning, credentials were sent to Sarah separately."),
        ],
    ),
    (
        "lot-2",
        "Compte-rendu atelier utilisateurs",
        [
            ("helene.girard@example.com", 50,
             "Le compte-rendu de l'atelier de mardi : les utilisateurs veulent retrouver les "
             "documents du projet sans passer par la messagerie. Ça tombe bien !"),
        ],
    ),
]


def load_demo(session: Session, *, domain: str) -> dict[str, Any]:
    address = f"{SLUG}@{domain}"
    try:
        existing = communities.get_community(session, SLUG)
    except NotFound:
        existing = None
    if existing is not None:
        summary = communities.community_summary(session, existing)
        return {"community": SLUG, "address": address, "created": False,
                "members": summary["members"], "threads": summary["threads"],
                "posts": summary["posts"]}

    community = communities.create_community(
        session, SLUG, name="Projet Atlas (démo)", kind="project", policy="moderate"
    )
    for channel in ("lot-1", "lot-2"):
        communities.add_channel(session, SLUG, channel, f"Lot {channel[-1]}")
    mappings.add_address(session, SLUG, address)
    by_address = {}
    for email, name, role in MEMBERS:
        membership, _ = people.add_member(session, SLUG, email, name=name, role=role)
        by_address[email] = membership.person
    start = utcnow() - timedelta(days=3)
    posts = 0
    first_posts = []
    for number, (channel, subject, messages) in enumerate(THREADS, start=1):
        channel_row = communities.get_channel(session, community, channel) if channel else None
        author, hours, _ = messages[0]
        thread = wall.start_thread(
            session, community, subject=subject, normalized_subject=subject.casefold(),
            started_by=by_address[author], channel=channel_row,
            at=start + timedelta(hours=hours),
        )
        for index, (author, hours, text) in enumerate(messages):
            post = wall.add_post(
                session, thread, author=by_address[author], source=PostSource.EMAIL,
                message_id=f"demo-{number}-{index}@{domain}", text=text,
                created_at=start + timedelta(hours=hours),
            )
            if index == 0:
                first_posts.append(post)
            posts += 1
    # A few likes, so the wall shows what email users miss.
    for liker in ("francois.lefevre@example.com", "jerome.dubois@example.com"):
        session.add(Like(post_id=first_posts[0].id, person_id=by_address[liker].id,
                         source=PostSource.WEB))
    session.flush()
    return {"community": SLUG, "address": address, "created": True, "members": len(MEMBERS),
            "threads": len(THREADS), "posts": posts}
