"""`mailwall stats`: adoption per week — posts by source, people per stage, digests sent and
followed — as rows for tables and JSON, and as a chart.

The chart is drawn with matplotlib on its Agg backend: the reference plotting library,
maintained for decades, that writes PNG and SVG without a display or a browser
(the `serve` host and CI have neither), and needs no JavaScript in the mail or page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from wall_store import digest_queries
from wall_store.communities import get_community
from wall_store.models import AdoptionStage

SOURCES = ("email", "web", "import")
STAGES = tuple(s.value for s in AdoptionStage)


@dataclass(frozen=True)
class Week:
    start: date
    posts: dict[str, int]
    stages: dict[str, int]
    digests_sent: int
    digests_followed: int

    @property
    def label(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    def as_dict(self) -> dict[str, Any]:
        return {"week": self.label, "start": self.start.isoformat(), "posts": self.posts,
                "stages": self.stages, "digests_sent": self.digests_sent,
                "digests_followed": self.digests_followed}


def _monday(at: datetime | date) -> date:
    day = at.date() if isinstance(at, datetime) else at
    return day - timedelta(days=day.weekday())


def weekly(session: Session, slug: str | None, *, now: datetime, weeks: int = 12) -> list[Week]:
    community_id = get_community(session, slug).id if slug else None
    first = _monday(now) - timedelta(weeks=weeks - 1)
    since = datetime.combine(first, datetime.min.time(), tzinfo=now.tzinfo)
    rows = digest_queries.stats_rows(session, community_id, since)
    posts = Counter((_monday(at), source) for at, source in rows.posts)
    sent = Counter(_monday(at) for at, _ in rows.digests)
    clicks = Counter(_monday(at) for at in rows.clicks)
    changes_by_person: dict[int, list[tuple[datetime, AdoptionStage, AdoptionStage]]] = {}
    for person_id, at, old, new in rows.stage_changes:
        changes_by_person.setdefault(person_id, []).append((at, old, new))
    result = []
    for n in range(weeks):
        start = first + timedelta(weeks=n)
        end = datetime.combine(start + timedelta(days=7), datetime.min.time(),
                               tzinfo=now.tzinfo)
        stages: Counter[str] = Counter()
        for person_id, created, current in rows.people:
            if created >= end:
                continue
            stages[_stage_at(changes_by_person.get(person_id, []), current, end).value] += 1
        result.append(Week(
            start,
            {s: posts.get((start, s), 0) for s in SOURCES},
            {s: stages.get(s, 0) for s in STAGES},
            sent.get(start, 0),
            clicks.get(start, 0),
        ))
    return result


def _stage_at(changes: list[tuple[datetime, AdoptionStage, AdoptionStage]],
              current: AdoptionStage, end: datetime) -> AdoptionStage:
    """The stage a person had at `end`: the last change before it, else the stage the first
    later change started from, else today's."""
    before = [c for c in changes if c[0] < end]
    if before:
        return before[-1][2]
    if changes:
        return changes[0][1]
    return current


def chart(weeks: list[Week], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [w.label for w in weeks]
    x = range(len(weeks))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
    bottom_stack = [0] * len(weeks)
    for source, colour in zip(SOURCES, ("#1d4ed8", "#10b981", "#9ca3af"), strict=True):
        values = [w.posts[source] for w in weeks]
        top.bar(x, values, bottom=bottom_stack, label=source, color=colour)
        bottom_stack = [a + b for a, b in zip(bottom_stack, values, strict=True)]
    top.set_title(title)
    top.set_ylabel("posts")
    top.legend(loc="upper left")
    for stage, colour in zip(STAGES, ("#f59e0b", "#6366f1", "#10b981"), strict=True):
        bottom.plot(x, [w.stages[stage] for w in weeks], marker="o", label=stage, color=colour)
    bottom.plot(x, [w.digests_sent for w in weeks], linestyle="--", label="digests sent",
                color="#6b7280")
    bottom.plot(x, [w.digests_followed for w in weeks], linestyle=":",
                label="digests followed", color="#111827")
    bottom.set_ylabel("people / digests")
    bottom.legend(loc="upper left")
    bottom.set_xticks(list(x), labels, rotation=45, ha="right")
    fig.tight_layout()
    fig.savefig(path, format=path.suffix.lstrip(".").lower())
    plt.close(fig)
