// Text rules shared by the search records (kb/content/search/records.py) and the browser.

// Han ideographs (with extensions and compatibility forms) and the punctuation and
// full-width forms written between them: the same ranges as records.py's CJK.
export const CJK = "\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef\\u{20000}-\\u{3134f}";
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";

const CJK_BOUNDARY = new RegExp(`(?<=[${CJK}])(?=\\S)|(?<=\\S)(?=[${CJK}])`, "gu");
// A space between two characters, with any tags (Pagefind's <mark>) on either side.
const SPACE_BETWEEN = /(\S)((?:<[^>]*>)*) ((?:<[^>]*>)*)(?=(\S))/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CJK_CHARACTER = new RegExp(`[${CJK}]`, "u");
const HAN_CHARACTER = new RegExp(`[${HAN}]`, "u");
const HAN_RUN = new RegExp(`[${HAN}]{2,}`, "gu");

// A space between each CJK character and any neighbour that is not a space: how
// records are indexed, so a query is spaced the same way.
export function spaceCjk(text) {
  return text.replace(CJK_BOUNDARY, " ");
}

// Whether a space between `before` and `after` stays when a title or excerpt is shown.
// Chinese text has none between Han characters, and none beside punctuation that
// touches Han text or is full-width; between Han and Latin words or numbers, the
// space is usual in Taiwan, so it stays even where spaceCjk added it.
function spaceStays(before, after) {
  const cjkBefore = CJK_CHARACTER.test(before);
  const cjkAfter = CJK_CHARACTER.test(after);
  if (!cjkBefore && !cjkAfter) return true;
  if (HAN_CHARACTER.test(before) && HAN_CHARACTER.test(after)) return false;
  return HAN_CHARACTER.test(before) ? isWordCharacter(after) : HAN_CHARACTER.test(after) && isWordCharacter(before);
}

// A letter or digit of a Latin (or other non-CJK) word.
const isWordCharacter = (character) => LETTER_OR_DIGIT.test(character) && !CJK_CHARACTER.test(character);

// Titles and excerpts as written: without the spaces that spaceCjk added, and one
// <mark> for a run of marked characters.
export function unspaceCjk(html) {
  return html
    .replace(SPACE_BETWEEN, (space, before, closing, opening, after) =>
      spaceStays(before, after) ? space : before + closing + opening,
    )
    .replace(/<\/mark>(\s*)<mark>/g, "$1");
}

// How queries and vocabulary terms are compared: NFKC (full-width Latin becomes
// ASCII), lower case, single spaces. The same as vocabulary.py's normalize_term.
export function normalizeQuery(text) {
  return text.normalize("NFKC").toLowerCase().split(/\s+/u).filter(Boolean).join(" ");
}

export function hasHan(text) {
  return HAN_CHARACTER.test(text);
}

// Runs of two or more Han characters: the parts of a query matched as phrases.
export function hanRuns(text) {
  return text.match(HAN_RUN) || [];
}

const TERM = new RegExp(`[${HAN}]+|[^\\s${HAN}]+`, "gu");

// The words to mark on a page a result leads to: Han runs and other words, two characters or more.
export function highlightTerms(text) {
  return [...new Set(text.match(TERM) || [])].filter((term) => Array.from(term).length > 1);
}
