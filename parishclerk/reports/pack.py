"""The review pack for a council meeting, as an agenda item: the public report (published with
the agenda) or the confidential part (councillor matters, taken after the public are excluded).
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from ..domain.dates import show
from ..domain.disclosure import Mark
from ..domain.records import CouncilData
from . import render
from .agenda import day, nb
from .blocks import Anchor, body, caption, contents, gap, heading, note, table
from .chart import category_chart
from .confidential import CaseCard
from .pack_view import PackView, pack_view
from .styles import BOLD, SANS, stylesheet
from .table import Column, Grid, Row
from .text import para

PUBLIC_TITLE = "Policy review pack"
CONFIDENTIAL_TITLE = "Policy review pack: confidential part"
EXCLUSION = (
    "That, in view of the confidential nature of the business about to be transacted, it is "
    "advisable in the public interest that the public and press be temporarily excluded and "
    "they are instructed to withdraw, under section 1(2) of the Public Bodies (Admission to "
    "Meetings) Act 1960, for agenda item {item}: complaints and breaches of the council's "
    "social media policy concerning named individuals, including matters under the members' "
    "Code of Conduct."
)
STAFFING = (
    "Matters concerning the council's staff are not reported here: they are reported in "
    "confidence to the staffing committee."
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _opening(v: PackView) -> list:
    """The head of the report: who it is to, the item, and (public) its contents."""
    s = stylesheet()
    item = v.agenda_item.strip()
    out = [
        para(v.council, s.title),
        para(v.running_title, s.subtitle),
        body(f"Report of the Clerk to the meeting of the council on {day(v.meeting)}."),
    ]
    if v.confidential:
        out += [
            gap(2),
            para(
                "CONFIDENTIAL — not for publication. For members and officers only, after the "
                "public and press have been excluded.",
                s.marking,
            ),
            body(
                "Taken after the council has resolved to exclude the press and public under "
                "section 1(2) of the Public Bodies (Admission to Meetings) Act 1960."
            ),
        ]
    if not item:
        out.append(
            note(
                "No agenda item number was given: add it on the Reports page (Agenda item) "
                "or with --item."
            )
        )
    return out


def _report(v: PackView) -> list:
    """Purpose, background and the drafted recommendation: the report to council."""
    t = v.text
    if t is None:
        return []
    return [
        *heading("Purpose of the report"),
        body(t.purpose),
        *heading("Background"),
        *[body(line) for line in t.background],
        *heading("Recommendation"),
        body(t.recommendation),
    ]


def _policies(v: PackView, width: float) -> list:
    out = [*heading("Policies and their review")]
    if not v.policies:
        return out + [note("The council has no policies recorded.")]
    cols = [
        ("Policy", 2.0),
        ("Version", 0.85),
        ("Adopted", 1.3),
        ("Adoption minute", 1.1),
        ("Next review", 1.3),
        ("Review status", 1.35),
    ]
    rows = [[p.title, p.version, p.adopted, p.minute, p.next_review, p.status] for p in v.policies]
    notes = [f"Binds: {p.binds}" if p.binds else "Binds: (no roles chosen)" for p in v.policies]
    return out + [table(cols, rows, width, notes=notes)]


def _acknowledgements(v: PackView, width: float) -> list:
    out = [
        *heading("Acknowledgement register"),
        body(
            f"Everyone bound by each policy on {day(v.meeting)}: councillors by name, with the "
            "date they acknowledged it or outstanding; staff and volunteers as counts."
        ),
    ]
    if not v.acknowledgements:
        return out + [note("No policy has an adopted version yet.")]
    cols = [("Name", 1.6), ("Role", 1.3), ("Acknowledged", 3.2)]
    for block in v.acknowledgements:
        out += heading(f"{block.policy}: version {block.version} (adopted {nb(block.adopted)})", 2)
        if not block.lines and not block.staff:
            out.append(note("Nobody is bound by this policy at the moment."))
            continue
        owing = sum(1 for ln in block.lines if ln.outstanding)
        if block.lines:
            who = "members" if block.staff else "people bound"
            out += caption(f"{len(block.lines) - owing} of {len(block.lines)} {who} up to date.")
            out.append(table(cols, [[ln.person, ln.role, ln.state] for ln in block.lines], width))
        if block.staff:
            st = block.staff
            out.append(
                body(
                    f"Staff and volunteers bound: {st.bound}; up to date: {st.up_to_date.text}; "
                    f"outstanding: {st.outstanding.text}. Staff are not named in the public pack."
                )
            )
    return out


def _summary(v: PackView, width: float) -> list:
    sm = v.summary
    out = [CondPageBreak(60 * mm), *heading("Breach summary")]
    if not sm.held:
        return out + [note("No breach cases are held.")]
    t = sm.threshold
    if sm.total.mark is Mark.WITHHELD:
        held = "Cases are held; how many is withheld, so that no smaller count can be worked out."
    else:
        held = f"{_cap(sm.total.text)} cases held."
    out.append(body(f"{held} Counts only: no case is identified in this section."))
    rows = [[p.procedure, p.total.text, p.by_state_text] for p in sm.by_procedure]
    out += caption("Cases by procedure")
    out.append(table([("Procedure", 1.6), ("Cases", 1.1), ("By state", 3.6)], rows, width))
    out.append(
        note(
            f"To protect the people concerned, a count below {t} is shown as "
            f'"fewer than {t}", and a larger count as "withheld" where printing it would let '
            "a smaller one be worked out. Staff matters are not broken down."
        )
    )
    intro = [
        Anchor("Cases by category", 1),
        para("Cases by category", stylesheet().h2),
        body(
            f"A case may fall under more than one category. Categories with fewer than {t} "
            "cases are not listed."
        ),
    ]
    cat_rows = [[label, n.text] for label, n in sm.by_category]
    if cat_rows:
        out.append(KeepTogether(intro + [category_chart(sm.chart, width), gap(3)]))
        out.append(table([("Category", 5.0), ("Cases", 1.0)], cat_rows, width))
    else:
        out.append(KeepTogether(intro + [note("No category has enough cases to list.")]))
    return out


def _due(v: PackView, width: float) -> list:
    out = [
        *heading("Due before the next meeting"),
        body(f"Overdue at the meeting on {day(v.meeting)}, or due by {day(v.due_until)}."),
    ]
    if v.due:
        out.append(
            table(
                [("Due", 1.25), ("What", 1.65), ("Detail", 3.45), ("State", 0.95)],
                [[d.due, d.what, d.title, d.state] for d in v.due],
                width,
            )
        )
    else:
        out.append(note("Nothing is due."))
    # said whether or not anything was left out: its presence must not tell
    out.append(
        note(
            "Items about breach cases or about members of staff are not listed here: "
            "they are reported in confidence."
        )
    )
    return out


def _exclusion(v: PackView) -> list:
    """The draft resolution for the separate confidential item later on the agenda."""
    item = v.exclusion_item.strip() or "________"
    s = stylesheet()
    return [
        CondPageBreak(40 * mm),
        KeepTogether(
            [
                Anchor("Exclusion of the press and public", 0),
                para("Exclusion of the press and public", s.h1),
                body(
                    "The cases themselves are reported in a separate confidential item later "
                    "on the agenda, after the council has resolved to exclude the press and "
                    "public. Draft resolution:"
                ),
                body(EXCLUSION.format(item=item)),
            ]
        ),
    ]


def case_card(card: CaseCard, width: float) -> list:
    """One case: its reference heads the card and every page the card runs onto, so no case
    text ever starts a page without it; a card starts a new page rather than begin in the last
    few lines of one."""
    cols = [Column(card.reference, 1.0, BOLD), Column(card.heading, 2.8, SANS)]
    grid = Grid(cols, [Row([label, value]) for label, value in card.rows], width, stripes=False)
    return [CondPageBreak(45 * mm), grid, gap(3)]


def _confidential(v: PackView, width: float) -> list:
    scope = v.scope
    out = [
        *heading("Councillor matters"),
        body(
            f"Cases about members and moderation cases: those open on {day(v.meeting)}, and "
            f"those {scope.why if scope else 'closed'}. Open cases first, each oldest first."
        ),
    ]
    if not v.cards:
        out.append(note("There are no such cases to report."))
    for card in v.cards:
        out += case_card(card, width)
    out += heading("Due about these matters")
    if v.due:
        out.append(
            table(
                [("Due", 1.25), ("What", 1.65), ("Detail", 3.45), ("State", 0.95)],
                [[d.due, d.what, d.title, d.state] for d in v.due],
                width,
            )
        )
    else:
        out.append(note("Nothing is due."))
    out += [*heading("Staffing matters"), body(STAFFING)]
    if v.chain_head:
        out += [
            gap(6),
            note(
                "For the minutes: the council's audit log stood at "
                f"{v.chain_head} when this part was made."
            ),
        ]
    return out


def pack_flowables(v: PackView) -> list:
    width = render.content_width()
    out = _opening(v)
    if v.confidential:
        return out + _confidential(v, width)
    out += [gap(3), para("Contents", stylesheet().h2), *contents(1)]
    out += _report(v) + _exclusion(v)
    out += _policies(v, width) + _acknowledgements(v, width) + _summary(v, width)
    return out + _due(v, width)


class _End(Flowable):
    """Takes no room and is never drawn: notes how far down the last page the pack ended."""

    def __init__(self) -> None:
        super().__init__()
        self.left = 0.0  # room left in the last frame, in points
        self.width = self.height = 0

    def frameAction(self, frame: object) -> None:  # noqa: N802 (reportlab's name)
        y, bottom = getattr(frame, "_y", 0.0), getattr(frame, "_y1p", 0.0)
        self.left = y - bottom


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def _tight(flowables: list) -> list:
    """The same pack with less room held back before headings, for when the normal layout
    leaves a few lines alone on a last page."""
    for f in flowables:
        if isinstance(f, CondPageBreak):
            f.height = min(f.height, 18 * mm)
    return flowables


def _nearly_empty(pdf: bytes, end: _End) -> bool:
    """The last page holds less than a fifth of a page."""
    return _pages(pdf) > 1 and render.content_height() - end.left < render.content_height() / 5


def review_pack(
    data: CouncilData,
    meeting: date,
    *,
    confidential: bool = False,
    generated: date,
    agenda_item: str = "",
    title: str = "",
    recommendation: str | None = None,
    since: date | None = None,
    exclusion_item: str = "",
    first_page: int = 1,
    chain_head: str = "",
) -> bytes:
    """The pack for a meeting: the public report (counts only) unless ``confidential``."""
    with render.no_gc():
        view = pack_view(
            data,
            meeting,
            confidential=confidential,
            agenda_item=agenda_item,
            title=title,
            recommendation=recommendation,
            since=since,
            exclusion_item=exclusion_item,
            chain_head=chain_head,
        )
        name = CONFIDENTIAL_TITLE if confidential else PUBLIC_TITLE

        def make(flowables: list) -> tuple[bytes, _End]:
            end = _End()
            pdf = render.build(
                [*flowables, end],
                council=view.council,
                title=f"{name}, {show(meeting)}",
                generated=generated,
                confidential=confidential,
                running_title=view.running_title,
                first_page=first_page,
            )
            return pdf, end

        pdf, end = make(pack_flowables(view))
        if _nearly_empty(pdf, end):  # no near-empty last page: try holding less room back
            tighter, _ = make(_tight(pack_flowables(view)))
            if _pages(tighter) < _pages(pdf):
                return tighter
        return pdf
