// From what the reader typed to ranked pages: script folding, vocabulary, Pagefind.
//
// 1. The query is normalized, and converted to Traditional Chinese with Taiwan
//    phrasing when it holds Han characters (软件 → 軟體); a query already in
//    Traditional characters is searched as typed too (程序 stays findable, though
//    Taiwan phrasing makes it 程式).
// 2. Each term group of the vocabulary that the query mentions adds the query
//    with that term replaced by the group's other terms (布隆過濾器 → bloom filter).
// 3. Each of these alternatives is searched with Pagefind, in the records' words
//    (Han text as character pairs), and each run of Han characters also as an
//    exact phrase. When no page holds every word of any alternative, the words
//    are loosened (see looseQueryWords) and searched again.
// 4. A page ranks by the share of an alternative's Han runs it holds side by side
//    (all of them, for an alternative without Han text), then by Pagefind's score;
//    for each page the best alternative counts.

import { hanRuns, hasHan, highlightTerms, looseQueryWords, normalizeQuery, phraseQuery, queryWords } from "./text.js";

export const MAX_ALTERNATIVES = 6;

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function occurrences(text, term) {
  const found = [];
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
    const before = text[at - 1];
    const after = text[at + term.length];
    // A Latin term must be a whole word: "hash" is not in "hashicorp".
    const whole = hasHan(term) || !((before && WORD_CHARACTER.test(before)) || (after && WORD_CHARACTER.test(after)));
    if (whole) found.push(at);
  }
  return found;
}

// The query and its rewrites through the vocabulary (groups of normalized terms).
export function alternatives(queries, vocabulary) {
  const result = [];
  const add = (text) => {
    if (text && !result.includes(text) && result.length < MAX_ALTERNATIVES) result.push(text);
  };
  queries.forEach(add);
  for (const query of queries) {
    for (const group of vocabulary) {
      for (const term of group) {
        if (occurrences(query, term).length === 0) continue;
        for (const other of group) {
          if (other !== term) add(query.split(term).join(other));
        }
        break; // one term of a group is enough
      }
    }
  }
  return result;
}

// Best first: more of the alternative's Han runs side by side, then a higher Pagefind
// score. A page found by several alternatives keeps its best ranking, and the terms
// of all of them, to mark.
export function rank(candidates) {
  const best = new Map();
  for (const candidate of candidates) {
    const known = best.get(candidate.id);
    const terms = [...new Set([...(known?.terms ?? []), ...candidate.terms])];
    const better =
      !known || candidate.phrases > known.phrases || (candidate.phrases === known.phrases && candidate.score > known.score);
    best.set(candidate.id, { ...(better ? candidate : known), terms });
  }
  return [...best.values()].sort((a, b) => b.phrases - a.phrases || b.score - a.score);
}

// `pagefind` is Pagefind's JS API; `converter` folds scripts (opencc.js's createConverter).
export function createEngine({ pagefind, converter, vocabulary }) {
  async function searchAlternative(text, words) {
    const { results } = await pagefind.search(words(text));
    const runs = hanRuns(text);
    const phraseHits = await Promise.all(
      runs.map(async (run) => new Set((await pagefind.search(phraseQuery(run))).results.map((r) => r.id))),
    );
    return results.map((result) => ({
      id: result.id,
      score: result.score,
      phrases: runs.length ? phraseHits.filter((hits) => hits.has(result.id)).length / runs.length : 1,
      result,
      terms: highlightTerms(text),
    }));
  }

  // The texts to search for a query: folded to Taiwan Traditional, as typed, and rewritten.
  async function alternativesOf(query) {
    const typed = normalizeQuery(query);
    if (!typed) return [];
    if (!hasHan(typed)) return alternatives([typed], vocabulary);
    const [folded, traditional] = await Promise.all([converter.toTaiwan(typed), converter.isTraditional(typed)]);
    return alternatives([normalizeQuery(folded), ...(traditional ? [typed] : [])], vocabulary);
  }

  return {
    // Start loading what a search for `query` needs (while the reader is still typing).
    async prefetch(query) {
      for (const text of await alternativesOf(query)) {
        pagefind.preload(queryWords(text));
        for (const run of hanRuns(text)) pagefind.preload(phraseQuery(run));
      }
    },

    // Ranked candidates for a query: {id, score, phrases, result, terms}.
    async search(query) {
      const texts = await alternativesOf(query);
      for (const words of [queryWords, looseQueryWords]) {
        const found = (await Promise.all(texts.map((text) => searchAlternative(text, words)))).flat();
        if (found.length) return rank(found);
      }
      return [];
    },
  };
}
