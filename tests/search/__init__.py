"""Tests of the full-text search (scripts/archive_site/search/)."""
