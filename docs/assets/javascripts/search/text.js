// Text rules shared by the search records (kb/content/search/records.py) and the browser.

// Han ideographs (with extensions and compatibility forms), and the punctuation and
// full-width forms written between them: the same ranges as records.py's.
export const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
export const CJK_PUNCTUATION = "\\u3000-\\u303f\\ufe30-\\ufe4f\\uff00-\\uffef";
const CJK = HAN + CJK_PUNCTUATION;

// A space between two characters, with any tags (Pagefind's <mark>) on either side.
const SPACE_BETWEEN = /(\S)((?:<[^>]*>)*) ((?:<[^>]*>)*)(?=(\S))/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CJK_CHARACTER = new RegExp(`[${CJK}]`, "u");
const HAN_CHARACTER = new RegExp(`[${HAN}]`, "u");
const HAN_RUN = new RegExp(`[${HAN}]+`, "gu");
const CJK_PUNCTUATION_CHARACTER = new RegExp(`[${CJK_PUNCTUATION}]`, "gu");

// Each character of a Han run as the pair it starts, the last one with itself
// (過濾器 → 過濾 濾器 器器), as records.py's han_words.
const hanWords = (run) => Array.from(run).map((character, index, all) => character + (all[index + 1] ?? character));

// Text as the records' words (records.py's index_text): Han runs as pairs, CJK
// punctuation apart, the rest unchanged.
export function indexText(text) {
  return text
    .replace(HAN_RUN, (run) => ` ${hanWords(run).join(" ")} `)
    .replace(CJK_PUNCTUATION_CHARACTER, (mark) => ` ${mark} `);
}

// A run as the pairs that stand for it wherever it occurs: its last character pairs
// with whatever follows it in a page, so it is left to the pair before it; a single
// character stays itself, a prefix of its pairs.
function runWords(run) {
  const words = hanWords(run);
  return words.length > 1 ? words.slice(0, -1).join(" ") : run;
}

const SEGMENTER = new Intl.Segmenter("zh-TW", { granularity: "word" });
const isSingle = (word) => Array.from(word).length === 1;

// A Han run cut into words by the browser's own segmenter. Characters it leaves on
// their own are joined: side by side into one word (排 程 → 排程), a lone one to
// the word before it, or after it at the start (誤判 率 → 誤判率).
export function runAsWords(run) {
  const groups = [];
  for (const { segment } of SEGMENTER.segment(run)) {
    const last = groups.at(-1);
    if (last && isSingle(segment) && last.singles) last.text += segment;
    else groups.push({ text: segment, singles: isSingle(segment) });
  }
  const words = [];
  groups.forEach((group, index) => {
    if (isSingle(group.text) && words.length) words[words.length - 1] += group.text;
    else if (isSingle(group.text) && groups[index + 1]) groups[index + 1].text = group.text + groups[index + 1].text;
    else words.push(group.text);
  });
  return words;
}

// The words of a query's search: each Han run as its words (runAsWords), each word
// as its pairs. A page then needs every word of the query, not the query as
// written (兩層排程 finds 兩層式排程); pages that hold a run side by side rank
// first (see phraseQuery).
export function queryWords(text) {
  return text
    .replace(HAN_RUN, (run) => ` ${runAsWords(run).map(runWords).join(" ")} `)
    .replace(CJK_PUNCTUATION_CHARACTER, " ")
    .split(/\s+/u)
    .filter(Boolean)
    .join(" ");
}

// A record word as the reader sees it: a pair as its first character.
export function shownWord(word) {
  const first = Array.from(word)[0] ?? "";
  return HAN_CHARACTER.test(first) ? first : word;
}

// Whether a space between `before` and `after` stays when words are shown as text.
// Chinese text has none between Han characters, and none beside punctuation that
// touches Han text or is full-width; between Han and Latin words or numbers, the
// space is usual in Taiwan, so it stays even where the index added it.
function spaceStays(before, after) {
  const cjkBefore = CJK_CHARACTER.test(before);
  const cjkAfter = CJK_CHARACTER.test(after);
  if (!cjkBefore && !cjkAfter) return true;
  if (HAN_CHARACTER.test(before) && HAN_CHARACTER.test(after)) return false;
  return HAN_CHARACTER.test(before) ? isWordCharacter(after) : HAN_CHARACTER.test(after) && isWordCharacter(before);
}

// A letter or digit of a Latin (or other non-CJK) word.
const isWordCharacter = (character) => LETTER_OR_DIGIT.test(character) && !CJK_CHARACTER.test(character);

// Shown words joined as written: without the spaces the index added, and one <mark>
// for a run of marked characters.
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
  return (text.match(HAN_RUN) || []).filter((run) => Array.from(run).length > 1);
}

// The words of a looser search, for a query whose words no page holds all of: the
// segmenter's words of two or more characters, each on its own (梯度下降法 → 梯度 下降).
export function looseQueryWords(text) {
  return text
    .replace(HAN_RUN, (run) => {
      const words = [...SEGMENTER.segment(run)].map(({ segment }) => segment).filter((word) => !isSingle(word));
      return ` ${(words.length ? words : [run]).map(runWords).join(" ")} `;
    })
    .replace(CJK_PUNCTUATION_CHARACTER, " ")
    .split(/\s+/u)
    .filter(Boolean)
    .join(" ");
}

// A Han run as an exact Pagefind phrase: its pairs, side by side.
export function phraseQuery(run) {
  return `"${runWords(run)}"`;
}

const TERM = new RegExp(`[${HAN}]+|[^\\s${HAN}]+`, "gu");

// The words to mark on a page a result leads to: Han runs and other words, two characters or more.
export function highlightTerms(text) {
  return [...new Set(text.match(TERM) || [])].filter((term) => Array.from(term).length > 1);
}
