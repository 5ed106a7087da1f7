"""Human-readable renderings of the analysis record.

* :func:`dossier.output.text.render_text` prints a compact terminal summary with rich
  (``dossier analyze --format text``).
* :func:`dossier.output.html.render_html` returns a standalone HTML page for one document
  (``dossier analyze --format html``): the article text with entities, statements, event
  triggers and places highlighted and explained on hover, plus side tables. The article text
  and every string of the record are treated as untrusted and escaped.

Both read only the public :class:`dossier.record.Record` and the document text, so they work
on records produced elsewhere (for example read back from JSON).
"""

from __future__ import annotations

__all__ = ["render_html", "render_text"]


def __getattr__(name: str) -> object:
    # Lazy, so that importing the package does not import rich or build CSS.
    if name == "render_text":
        from dossier.output.text import render_text

        return render_text
    if name == "render_html":
        from dossier.output.html import render_html

        return render_html
    raise AttributeError(name)
