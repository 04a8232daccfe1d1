"""The paper's plots of Table 3 results: each one a PNG."""

from experiments import plots
from tests.experiments.report_test import RESULTS


def test_plots_are_pngs(tmp_path):
    for plot in (
        plots.plot_devel_f1_against_time,
        plots.plot_precision_recall,
        plots.plot_test_f1_by_seed,
    ):
        path = tmp_path / f"{plot.__name__}.png"
        plot(RESULTS, path)
        assert path.read_bytes().startswith(b"\x89PNG")
