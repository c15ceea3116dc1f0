// From what the reader typed to ranked pages: script folding, vocabulary, Pagefind.
//
// 1. The query is normalized, and converted to Traditional Chinese with Taiwan
//    phrasing when it holds Han characters (软件 → 軟體).
// 2. Each term group of the vocabulary that the query mentions adds the query
//    with that term replaced by the group's other terms (布隆過濾器 → bloom filter).
// 3. Each of these alternatives is searched with Pagefind, spaced as the records
//    are, and each run of Han characters also as an exact phrase.
// 4. A page ranks by the share of an alternative's Han runs it holds side by side
//    (all of them, for an alternative without Han text), then by Pagefind's score;
//    for each page the best alternative counts.

import { hanRuns, hasHan, highlightTerms, normalizeQuery, spaceCjk } from "./text.js";

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

// Best first: more of the alternative's Han runs side by side, then a higher Pagefind score.
export function rank(candidates) {
  const best = new Map();
  for (const candidate of candidates) {
    const known = best.get(candidate.id);
    if (!known || candidate.phrases > known.phrases || (candidate.phrases === known.phrases && candidate.score > known.score)) {
      best.set(candidate.id, candidate);
    }
  }
  return [...best.values()].sort((a, b) => b.phrases - a.phrases || b.score - a.score);
}

// `pagefind` is Pagefind's JS API; `toTaiwan` converts text (see opencc.js).
export function createEngine({ pagefind, toTaiwan, vocabulary }) {
  async function searchAlternative(text) {
    const { results } = await pagefind.search(spaceCjk(text));
    const runs = hanRuns(text);
    const phraseHits = await Promise.all(
      runs.map(async (run) => new Set((await pagefind.search(`"${spaceCjk(run)}"`)).results.map((r) => r.id))),
    );
    return results.map((result) => ({
      id: result.id,
      score: result.score,
      phrases: runs.length ? phraseHits.filter((hits) => hits.has(result.id)).length / runs.length : 1,
      result,
      terms: highlightTerms(text),
    }));
  }

  return {
    // Ranked candidates for a query: {id, score, phrases, result, terms}.
    async search(query) {
      const typed = normalizeQuery(query);
      if (!typed) return [];
      const folded = hasHan(typed) ? normalizeQuery(await toTaiwan(typed)) : typed;
      const texts = alternatives([folded, typed], vocabulary);
      const found = [];
      for (const text of texts) found.push(...(await searchAlternative(text)));
      return rank(found);
    },
  };
}
