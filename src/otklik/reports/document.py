"""A report as plain data: built once, rendered as a web page, a PDF and an XLSX workbook.

A :class:`Report` is a list of :class:`Section` objects, each a table of :class:`Cell`
objects. Every cell carries the text a person reads (made by :mod:`otklik.metrics.display`)
and the raw value behind it, with the kind of number it is, so that the XLSX workbook
holds numbers with Excel number formats while the page and the PDF show the same text.
A new capability (incidents, decisions) adds a section; the three renderers need nothing
new. The tree is stored as JSON with the archived report (:func:`to_json`,
:func:`from_json`), so an archived web page shows the numbers its PDF and XLSX hold.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The kinds of values a cell holds; the XLSX writer has a number format for each.
TEXT = "text"
INDEX = "index"  # NPS, CES: −100…100
PERCENT = "percent"  # 0…100
SECONDS = "seconds"
COUNT = "count"
RATIO = "ratio"  # one decimal
STARS = "stars"
CHANGE = "change:"  # prefix: "change:percent" is a change in percentage points


@dataclass
class Cell:
    text: str
    value: float | int | str | None = None
    kind: str = TEXT
    # A CSS hint for the eye only (the text always says it in words): green, amber,
    # red, no_data, good, bad.
    tone: str = ""
    # Text Otklik wrote itself (a corridor «+40 … +100», a trend): the workbook keeps it
    # as it is; other text (names, citizens' comments) is neutralised against formulas.
    own: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


@dataclass
class Column:
    title: str
    numeric: bool = False


@dataclass
class Section:
    key: str  # stable name: tests, XLSX sheet order, CSS
    title: str
    sheet: str  # XLSX sheet name (≤ 31 characters)
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""
    empty_text: str = ""
    chart_svg: str = ""  # a vector chart for the page and the PDF, when there is one

    def column(self, title_or_index) -> list[Cell]:
        index = (
            title_or_index
            if isinstance(title_or_index, int)
            else [c.title for c in self.columns].index(title_or_index)
        )
        return [row[index] for row in self.rows]


@dataclass
class Report:
    kind: str  # "weekly" or "monthly"
    title: str  # «Еженедельный отчёт о клиентском опыте»
    subject: str  # the centre or the journey
    unit: str  # the centre (or region) it belongs to
    period: str  # «47-я неделя 2026 г.: 16–22 ноября 2026 г.»
    period_short: str  # «2026-W47», «2026-11»
    generated: str  # «1 декабря 2026 г., 07:00»
    header: str = ""  # the period in the running header of the PDF: «16–22 ноября 2026 г.»
    facts: list[tuple[str, str]] = field(default_factory=list)  # label, text under the title
    sections: list[Section] = field(default_factory=list)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def to_json(report: Report) -> dict:
    return asdict(report)


def from_json(data: dict) -> Report:
    sections = [
        Section(
            key=s["key"],
            title=s["title"],
            sheet=s["sheet"],
            columns=[Column(**c) for c in s["columns"]],
            rows=[[Cell(**cell) for cell in row] for row in s["rows"]],
            note=s.get("note", ""),
            empty_text=s.get("empty_text", ""),
            chart_svg=s.get("chart_svg", ""),
        )
        for s in data["sections"]
    ]
    return Report(
        kind=data["kind"],
        title=data["title"],
        subject=data["subject"],
        unit=data["unit"],
        period=data["period"],
        period_short=data["period_short"],
        generated=data["generated"],
        header=data.get("header", ""),
        facts=[tuple(f) for f in data.get("facts", [])],
        sections=sections,
    )
