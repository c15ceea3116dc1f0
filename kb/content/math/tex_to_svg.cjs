// TeX to SVG with MathJax 3 (npm mathjax-full), for kb/math at build time.
//
// Protocol, one JSON object per line: the first line written is {"css": …}, the
// stylesheet every page with math needs; then, for each request {"tex": …,
// "display": true|false} read from stdin, one answer {"html": …} or {"error": …}.
// Answers come in request order; the caller waits for each one before the next.
"use strict";

const readline = require("node:readline");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

// These two turn a TeX error into red text on the page; without them the error is thrown.
const HIDES_ERRORS = new Set(["noerrors", "noundefined"]);
// Metrics of the site's body text, so formulas are sized as they were in the browser.
const EM_PX = 16;
const EX_PX = 8;
const CONTAINER_WIDTH_PX = 80 * EM_PX;

const adaptor = liteAdaptor();
// Each formula carries its MathML, hidden on screen and read by screen readers.
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const tex = new TeX({
  packages: AllPackages.filter((name) => !HIDES_ERRORS.has(name)),
  formatError: (_jax, error) => {
    throw error;
  },
});
// "none": glyphs are paths inside each SVG, with no ids, so a cached formula can repeat on a page.
const svg = new SVG({ fontCache: "none" });
const document = mathjax.document("", { InputJax: tex, OutputJax: svg });

function render(request) {
  const node = document.convert(request.tex, {
    display: request.display,
    em: EM_PX,
    ex: EX_PX,
    containerWidth: CONTAINER_WIDTH_PX,
  });
  return adaptor.outerHTML(node);
}

function answer(object) {
  process.stdout.write(JSON.stringify(object) + "\n");
}

answer({ css: adaptor.textContent(svg.styleSheet(document)) });
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const request = JSON.parse(line);
  try {
    answer({ html: render(request) });
  } catch (error) {
    answer({ error: error.message });
  }
});
