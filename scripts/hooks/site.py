"""MkDocs hooks: index pages, article page decoration, exports (built from docs/)."""
