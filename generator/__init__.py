"""A static site generator for a research reading list: seeds in, Material for MkDocs pages out.

The package is laid out by the pipeline's stages; `build.py` runs them top to bottom:

    build.py        the pipeline: read -> merge -> annotate -> tag -> relate -> cite -> render -> write
    __main__.py     the command line (build, check, annotate: annotate_command.py)
    model.py        the records every stage passes along; library.py holds them; config.py the settings
    progress.py, problem_lines.py   what a build prints: stage lines, and problems one line per cause
    read/           what in seeds/ is a seed, and each file through the reader for its format (readers/)
    enrich/         records of one paper merged and identified, annotations, topics and tags, people,
                    reading status, the order papers joined in, related papers (related*, neighbours,
                    embeddings)
    cite/           citing: keys, names, LaTeX, BibTeX entries, RIS, CSL-JSON and APA, the downloads
    site/           the pages: contexts (render, index and browsing pages), Markdown and HTML helpers,
                    the head's metadata, the feed, the catalog and filters.json, escaping, and
                    output.py, the only module that writes docs/
    mkdocs/         MkDocs' side: the plugin, pages handed over as HTML, serve's worker and docs/
                    watch, Pagefind
    speed/          only there to be fast: two halves at once (parallel), results kept by key
                    (memo), what serve keeps between builds (reuse, related_index), the build cache

The domain folders (read/, enrich/, cite/, site/) import nothing of MkDocs; of speed/ they use
only its two primitives, parallel and memo (tests/test_layout.py holds the rules).
"""
