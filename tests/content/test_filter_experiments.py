import json
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import kb.content.filter_experiments as experiments
from kb.content.filter_experiments import (
    FilterExperimentsPlugin,
    cached_experiment_results,
    experiments_cache_key,
    percent,
    render_experiments,
    run_experiments,
)
from tests.conftest import REPO_ROOT

RESULTS = {
    "parameters": {
        "seed": 2014, "table_slots": 8192, "queries": 30000, "fingerprint_bits": [8, 12],
        "bucket_size": 4, "load_bucket_sizes": [1, 4], "load_table_slots": [8192, 65536], "load_seeds": 3,
        "load_fingerprint_bits": 16, "max_kicks": 500,
    },
    "false_positive_rates": [
        {"fingerprint_bits": 8, "bucket_size": 4, "items": 7930, "load_factor": 0.968017578125,
         "false_positives": 916, "queries": 30000, "measured_rate": 916 / 30000, "bound": 0.03125},
        {"fingerprint_bits": 12, "bucket_size": 4, "items": 7978, "load_factor": 0.973876953125,
         "false_positives": 50, "queries": 30000, "measured_rate": 50 / 30000, "bound": 8 / 4096},
    ],
    "load_factors": [
        {"bucket_size": 1, "fingerprint_bits": 16, "slots": 8192, "seeds": [2014, 2015, 2016],
         "table_loads": [4480 / 8192, 4295 / 8192, 4394 / 8192], "paper_load_factor": 0.5},
        {"bucket_size": 1, "fingerprint_bits": 16, "slots": 65536, "seeds": [2014, 2015, 2016],
         "table_loads": [0.4921, 0.5154, 0.5010], "paper_load_factor": 0.5},
        {"bucket_size": 4, "fingerprint_bits": 16, "slots": 8192, "seeds": [2014, 2015, 2016],
         "table_loads": [7966 / 8192, 7923 / 8192, 7920 / 8192], "paper_load_factor": 0.95},
        {"bucket_size": 4, "fingerprint_bits": 16, "slots": 65536, "seeds": [2014, 2015, 2016],
         "table_loads": [0.9650, 0.9650, 0.9650], "paper_load_factor": 0.95},
    ],
    "space": [
        {"fingerprint_bits": 8, "false_positive_rate": 916 / 30000, "cuckoo_bits_per_item": 8.264,
         "bloom_bits_per_item_theory": 7.2581, "bloom_bits_per_item_built": 7.2583, "bloom_measured_rate": 0.0277},
        {"fingerprint_bits": 12, "false_positive_rate": 50 / 30000, "cuckoo_bits_per_item": 12.3218,
         "bloom_bits_per_item_theory": 13.31, "bloom_bits_per_item_built": 13.3102, "bloom_measured_rate": 0.0019},
    ],
}
CACHE_DIR = ".cache/filter-experiments"


@pytest.fixture
def project(tmp_path):
    """A project root with stand-ins for the filters' source files."""
    for directory in experiments.SOURCE_DIRS:
        (tmp_path / directory).mkdir(parents=True)
        (tmp_path / directory / "filter.py").write_text(f"# {directory}\n")
    return tmp_path


@pytest.fixture
def runs(monkeypatch):
    """Replaces the experiments subprocess; records each run's parameters."""
    calls = []

    def fake_run(project_root, parameters):
        calls.append(parameters)
        return RESULTS

    monkeypatch.setattr(experiments, "run_experiments", fake_run)
    return calls


