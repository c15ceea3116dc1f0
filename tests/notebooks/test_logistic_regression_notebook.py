"""The notebook runs headless, top to bottom, and its classifier works."""
from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import REPO_ROOT

NOTEBOOK = REPO_ROOT / "docs/notebooks/logistic-regression.ipynb"
MIN_TEST_ACCURACY = 0.95


@pytest.fixture(scope="module")
def executed():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook


def outputs(notebook, output_type: str):
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == output_type]


def test_no_cell_raises(executed):
    assert outputs(executed, "error") == []


def test_shapes_follow_the_course(executed):
    text = "".join(o.text for o in outputs(executed, "stream"))
    assert "X_train: (192, 400)" in text and "Y_train: (1, 400)" in text


def test_final_test_accuracy_is_above_the_threshold(executed):
    text = "".join(o.text for o in outputs(executed, "stream"))
    accuracy = float(re.search(r"測試集準確率：([\d.]+)%", text).group(1)) / 100
    assert accuracy >= MIN_TEST_ACCURACY


def test_the_notebook_draws_three_figures(executed):
    images = [o for o in outputs(executed, "display_data") if "image/png" in o.data]
    assert len(images) == 3  # samples, cost curve, learning rates


def test_the_notebook_is_stored_without_outputs():
    """Outputs come from the build, never from a committed run."""
    stored = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in stored.cells if cell.cell_type == "code")


def test_training_longer_lowers_the_cost_and_grows_the_weights(executed):
    """The notebook's claim that the cost has no minimum on this data, in its own printed numbers."""
    text = "".join(o.text for o in outputs(executed, "stream"))
    stages = [(float(cost), float(norm)) for cost, norm in re.findall(r"J = ([\d.]+)  ‖w‖ = ([\d.]+)", text)]
    assert len(stages) == 4
    costs, norms = zip(*stages)
    assert all(later < earlier for earlier, later in zip(costs, costs[1:]))
    assert all(later > earlier for earlier, later in zip(norms, norms[1:]))
