"""MkDocs hooks: the Chinese full-text search index (built from docs/)."""
