"""Charts of the store's events (matplotlib, drawn off-screen with the Agg canvas).

The figures are made with `matplotlib.figure.Figure` and the Agg canvas directly, so using
this module never changes the pyplot backend of a notebook or needs a display.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import Normalize
from matplotlib.cm import ScalarMappable
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Patch

from dyad.analysis import QUAD_COLUMNS

QUAD_COLOURS = ("#8fd18f", "#1a9641", "#fdae61", "#d7191c")  # verbal/material cooperation, verbal/material conflict
QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
WIDTH, HEIGHT, DPI = 10.0, 6.0, 100  # 1000 × 600 pixels

_BAR_DAYS = {"day": 0.8, "week": 5.6, "month": 24.0}


def _figure(width: float, height: float, dpi: int) -> Figure:
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Figure, path: str | Path | None) -> None:
    if path is not None:
        fig.savefig(path, dpi=fig.dpi, format="png" if str(path).lower().endswith(".png") else None)


def series_chart(data: pd.DataFrame, title: str, by: str = "week", path: str | Path | None = None,
                 width: float = WIDTH, height: float = HEIGHT, dpi: int = DPI, unit: str = "events") -> Figure:
    """Stacked bars of counts by QuadClass per period (top) and the Goldstein sum per period
    (bottom). `data`: `analysis.series(..., metric="all")`."""
    fig = _figure(width, height, dpi)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2, 1]})
    x = pd.to_datetime(data.index)
    bar = pd.Timedelta(days=_BAR_DAYS.get(by, 5.6))
    base = pd.Series(0, index=data.index, dtype="float64")
    for col, colour, label in zip(QUAD_COLUMNS, QUAD_COLOURS, QUAD_LABELS):
        values = data[col].astype(float) if col in data else base * 0
        top.bar(x, values.values, width=bar, bottom=base.values, color=colour, label=label, align="edge",
                edgecolor="white", linewidth=0.3)
        base = base + values
    top.set_ylabel(f"{unit} per {by}")
    top.set_title(title)
    top.legend(loc="upper left", fontsize="small", ncols=2, frameon=False)
    top.grid(axis="y", alpha=0.3)
    top.set_ylim(0, max(1.0, float(base.max()) * 1.25 if len(base) else 1.0))
    gold = data["goldstein"].astype(float) if "goldstein" in data else base * 0
    bottom.bar(x, gold.values, width=bar, align="edge", color=["#2166ac" if v >= 0 else "#b2182b" for v in gold.values])
    bottom.axhline(0, color="black", linewidth=0.6)
    bottom.set_ylabel("Goldstein sum")
    bottom.set_xlabel(f"{by} starting" if by != "day" else "day")
    bottom.grid(axis="y", alpha=0.3)
    locator = AutoDateLocator()
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    fig.align_ylabels([top, bottom])
    fig.tight_layout()
    _save(fig, path)
    return fig


def network_chart(dyads: pd.DataFrame, title: str, path: str | Path | None = None,
                  width: float = WIDTH, height: float = HEIGHT * 1.4, dpi: int = DPI, unit: str = "events") -> Figure:
    """The dyads as a directed graph: actors on a circle, an arrow per dyad, its width the
    number of events and its colour their mean Goldstein score. `dyads`: `analysis.top(...,
    "dyads")` (columns source, target, events|mentions, mean_goldstein). Dyads of an actor with
    itself (domestic events at country level) are left out."""
    count_col = "mentions" if "mentions" in dyads.columns else "events"
    edges = dyads[dyads["source"] != dyads["target"]].reset_index(drop=True)
    fig = _figure(width, height, dpi)
    ax = fig.add_axes((0.02, 0.04, 0.82, 0.86))
    cax = fig.add_axes((0.87, 0.15, 0.025, 0.65))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    fig.suptitle(title)
    # a symmetric colour scale around 0 that the strongest mean Goldstein score reaches
    extent = max([2.0] + [abs(float(v)) for v in edges["mean_goldstein"] if pd.notna(v)])
    extent = min(10.0, math.ceil(extent))
    norm = Normalize(-extent, extent)
    cmap = colormaps["RdBu"]
    fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=cax, label="mean Goldstein score (−10 conflict … +10 cooperation)")
    if edges.empty:
        ax.text(0, 0, "no dyads between different actors", ha="center", va="center")
        _save(fig, path)
        return fig
    weight: dict[str, float] = {}
    for _, e in edges.iterrows():
        for actor in (e["source"], e["target"]):
            weight[actor] = weight.get(actor, 0) + float(e[count_col])
    nodes = sorted(weight, key=lambda a: (-weight[a], a))
    pos = {a: (math.cos(math.pi / 2 - 2 * math.pi * i / len(nodes)), math.sin(math.pi / 2 - 2 * math.pi * i / len(nodes)))
           for i, a in enumerate(nodes)}
    top_count = float(edges[count_col].max())
    top_weight = max(weight.values())
    radius = {a: 0.05 + 0.07 * math.sqrt(weight[a] / top_weight) for a in nodes}
    for _, e in edges.sort_values(count_col).iterrows():
        a, b = pos[e["source"]], pos[e["target"]]
        lw = 1.0 + 9.0 * float(e[count_col]) / top_count
        arrow = FancyArrowPatch(a, b, connectionstyle="arc3,rad=0.18", arrowstyle="-|>",
                                mutation_scale=8 + lw * 2, linewidth=lw, color=cmap(norm(float(e["mean_goldstein"]))),
                                alpha=0.85, shrinkA=radius[e["source"]] * dpi * 2.2, shrinkB=radius[e["target"]] * dpi * 2.2,
                                zorder=1)
        ax.add_patch(arrow)
    from matplotlib.patches import Circle

    for a in nodes:
        x, y = pos[a]
        ax.add_patch(Circle((x, y), radius[a], facecolor="#f0f0f0", edgecolor="#333333", linewidth=1.2, zorder=2))
        ax.text(x * 1.2, y * 1.14, a, ha="center", va="center", fontsize=10, fontweight="bold", zorder=3)
    ax.legend(handles=[Patch(color="#999999", label=f"arrow width: {unit} (max {int(top_count)})")],
              loc="lower left", fontsize="small", frameon=False)
    _save(fig, path)
    return fig
