"""OpenCC's Simplified-to-Taiwan conversion (s2twp) as small files the browser loads per character.

The data is opencc-js's (npm, pinned in package.json). Converting a query needs
only the Simplified-to-Traditional entries that start with the query's
characters, so each of those goes to one of `SHARD_COUNT` shards by its first
code point, and the browser fetches the shards of the characters it sees
(docs/assets/javascripts/search/opencc.js). Compatibility ideographs are
single characters, so they go to their character's shard too; the Taiwan
phrasing step is small (868 entries) and is one file of its own. The conversion there is exactly
opencc-js's `Converter({from: "cn", to: "twp"})`:

1. normalize CJK compatibility ideographs;
2. cut the text into the longest phrases of the phrase dictionaries, and the runs between;
3. convert each piece with the Simplified-to-Traditional dictionaries, then with the Taiwan ones,
   each time taking the longest entry that starts at each character.

Within a step, an earlier dictionary wins over a later one for the same key, and
a later line over an earlier one within a dictionary, as in opencc-js.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

# opencc-js 1.4.2, dist/esm-lib/preset/full.js, `configs.s2twp`;
# tests/content/search/test_script_folding.py checks it against the installed package.
NORMALIZATION = ("CJK_Compatibility_Ideographs",)
PHRASES = ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases")
CHARACTERS = ("STCharacters",)
TAIWAN = ("TWPhrases", "TWVariantsPhrases", "TWVariants")
DICT_DIR = "dist/esm-lib/dict"
SHARD_COUNT = 512
DICTIONARY_TEXT = re.compile(r'^export default "(.*)";\s*$', re.DOTALL)


@dataclass(frozen=True)
class Dictionaries:
    """The three steps of s2twp as merged dictionaries."""

    normalization: dict[str, str]
    phrases: dict[str, str]  # also the segmentation step's phrases
    characters: dict[str, str]  # only keys the phrase dictionaries lack
    taiwan: dict[str, str]


def read_dictionary(path: Path) -> list[tuple[str, str]]:
    """(key, replacement) pairs of one opencc-js dictionary file, in file order."""
    match = DICTIONARY_TEXT.match(path.read_text("utf-8"))
    if match is None:
        raise PluginError(f"{path}: not an opencc-js dictionary (expected `export default \"key value|…\";`)")
    pairs = []
    for entry in match.group(1).split("|"):
        key, _, rest = entry.partition(" ")
        pairs.append((key, rest.split(" ", 1)[0]))  # opencc-js keeps the first candidate
    return pairs


def merged(dictionaries: Iterable[list[tuple[str, str]]]) -> dict[str, str]:
    """One step's dictionaries as one mapping: earlier dictionaries win, later lines win."""
    result: dict[str, str] = {}
    for pairs in reversed(list(dictionaries)):
        result.update(pairs)
    return result


def load_dictionaries(package_dir: Path) -> Dictionaries:
    """The s2twp dictionaries of the opencc-js package at `package_dir`."""
    folder = package_dir / DICT_DIR
    if not folder.is_dir():
        raise PluginError(
            f"kb/search: {folder} is missing: the npm package opencc-js is not installed. "
            "Run `make serve` (or `npm ci`) in the project folder."
        )

    def step(names: tuple[str, ...]) -> dict[str, str]:
        return merged(read_dictionary(folder / f"{name}.js") for name in names)

    phrases = step(PHRASES)
    characters = {key: value for key, value in step(CHARACTERS).items() if key not in phrases}
    return Dictionaries(step(NORMALIZATION), phrases, characters, step(TAIWAN))


def shard_of(key: str) -> int:
    return ord(key[0]) % SHARD_COUNT


def shards(dictionaries: Dictionaries) -> list[bytes]:
    """Gzipped JSON of each shard: {"n": normalization, "p": phrases, "c": characters}
    with the keys whose first character falls in it."""
    parts = (("n", dictionaries.normalization), ("p", dictionaries.phrases), ("c", dictionaries.characters))
    content: list[dict[str, dict[str, str]]] = [{name: {} for name, _ in parts} for _ in range(SHARD_COUNT)]
    for name, mapping in parts:
        for key in sorted(mapping):
            content[shard_of(key)][name][key] = mapping[key]
    return [_gzipped_json(shard) for shard in content]


def taiwan_step(dictionaries: Dictionaries) -> bytes:
    """Gzipped JSON of the whole Taiwan phrasing step."""
    return _gzipped_json(dict(sorted(dictionaries.taiwan.items())))


def _gzipped_json(data: object) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode(), mtime=0)  # mtime 0: the same bytes every build


TAIWAN_STEP_NAME = "s2twp-taiwan.json.gz"


def shard_name(index: int) -> str:
    """The file name of a shard; opencc.js builds the same name."""
    return f"s2twp-{index:03d}.json.gz"


def browser_files(package_dir: Path) -> dict[str, bytes]:
    """Every file the browser's converter may fetch, by name."""
    dictionaries = load_dictionaries(package_dir)
    files = {shard_name(index): data for index, data in enumerate(shards(dictionaries))}
    files[TAIWAN_STEP_NAME] = taiwan_step(dictionaries)
    return files
