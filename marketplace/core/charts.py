"""Server-rendered bar charts: the geometry of an SVG drawn by
templates/core/bar_chart.html, so pages need no chart library and no script.

`bar_chart()` takes the points in order (oldest first) and returns the bars with
their rectangles in the SVG's own units. Time runs in the reading direction, as in
the vendor dashboard's chart (dashboard/sales.py): on a right-to-left page
(`rtl`) the oldest point is at the right. The table beside the chart carries the
figures for screen readers.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    caption: str  # "label: value" as a tooltip says it
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    maximum: Decimal

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(
    points: list[tuple[str, Decimal]],
    *,
    title: str,
    formatter: Callable[[Decimal], str] = str,
    rtl: bool = False,
    width: int = 600,
    height: int = 160,
) -> BarChart:
    """One bar per point, scaled so the highest fills the height (a zero-height
    bar for zero); bars are separated by a fifth of their slot. `formatter` prints
    a value for the tooltips (money, a count)."""
    maximum = max((value for _label, value in points), default=Decimal(0))
    slot = width / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        position = len(points) - 1 - index if rtl else index
        bar_height = float(value / maximum) * height if maximum else 0.0
        bars.append(
            Bar(
                label=label,
                value=value,
                caption=f"{label}: {formatter(value)}",
                x=round(position * slot + slot * 0.1, 2),
                y=round(height - bar_height, 2),
                width=round(slot * 0.8, 2),
                height=round(bar_height, 2),
            )
        )
    return BarChart(title=title, bars=bars, width=width, height=height, maximum=maximum)
