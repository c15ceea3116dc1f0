// OpenCC's Simplified-to-Taiwan conversion (opencc-js `Converter({from: "cn", to: "twp"})`)
// from the shards that kb/content/search/script_folding.py publishes. A query needs
// only the entries that start with its characters, so only their shards are fetched.

export const SHARD_COUNT = 512; // script_folding.py's SHARD_COUNT
const TAIWAN_STEP = "s2twp-taiwan.json.gz";

export function shardName(index) {
  return `s2twp-${String(index).padStart(3, "0")}.json.gz`;
}

// `load(name)` resolves to a published file's JSON. The converter keeps what it loaded.
export function createConverter(load) {
  const shards = new Map(); // shard index -> {n, p, c}
  const loading = new Map(); // shard index -> its load, so concurrent conversions share it
  let taiwan = null;
  let taiwanLoading = null;
  let longestKey = 1;

  const shardOf = (character) => character.codePointAt(0) % SHARD_COUNT;
  const noteKeys = (table) => {
    for (const key of Object.keys(table)) longestKey = Math.max(longestKey, Array.from(key).length);
  };

  function loadShard(index) {
    if (!loading.has(index)) {
      loading.set(index, load(shardName(index)).then((shard) => {
        noteKeys(shard.p);
        noteKeys(shard.c);
        shards.set(index, shard);
      }));
    }
    return loading.get(index);
  }

  const loadShardsFor = (characters) => Promise.all([...new Set(characters.map(shardOf))].map(loadShard));

  function loadTaiwan() {
    taiwanLoading ??= load(TAIWAN_STEP).then((table) => {
      noteKeys(table);
      taiwan = table;
    });
    return taiwanLoading;
  }

  // The longest key of `lookup` that starts at `i`, as [key length, replacement], or null.
  function longestMatch(characters, i, lookup) {
    for (let length = Math.min(longestKey, characters.length - i); length > 0; length -= 1) {
      const replacement = lookup(characters.slice(i, i + length).join(""));
      if (replacement !== undefined) return [length, replacement];
    }
    return null;
  }

  function convertWith(text, lookup) {
    const characters = Array.from(text);
    let out = "";
    for (let i = 0; i < characters.length; ) {
      const match = longestMatch(characters, i, lookup);
      if (match) {
        out += match[1];
        i += match[0];
      } else {
        out += characters[i];
        i += 1;
      }
    }
    return out;
  }

  // Phrases of the phrase dictionaries, and the runs between them: what each later step converts.
  function segments(text, phrase) {
    const characters = Array.from(text);
    const pieces = [];
    let unmatched = "";
    for (let i = 0; i < characters.length; ) {
      const match = longestMatch(characters, i, phrase);
      if (match) {
        if (unmatched) pieces.push(unmatched);
        unmatched = "";
        pieces.push(characters.slice(i, i + match[0]).join(""));
        i += match[0];
      } else {
        unmatched += characters[i];
        i += 1;
      }
    }
    if (unmatched) pieces.push(unmatched);
    return pieces;
  }

  const entry = (part) => (key) => shards.get(shardOf(key))?.[part][key];
  const normalization = entry("n");
  const phrase = entry("p");
  const character = entry("c");
  const simplifiedToTraditional = (key) => phrase(key) ?? character(key);
  const taiwanPhrasing = (key) => taiwan[key];

  // The text's pieces (see segments) after normalization, with their shards loaded.
  async function pieces(text) {
    const characters = Array.from(text);
    await Promise.all([loadShardsFor(characters), loadTaiwan()]);
    const normalized = characters.map((c) => normalization(c) ?? c).join("");
    await loadShardsFor(Array.from(normalized)); // a normalized character may be in another shard
    return segments(normalized, phrase);
  }

  return {
    // Traditional Chinese with Taiwan phrasing: 软件 → 軟體.
    async toTaiwan(text) {
      return (await pieces(text))
        .map((piece) => convertWith(convertWith(piece, simplifiedToTraditional), taiwanPhrasing))
        .join("");
    },
    // Whether the text is written in Traditional characters already (its phrasing aside).
    async isTraditional(text) {
      const all = await pieces(text);
      return all.join("") === text && all.every((piece) => convertWith(piece, simplifiedToTraditional) === piece);
    },
  };
}
