"""QR codes of touchpoints: the survey address they carry and their drawing as SVG.

Pure functions, no database access. The drawing is our own vector SVG built from segno's
module matrix: filled squares only (no strokes, so no hairline seams when scaled), dark
modules in pure black on a white quiet zone, so it prints on any laser or thermal printer
and stays sharp at any size.
"""

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from otklik.feedback.choices import ResponseChannel

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
# Channels a public link may name (see ``public.views.LINK_CHANNELS``).
LINK_CHANNELS = (ResponseChannel.QR, ResponseChannel.KIOSK, ResponseChannel.WEB)
# Q restores up to 25 % of a damaged symbol: posters get scuffed, tickets smudged.
ERROR_LEVEL = "q"
QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 requires
DARK = "#000"
LIGHT = "#fff"


def base_url() -> str:
    """The public address of this installation, without a trailing slash."""
    return (getattr(settings, "OTKLIK_PUBLIC_BASE_URL", "") or DEFAULT_BASE_URL).rstrip("/")


def survey_path(touchpoint) -> str:
    return reverse("public_survey", args=[touchpoint.public_code])


def public_url(touchpoint, channel: str = ResponseChannel.QR, *, base: str | None = None) -> str:
    """The absolute survey address of a touchpoint that records ``channel``."""
    if channel not in LINK_CHANNELS:
        raise ValueError(f"A public link cannot name the channel {channel!r}.")
    return f"{(base or base_url()).rstrip('/')}{survey_path(touchpoint)}?ch={channel}"


def short_url(touchpoint, *, base: str | None = None) -> str:
    """The address to type by hand: no scheme, no query (answers count as a web link)."""
    address = f"{(base or base_url()).rstrip('/')}{survey_path(touchpoint)}"
    return address.split("://", 1)[-1]


def make(url: str) -> segno.QRCode:
    """The QR symbol of ``url``: never a Micro QR, which phone cameras do not all read."""
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def module_path(qr: segno.QRCode, *, border: int = QUIET_ZONE) -> str:
    """SVG path data of the dark modules, one unit per module, offset by the quiet zone.

    Each horizontal run of dark modules is one filled rectangle ``M x y h w v1 h-w z``.
    """
    parts = []
    for y, row in enumerate(qr.matrix):
        x = 0
        while x < len(row):
            if row[x] & 1:
                start = x
                while x < len(row) and row[x] & 1:
                    x += 1
                width = x - start
                parts.append(f"M{start + border} {y + border}h{width}v1h-{width}z")
            else:
                x += 1
    return "".join(parts)


def symbol_size(qr: segno.QRCode, *, border: int = QUIET_ZONE) -> int:
    """Width of the drawing in modules, quiet zone included."""
    return qr.symbol_size(border=border)[0]


def qr_group(qr: segno.QRCode, *, x: float, y: float, size: float, border: int = QUIET_ZONE) -> str:
    """The symbol as an SVG ``<g>`` of ``size`` user units placed at (x, y): to embed in
    a larger drawing (a ticket). The quiet zone is painted white, part of ``size``."""
    modules = symbol_size(qr, border=border)
    scale = size / modules
    return (
        f'<g transform="translate({svg_number(x)} {svg_number(y)}) scale({svg_number(scale)})">'
        f'<rect width="{modules}" height="{modules}" fill="{LIGHT}"/>'
        f'<path fill="{DARK}" d="{module_path(qr, border=border)}"/></g>'
    )


def qr_svg(
    url: str,
    *,
    scale: float = 4,
    size: str | None = None,
    border: int = QUIET_ZONE,
    title: str | None = None,
    desc: str | None = None,
    svg_id: str = "qr",
    xml_declaration: bool = False,
) -> str:
    """A standalone SVG of the QR code of ``url``.

    ``scale`` is the size of a module in pixels; ``size`` (a CSS length such as "60mm")
    overrides the width and height. The title and description name the drawing for screen
    readers; ``svg_id`` keeps their ids unique when several codes share a page.
    """
    qr = make(url)
    modules = symbol_size(qr, border=border)
    side = size or svg_number(modules * scale)
    title = _("QR code") if title is None else title
    desc = url if desc is None else desc
    head = '<?xml version="1.0" encoding="utf-8"?>\n' if xml_declaration else ""
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{side}" height="{side}" viewBox="0 0 {modules} {modules}" '
        f'role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" '
        f'shape-rendering="crispEdges">'
        f'<title id="{svg_id}-title">{escape(title)}</title>'
        f'<desc id="{svg_id}-desc">{escape(desc)}</desc>'
        f'<rect width="{modules}" height="{modules}" fill="{LIGHT}"/>'
        f'<path fill="{DARK}" d="{module_path(qr, border=border)}"/></svg>'
    )


def svg_number(value: float) -> str:
    """A number for SVG: no trailing zeros, no exponent."""
    return f"{value:.4f}".rstrip("0").rstrip(".")
