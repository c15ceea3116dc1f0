"""The memo hands back exactly what Material's SearchIndex would produce, and only for unchanged pages."""
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from hooks import search_entries_memo
from hooks.search_entries_memo import EntriesMemo, dictionaries_fingerprint, on_config, page_key

CONTENT = """<h1 id="布穀鳥過濾器">布穀鳥過濾器</h1>
<p>以指紋取代完整元素，支援刪除。</p>
<h2 id="誤判率">誤判率</h2>
<p>上界為 2b / 2<sup>f</sup>。</p>"""
TOC = [{"level": 1, "id": "布穀鳥過濾器", "name": "布穀鳥過濾器", "html": "布穀鳥過濾器",
        "children": [{"level": 2, "id": "誤判率", "name": "誤判率", "html": "誤判率", "children": []}]}]


def make_page(content=CONTENT, url="blog/cuckoo-filter/", tags=("論文",)):
    return SimpleNamespace(
        url=url, title="布穀鳥過濾器", meta={"tags": list(tags)}, toc=get_toc(TOC), content=content,
    )


class Build:
    """One build's search index behind the hook, as on_config leaves it."""

    def __init__(self, user_dict):
        self.index = SearchIndex(lang=["zh"], separator=r"[\s\u200b]+", pipeline=[], fields={})
        self.indexed = []
        original = self.index.add_entry_from_context

        def counting(page):
            self.indexed.append(page.url)
            original(page)

        self.index.add_entry_from_context = counting
        search = SimpleNamespace(
            config=SimpleNamespace(enabled=True, jieba_dict=None, jieba_dict_user=str(user_dict)),
            search_index=self.index,
        )
        on_config(SimpleNamespace(plugins={"material/search": search}))

    def add(self, *pages):
        for page in pages:
            self.index.add_entry_from_context(page)
        return self.index.entries


@pytest.fixture
def user_dict(tmp_path, monkeypatch):
    monkeypatch.setattr(search_entries_memo, "MEMO", EntriesMemo())
    monkeypatch.setattr(search_entries_memo, "_serving", True)
    path = tmp_path / "user.txt"
    path.write_text("布穀鳥過濾器 2000 n\n", "utf-8")
    return path


def plain_entries(*pages):
    index = SearchIndex(lang=["zh"], separator=r"[\s\u200b]+", pipeline=[], fields={})
    for page in pages:
        index.add_entry_from_context(page)
    return index.entries


def test_a_rebuild_reuses_the_entries_of_unchanged_pages(user_dict):
    cuckoo, other = make_page(), make_page("<p>裝置外掛</p>", url="blog/kubernetes-device-plugin/")
    first = Build(user_dict).add(cuckoo, other)
    second_build = Build(user_dict)
    second = second_build.add(make_page(), make_page("<p>裝置外掛 GPU</p>", url="blog/kubernetes-device-plugin/"))
    assert second_build.indexed == ["blog/kubernetes-device-plugin/"]  # only the edited page
    assert second[:2] == first[:2] == plain_entries(cuckoo)
    assert second[2:] == plain_entries(make_page("<p>裝置外掛 GPU</p>", url="blog/kubernetes-device-plugin/"))
    assert first[0]["location"] == "blog/cuckoo-filter/" and first[0]["tags"] == ["論文"]


@pytest.mark.parametrize("change", [
    {"content": CONTENT.replace("支援刪除", "不支援刪除")},
    {"url": "blog/cuckoo/"},
    {"tags": ("論文", "資料結構")},
])
def test_any_change_the_index_reads_indexes_the_page_again(user_dict, change):
    Build(user_dict).add(make_page())
    rebuild = Build(user_dict)
    entries = rebuild.add(make_page(**change))
    assert rebuild.indexed == [change.get("url", "blog/cuckoo-filter/")]
    assert entries == plain_entries(make_page(**change))


def test_a_changed_jieba_dictionary_indexes_every_page_again(user_dict):
    Build(user_dict).add(make_page())
    user_dict.write_text("布穀鳥 2000 n\n", "utf-8")
    rebuild = Build(user_dict)
    rebuild.add(make_page())
    assert rebuild.indexed == ["blog/cuckoo-filter/"]


def test_the_memo_keeps_only_what_the_last_build_used():
    memo = EntriesMemo()
    memo.start_build()
    memo.store("a", [{"location": "a/"}])
    memo.store("b", [{"location": "b/"}])
    memo.start_build()
    assert memo.lookup("a") == [{"location": "a/"}]
    memo.start_build()
    assert memo.lookup("b") is None and memo.lookup("a") == [{"location": "a/"}]


def test_changing_handed_out_entries_leaves_the_memo_alone():
    memo = EntriesMemo()
    memo.start_build()
    memo.store("a", [{"location": "a/", "tags": ["x"]}])
    memo.lookup("a")[0]["tags"].append("y")
    assert memo.lookup("a") == [{"location": "a/", "tags": ["x"]}]


def test_the_key_covers_every_input_and_only_those():
    base = page_key(make_page(), "d")
    assert page_key(make_page(), "d") == base
    assert page_key(make_page(), "other dictionaries") != base
    renamed = make_page()
    renamed.title = "Cuckoo filter"
    assert page_key(renamed, "d") != base
    retitled_toc = make_page()
    retitled_toc.toc = get_toc([{**TOC[0], "id": "cuckoo"}])
    assert page_key(retitled_toc, "d") != base


def test_the_fingerprint_follows_the_dictionary_bytes(tmp_path):
    user_dict = tmp_path / "user.txt"
    user_dict.write_text("架構師 2000 n\n", "utf-8")
    before = dictionaries_fingerprint([None, str(user_dict)])
    assert dictionaries_fingerprint([None, str(user_dict)]) == before
    user_dict.write_text("架構師 2000 n\n邊緣運算 2000 n\n", "utf-8")
    assert dictionaries_fingerprint([None, str(user_dict)]) != before
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        dictionaries_fingerprint([str(tmp_path / "missing.txt")])


def test_a_one_off_build_indexes_as_material_does(user_dict):
    search_entries_memo.on_startup(command="build", dirty=False)
    index = Build(user_dict).index
    assert index.add_entry_from_context.__name__ == "counting"  # not wrapped by the memo


def test_a_site_without_search_is_left_alone(monkeypatch):
    monkeypatch.setattr(search_entries_memo, "_serving", True)
    on_config(SimpleNamespace(plugins={}))
    disabled = SimpleNamespace(config=SimpleNamespace(enabled=False))
    on_config(SimpleNamespace(plugins={"material/search": disabled}))
    assert not hasattr(disabled, "search_index")
