"""Citing: citation keys, names and LaTeX for BibTeX, each paper's entry, RIS, CSL-JSON and APA, and the downloads."""
