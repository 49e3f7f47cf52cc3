"""Layer 5 (a face): the MkDocs Material site of who is responsible for what.

`plugin` is the MkDocs plugin that turns the policy set into pages, `pages` writes each page's
Markdown, `reference` the generated reference pages (CLI, Python API); `assets` holds the
Mermaid and search scripts the site serves.
"""
