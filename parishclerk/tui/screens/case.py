"""One breach case: details, procedure explained, retention, timeline and evidence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from ...domain.dates import show
from ...domain.procedures import OUTCOMES, allowed_moves, explain_procedure, retention
from ...store.errors import NotFound
from ..flows import edit_case
from ..messages import DataChanged, GoTo, OpenRecord
from ..widgets.columns import cell_width
from ..widgets.safe import plain, visible
from .base import SubPage


class CaseScreen(SubPage):
    MODE = "breaches"
    BINDINGS = [
        Binding("m", "move", "Move", id="case-move", tooltip="Move the case to its next state"),
        Binding("o", "note", "Note", id="case-note", tooltip="Add a note to the timeline"),
        Binding(
            "f", "evidence", "Evidence", id="case-evidence", tooltip="Add evidence from a file"
        ),
        Binding("e", "edit", "Edit", id="case-edit"),
        Binding("e", "view", "View", id="case-view", tooltip="The case's details"),
        Binding(
            "p",
            "report",
            "PDF",
            id="case-report",
            tooltip="Make the case file (a PDF) on the Reports page",
        ),
        Binding("s", "subject", "Subject", id="case-subject", tooltip="The subject's own page"),
        Binding(
            "D",
            "dispose",
            "Dispose",
            id="case-dispose",
            tooltip="Record disposal of a closed case's evidence after its retention date",
        ),
    ]
    WRITE_ACTIONS = frozenset({"move", "note", "evidence", "dispose", "edit"})

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference

    def body(self) -> ComposeResult:
        with VerticalScroll(id="record"):
            yield Static("", id="case-info", markup=False)
            yield Label("Timeline", classes="section")
            yield DataTable(id="timeline", cursor_type="row", show_cursor=False)
            yield Label("Evidence", classes="section")
            yield DataTable(id="evidence", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#record").focus()

    def reload(self) -> None:
        store = self.clerk.store
        assert store is not None
        try:
            case = store.case(self.reference)
        except NotFound:
            self.query_one("#case-info", Static).update(
                f"There is no case {visible(self.reference)}."
            )
            return
        data = self.clerk.data()
        subject = data.person(case.subject.person) if case.subject.person else None
        about = (
            f"{subject.name} ({subject.role.label})"
            if subject
            else f"{case.subject.name} (third party)"
        )
        cats = store.categories()
        info = Text()
        info.append(f"{case.reference}  ", style="bold")
        info.append(f"{case.status.label}", style="bold reverse" if case.status.is_open else "dim")
        info.append(
            f"\nAbout: {visible(about)}\nReceived {show(case.received)} "
            f"from {visible(case.reported_by)}"
        )
        if case.platform or case.link:
            info.append(f"\nWhere: {visible(case.platform)} {visible(case.link)}".rstrip())
        info.append(f"\nWhat happened: {visible(case.summary, multiline=True)}")
        if case.categories:
            info.append("\nCategories: " + "; ".join(cats.get(c, c) for c in case.categories))
        info.append(f"\n\n{case.procedure.label}: ", style="bold")
        info.append(explain_procedure(case.procedure, data.council))
        if case.procedure_reason:
            info.append(f"\nWhy this procedure: {visible(case.procedure_reason, multiline=True)}")
        moves = allowed_moves(case)
        if moves:
            info.append("\nNext can be: " + ", ".join(s.label.lower() for s in moves))
        if case.outcome:
            info.append(f"\nOutcome: {OUTCOMES[case.procedure].get(case.outcome, case.outcome)}")
        if case.next_action and case.status.is_open:
            late = case.next_action.due < self.clerk.today
            info.append(f"\nNext action: {visible(case.next_action.what)}, by ")
            info.append(show(case.next_action.due), style="bold red" if late else "bold")
        until, why = retention(case, data.council, subject)
        until = case.retain_until or until
        info.append("\nKeep the file until: ", style="bold")
        info.append(f"{show(until, 'not fixed yet')} ({why})")
        if case.disposed_on:
            info.append(f"\nDisposed of on {show(case.disposed_on)}")
        self.query_one("#case-info", Static).update(info)
        self._tables()
        self.case = case

    def _tables(self) -> None:
        """The timeline and the evidence, their columns as wide as their values (a state such
        as "With monitoring officer" on one line), the text and the hash taking the rest."""
        store = self.clerk.store
        assert store is not None
        width = max(40, self.app.size.width - 6)
        events = [
            (
                show(ev.on),
                ev.status.label if ev.kind == "status" and ev.status else ev.kind.capitalize(),
                plain(ev.text, multiline=True),
            )
            for ev in store.events(self.reference)
        ]
        what = min(23, max((cell_width(e[1]) for e in events), default=8))
        timeline = self.query_one("#timeline", DataTable)
        timeline.clear(columns=True)
        timeline.add_column("On", width=11)
        timeline.add_column("What", width=what)
        timeline.add_column("", width=max(16, width - 11 - what - 6))
        for row in events:
            timeline.add_row(*row, height=None)
        items = [
            (
                str(item.seq),
                show(item.captured),
                plain(item.kind),
                plain(item.name + (f" (disposed {show(item.disposed)})" if item.disposed else "")),
                Text(item.sha256, overflow="fold"),
            )
            for item in store.evidence(self.reference)
        ]
        kind = max((cell_width(i[2]) for i in items), default=4)
        name = min(30, max((cell_width(i[3]) for i in items), default=4))
        evidence = self.query_one("#evidence", DataTable)
        evidence.clear(columns=True)
        for label, w in (("No.", 3), ("Captured", 11), ("Kind", max(4, kind)), ("File", name)):
            evidence.add_column(label, width=w)
        evidence.add_column("SHA-256", width=max(16, width - 14 - max(4, kind) - name - 10))
        for line in items:
            evidence.add_row(*line, height=None)

    # -- actions -------------------------------------------------------------------------------

    def action_move(self) -> None:
        from ..forms.case import MoveForm, MoveRequest

        store = self.clerk.store
        assert store is not None
        case = store.case(self.reference)
        if not allowed_moves(case):
            self.notify(
                f"{case.reference} is {case.status.label.lower()}: it cannot move.", markup=False
            )
            return

        def save(req: MoveRequest) -> None:
            store.move(
                self.reference, req.to, req.on, req.note, req.outcome, next_action=req.next_action
            )

        self.open_form(MoveForm(save, case, today=self.clerk.today))

    def action_note(self) -> None:
        from ..forms.case import Note, NoteForm

        store = self.clerk.store
        assert store is not None

        def save(note: Note) -> None:
            store.add_note(self.reference, note.on, note.text)

        self.open_form(NoteForm(save, self.reference, today=self.clerk.today))

    def action_evidence(self) -> None:
        from ..forms.evidence import EvidenceForm, EvidenceRequest, start_folder

        store = self.clerk.store
        assert store is not None
        data = self.clerk.data()
        clerk = next((p for p in data.people if p.role.value == "clerk" and p.left is None), None)
        by = f"{clerk.name} (Clerk)" if clerk else "Clerk"

        def save(req: EvidenceRequest) -> None:
            store.add_evidence(
                self.reference,
                req.path,
                captured=req.captured,
                by=req.by,
                kind=req.kind,
                description=req.description,
            )

        self.open_form(
            EvidenceForm(save, self.reference, today=self.clerk.today, by=by, start=start_folder()),
            then=lambda req: self.notify(f"Added {req.path.name}.", markup=False),
        )

    def action_edit(self) -> None:
        edit_case(self.app, self.reference)

    def action_view(self) -> None:
        self.action_edit()

    def action_subject(self) -> None:
        """The page of the person the case is about (a third party has none)."""
        case = self.clerk.store.case(self.reference) if self.clerk.store else None
        if case is not None and case.subject.person:
            self.post_message(OpenRecord("people", case.subject.person))
        elif case is not None:
            self.notify(f"{case.subject.name} is a third party: there is no page.", markup=False)

    def action_report(self) -> None:
        self.post_message(GoTo("reports", f"choose('case', '{self.reference}')"))

    def action_dispose(self) -> None:
        """Dispose of a closed case's evidence files, keeping a disposal record."""
        from ...domain.procedures import retention as keep_until
        from ..widgets.dialogs import ConfirmScreen

        store = self.clerk.store
        assert store is not None
        case = store.case(self.reference)
        if case.status.is_open:
            self.notify(
                f"{case.reference} is still open: close it before disposal.",
                severity="warning",
                markup=False,
            )
            return
        if case.disposed_on is not None:
            self.notify(
                f"{case.reference} was disposed of on {show(case.disposed_on)}.", markup=False
            )
            return
        data = self.clerk.data()
        subject = data.person(case.subject.person) if case.subject.person else None
        until = case.retain_until or keep_until(case, data.council, subject)[0]
        early = until is None or until > self.clerk.today
        question = (
            f"Dispose of the evidence of {case.reference}? The files are deleted and a "
            f"disposal record is kept in the timeline."
        )
        if early:
            question += (
                f"\n\nIts retention runs until {show(until, 'a date not yet fixed')}: "
                "dispose early only if the council has decided so."
            )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                store.dispose_case(
                    self.reference,
                    self.clerk.today,
                    "Evidence disposed of after the retention review",
                )
            except Exception as exc:  # noqa: BLE001 - shown to the clerk, never a traceback
                self.notify(str(exc), severity="error", markup=False)
                return
            self.post_message(DataChanged())
            self.notify(
                f"{self.reference}: evidence disposed of; the record is kept.", markup=False
            )

        self.app.push_screen(ConfirmScreen(question, "Dispose"), callback=answered)
