"""Stacked bar charts drawn server-side as SVG shapes (no script, no image library)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: str
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, str]]
    maximum: int
    series: list[str]


def stacked(columns: list[tuple[str, dict[str, int]]], series: list[str], *,
            width: int = 640, height: int = 220) -> Chart:
    top, bottom, left = 10, 30, 30
    plot = height - top - bottom
    maximum = max((sum(values.values()) for _, values in columns), default=0) or 1
    step = (width - left) / max(len(columns), 1)
    bars, labels = [], []
    for index, (label, values) in enumerate(columns):
        x = left + index * step + step * 0.15
        y = float(top + plot)
        for name in series:
            count = values.get(name, 0)
            if count:
                h = plot * count / maximum
                y -= h
                bars.append(Bar(round(x, 1), round(y, 1), round(step * 0.7, 1), round(h, 1),
                                name, f"{label} — {name}: {count}"))
        labels.append((round(x + step * 0.35, 1), label.split("-W")[-1]))
    return Chart(width, height, bars, labels, maximum, series)
