"""The public review pack as one self-contained, accessible HTML file, for the council's website.

reportlab cannot tag a PDF, so a screen reader finds no headings or table structure in the
printed pack.  This file is the accessible version: real headings in order, tables with a
caption and header cells (``<th scope>``), the chart as inline SVG with a text alternative and the
same figures in a table beside it, ``lang="en-GB"``, text that reflows at 400% zoom (no fixed
widths; a wide table scrolls on its own, from the keyboard too), visible focus, print styles for
A4, and nothing loaded from elsewhere (no fonts, scripts or images outside the file).

It is built from the same :class:`PackView` as the public PDF, so what the public may see is
decided in one place (``pack_view`` and ``domain/disclosure.py``), not here.  Every piece of the
council's text is escaped: ``<b>`` prints as itself.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from ..domain.dates import show
from ..domain.disclosure import Mark
from ..domain.records import CouncilData
from .agenda import day
from .errors import ReportError
from .pack import EXCLUSION, PUBLIC_TITLE
from .pack_view import PackView, pack_view


def _e(text: object) -> str:
    """User text as HTML text: markup characters and quotes escaped, control characters gone."""
    s = "" if text is None else str(text)
    s = "".join(ch for ch in s if ch in "\n\t" or not (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0))
    return escape(s, quote=True)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class _Section:
    key: str  # its id, for the contents
    title: str
    body: str


def _table(
    caption: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    row_headers: bool = True,
    nowrap: Sequence[int] = (),
) -> str:
    """A data table: caption, a header cell per column, the first cell of each row its header;
    wrapped in a region that scrolls by itself (and from the keyboard) when the screen is
    narrower than the table."""
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in columns)
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            cls = ' class="nowrap"' if i in nowrap else ""
            if i == 0 and row_headers:
                cells.append(f'<th scope="row"{cls}>{_e(value)}</th>')
            else:
                cells.append(f"<td{cls}>{_e(value)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="table" role="region" aria-label="{_e(caption)}" tabindex="0">'
        f"<table><caption>{_e(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _p(text: object, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{_e(text)}</p>"


def _report(v: PackView) -> list[_Section]:
    t = v.text
    if t is None:
        return []
    return [
        _Section("purpose", "Purpose of the report", _p(t.purpose)),
        _Section("background", "Background", "".join(_p(line) for line in t.background)),
        _Section(
            "recommendation",
            "Recommendation",
            f'<p class="recommendation">{_e(t.recommendation)}</p>',
        ),
    ]


def _exclusion(v: PackView) -> _Section:
    item = v.exclusion_item.strip() or "________"
    return _Section(
        "exclusion",
        "Exclusion of the press and public",
        _p(
            "The cases themselves are reported in a separate confidential item later on the "
            "agenda, after the council has resolved to exclude the press and public. "
            "Draft resolution:"
        )
        + _p(EXCLUSION.format(item=item)),
    )


def _policies(v: PackView) -> _Section:
    if not v.policies:
        return _Section(
            "policies",
            "Policies and their review",
            _p("The council has no policies recorded.", "note"),
        )
    rows = [
        [
            p.title,
            p.version,
            p.adopted,
            p.minute,
            p.next_review,
            p.status,
            p.binds or "No roles chosen",
        ]
        for p in v.policies
    ]
    return _Section(
        "policies",
        "Policies and their review",
        _table(
            "The council's policies, their versions and when each is next reviewed",
            [
                "Policy",
                "Version",
                "Adopted",
                "Adoption minute",
                "Next review",
                "Review status",
                "Binds",
            ],
            rows,
            nowrap=(2, 4),
        ),
    )


def _acknowledgements(v: PackView) -> _Section:
    parts = [
        _p(
            f"Everyone bound by each policy on {day(v.meeting)}: councillors by name, with the "
            "date they acknowledged it or outstanding; staff and volunteers as counts."
        )
    ]
    if not v.acknowledgements:
        parts.append(_p("No policy has an adopted version yet.", "note"))
    for block in v.acknowledgements:
        title = f"{block.policy}: version {block.version} (adopted {block.adopted})"
        parts.append(f"<h3>{_e(title)}</h3>")
        if not block.lines and not block.staff:
            parts.append(_p("Nobody is bound by this policy at the moment.", "note"))
            continue
        if block.lines:
            owing = sum(1 for ln in block.lines if ln.outstanding)
            who = "members" if block.staff else "people bound"
            parts.append(
                _table(
                    f"{block.policy}: {len(block.lines) - owing} of {len(block.lines)} {who} "
                    "up to date",
                    ["Name", "Role", "Acknowledged"],
                    [[ln.person, ln.role, ln.state] for ln in block.lines],
                )
            )
        if block.staff:
            st = block.staff
            parts.append(
                _p(
                    f"Staff and volunteers bound: {st.bound}; up to date: {st.up_to_date.text}; "
                    f"outstanding: {st.outstanding.text}. Staff are not named in the public pack."
                )
            )
    return _Section("register", "Acknowledgement register", "".join(parts))


def chart_svg(counts: Sequence[tuple[str, int]], *, title: str, key: str) -> str:
    """Horizontal bars, one per category, as inline SVG: a title and a description carry the
    same figures in words for a screen reader; the bars are dark and labelled, so the chart
    reads in black and white and in forced colours.  Long labels wrap, never cut."""
    bar, label_w, bar_room, lead = 20, 330, 330, 18
    most = max((n for _, n in counts), default=1) or 1
    rows = [(textwrap.wrap(label, 34) or [""], n) for label, n in counts]
    heights = [max(bar + 14, len(lines) * lead + 10) for lines, _ in rows]
    height = sum(heights) + 6
    width = label_w + bar_room + 60
    words = "; ".join(f"{label}: {n}" for label, n in counts)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{key}-title {key}-desc" class="chart">'
        f'<title id="{key}-title">{_e(title)}</title>'
        f'<desc id="{key}-desc">{_e("Bar chart of cases by category: " + words + ".")}</desc>'
    ]
    y = 3.0
    for (lines, n), h in zip(rows, heights, strict=True):
        mid = y + h / 2
        first = mid - (len(lines) - 1) * lead / 2 + 5
        spans = "".join(
            f'<tspan x="{label_w - 8}" y="{first + i * lead:.1f}">{_e(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        length = max(bar_room * n / most, 2)
        out.append(
            f'<text text-anchor="end" font-size="15">{spans}</text>'
            f'<rect x="{label_w}" y="{mid - bar / 2:.1f}" width="{length:.1f}" height="{bar}" '
            'class="bar"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{mid + 5:.1f}" font-size="15" '
            f'font-weight="bold">{n}</text>'
        )
        y += h
    out.append(f'<line x1="{label_w}" y1="0" x2="{label_w}" y2="{height}" class="axis"/></svg>')
    return "".join(out)


def _summary(v: PackView) -> _Section:
    sm = v.summary
    if not sm.held:
        return _Section("breaches", "Breach summary", _p("No breach cases are held.", "note"))
    t = sm.threshold
    if sm.total.mark is Mark.WITHHELD:
        held = "Cases are held; how many is withheld, so that no smaller count can be worked out."
    else:
        held = f"{_cap(sm.total.text)} cases held."
    parts = [
        _p(f"{held} Counts only: no case is identified in this section."),
        _table(
            "Cases by procedure",
            ["Procedure", "Cases", "By state"],
            [[p.procedure, p.total.text, p.by_state_text] for p in sm.by_procedure],
        ),
        _p(
            f"To protect the people concerned, a count below {t} is shown as "
            f'"fewer than {t}", and a larger count as "withheld" where printing it would let '
            "a smaller one be worked out. Staff matters are not broken down.",
            "note",
        ),
        '<h3 id="categories">Cases by category</h3>',
        _p(
            f"A case may fall under more than one category. Categories with fewer than {t} "
            "cases are not listed."
        ),
    ]
    if sm.by_category:
        if sm.chart:
            parts.append(
                "<figure>"
                + chart_svg(sm.chart, title="Cases by category", key="chart")
                + "<figcaption>Cases by category, as a chart. The same figures are in the "
                "table that follows.</figcaption></figure>"
            )
        parts.append(
            _table(
                "Cases by category (the figures of the chart)",
                ["Category", "Cases"],
                [[label, n.text] for label, n in sm.by_category],
            )
        )
    else:
        parts.append(_p("No category has enough cases to list.", "note"))
    return _Section("breaches", "Breach summary", "".join(parts))


def _due(v: PackView) -> _Section:
    parts = [_p(f"Overdue at the meeting on {day(v.meeting)}, or due by {day(v.due_until)}.")]
    if v.due:
        parts.append(
            _table(
                "What is due: its date, what it is, and whether it is overdue",
                ["Due", "What", "Detail", "State"],
                [[d.due, d.what, d.title, d.state] for d in v.due],
                nowrap=(0,),
            )
        )
    else:
        parts.append(_p("Nothing is due.", "note"))
    parts.append(
        _p(
            "Items about breach cases or about members of staff are not listed here: "
            "they are reported in confidence.",
            "note",
        )
    )
    return _Section("due", "Due before the next meeting", "".join(parts))


STYLE = """
:root { color-scheme: light; }
html { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 100%;
       line-height: 1.5; color: #111; background: #fff; }
body { margin: 0 auto; padding: 1rem; max-width: 60rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.4rem; line-height: 1.3; margin: 2rem 0 0.5rem;
     border-bottom: 2px solid #555; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
p { max-width: 45rem; overflow-wrap: break-word; }
.note { font-style: italic; }
.council { font-weight: bold; margin: 0; }
.recommendation { border-left: 0.3rem solid #333; padding-left: 0.75rem; }
a { color: #0b4b8c; text-decoration: underline; }
a:focus, .table:focus, .skip:focus { outline: 3px solid #000; outline-offset: 2px;
     background: #ffdd00; color: #000; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; }
.table { overflow-x: auto; margin: 0.5rem 0 1rem; max-width: 100%; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #555; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
thead th { background: #d6d6d6; }
tbody th { font-weight: normal; }
tbody tr:nth-child(even) { background: #f1f1f1; }
.nowrap { white-space: nowrap; }
figure { margin: 1rem 0; }
.chart { width: 100%; max-width: 45rem; height: auto; }
.chart text { fill: #111; font-family: inherit; }
.chart .bar { fill: #444; stroke: #000; stroke-width: 1; }
.chart .axis { stroke: #555; stroke-width: 1.5; }
footer { margin-top: 2rem; border-top: 1px solid #555; font-size: 0.9rem; }
@media (forced-colors: active) {
  .chart .bar, .chart text { fill: CanvasText; }
}
@media print {
  @page { size: A4; margin: 18mm 18mm 20mm; }
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  .skip, nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  caption, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table { overflow: visible; }
  tbody tr:nth-child(even) { background: #f1f1f1; print-color-adjust: exact;
                             -webkit-print-color-adjust: exact; }
}
"""


def pack_html(v: PackView, *, generated: date) -> str:
    """The public pack as HTML text; refuses the confidential part, which is never published."""
    if v.confidential:
        raise ReportError(
            "the HTML pack is the public one, for the website; the confidential part is "
            "printed as a PDF only"
        )
    sections = _report(v) + [
        _exclusion(v),
        _policies(v),
        _acknowledgements(v),
        _summary(v),
        _due(v),
    ]
    heading = v.running_title or PUBLIC_TITLE
    contents = "".join(f'<li><a href="#{s.key}">{_e(s.title)}</a></li>' for s in sections)
    body = "".join(
        f'<section aria-labelledby="{s.key}"><h2 id="{s.key}">{_e(s.title)}</h2>{s.body}</section>'
        for s in sections
    )
    item = "" if v.agenda_item.strip() else _p("No agenda item number was given.", "note")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(heading)} — {_e(v.council)}</title>\n"
        f'<meta name="generator" content="parishclerk">\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the report</a>\n'
        f'<header><p class="council">{_e(v.council)}</p></header>\n'
        f'<main id="main">\n<h1>{_e(heading)}</h1>\n'
        f"{_p(f'Report of the Clerk to the meeting of the council on {day(v.meeting)}.')}"
        f"{item}\n"
        '<nav aria-labelledby="contents"><h2 id="contents">Contents</h2>'
        f"<ol>{contents}</ol></nav>\n"
        f"{body}\n</main>\n"
        f"<footer><p>{_e(v.council)}. {_e(PUBLIC_TITLE)} for the meeting of "
        f"{_e(show(v.meeting))}. Generated {_e(show(generated))}. This page is the "
        "accessible version of the printed (PDF) pack, with the same content.</p></footer>\n"
        "</body>\n</html>\n"
    )


def review_pack_html(
    data: CouncilData,
    meeting: date,
    *,
    generated: date,
    agenda_item: str = "",
    title: str = "",
    recommendation: str | None = None,
    exclusion_item: str = "",
) -> bytes:
    """The public review pack as one accessible HTML file (UTF-8 bytes)."""
    view = pack_view(
        data,
        meeting,
        confidential=False,
        agenda_item=agenda_item,
        title=title,
        recommendation=recommendation,
        exclusion_item=exclusion_item,
    )
    return pack_html(view, generated=generated).encode("utf-8")
