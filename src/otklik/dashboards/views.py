"""Dashboards (D1) and the charts' self-hosted JavaScript."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from otklik.dashboards.bundle import bundle_bytes, bundle_version

YEAR = 365 * 24 * 3600


@require_safe
def vega_bundle(request, version: str):
    """Vega + Vega-Lite + vega-embed, built offline by vl-convert; cached for a year
    (the URL names the version, so a new vl-convert is a new URL)."""
    if version != bundle_version():
        raise Http404
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(
        bundle_bytes(gzipped), content_type="application/javascript; charset=utf-8"
    )
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response
