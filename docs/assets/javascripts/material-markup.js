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
const focusScrollingFormulas = () => {
  for (const formula of document.querySelectorAll(".md-typeset div.arithmatex")) {
    if (formula.scrollWidth > formula.clientWidth) formula.tabIndex = 0;
    else formula.removeAttribute("tabindex");
  }
};
document$.subscribe(focusScrollingFormulas);
addEventListener("resize", focusScrollingFormulas);
