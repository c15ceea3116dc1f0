// Fixes to what Material's script adds to each page it shows (document$ also follows
// instant navigation, and Material adds these before the subscribers of extra_javascript run):
// - Each code block's copy button sits in a <nav> of its own, with no name, so a page with
//   two code blocks has navigation landmarks a screen reader cannot tell apart (axe's
//   landmark-unique). A copy button is not navigation: these <nav>s become plain containers.
// - A table wider than the column scrolls inside Material's wrapper; the wrapper takes
//   keyboard focus, so it can be scrolled without a mouse (axe's scrollable-region-focusable).
document$.subscribe(() => {
  for (const nav of document.querySelectorAll(".md-code__nav")) nav.setAttribute("role", "none");
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) wrapper.tabIndex = 0;
});

// A display formula wider than the column scrolls inside its block (kb/math). While it does,
// it takes keyboard focus, so it can be scrolled without a mouse; where it fits, it is no tab stop.
// Each formula is measured whenever its box changes size: when the page is laid out or resized,
// and when the block of text it is in is first laid out as it nears the screen (content-visibility
// in extra.css). A formula in a block not laid out is left until then: measuring it would lay
// the block out. All widths are read before any tabindex is written: a write between two reads
// would make the browser lay the page out again for each formula.
const focusScrollingFormulas = (formulas) => {
  const shown = formulas.filter((formula) => formula.checkVisibility({ contentVisibilityAuto: true }));
  const scrolling = shown.map((formula) => formula.scrollWidth > formula.clientWidth);
  shown.forEach((formula, index) => {
    if (scrolling[index]) formula.tabIndex = 0;
    else formula.removeAttribute("tabindex");
  });
};
const formulaSizes = new ResizeObserver((entries) => focusScrollingFormulas(entries.map((entry) => entry.target)));
document$.subscribe(() => {
  formulaSizes.disconnect();
  for (const formula of document.querySelectorAll(".md-typeset div.arithmatex")) formulaSizes.observe(formula);
});
// A block shown at the height it had when it was last laid out keeps its size; the event (which
// does not bubble, so it is heard while captured) still says it is shown.
document.addEventListener(
  "contentvisibilityautostatechange",
  (event) => {
    if (!event.skipped) focusScrollingFormulas([...event.target.querySelectorAll("div.arithmatex")]);
  },
  { capture: true },
);
