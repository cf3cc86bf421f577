"""What every PDF Otklik makes shares: WeasyPrint loads the document's own fonts and nothing
else — no network (152-FZ: nothing from other hosts), no other file."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher  # WeasyPrint loads Pango: only when a PDF is made

    class LocalFontsOnly(URLFetcher):
        """Refuses every URL but the given font files."""

        def __init__(self, fonts: Iterable[Path], *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.allowed = {Path(path).resolve() for path in fonts}

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise ValueError(f"A document loads nothing from the network: {url}")
            if Path(url2pathname(parts.path)).resolve() not in self.allowed:
                raise ValueError(f"A document loads only its fonts: {url}")
            return super().fetch(url, headers)

    return LocalFontsOnly


def url_fetcher(fonts: Iterable[Path]):
    """A WeasyPrint URL fetcher that serves only ``fonts`` (local files)."""
    return _fetcher_class()(fonts, allowed_protocols=("file",), allow_redirects=False)
