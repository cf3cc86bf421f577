"""Printed invitations to a touchpoint's survey: an A4 poster (PDF) and a queue-ticket code.

Both are for citizens, so they are always in the installation's language (Russian), not
in the language of the staff member who downloads them. Nothing is fetched from the
network: the poster's only external resources are local font files.
"""

import functools
import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from otklik import pdf
from otklik.feedback.choices import ResponseChannel
from otklik.public import qr

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    # (family used in the poster's CSS, weight): file
    ("Poster Sans", 400): FONT_DIR / "DejaVuSans.ttf",
    ("Poster Sans", 700): FONT_DIR / "DejaVuSans-Bold.ttf",
    ("Poster Mono", 700): FONT_DIR / "DejaVuSansMono-Bold.ttf",
}
NBSP = "\u00a0"

# Short words that must not end a line: any word of one or two letters (в, к, с, и, на, по,
# не, …) and the longer prepositions and conjunctions.
_SHORT_WORDS = r"[A-Za-zА-Яа-яЁё]{1,2}|без|для|над|под|при|про|или"
_AFTER_SHORT = re.compile(rf"(?<![\w-])({_SHORT_WORDS}) (?=\S)", re.IGNORECASE)
_AFTER_ABBREVIATION = re.compile(r"(?<![\w-])([A-Za-zА-Яа-яЁё]{1,3}\.) (?=\S)")  # г., ул., д.
_BEFORE_DASH = re.compile(r" ([—–])")
_SPACES = re.compile(r"[ \t\r\n]+")
WIDOW_MAX = 10  # a last word this short stays on the line of the word before it


def print_language() -> str:
    return settings.LANGUAGE_CODE


def typograph(text: str) -> str:
    """Russian typesetting of a short text: non-breaking spaces after prepositions,
    conjunctions and abbreviations and before a dash; no lone short word on the last line."""
    text = _SPACES.sub(" ", text or "").strip()  # not str.split(): it splits at NBSPs too
    text = _BEFORE_DASH.sub(NBSP + r"\1", text)
    text = _AFTER_SHORT.sub(r"\1" + NBSP, text)
    text = _AFTER_ABBREVIATION.sub(r"\1" + NBSP, text)
    # The last word, with what the rules above glued to it, is not left alone on a line.
    head, space, last = text.rpartition(" ")
    if space and len(last) <= WIDOW_MAX:
        text = f"{head}{NBSP}{last}"
    return text


def organisation(touchpoint) -> tuple[str, str]:
    """The name and address printed for a touchpoint: its centre's, or for a journey of
    the whole region the region's name and no address."""
    journey = touchpoint.stage.journey
    unit = journey.centre or journey.region
    return unit.name, getattr(unit, "address", "") or ""


# --- The A4 poster ---------------------------------------------------------------------

# Sizes tried in turn until the poster fits one page (long names need the smaller ones).
LAYOUTS = [
    {"qr": "130mm", "name_pt": 28, "heading_pt": 44},
    {"qr": "122mm", "name_pt": 26, "heading_pt": 42},
    {"qr": "114mm", "name_pt": 24, "heading_pt": 40},
    {"qr": "104mm", "name_pt": 22, "heading_pt": 38},
    {"qr": "90mm", "name_pt": 18, "heading_pt": 34},
    {"qr": "76mm", "name_pt": 15, "heading_pt": 30},
]
PAGE_MARGINS_MM = (12, 12, 10)  # top, sides, bottom
CONTENT_WIDTH_MM = 210 - 2 * PAGE_MARGINS_MM[1]
HEADING_MIN_PT = 32
URL_WIDTH_MM = 170
MONO_ADVANCE = 0.602  # em: every glyph of DejaVu Sans Mono
PT_MM = 25.4 / 72


def url_fetcher():
    return pdf.url_fetcher(FONTS.values())


def _font_faces() -> str:
    faces = [
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'src: url("{path.as_uri()}"); }}'
        for (family, weight), path in FONTS.items()
        if path.is_file()
    ]
    return "\n".join(faces)


def _url_pt(text: str) -> str:
    """The font size (CSS, in pt) that fits the typed address on one line, at most 22."""
    size = min(22.0, URL_WIDTH_MM / (max(len(text), 1) * MONO_ADVANCE * PT_MM))
    return f"{size:.1f}"  # not localised: "22,0" is no CSS


def heading(text: str, max_pt: float) -> tuple[str, str]:
    """The poster's heading and its size (CSS pt): lines break only between the clauses
    of the heading (after its commas) when each clause fits on a line at a size of at
    least ``HEADING_MIN_PT``; otherwise the usual typesetting at ``max_pt``."""
    clauses = re.split(r"(?<=,) +", _SPACES.sub(" ", text).strip())
    widest = max(text_width(clause, PT_MM, bold=True) for clause in clauses)  # mm per pt
    fit = CONTENT_WIDTH_MM * 0.96 / widest if widest else max_pt
    if len(clauses) > 1 and fit >= HEADING_MIN_PT:
        glued = " ".join(clause.replace(" ", NBSP) for clause in clauses)
        return glued, f"{min(max_pt, fit):.1f}"
    return typograph(text), f"{max_pt:.1f}"


