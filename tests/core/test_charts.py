"""Server-drawn bar charts: bars scaled to the highest value, time in the reading
direction."""

from decimal import Decimal

from marketplace.core.charts import bar_chart


def test_the_highest_bar_fills_the_height_and_a_zero_has_none():
    chart = bar_chart(
        [("1", Decimal("50")), ("2", Decimal("0")), ("3", Decimal("100"))],
        title="Sales",
        height=100,
    )
    assert [bar.height for bar in chart.bars] == [50.0, 0.0, 100.0]
    assert [bar.y for bar in chart.bars] == [50.0, 100.0, 0.0]
    assert chart.bars[0].caption == "1: 50"
    assert not chart.is_empty


def test_time_runs_right_to_left_on_a_right_to_left_page():
    points = [("old", Decimal("1")), ("new", Decimal("2"))]
    ltr = bar_chart(points, title="Sales", width=200)
    rtl = bar_chart(points, title="Sales", width=200, rtl=True)
    assert ltr.bars[0].x < ltr.bars[1].x
    assert rtl.bars[0].x > rtl.bars[1].x


def test_a_chart_of_zeros_is_empty():
    assert bar_chart([("1", Decimal("0"))], title="Sales").is_empty
    assert bar_chart([], title="Sales").is_empty
