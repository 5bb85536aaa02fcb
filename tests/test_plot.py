"""`dyad plot series|network`: PNG files of the expected size, drawn without a display."""

from __future__ import annotations

import struct

import pytest
from click.testing import CliRunner
from matplotlib.figure import Figure

import dyad.api as dy
from dyad.cli import main
from dyad_fixture import build


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build(tmp_path_factory.mktemp("plot") / "s.duckdb")


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_cli_plot_series(store_path, tmp_path):
    out = tmp_path / "chart.png"
    result = CliRunner().invoke(main, ["plot", "series", "--store", str(store_path), "--source", "IRN", "--target", "IRQ",
                                       "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert png_size(out) == (1000, 600)
    import matplotlib.image

    assert matplotlib.image.imread(out).shape[:2] == (600, 1000)


def test_cli_plot_network(store_path, tmp_path):
    out = tmp_path / "net.png"
    result = CliRunner().invoke(main, ["plot", "network", "--store", str(store_path), "--n", "5", "--width", "8",
                                       "--height", "8", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert png_size(out) == (800, 800)


def test_plots_from_python_return_figures(store_path, tmp_path):
    fig = dy.plot_series(store_path, tmp_path / "s.png", source="IRN", by="day", width=6, height=4, dpi=50)
    assert isinstance(fig, Figure) and png_size(tmp_path / "s.png") == (300, 200)
    axes = fig.get_axes()
    assert axes[0].get_title() == "IRN → any actor: events per day by QuadClass"
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == [
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
    assert axes[1].get_ylabel() == "Goldstein sum"
    fig = dy.plot_network(store_path, level="code")
    assert isinstance(fig, Figure)
    labels = {t.get_text() for t in fig.get_axes()[0].texts}
    assert {"IRNGOV", "IRQGOV", "USA", "IRN"} <= labels
    # an empty selection still draws
    dy.plot_series(store_path, tmp_path / "empty.png", source="FRA")
    dy.plot_network(store_path, tmp_path / "empty-net.png", source="FRA")
    assert png_size(tmp_path / "empty.png") == (1000, 600)
