"""plotly figures as plain dicts: data in, figure out, each with the rows of its table fallback.

Figures are handed to the page with `json_script` and drawn by static/js/charts.js; a point's
`customdata` is the URL of the commitment list filtered to it.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from commitments.models import PLAN_END, PLAN_START
from commitments.status import Status

FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'
ACCENT = "#1d5fa8"

# The one layout every chart shares; no plotly template, so the JSON stays small.
LAYOUT = {
    "font": {"family": FONT, "size": 13, "color": "#1f2933"},
    "margin": {"l": 8, "r": 24, "t": 8, "b": 32, "pad": 4},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "showlegend": False,
    "hoverlabel": {"font": {"family": FONT}},
}
CONFIG = {"displayModeBar": False, "responsive": True}
# Past 100 there is room for the labels outside the bars, so that a 0% bar still says so.
PERCENT_AXIS = {
    "range": [0, 135],
    "tickvals": [0, 50, 100],
    "ticktext": ["0%", "50%", "100%"],
    "gridcolor": "#e4e7eb",
    "fixedrange": True,
}
CATEGORY_AXIS = {"automargin": True, "autorange": "reversed", "fixedrange": True}
BAR_HEIGHT = 34
WIDE_AFTER_BARS = 6


@dataclass
class Row:
    label: str
    values: list
    url: str = ""
    list_url: str = ""


@dataclass
class Chart:
    id: str
    title: str
    figure: dict
    columns: list
    rows: list = field(default_factory=list)
    wide: bool = False

    @property
    def script_id(self):
        return f"{self.id}-figure"


def list_url(**filters):
    """The commitment list filtered by `filters`, e.g. list_url(status="done")."""
    url = reverse("commitments:list")
    return f"{url}?{urlencode(filters)}" if filters else url


def figure(data, height, **layout):
    return {"data": data, "layout": {**LAYOUT, "height": height, **layout}, "config": CONFIG}


def status_chart(summary, **filters):
    """A donut of commitments per status, from a summary (`ProgressTally…summary()`)."""
    rows = [
        Row(
            label=label,
            values=[summary[f"status_{value}"]],
            list_url=list_url(**filters, status=value),
        )
        for value, label in Status.choices
    ]
    shown = [(value, row) for value, row in zip(Status.values, rows, strict=True) if row.values[0]]
    pie = {
        "type": "pie",
        "hole": 0.55,
        "sort": False,
        "direction": "clockwise",
        "labels": [row.label for _value, row in shown],
        "values": [row.values[0] for _value, row in shown],
        "customdata": [row.list_url for _value, row in shown],
        "marker": {"colors": [Status(value).colour for value, _row in shown]},
        "textinfo": "value",
        "textposition": "inside",
        "insidetextorientation": "horizontal",
        "hovertemplate": "%{label}: %{value} (%{percent})<extra></extra>",
    }
    legend = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.05, "yanchor": "top"}
    return Chart(
        id="chart-status",
        title=_("状态分布"),
        figure=figure(
            [pie], 340, showlegend=True, legend=legend, margin={"l": 8, "r": 8, "t": 8, "b": 8}
        ),
        columns=[_("状态"), _("承诺数")],
        rows=rows,
    )


def progress_chart(chart_id, title, items, filter_name, **filters):
    """Horizontal bars of mean progress per goal, department or theme.

    `items` carry `commitment_count` and `mean_progress` (`ProgressTally…by_goal()` and the like);
    each bar links to the list filtered by `filter_name` = the item's slug.
    """
    rows = [
        Row(
            label=getattr(item, "short_name", None) or str(item),
            values=[item.commitment_count, round(item.mean_progress)],
            url=item.get_absolute_url() if hasattr(item, "get_absolute_url") else "",
            list_url=list_url(**filters, **{filter_name: item.slug}),
        )
        for item in items
    ]
    bar = {
        "type": "bar",
        "orientation": "h",
        "y": [row.label for row in rows],
        "x": [row.values[1] for row in rows],
        "customdata": [row.list_url for row in rows],
        "text": [bar_text(*row.values) for row in rows],
        "textposition": "outside",
        "cliponaxis": False,
        "marker": {"color": ACCENT},
        "hovertemplate": "%{y}: %{x}%<extra></extra>",
    }
    height = 60 + BAR_HEIGHT * max(len(rows), 1)
    return Chart(
        id=chart_id,
        title=title,
        figure=figure([bar], height, xaxis=PERCENT_AXIS, yaxis=CATEGORY_AXIS),
        columns=[_("名称"), _("承诺数"), _("平均进度 (%)")],
        rows=rows,
        wide=len(rows) > WIDE_AFTER_BARS,
    )


def bar_text(count, progress):
    return _("%(progress)s%% · %(count)s 项") % {"progress": progress, "count": count}


def plan_elapsed_percent(on):
    """How much of the plan period (2021-01-01 to 2025-12-31) has passed on `on`, 0 to 100."""
    elapsed = (on - PLAN_START).days / (PLAN_END - PLAN_START).days
    return round(min(max(elapsed, 0), 1) * 100)


def plan_chart(on, mean_progress, period=None, **filters):
    """The elapsed time of `period` (a Plan; by default 2021–2025) next to the mean progress."""
    elapsed = plan_elapsed_percent(on) if period is None else period.elapsed_percent(on)
    rows = [
        Row(label=_("规划期已过"), values=[elapsed]),
        Row(
            label=_("平均进度"),
            values=[round(mean_progress)],
            list_url=list_url(**filters, sort="-progress"),
        ),
    ]
    bar = {
        "type": "bar",
        "orientation": "h",
        "y": [row.label for row in rows],
        "x": [row.values[0] for row in rows],
        "customdata": [row.list_url for row in rows],
        "text": [f"{row.values[0]}%" for row in rows],
        "textposition": "outside",
        "cliponaxis": False,
        "marker": {"color": ["#a0a7b1", ACCENT]},
        "hovertemplate": "%{y}: %{x}%<extra></extra>",
    }
    return Chart(
        id="chart-plan",
        title=_("时间进度与总体进度"),
        figure=figure([bar], 60 + BAR_HEIGHT * 2, xaxis=PERCENT_AXIS, yaxis=CATEGORY_AXIS),
        columns=[_("指标"), _("百分比 (%)")],
        rows=rows,
        wide=True,
    )
