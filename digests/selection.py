"""What a digest holds for one person: threads that moved, new document versions, likes on
their posts — picked from a snapshot of their communities and ranked by `scoring.score`.

The snapshot is read once per run for every community (a few bulk queries); each
person's selection is then pure Python over it, which is what lets a run cover
thousands of people quickly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from digests.scoring import Signals, score
from wall_store import digest_queries
from wall_store.digest_queries import CommunityRow, LikeRow, PostRow, Recipient, VersionRow
from wall_store.models import AdoptionStage


@dataclass
class Snapshot:
    since: datetime
    now: datetime
    communities: dict[int, CommunityRow]
    posts_by_community: dict[int, list[PostRow]]
    likes_by_community: dict[int, list[LikeRow]]
    versions_by_community: dict[int, list[VersionRow]]
    mentions: dict[int, set[int]]

    @classmethod
    def load(cls, session: Session, community_ids: Iterable[int] | None, since: datetime,
             now: datetime) -> Snapshot:
        communities = digest_queries.communities_by_id(session)
        ids = [c for c in (community_ids if community_ids is not None else communities)
               if c in communities]
        posts: dict[int, list[PostRow]] = defaultdict(list)
        for row in digest_queries.recent_posts(session, ids, since):
            posts[row.community_id].append(row)
        likes: dict[int, list[LikeRow]] = defaultdict(list)
        for like in digest_queries.recent_likes(session, ids, since):
            likes[like.community_id].append(like)
        versions: dict[int, list[VersionRow]] = defaultdict(list)
        for version in digest_queries.recent_versions(session, ids, since):
            versions[version.community_id].append(version)
        mentions = digest_queries.mentions_of_posts(
            session, [p.id for rows in posts.values() for p in rows])
        return cls(since, now, communities, posts, likes, versions, mentions)

    def threads_of(self, community_id: int) -> dict[int, list[PostRow]]:
        """A community's posts grouped by thread, grouped once per run, not per person."""
        cache: dict[int, dict[int, list[PostRow]]] = self.__dict__.setdefault("_threads", {})
        grouped = cache.get(community_id)
        if grouped is None:
            grouped = defaultdict(list)
            for post in self.posts_by_community.get(community_id, ()):
                grouped[post.thread_id].append(post)
            cache[community_id] = grouped = dict(grouped)
        return grouped


@dataclass
class ThreadItem:
    thread_id: int
    community: CommunityRow
    subject: str
    posts: list[PostRow]
    signals: Signals
    score: float
    last_post_id: int

    @property
    def mentions_person(self) -> bool:
        return self.signals.mentions_of_person > 0

    @property
    def answers_person(self) -> bool:
        return self.signals.answers_to_person > 0


@dataclass
class LikesOnPost:
    post_id: int
    thread_id: int
    community: CommunityRow
    subject: str
    likers: int


@dataclass
class Selection:
    person: Recipient
    since: datetime
    threads: list[ThreadItem] = field(default_factory=list)
    documents: list[tuple[CommunityRow, VersionRow]] = field(default_factory=list)
    likes: list[LikesOnPost] = field(default_factory=list)

    @property
    def items(self) -> int:
        return len(self.threads) + len(self.documents) + len(self.likes)

    def worth_sending(self) -> bool:
        """A digest with nothing in it is not sent; a wall person only hears about what
        concerns them directly or what many people did."""
        if self.person.stage is AdoptionStage.WALL:
            return any(t.mentions_person or t.answers_person for t in self.threads) \
                or len(self.threads) >= 3
        return self.items > 0


MAX_THREADS = {AdoptionStage.EMAIL_ONLY: 20, AdoptionStage.HYBRID: 20, AdoptionStage.WALL: 5}


def select_for(person: Recipient, snapshot: Snapshot, since: datetime) -> Selection:
    """Pure over the snapshot: the person's share of what moved since `since`.

    Only the person's own communities are read, which is what keeps a private
    community out of a non-member's digest. Their own posts are not news to them.
    """
    selection = Selection(person, since)
    now = snapshot.now
    for community_id in person.communities:
        community = snapshot.communities.get(community_id)
        if community is None:
            continue
        by_thread = snapshot.threads_of(community_id)
        if since > snapshot.since:
            by_thread = {t: kept for t, posts in by_thread.items()
                         if (kept := [p for p in posts if p.created_at >= since])}
        likes_by_thread: dict[int, int] = defaultdict(int)
        likes_on_mine: dict[int, list[LikeRow]] = defaultdict(list)
        for like in snapshot.likes_by_community.get(community_id, ()):
            if like.created_at < since or like.liker_id == person.id:
                continue
            likes_by_thread[like.thread_id] += 1
            if like.post_author_id == person.id:
                likes_on_mine[like.post_id].append(like)
        for thread_id, posts in by_thread.items():
            others = [p for p in posts if p.author_id != person.id]
            if not others:
                continue
            mentions = sum(1 for p in others if person.id in snapshot.mentions.get(p.id, ()))
            # In a thread they started, anything someone else writes answers them.
            answers = sum(1 for p in others
                          if p.parent_author_id == person.id or p.thread_starter_id == person.id)
            last = posts[-1]
            signals = Signals(
                mentions_of_person=mentions,
                answers_to_person=answers,
                posts=len(others),
                authors=len({p.author_id for p in others}),
                likes=likes_by_thread.get(thread_id, 0),
                hours_since_last=max((now - last.created_at).total_seconds() / 3600, 0.0),
            )
            selection.threads.append(ThreadItem(
                thread_id, community, last.subject, posts, signals, score(signals), last.id))
        for post_id, likes in likes_on_mine.items():
            first = likes[0]
            selection.likes.append(LikesOnPost(post_id, first.thread_id, community,
                                               first.subject, len({x.liker_id for x in likes})))
        latest: dict[str, VersionRow] = {}
        for version in snapshot.versions_by_community.get(community_id, ()):
            if version.created_at >= since:
                latest[version.name] = version
        selection.documents.extend((community, v) for v in latest.values())
    selection.threads.sort(key=lambda t: (-t.score, t.thread_id))
    del selection.threads[MAX_THREADS[person.stage]:]
    selection.likes.sort(key=lambda x: (-x.likers, x.post_id))
    selection.documents.sort(key=lambda cv: cv[1].created_at, reverse=True)
    return selection
