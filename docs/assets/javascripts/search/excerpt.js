// Excerpts that show the query's terms whole, from a result's indexed text.
//
// Pagefind's own excerpts mark each matched word, and this index's words are
// character pairs (records.py), which read as their first characters. Here a Han
// term matches where its characters stand in a row, any other term where a word
// starts with it, and the excerpt is the passage with the most different terms.

import { hasHan, shownWord, unspaceCjk } from "./text.js";

export const EXCERPT_WORDS = 48; // about two lines of Chinese in the results panel
const LEAD_WORDS = 8; // words shown before the first match

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const bare = (word) => word.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

// Where each term occurs in `words`: {start, end, term}, end exclusive.
export function termSpans(words, terms) {
  const shown = words.map(shownWord);
  const bareWords = shown.map(bare);
  const spans = [];
  for (const term of terms) {
    const han = hasHan(term);
    const parts = han ? Array.from(term) : [bare(term)];
    if (!parts[0]) continue;
    for (let i = 0; i + parts.length <= words.length; i += 1) {
      const matches = parts.every((part, k) => (han ? shown[i + k] === part : bareWords[i + k].startsWith(part)));
      if (matches) spans.push({ start: i, end: i + parts.length, term });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

// The passage of `content` (Pagefind's words, space separated) to show for `terms`:
// {start: its first word's position, html: the passage with the terms in <mark>}.
export function excerpt(content, terms, length = EXCERPT_WORDS) {
  const words = content.split(/\s+/u).filter(Boolean);
  const spans = termSpans(words, terms);
  let best = { start: 0, distinct: 0, count: 0 };
  for (const span of spans) {
    const start = Math.max(0, span.start - LEAD_WORDS);
    const inside = spans.filter((other) => other.start >= start && other.end <= start + length);
    const distinct = new Set(inside.map((other) => other.term)).size;
    if (distinct > best.distinct || (distinct === best.distinct && inside.length > best.count)) {
      best = { start, distinct, count: inside.length };
    }
  }
  const marked = new Set(spans.flatMap((span) => Array.from({ length: span.end - span.start }, (_, k) => span.start + k)));
  const shown = words.slice(best.start, best.start + length).map((word, k) => {
    const html = escapeHtml(shownWord(word));
    return marked.has(best.start + k) ? `<mark>${html}</mark>` : html;
  });
  const ellipsis = best.start + length < words.length ? " …" : "";
  return { start: best.start, html: unspaceCjk(shown.join(" ")) + ellipsis };
}

// The heading a passage at word `start` sits under ({id, title}), or null before the first one.
export function headingAt(anchors, start) {
  const headings = (anchors || []).filter((anchor) => /^h[2-6]$/i.test(anchor.element) && anchor.id);
  const heading = headings.filter((anchor) => anchor.location <= start).at(-1);
  return heading ? { id: heading.id, title: shownText(heading.text) } : null;
}

// Record words (space separated) as the text they stand for.
export function shownText(words) {
  return unspaceCjk(words.split(/\s+/u).filter(Boolean).map(shownWord).join(" "));
}
