"""The review pack for a council meeting: public by default, confidential on request."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak

from ..domain.dates import show
from ..domain.disclosure import Mark
from ..domain.records import CouncilData
from . import render
from .blocks import RuledLines, body, caption, gap, heading, note, table
from .cases import cases_section
from .chart import category_chart
from .pack_view import PackView, pack_view
from .styles import stylesheet
from .text import markup, para

PUBLIC_TITLE = "Policy review pack"
CONFIDENTIAL_TITLE = "Policy review pack: confidential part"
EXCLUSION = (
    "That, in view of the confidential nature of the business about to be transacted, it is "
    "advisable in the public interest that the public and press be temporarily excluded and "
    "they are instructed to withdraw, under section 1(2) of the Public Bodies (Admission to "
    "Meetings) Act 1960, for agenda item {item}: breaches of the council's social media "
    "policy, which concern named individuals and action under the members' Code of Conduct "
    "or the council's Disciplinary Procedure."
)


def _cover(v: PackView) -> list:
    s = stylesheet()
    title = CONFIDENTIAL_TITLE if v.confidential else PUBLIC_TITLE
    item = v.agenda_item.strip() or "________"
    out = [
        gap(25),
        para(v.council, s.cover_title),
        para(title, s.cover_line),
        para(f"Meeting of {show(v.meeting)}", s.cover_line),
        para(f"Agenda item: {item}", s.cover_line),
        gap(8),
    ]
    if v.confidential:
        out.append(
            para(
                "CONFIDENTIAL — not for publication. For members and officers only, "
                "after the public and press have been excluded.",
                s.marking,
            )
        )
        out += [
            *heading("Draft resolution to exclude the public and press", 2),
            para(EXCLUSION.format(item=item), s.body),
        ]
    else:
        out.append(
            body(
                "This is the public pack. Breach cases appear only as counts; details "
                "of individual cases are for the confidential part of the meeting."
            )
        )
    out += [gap(6), *heading("Contents", 2)]
    parts = ["Policies and their review", "Acknowledgement register", "Breach summary"]
    if v.confidential:
        parts.append("Breach cases in full")
    parts += ["Due before the next meeting", "Minute"]
    out += [body(f"{i}. {p}") for i, p in enumerate(parts, start=1)]
    return out + [PageBreak()]


def _policies(v: PackView, width: float) -> list:
    out = [*heading("Policies and their review")]
    if not v.policies:
        return out + [note("The council has no policies recorded.")]
    cols = [
        ("Policy", 2.3),
        ("Version", 0.9),
        ("Adopted", 1.05),
        ("Adoption minute", 1.2),
        ("Next review", 1.05),
        ("Review status", 1.3),
    ]
    rows = [[p.title, p.version, p.adopted, p.minute, p.next_review, p.status] for p in v.policies]
    notes = [f"Binds: {p.binds}" if p.binds else "Binds: (no roles chosen)" for p in v.policies]
    return out + [table(cols, rows, width, notes=notes)]


def _acknowledgements(v: PackView, width: float) -> list:
    out = [
        *heading("Acknowledgement register"),
        body(
            f"Everyone bound by each policy on {show(v.meeting)}, with the date they "
            "acknowledged it, or outstanding."
        ),
    ]
    if not v.acknowledgements:
        return out + [note("No policy has an adopted version yet.")]
    cols = [("Name", 1.6), ("Role", 1.3), ("Acknowledged", 3.2)]
    for block in v.acknowledgements:
        out += heading(f"{block.policy}: version {block.version} (adopted {block.adopted})", 2)
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
            n = st.bound
            out.append(
                body(
                    f"Staff and volunteers bound: {n}; up to date: {st.up_to_date.text}; "
                    f"outstanding: {st.outstanding.text}. Staff are not named in the public pack."
                )
            )
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


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
    out.append(table([("Procedure", 1.6), ("Cases", 1.1), ("By state", 3.6)], rows, width))
    out.append(
        note(
            f"To protect the people concerned, a count below {t} is shown as "
            f'"fewer than {t}", and a larger count as "withheld" where printing it would let '
            "a smaller one be worked out. Staff matters are not broken down."
        )
    )
    intro = [
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
        out += intro + [note("No category has enough cases to list.")]
    return out


def _due(v: PackView, width: float) -> list:
    out = [
        *heading("Due before the next meeting"),
        body(f"Overdue at the meeting on {show(v.meeting)}, or due by {show(v.due_until)}."),
    ]
    if v.due:
        out.append(
            table(
                [("Due", 1.0), ("What", 1.75), ("Detail", 3.6), ("State", 0.95)],
                [[d.due, d.what, d.title, d.state] for d in v.due],
                width,
            )
        )
    else:
        out.append(note("Nothing is due."))
    if not v.confidential:
        # said whether or not anything was left out: its presence must not tell
        out.append(
            note(
                "Items about breach cases or about members of staff are not listed here: "
                "they are reported in confidence."
            )
        )
    return out


def _minute(v: PackView, width: float) -> list:
    s = stylesheet()
    item = v.agenda_item.strip() or "________"
    return [
        CondPageBreak(110 * mm),
        *heading("Minute"),
        markup("Agenda item {item}. <b>Resolved:</b>", s.body, item=item),
        RuledLines(8, width),
        gap(6),
        body("Signed (Chair): ________________________________    Date: ____________________"),
    ]


def pack_flowables(v: PackView) -> list:
    width = render.content_width()
    out = _cover(v) + _policies(v, width) + _acknowledgements(v, width) + _summary(v, width)
    if v.confidential:
        out += cases_section(v.cases, width)
    return out + _due(v, width) + _minute(v, width)


def review_pack(
    data: CouncilData,
    meeting: date,
    *,
    confidential: bool = False,
    generated: date,
    agenda_item: str = "",
) -> bytes:
    """The pack for a meeting: public (counts only) unless ``confidential``."""
    with render.no_gc():
        view = pack_view(data, meeting, confidential=confidential, agenda_item=agenda_item)
        title = CONFIDENTIAL_TITLE if confidential else PUBLIC_TITLE
        return render.build(
            pack_flowables(view),
            council=view.council,
            title=f"{title}, {show(meeting)}",
            generated=generated,
            confidential=confidential,
        )
