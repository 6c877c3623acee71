"""What a digest holds for one person: threads that moved, new document versions, likes on
their posts — picked from a snapshot of their communities and ranked by `scoring.score`.

The snapshot is read once per run for every community (a few bulk queries), and each
community's threads are grouped and scored once per run (`_CommunityIndex`); a
person's selection then only rescores the few threads they are involved in, which is
what lets a run cover thousands of people quickly.
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


def _by_score(item: ThreadItem) -> tuple[float, int]:
    return (-item.score, item.thread_id)


class _CommunityIndex:
    """One community's window, ranked once for everybody.

    A thread's signals differ from one person to the next only when that person is
    involved in it: they wrote in it, started it, were answered or mentioned in it,
    or liked something in it. Every other thread scores the same for everyone, so it
    is scored once (`ranked`, best first); a person's selection rescores only their
    own few threads and merges them into the shared ranking.
    """

    def __init__(self, posts: list[PostRow], likes: Iterable[LikeRow],
                 versions: Iterable[VersionRow], community: CommunityRow,
                 mentions: dict[int, set[int]], since: datetime, now: datetime) -> None:
        by_thread: dict[int, list[PostRow]] = defaultdict(list)
        involved: dict[int, set[int]] = defaultdict(set)
        for post in posts:
            # By arrival: a mail whose Date: is old or ahead is news when it reaches the wall.
            if post.received_at < since:
                continue
            thread_id = post.thread_id
            by_thread[thread_id].append(post)
            involved[post.author_id].add(thread_id)
            if post.parent_author_id is not None:
                involved[post.parent_author_id].add(thread_id)
            if post.thread_starter_id is not None:
                involved[post.thread_starter_id].add(thread_id)
            for mentioned in mentions.get(post.id, ()):
                involved[mentioned].add(thread_id)
        self.community = community
        self.now = now
        self.by_thread = dict(by_thread)
        self.likes_per_thread: dict[int, int] = defaultdict(int)
        self.own_likes: dict[tuple[int, int], int] = defaultdict(int)
        self.likes_on: dict[int, list[LikeRow]] = defaultdict(list)
        for like in likes:
            if like.created_at < since:
                continue
            self.likes_per_thread[like.thread_id] += 1
            self.own_likes[(like.liker_id, like.thread_id)] += 1
            self.likes_on[like.post_author_id].append(like)
            involved[like.liker_id].add(like.thread_id)
        self.involved = dict(involved)
        ranked = []
        for thread_id, thread_posts in self.by_thread.items():
            last = thread_posts[-1]
            signals = Signals(
                posts=len(thread_posts),
                authors=len({p.author_id for p in thread_posts}),
                likes=self.likes_per_thread.get(thread_id, 0),
                hours_since_last=_hours_since(thread_posts, now),
            )
            ranked.append(ThreadItem(thread_id, community, last.subject, thread_posts,
                                     signals, score(signals), last.id))
        ranked.sort(key=_by_score)
        self.ranked = ranked
        latest: dict[str, VersionRow] = {}
        for version in versions:
            if version.created_at >= since:
                latest[version.name] = version
        self.documents = list(latest.values())

    def personal(self, person_id: int, thread_id: int,
                 mentions: dict[int, set[int]]) -> ThreadItem | None:
        """The thread as `person_id` sees it; None when only they wrote in it."""
        posts = self.by_thread.get(thread_id)
        if posts is None:
            return None
        others = [p for p in posts if p.author_id != person_id]
        if not others:
            return None
        last = posts[-1]
        signals = Signals(
            mentions_of_person=sum(1 for p in others if person_id in mentions.get(p.id, ())),
            # In a thread they started, anything someone else writes answers them.
            answers_to_person=sum(1 for p in others if p.parent_author_id == person_id
                                  or p.thread_starter_id == person_id),
            posts=len(others),
            authors=len({p.author_id for p in others}),
            likes=self.likes_per_thread.get(thread_id, 0)
            - self.own_likes.get((person_id, thread_id), 0),
            hours_since_last=_hours_since(posts, self.now),
        )
        return ThreadItem(thread_id, self.community, last.subject, posts, signals,
                          score(signals), last.id)

    def top(self, person_id: int, limit: int, mentions: dict[int, set[int]]
            ) -> list[ThreadItem]:
        """Candidates for the person's `limit` best threads of this community (unsorted):
        their own threads rescored, and the best `limit` of the rest."""
        mine = self.involved.get(person_id, ())
        chosen = [item for t in mine if (item := self.personal(person_id, t, mentions))]
        if not mine:
            return chosen + self.ranked[:limit]
        taken = 0
        for item in self.ranked:
            if taken >= limit:
                break
            if item.thread_id not in mine:
                chosen.append(item)
                taken += 1
        return chosen


def _hours_since(posts: list[PostRow], now: datetime) -> float:
    """How fresh the thread's news is: since its latest arrival, not its latest Date:."""
    newest = max(p.received_at for p in posts)
    return max((now - newest).total_seconds() / 3600, 0.0)


def _index(snapshot: Snapshot, community: CommunityRow, since: datetime) -> _CommunityIndex:
    """Built once per run for the snapshot's window; a later window (someone whose last
    digest is recent) gets its own, uncached."""
    community_id = community.id

    def build(start: datetime) -> _CommunityIndex:
        return _CommunityIndex(
            snapshot.posts_by_community.get(community_id, []),
            snapshot.likes_by_community.get(community_id, ()),
            snapshot.versions_by_community.get(community_id, ()),
            community, snapshot.mentions, start, snapshot.now)

    if since > snapshot.since:
        return build(since)
    cache: dict[int, _CommunityIndex] = snapshot.__dict__.setdefault("_indexes", {})
    index = cache.get(community_id)
    if index is None:
        index = cache[community_id] = build(snapshot.since)
    return index


def select_for(person: Recipient, snapshot: Snapshot, since: datetime) -> Selection:
    """Pure over the snapshot: the person's share of what moved since `since`.

    Only the person's own communities are read, which is what keeps a private
    community out of a non-member's digest. Their own posts are not news to them.
    """
    selection = Selection(person, since)
    limit = MAX_THREADS[person.stage]
    person_id = person.id
    for community_id in person.communities:
        community = snapshot.communities.get(community_id)
        if community is None:
            continue
        index = _index(snapshot, community, since)
        selection.threads.extend(index.top(person_id, limit, snapshot.mentions))
        likes_on_mine: dict[int, list[LikeRow]] = defaultdict(list)
        for like in index.likes_on.get(person_id, ()):
            if like.liker_id != person_id:
                likes_on_mine[like.post_id].append(like)
        for post_id, likes in likes_on_mine.items():
            first = likes[0]
            selection.likes.append(LikesOnPost(post_id, first.thread_id, community,
                                               first.subject, len({x.liker_id for x in likes})))
        selection.documents.extend((community, v) for v in index.documents)
    selection.threads.sort(key=_by_score)
    del selection.threads[limit:]
    selection.likes.sort(key=lambda x: (-x.likers, x.post_id))
    selection.documents.sort(key=lambda cv: cv[1].created_at, reverse=True)
    return selection
