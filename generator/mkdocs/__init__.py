"""MkDocs' side: the plugin that runs the pipeline, pages handed over as HTML, serve, and Pagefind."""
