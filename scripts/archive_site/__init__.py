"""The archive website around the article pages of ``docs/``.

Everything here is computed from the pages under ``docs/`` at build time
(never from ``seeds/``), so a hand edit of a page's front matter shows up in
every index on the next ``mkdocs build`` / ``mkdocs serve``.

Layout (after Material's own plugins):

- :mod:`archive_site.config`     where generated pages live, limits, nav (data)
- :mod:`archive_site.labels`     Chinese UI strings (data)
- :mod:`archive_site.collection` the archive model read and validated from ``docs/``
- :mod:`archive_site.regions`    zones grouped province → city → zone (zone registry)
- :mod:`archive_site.render`     HTML escaping, links, lists, inline SVG charts
- :mod:`archive_site.pages`      generators of the index pages (Markdown text)
- :mod:`archive_site.decorate`   article and source page decoration (a source page's
                                 article list is made here, from the articles' front matter)
- :mod:`archive_site.sanitize`   HTML of hand-written pages cleaned of handlers, script URLs
- :mod:`archive_site.exports`    JSON and CSV exports
- :mod:`archive_site.core`       the engine-independent build: validation, index pages
                                 (staged in build/, never in docs/), decoration, exports
- :mod:`archive_site.plugin`     the MkDocs event handlers calling the core (the plugin
                                 :mod:`archive_site.mkdocs_plugin`, scripts/hooks/)
- :mod:`archive_site.fixtures`   schema-conformant pages for tests and the benchmark

``archive_site.search`` is the search engine; :mod:`archive_site.search.integration`
its engine-independent build step.
"""
