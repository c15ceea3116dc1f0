// Mark the search terms on the page a result leads to (its URL carries them as ?h=…).

const SKIPPED = new Set(["SCRIPT", "STYLE", "TEXTAREA", "MARK", "SVG", "MJX-CONTAINER"]);
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Wrap each occurrence of `terms` in the text under `container` in <mark data-kb-highlight>.
export function markTerms(container, terms) {
  const wanted = [...terms].filter(Boolean).sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return 0;
  const pattern = new RegExp(wanted.map(escapeRegExp).join("|"), "giu");
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let element = node.parentElement; element && element !== container; element = element.parentElement) {
        if (SKIPPED.has(element.tagName.toUpperCase())) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  let marked = 0;
  for (const node of nodes) {
    const text = node.textContent;
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      fragment.append(text.slice(last, match.index));
      const mark = document.createElement("mark");
      mark.dataset.kbHighlight = "";
      mark.textContent = match[0];
      fragment.append(mark);
      last = match.index + match[0].length;
      marked += 1;
    }
    fragment.append(text.slice(last));
    node.replaceWith(fragment);
  }
  return marked;
}

// The terms of the current URL's ?h=, marked in the page's article.
export function markTermsFromUrl() {
  const terms = new URLSearchParams(location.search).get("h");
  const article = document.querySelector("article.md-content__inner");
  if (!terms || !article || article.querySelector("mark[data-kb-highlight]")) return 0;
  return markTerms(article, terms.split(" "));
}
