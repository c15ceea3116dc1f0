"""Math typeset when the site is built: TeX to SVG with MathJax 3 in Node (kb/math)."""
