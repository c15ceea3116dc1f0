// The search panel: Material's look, Pagefind's engine. Loaded by the script in
// overrides/partials/search.html when the reader first opens search.

import { createEngine } from "./engine.js";
import { excerpt, headingAt } from "./excerpt.js";
import { markTermsFromUrl } from "./highlight.js";
import { createConverter } from "./opencc.js";

const RESULTS_AT_A_TIME = 6; // more are loaded as the reader scrolls to the end
const NEAR_THE_END_PX = 100; // how close to the end of the list that is
const WAIT_AFTER_TYPING_MS = 50; // one search for a burst of keys, too short for a reader to notice

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b; // a server may already have inflated it
  const body = gzipped ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")) : new Blob([bytes]).stream();
  return JSON.parse(await new Response(body).text());
}

async function loadEngine(root) {
  const pagefind = await import(`${root}pagefind/pagefind.js`);
  await pagefind.options({
    baseUrl: new URL(root).pathname,
    noWorker: true, // searches take milliseconds; the worker would be another 40 KiB
    // Titles match as their words (the H1); what results show must not change ranks.
    ranking: { metaWeights: { title: 5, shown_title: 0, category: 0, date: 0 } },
  });
  const [vocabulary] = await Promise.all([fetchJson(`${root}assets/search/vocabulary.json`), pagefind.init()]);
  const converter = createConverter((name) => fetchJson(`${root}assets/search/opencc/${name}`));
  return createEngine({ pagefind, converter, vocabulary });
}

// One result: title, category · date · section, and the excerpt with the terms marked.
export function resultItem(data, terms) {
  const passage = excerpt(data.content || "", terms);
  const heading = headingAt(data.anchors, passage.start);
  const url = new URL(data.url, location.href);
  if (heading) url.hash = heading.id;
  url.searchParams.set("h", terms.join(" "));
  const facts = [data.meta.category, data.meta.date, heading?.title].filter(Boolean);
  const item = document.createElement("li");
  item.className = "md-search-result__item";
  item.dataset.searchResult = "";
  item.innerHTML = `<a href="${escapeHtml(url.href)}" class="md-search-result__link">
    <article class="md-search-result__article md-typeset">
      <h1>${escapeHtml(data.meta.shown_title || data.url)}</h1>
      ${facts.length ? `<p class="kb-search-result__facts">${facts.map(escapeHtml).join(" · ")}</p>` : ""}
      <p>${passage.html}</p>
    </article>
  </a>`;
  return item;
}

export async function start(box, root) {
  const input = box.querySelector("input[type=search]");
  const form = box.querySelector("form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const say = (text) => {
    meta.textContent = text;
  };
  const links = () => [...list.querySelectorAll("a.md-search-result__link")];
  const close = () => {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change")); // Material unlocks the page's scrolling on phones
    input.blur();
  };

  const engine = await loadEngine(root);
  let generation = 0;
  let timer = 0;
  let pending = []; // ranked hits not shown yet
  const sentinel = document.createElement("li");
  sentinel.setAttribute("aria-hidden", "true");

  async function showMore(mine) {
    const batch = pending.splice(0, RESULTS_AT_A_TIME);
    const items = await Promise.all(batch.map(async (hit) => resultItem(await hit.result.data(), hit.terms)));
    if (mine !== generation) return false; // a newer query has started
    sentinel.remove();
    list.append(...items);
    if (pending.length) list.append(sentinel);
    return true;
  }

  // The empty sentinel ends the list, where it can sit a fraction of a pixel below what the
  // panel scrolls to (heights are fractional, the furthest scroll is not) and never come into
  // view: the next results load once the end of the list is near the panel's bottom edge.
  new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting) && pending.length) showMore(generation);
    },
    { root: box.querySelector(".md-search__scrollwrap"), rootMargin: `0px 0px ${NEAR_THE_END_PX}px 0px` },
  ).observe(sentinel);

  async function run() {
    const mine = ++generation;
    const query = input.value;
    if (!query.trim()) {
      pending = [];
      list.replaceChildren();
      say(box.dataset.placeholder);
      return;
    }
    const ranked = await engine.search(query);
    if (mine !== generation) return;
    pending = [...ranked]; // showMore takes from it
    list.replaceChildren();
    if (!(await showMore(mine))) return;
    say(ranked.length === 0 ? box.dataset.none : ranked.length === 1 ? box.dataset.one : box.dataset.other.replace("#", ranked.length));
    box.dataset.searched = query; // for tests and benchmarks: the results shown are this query's
  }

  input.addEventListener("input", () => {
    engine.prefetch(input.value);
    clearTimeout(timer);
    timer = setTimeout(run, WAIT_AFTER_TYPING_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    links()[0]?.click();
  });
  form.addEventListener("reset", () => {
    setTimeout(run);
    input.focus();
  });
  box.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at !== -1) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) close(); // Material's instant navigation follows the link
  });

  // Mark the terms on each page opened from a result, instant navigation included.
  markTermsFromUrl();
  window.document$?.subscribe(() => markTermsFromUrl());

  if (input.value.trim()) run();
  else say(box.dataset.placeholder);
}
