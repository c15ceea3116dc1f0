"""The cuckoo-filter post's words about its load-factor table match the numbers the build measured."""
from __future__ import annotations

import re

import pytest

from tests.site.site_pages import page_html

ROW = re.compile(
    r"<tr>\s*<td[^>]*>(?P<b>\d+)</td>\s*<td[^>]*>(?P<small>[\d.]+)–(?P<small_max>[\d.]+)%</td>\s*"
    r"<td[^>]*>(?P<large>[\d.]+)–(?P<large_max>[\d.]+)%</td>\s*<td[^>]*>約 (?P<paper>\d+)%</td>\s*</tr>"
)


@pytest.fixture(scope="module")
def load_factor_rows(built_site) -> dict[int, dict[str, float]]:
    html = page_html(built_site, "blog/cuckoo-filter/")
    table = html[html.index("<strong>桶大小與負載率</strong>") :]
    table = table[: table.index("</table>")]
    rows = {int(row["b"]): {k: float(v) for k, v in row.groupdict().items() if k != "b"} for row in ROW.finditer(table)}
    assert sorted(rows) == [1, 2, 4, 8]
    return rows


def test_the_load_factors_without_the_victim_slot_are_described_on_the_page(built_site):
    text = page_html(built_site, "blog/cuckoo-filter/")
    assert "表第一次需要暫存槽時的負載率" in text and "其中的數字不含暫存槽" in text


def test_with_one_slot_per_bucket_the_larger_table_spans_the_papers_50_percent(load_factor_rows):
    b1 = load_factor_rows[1]
    assert b1["large"] <= b1["paper"] <= b1["large_max"]
    assert b1["small"] > b1["paper"]


def test_with_one_slot_per_bucket_the_spread_is_widest(load_factor_rows):
    spreads = {b: max(row["small_max"] - row["small"], row["large_max"] - row["large"]) for b, row in load_factor_rows.items()}
    assert max(spreads, key=spreads.get) == 1


@pytest.mark.parametrize("bucket_size", [2, 4, 8])
def test_with_larger_buckets_even_the_lowest_load_is_above_the_paper(load_factor_rows, bucket_size):
    row = load_factor_rows[bucket_size]
    assert min(row["small"], row["large"]) > row["paper"]
