"""kb/notebook-kernel: nbconvert's kernel runs over IPC, so a cold build prints no TCP warning."""
from __future__ import annotations

import os

import nbformat
from mkdocs_jupyter.nbconvert2 import get_nbconvert_app
from nbconvert.preprocessors import ExecutePreprocessor

from kb.content.notebook_kernel import CONFIG_PATH, NotebookKernelPlugin, with_config_dir_first
from tests.conftest import REPO_ROOT


def test_the_project_directory_goes_first_and_only_once():
    assert with_config_dir_first("", "/p/jupyter") == "/p/jupyter"
    search_path = os.pathsep.join(["/etc/a", "/p/jupyter", "/etc/b"])
    assert with_config_dir_first(search_path, "/p/jupyter") == os.pathsep.join(["/p/jupyter", "/etc/a", "/etc/b"])


def configured(monkeypatch, tmp_path) -> NotebookKernelPlugin:
    monkeypatch.chdir(tmp_path)  # the option resolves from mkdocs.yml, not the working directory
    monkeypatch.delenv(CONFIG_PATH, raising=False)
    plugin = NotebookKernelPlugin()
    errors, _ = plugin.load_config({}, config_file_path=str(REPO_ROOT / "mkdocs.yml"))
    assert errors == []
    plugin.on_config(config=None)
    return plugin


def test_mkdocs_jupyters_app_reads_the_projects_kernel_settings(monkeypatch, tmp_path):
    configured(monkeypatch, tmp_path)
    assert os.environ[CONFIG_PATH].split(os.pathsep)[0] == str(REPO_ROOT / "jupyter")
    assert get_nbconvert_app(execute=True).config.KernelManager.transport == "ipc"


def test_a_notebook_runs_on_the_kernel_without_the_tcp_warning(monkeypatch, tmp_path, capfd):
    configured(monkeypatch, tmp_path)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    ExecutePreprocessor(config=get_nbconvert_app(execute=True).config).preprocess(notebook, {})
    assert notebook.cells[0].outputs[0]["text"] == "42\n"
    assert "without encryption" not in capfd.readouterr().err


def test_the_kernel_started_in_the_notebooks_directory_answers(monkeypatch, tmp_path):
    # mkdocs-jupyter runs each notebook in its own directory, not the build's.
    configured(monkeypatch, tmp_path)
    notebook_dir = tmp_path / "notebooks"
    notebook_dir.mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os; print(os.getcwd())")])
    ExecutePreprocessor(config=get_nbconvert_app(execute=True).config, timeout=30).preprocess(
        notebook, {"metadata": {"path": str(notebook_dir)}}
    )
    assert notebook.cells[0].outputs[0]["text"] == f"{notebook_dir}\n"
