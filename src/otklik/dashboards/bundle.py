"""The Vega, Vega-Lite and vega-embed JavaScript, served from this site (152-FZ: no CDN).

``vl_convert.javascript_bundle`` builds one self-contained file offline from the copies
inside the vl-convert-python wheel — the same Vega-Lite version :func:`charts.to_svg` uses,
so the page and the document draw a spec alike. The file is built once into
``OTKLIK_DATA_DIR/cache`` (``otklik chart_bundle`` at deploy time, or on the first page
that asks for it) and served by :func:`otklik.dashboards.views.vega_bundle` under a URL
that names its version, with a year of browser caching.

It includes Vega's expression interpreter (vega-embed's ``ast: true``), so charts are
drawn without ``new Function`` and the Content-Security-Policy needs no ``'unsafe-eval'``.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import threading
from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path

from django.conf import settings

from otklik.dashboards.charts import vega_lite_version

# The bundle's own code: vega-embed on ``window`` (the page's charts.js calls it). With
# ``ast: true`` vega-embed evaluates expressions with the interpreter it bundles.
SNIPPET = """
window.vegaEmbed = vegaEmbed;
"""

_lock = threading.Lock()


@cache
def bundle_version() -> str:
    """A short name of what is in the bundle: changes with vl-convert or the snippet."""
    import vl_convert

    parts = [
        package_version("vl-convert-python"),
        vega_lite_version(),
        vl_convert.get_vega_version(),
        vl_convert.get_vega_embed_version(),
        SNIPPET,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def bundle_path() -> Path:
    return Path(settings.DATA_DIR) / "cache" / f"vega-{bundle_version()}.js"


def ensure_bundle() -> Path:
    """Build the bundle (and its gzip) unless it is there; safe for parallel processes."""
    path = bundle_path()
    if path.exists() and path.with_suffix(".js.gz").exists():
        return path
    with _lock:
        if path.exists() and path.with_suffix(".js.gz").exists():
            return path
        import vl_convert

        text = vl_convert.javascript_bundle(SNIPPET, vl_version=vega_lite_version())
        if "expressionInterpreter" not in text:  # pragma: no cover - a vl-convert change
            raise RuntimeError("the Vega bundle has no expression interpreter")
        data = text.encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path.with_suffix(".js.gz"), gzip.compress(data, 9, mtime=0))
        _write(path, data)
    return path


def _write(path: Path, data: bytes) -> None:
    """Write atomically: another process never reads half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@cache
def bundle_bytes(compressed: bool) -> bytes:
    path = ensure_bundle()
    return (path.with_suffix(".js.gz") if compressed else path).read_bytes()
