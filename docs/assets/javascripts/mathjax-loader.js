// Loads the self-hosted MathJax (hooks/mathjax.py) only on pages that contain
// math, and typesets again after Material's instant navigation swaps content.
(() => {
  const MATH_ELEMENTS = ".arithmatex, .jp-MarkdownOutput";
  const mathjaxUrl = new URL("../mathjax/tex-chtml.js", document.currentScript.src).href;

  window.MathJax = {
    tex: {
      // arithmatex emits \( \) and \[ \]; notebooks (nbconvert) keep $ and $$.
      inlineMath: [["\\(", "\\)"], ["$", "$"]],
      displayMath: [["\\[", "\\]"], ["$$", "$$"]],
      processEscapes: true,
      processEnvironments: true,
      // A typo such as \fracc must show as an error (merror), not as red text.
      packages: { "[-]": ["noundefined"] },
    },
    options: {
      // Skip everything with a class except math spans and notebook Markdown.
      ignoreHtmlClass: ".+",
      processHtmlClass: "arithmatex|jp-MarkdownOutput",
    },
    startup: { typeset: false },
  };

  let mathjaxReady = null;
  const loadMathJax = () => {
    mathjaxReady ??= new Promise((resolve, reject) => {
      // mkdocs-jupyter's runtime may have added the same script first: never load it twice.
      const existing = document.getElementById("MathJax-script");
      if (existing) {
        if (window.MathJax.startup?.promise) resolve();
        else existing.addEventListener("load", resolve, { once: true });
        return;
      }
      const script = document.createElement("script");
      script.id = "MathJax-script";
      script.src = mathjaxUrl;
      script.async = true;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`MathJax did not load from ${mathjaxUrl}`));
      document.head.appendChild(script);
    }).then(() => window.MathJax.startup.promise);
    return mathjaxReady;
  };

  // <html data-math="pending|typeset|none"> lets tests and benchmarks wait for typesetting.
  const typesetPage = async () => {
    const root = document.documentElement;
    if (!document.querySelector(MATH_ELEMENTS)) {
      root.dataset.math = "none";
      return;
    }
    root.dataset.math = "pending";
    await loadMathJax();
    const { MathJax } = window;
    if (window.mkdocsJupyterMathJax && document.querySelector(".jupyter-wrapper")) {
      // Notebook pages: mkdocs-jupyter's runtime typesets its cells; wait for it.
      await window.mkdocsJupyterMathJax.refresh();
    } else {
      MathJax.startup.output.clearCache?.(); // exists for CHTML output only
      MathJax.typesetClear();
      await MathJax.typesetPromise();
    }
    root.dataset.math = "typeset";
  };

  document$.subscribe(() => {
    typesetPage().catch((error) => console.error(error));
  });
})();