def page(src_uri: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def config(project):
    return SimpleNamespace(config_file_path=str(project / "mkdocs.yml"))


def test_false_positive_rows_show_load_counts_rate_and_bound():
    rendered = render_experiments(RESULTS)
    assert "| 8 | 7,930 | 96.8% | 916 / 30,000 | 3.05% | 3.12% |" in rendered
    assert "| 12 | 7,978 | 97.4% | 50 / 30,000 | 0.167% | 0.195% |" in rendered


def test_load_factors_show_each_table_size_as_the_range_over_seeds_beside_the_paper():
    rendered = render_experiments(RESULTS)
    assert "| 桶大小 $b$ | 8,192 個槽 | 65,536 個槽 | 論文 |" in rendered
    assert "| 1 | 52.4–54.7% | 49.2–51.5% | 約 50% |" in rendered
    assert "| 4 | 96.7–97.2% | 96.5% | 約 95% |" in rendered  # all seeds equal: one number
    assert "3 個亂數種子的最低–最高值" in rendered


def test_the_note_under_the_load_factors_is_worked_out_from_them():
    rendered = render_experiments(RESULTS)
    assert "8,192 個槽的表是 0.012 個百分點、65,536 個槽的表是 0.0015 個百分點" in rendered
    assert "$b = 1$：8,192 個槽時相差 2.3 個百分點、65,536 個槽時相差 2.3 個百分點" in rendered
    assert "4 格裡有 3 格連最低值都高於論文的數字" in rendered


def test_space_rows_name_the_smaller_filter():
    rendered = render_experiments(RESULTS)
    assert "| 8 | 3.05% | 8.26 | 7.26 | 7.26 | 2.77% | Bloom |" in rendered
    assert "| 12 | 0.167% | 12.32 | 13.31 | 13.31 | 0.190% | cuckoo |" in rendered


def test_tables_have_chinese_headers_and_one_row_per_result():
    table_lines = [line for line in render_experiments(RESULTS).splitlines() if line.startswith("|")]
    assert len(table_lines) == 3 * (2 + 2)  # three tables: header, rule, two rows (two bucket sizes)
    assert table_lines[0].startswith("| 指紋長度 $f$ | 存入元素 $n$ | 負載率")


def test_a_sentence_says_how_the_numbers_were_made():
    rendered = render_experiments(RESULTS)
    for fact in ("`snippets/cuckoo_filter/experiments.py`", "亂數種子 2014", "8,192 個槽", "30,000 個從未插入的字串"):
        assert fact in rendered


@pytest.mark.parametrize(("rate", "shown"), [(0.4, "40.0%"), (0.03072, "3.07%"), (0.0019, "0.190%"), (1.0, "100%")])
def test_percentages_keep_three_significant_digits(rate, shown):
    assert percent(rate) == shown


def the_plugin(cache_dir: str = CACHE_DIR) -> FilterExperimentsPlugin:
    plugin = FilterExperimentsPlugin()
    plugin.load_config({"cache_dir": cache_dir})
    return plugin


def test_the_insert_is_the_tables(project, runs):
    rendered = the_plugin().render_insert("filter-experiments", "", page("blog/posts/cuckoo-filter.md"), config(project))
    assert rendered == render_experiments(RESULTS)
    assert (project / CACHE_DIR).is_dir()


def test_the_cache_folder_is_the_plugins_option(project, runs):
    the_plugin(".cache/elsewhere").render_insert("filter-experiments", "", page("x.md"), config(project))
    assert (project / ".cache/elsewhere").is_dir() and not (project / CACHE_DIR).exists()


def test_a_cache_hit_does_not_recompute(project, runs):
    parameters = {"seed": 1}
    assert cached_experiment_results(project, parameters, project / CACHE_DIR) == RESULTS
    assert cached_experiment_results(project, parameters, project / CACHE_DIR) == RESULTS
    assert runs == [parameters]
    key = experiments_cache_key(project, parameters)
    assert json.loads((project / CACHE_DIR / f"{key}.json").read_text("utf-8")) == RESULTS


def test_changed_code_or_parameters_change_the_cache_key(project):
    key = experiments_cache_key(project, {"seed": 1})
    assert experiments_cache_key(project, {"seed": 2}) != key
    (project / "snippets/bloom_filter/filter.py").write_text("# edited\n")
    assert experiments_cache_key(project, {"seed": 1}) != key


@pytest.mark.parametrize("corrupt", ["{not json", "[]", '{"parameters": {}}'])
def test_a_corrupt_cache_file_is_ignored_and_rewritten(project, runs, corrupt):
    cache_file = project / CACHE_DIR / f"{experiments_cache_key(project, {'seed': 1})}.json"
    cache_file.parent.mkdir(parents=True)
    cache_file.write_text(corrupt, "utf-8")
    assert cached_experiment_results(project, {"seed": 1}, project / CACHE_DIR) == RESULTS
    assert len(runs) == 1
    assert json.loads(cache_file.read_text("utf-8")) == RESULTS


def test_the_real_experiments_run_in_a_subprocess_and_return_json():
    tiny = {**RESULTS["parameters"], "table_slots": 64, "queries": 500, "fingerprint_bits": [4],
            "load_bucket_sizes": [4], "load_table_slots": [64], "load_seeds": 1}
    results = run_experiments(REPO_ROOT, tiny)
    assert results["parameters"] == tiny
    assert [row["fingerprint_bits"] for row in results["false_positive_rates"]] == [4]


def test_failing_experiments_fail_the_build_naming_the_file():
    with pytest.raises(PluginError, match="snippets/cuckoo_filter/experiments.py failed"):
        run_experiments(REPO_ROOT, {"seed": 1})
