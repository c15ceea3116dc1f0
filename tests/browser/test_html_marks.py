"""<html> carries Material's marks (js, and its focus-visible polyfill's) before anything is styled
(overrides/base.html), so Material's bundle, setting them again, changes nothing: each change
restyled the whole page inside the bundle."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

# Each change of <html>'s class or the polyfill's attribute, with the value it had before.
RECORD_MARKS = """
window.kbHtmlMarks = [];
new MutationObserver((records) => {
    for (const record of records)
        if (record.target === document.documentElement) window.kbHtmlMarks.push([record.attributeName, record.oldValue]);
}).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["class", "data-js-focus-visible"] });
"""
FINAL_MARKS = "() => [document.documentElement.className, document.documentElement.getAttribute('data-js-focus-visible')]"


def test_materials_bundle_finds_its_marks_on_html_already_there(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-TW")
    context.add_init_script(RECORD_MARKS)
    page = context.new_page()
    page.goto(site_url + "blog/cuckoo-filter/")
    page.wait_for_load_state("load")
    marks = page.evaluate("() => window.kbHtmlMarks")
    final = page.evaluate(FINAL_MARKS)
    context.close()

    assert set(final[0].split()) == {"js", "js-focus-visible"} and final[1] == ""
    # Every value the class had, in order: the template's, then the head script's, which the bundle keeps.
    classes = [old for name, old in marks if name == "class"] + [final[0]]
    changes = [value for index, value in enumerate(classes) if index == 0 or value != classes[index - 1]]
    assert changes == ["no-js", final[0]]
    assert len(classes) > 2, "Material's bundle no longer sets the class: the head script may be unneeded"
    focus_marks = [old for name, old in marks if name == "data-js-focus-visible"]
    assert focus_marks[0] is None and set(focus_marks[1:]) <= {""}
