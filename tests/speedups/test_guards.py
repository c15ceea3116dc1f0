"""Each speed-up knows the upstream versions it was written for; off elsewhere, or with KB_SPEEDUPS=off."""
import pytest

from kb.speedups import SWITCH, installed_version
from kb.speedups.plugin import PATCHES, SpeedupsPlugin


@pytest.mark.parametrize("patch", PATCHES, ids=lambda patch: patch.NAME)
def test_each_patch_was_written_for_the_installed_versions(patch):
    for package, versions in patch.REQUIRES.items():
        assert installed_version(package) in versions, (
            f"{package} is now {installed_version(package)}: check {patch.__file__} against it, "
            "then add the version to its REQUIRES"
        )


def test_every_patch_is_on_at_the_versions_it_knows(monkeypatch):
    monkeypatch.delenv(SWITCH, raising=False)
    plugin = SpeedupsPlugin()
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.active == {patch.NAME for patch in PATCHES}


def test_the_switch_turns_every_patch_off(monkeypatch):
    monkeypatch.setenv(SWITCH, "off")
    plugin = SpeedupsPlugin()
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.active == frozenset()


def test_another_version_turns_the_patch_off_with_one_warning(monkeypatch, caplog):
    monkeypatch.delenv(SWITCH, raising=False)
    patch = PATCHES[0]
    monkeypatch.setattr(patch, "REQUIRES", {"mkdocs-material": ("0.0.1",)})
    plugin = SpeedupsPlugin()
    plugin.on_startup(command="build", dirty=False)
    assert patch.NAME not in plugin.active and len(plugin.active) == len(PATCHES) - 1
    warnings = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert warnings == [
        f"{patch.NAME} is off: it was written for mkdocs-material 0.0.1, and {installed_version('mkdocs-material')} "
        "is installed; the build stays correct, only slower. Check the patch against this version, "
        "then add it to the versions the patch supports (REQUIRES in its module)."
    ]
