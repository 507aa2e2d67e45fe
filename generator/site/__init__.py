"""The site's pages: page contexts, the Markdown and HTML templates' helpers, and writing `docs/`."""