def poster_context(touchpoint, base_url: str | None = None, layout: dict | None = None) -> dict:
    layout = layout or LAYOUTS[0]
    url = qr.public_url(touchpoint, ResponseChannel.QR, base=base_url)
    typed = qr.short_url(touchpoint, base=base_url)
    name, address = organisation(touchpoint)
    texts = {
        "heading": _("Rate how we served you"),
        "rating": _("You are rating:"),
        "scan": _("Point your phone camera at the code and open the link"),
        "anonymous": _("The survey is anonymous and takes less than a minute"),
        "no_camera": _("No camera? Type this address in a browser:"),
    }
    heading_text, heading_pt = heading(texts.pop("heading"), layout["heading_pt"])
    svg = qr.qr_svg(
        url, size=layout["qr"], title=_("QR code of the survey"), desc=url, svg_id="poster-qr"
    )
    return {
        "texts": {key: typograph(value) for key, value in texts.items()},
        "heading": heading_text,
        "heading_pt": heading_pt,
        "margins": "{}mm {}mm {}mm".format(*PAGE_MARGINS_MM),
        "organisation": typograph(name),
        "address": typograph(address),
        "touchpoint": typograph(touchpoint.name),
        "qr_svg": mark_safe(svg),  # noqa: S308  (built by qr_svg, every text escaped)
        "typed_url": typed,
        "url_pt": _url_pt(typed),
        "layout": layout,
        "font_faces": mark_safe(_font_faces()),  # noqa: S308  (our constant paths)
    }


def poster_html(touchpoint, base_url: str | None = None, layout: dict | None = None) -> str:
    with translation.override(print_language()):
        return render_to_string("public/poster.html", poster_context(touchpoint, base_url, layout))


def poster_pdf(touchpoint, base_url: str | None = None) -> bytes:
    """An A4 portrait poster inviting citizens to the touchpoint's survey by QR code."""
    from weasyprint import HTML

    fetcher = url_fetcher()
    document = None
    for layout in LAYOUTS:
        html = poster_html(touchpoint, base_url, layout)
        document = HTML(string=html, url_fetcher=fetcher).render()
        if len(document.pages) == 1:
            break
    else:
        document.pages[1:] = []  # the smallest layout still overflows: keep the poster page
    return document.write_pdf()


# --- The queue-ticket code -------------------------------------------------------------

TICKET_WIDTH = 58  # mm: the common thermal paper roll
TICKET_MARGIN = 5  # mm: 58 mm printers print the middle 48 mm
TICKET_QR = 30  # mm, quiet zone included: modules of about 0.7 mm
TICKET_FONT = "DejaVu Sans, sans-serif"


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, float], float] | None:
    """Glyph advances of DejaVu Sans in em, to wrap the ticket's lines; None without it."""
    path = FONTS[("Poster Sans", 700 if bold else 400)]
    if not path.is_file():
        return None
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] / units


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` set in DejaVu Sans at ``size`` (same unit as the result)."""
    advances = _advances(bold)
    if advances is None:
        return len(text) * size * (0.66 if bold else 0.6)
    widths, default = advances
    return sum(widths.get(ord(char), default) for char in text) * size


def wrap(text: str, width: float, size: float, *, bold: bool = False, lines: int = 2):
    """Up to ``lines`` lines of at most ``width``; what does not fit ends with an ellipsis.

    Lines break at ordinary spaces only, so the NBSPs of :func:`typograph` hold.
    """
    result: list[str] = []
    current = ""
    for word in _SPACES.sub(" ", text or "").strip().split(" "):
        candidate = f"{current} {word}" if current else word
        if not current or text_width(candidate, size, bold=bold) <= width:
            current = candidate
        else:
            result.append(current)
            current = word
    if current:
        result.append(current)
    if len(result) > lines:
        result = [*result[: lines - 1], " ".join(result[lines - 1 :])]
    for index, line in enumerate(result):
        if text_width(line, size, bold=bold) > width:
            while line and text_width(line + "…", size, bold=bold) > width:
                line = line[:-1].rstrip()
            result[index] = line + "…"
    return result


def ticket_svg(touchpoint, base_url: str | None = None) -> str:
    """A 58 mm wide SVG for thermal queue-ticket printers: the QR code of the survey and
    two lines of text, the touchpoint (bold, up to two rows) and the centre."""
    url = qr.public_url(touchpoint, ResponseChannel.QR, base=base_url)
    name, _address = organisation(touchpoint)
    text_width_mm = TICKET_WIDTH - 2 * TICKET_MARGIN
    middle = TICKET_WIDTH / 2
    rows = []
    y = TICKET_QR + 0.5
    for text, size, bold in ((touchpoint.name, 3.6, True), (name, 3.0, False)):
        for line in wrap(typograph(text), text_width_mm, size, bold=bold):
            y += size * 1.2
            weight = ' font-weight="bold"' if bold else ""
            position = f'x="{qr.svg_number(middle)}" y="{qr.svg_number(y)}"'
            rows.append(f'<text {position} font-size="{size}"{weight}>{escape(line)}</text>')
        y += 0.6
    height = y + 2
    left = (TICKET_WIDTH - TICKET_QR) / 2
    with translation.override(print_language()):
        title = _("QR code of the survey")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{TICKET_WIDTH}mm" height="{qr.svg_number(height)}mm" '
        f'viewBox="0 0 {TICKET_WIDTH} {qr.svg_number(height)}" role="img" '
        f'aria-labelledby="ticket-title ticket-desc">'
        f'<title id="ticket-title">{escape(title)}: {escape(touchpoint.name)}</title>'
        f'<desc id="ticket-desc">{escape(url)}</desc>'
        f'<rect width="{TICKET_WIDTH}" height="{qr.svg_number(height)}" fill="#fff"/>'
        f'<g shape-rendering="crispEdges">{qr.qr_group(qr.make(url), x=left, y=1, size=TICKET_QR)}'
        f"</g>"
        f'<g font-family="{TICKET_FONT}" text-anchor="middle" fill="#000">{"".join(rows)}</g>'
        "</svg>\n"
    )
