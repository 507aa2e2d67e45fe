"""Citing: citation keys, author names and LaTeX for BibTeX, each paper's entry and the .bib files."""
