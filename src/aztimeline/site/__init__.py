"""Site generation: Markdown and JSON pages from validated data, then MkDocs Material, then an atomic swap."""
