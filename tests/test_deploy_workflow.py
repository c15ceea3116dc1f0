"""The GitHub Pages workflow is one GitHub accepts, tests as the README says, and deploys what it built."""
from __future__ import annotations

import re
import shlex

import pytest
import yaml

from tests.conftest import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github/workflows/deploy.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def step_using(workflow: dict, action: str) -> tuple[str, int, dict]:
    """(job name, index, step) of the one step that uses `action`."""
    (found,) = [
        (name, index, step)
        for name, job in workflow["jobs"].items()
        for index, step in enumerate(job["steps"])
        if step.get("uses", "").split("@")[0] == action
    ]
    return found


def run_steps(workflow: dict, job: str) -> list[str]:
    return [step["run"].strip() for step in workflow["jobs"][job]["steps"] if "run" in step]


def test_it_has_the_keys_github_requires(workflow):
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    assert {"name", True, "jobs"} <= set(workflow)
    assert workflow[True]["push"]["branches"] == ["main"]
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on"), name
        assert job["steps"], name
    for step in steps(workflow):
        assert ("uses" in step) != ("run" in step), step
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_it_runs_the_test_command_of_the_readme_and_ci(workflow):
    ci_commands = [
        line for line in (REPO_ROOT / ".ci/run").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci_commands == ["make test"]
    assert re.search(r"^make test\b", (REPO_ROOT / "README.md").read_text("utf-8"), re.MULTILINE)
    build_job, _, _ = step_using(workflow, "actions/upload-pages-artifact")
    assert run_steps(workflow, build_job)[0] == "make test"


def test_it_builds_with_the_pages_url_and_uploads_the_folder_it_built(workflow):
    job, upload_index, upload = step_using(workflow, "actions/upload-pages-artifact")
    job_steps = workflow["jobs"][job]["steps"]
    (build,) = [step for step in job_steps[:upload_index] if step.get("run", "").strip() == "make build"]
    pages_id = step_using(workflow, "actions/configure-pages")[2]["id"]
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{pages_id}.outputs.base_url }}}}/"
    make_build = re.search(r"^build:.*\n\t(.+)$", (REPO_ROOT / "Makefile").read_text("utf-8"), re.MULTILINE)
    recipe = shlex.split(make_build.group(1))
    assert upload["with"]["path"] == recipe[recipe.index("--site-dir") + 1]


def test_it_deploys_with_the_permissions_pages_needs_and_one_run_at_a_time(workflow):
    build_job, _, _ = step_using(workflow, "actions/upload-pages-artifact")
    deploy_job, _, deploy = step_using(workflow, "actions/deploy-pages")
    job = workflow["jobs"][deploy_job]
    assert build_job in ([job["needs"]] if isinstance(job["needs"], str) else job["needs"])
    permissions = {**workflow.get("permissions", {}), **job.get("permissions", {})}
    assert permissions["pages"] == "write" and permissions["id-token"] == "write"
    assert job["environment"]["name"] == "github-pages"
    assert job["environment"]["url"] == f"${{{{ steps.{deploy['id']}.outputs.page_url }}}}"
    assert workflow["concurrency"]["group"]


def test_the_tests_run_on_debian_where_make_test_can_install_chromium(workflow):
    build_job, _, _ = step_using(workflow, "actions/upload-pages-artifact")
    container = workflow["jobs"][build_job]["container"]
    image = container if isinstance(container, str) else container["image"]
    assert re.fullmatch(r"python:3\.1[2-9]-(bookworm|trixie)", image)
    assert "apt-get" in (REPO_ROOT / "scripts/ensure-system-packages").read_text("utf-8")
