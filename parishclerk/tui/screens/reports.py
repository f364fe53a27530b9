"""Reports: pick one and its options, make the PDF in a worker, then open or print it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from ...domain.dates import DateError, add_months, parse_date, show
from ...domain.records import PackMade, SubjectAccess
from ...store import places
from .. import system
from ..flows import write
from ..report_choices import (
    ALL_OPTIONS,
    OPTIONS,
    PICKED,
    REPORTS,
    home_short,
    report_name,
    short_folder,
    write_new,
)
from ..validators import DayFirstDate
from ..widgets.safe import plain
from ..widgets.toggles import Choice, Tick
from .base import Page


class ReportsPage(Page):
    MODE = "reports"
    BINDINGS = [
        Binding("ctrl+g", "generate", "Generate", id="reports-generate"),
        Binding("ctrl+r", "open_file", "Open", id="reports-open", show=False),
        Binding("ctrl+l", "print_file", "Print", id="reports-print", show=False),
    ]

    @dataclass
    class Done(Message):
        path: Path | None
        error: str = ""
        viewer: system.Can = system.YES
        """Whether this machine can show the file, and if not, why."""
        printer: system.Can = system.YES
        """Whether this machine can print the file, and if not, why."""

    def __init__(self) -> None:
        super().__init__()
        self.kind = "pack"
        self.made: Path | None = None
        self._record: PackMade | SubjectAccess | None = None
        """What to record on the council once the report is made."""
        self._suggested = ""
        self._said: list[str] = []
        """What the line under the buttons says of the report last made."""
        """The file name last suggested: replaced as the options change, unless edited."""

    def body(self) -> ComposeResult:
        with VerticalScroll(id="reports"):
            yield Label("Report", classes="section")
            with RadioSet(id="report-kind"):
                for i, (key, label) in enumerate(REPORTS):
                    yield Choice(label, value=i == 0, id=f"kind-{key}")
            yield Label("Options", classes="section")
            with Vertical(id="report-options"):
                yield from self._row(
                    "meeting",
                    "Meeting date",
                    Input(id="opt-meeting", compact=True, validators=[DayFirstDate(required=True)]),
                )
                yield from self._row(
                    "confidential",
                    "",
                    Tick(
                        "Confidential part (names and case details)",
                        id="opt-confidential",
                        compact=True,
                    ),
                )
                yield from self._row("agenda", "Agenda item", Input(id="opt-agenda", compact=True))
                yield from self._row(
                    "recommendation",
                    "Recommendation",
                    Input(
                        id="opt-recommendation",
                        compact=True,
                        placeholder="leave empty for the one drafted from the records",
                    ),
                )
                yield from self._row(
                    "start",
                    "From",
                    Input(id="opt-start", compact=True, validators=[DayFirstDate(required=True)]),
                )
                yield from self._row(
                    "end",
                    "To",
                    Input(id="opt-end", compact=True, validators=[DayFirstDate(required=True)]),
                )
                yield from self._row("case", "Case", Select([], id="opt-case", compact=True))
                yield from self._row("policy", "Policy", Select([], id="opt-policy", compact=True))
                yield from self._row("person", "Person", Select([], id="opt-person", compact=True))
                yield from self._row(
                    "received",
                    "Request received",
                    Input(
                        id="opt-received", compact=True, validators=[DayFirstDate(required=True)]
                    ),
                )
                yield from self._row(
                    "folder",
                    "Folder",
                    Input(id="opt-folder", compact=True, select_on_focus=False),
                )
                yield from self._row(
                    "output",
                    "File name",
                    Input(
                        id="opt-output",
                        compact=True,
                        select_on_focus=False,
                        placeholder="empty: the suggested name (.pdf is added)",
                    ),
                )
            with Horizontal(id="report-buttons"):
                yield Button("Generate (Ctrl+G)", id="generate", variant="primary", compact=True)
                yield Button("Open (Ctrl+R)", id="open", compact=True, disabled=True)
                yield Button("Print (Ctrl+L)", id="print", compact=True, disabled=True)
            progress = ProgressBar(total=None, show_eta=False, id="report-progress")
            progress.display = False
            yield progress
            yield Static("", id="report-result", markup=False)

    def _row(self, name: str, label: str, widget: Any) -> ComposeResult:
        with Horizontal(classes="field", id=f"opt-row-{name}"):
            yield Label(label, classes="field-label")
            yield widget

    def on_mount(self) -> None:
        today = self.clerk.today
        self.query_one("#opt-meeting", Input).value = show(today)
        self.query_one("#opt-start", Input).value = show(add_months(today, -12))
        self.query_one("#opt-end", Input).value = show(today)
        self.query_one("#opt-received", Input).value = show(today)
        super().on_mount()
        self._show_options()

    def reload(self) -> None:
        data = self.clerk.data()
        cases = sorted(data.cases, key=lambda c: c.received, reverse=True)[:500]
        self.query_one("#opt-case", Select).set_options(
            [(plain(f"{c.reference} ({data.subject_name(c)})"), c.reference) for c in cases]
        )
        self.query_one("#opt-policy", Select).set_options(
            [(plain(p.title), p.id) for p in data.policies]
        )
        self.query_one("#opt-person", Select).set_options(
            [(plain(p.name), p.id) for p in sorted(data.people, key=lambda p: p.name)]
        )
        self._default_output()

    def _default_output(self) -> None:
        """Suggest a folder (the council's reports folder) and a file name from the report's
        subject: the meeting's date for a pack, the case's reference for a case file; what the
        Clerk typed is left alone (an emptied field gets its suggestion back)."""
        folder = self.query_one("#opt-folder", Input)
        if not folder.value.strip():
            # under the home folder it is shown as ~/..., so it fits at 80 columns
            folder.value = home_short(places.reports_folder(self.clerk.council_name, create=False))
        box = self.query_one("#opt-output", Input)
        if box.value and box.value != self._suggested:
            return
        self._suggested = self._suggested_name()
        box.value = self._suggested

    def _suggested_name(self) -> str:
        kind = self.kind
        if kind == "pack" and self.query_one("#opt-confidential", Checkbox).value:
            # never the public pack's name: the file that may go on the website must not be
            # told apart from the confidential one only by a "-2"
            kind = "pack-confidential"
        return report_name(
            self.clerk.council_name, kind, self._subject() or self.clerk.today.isoformat()
        )

    def target(self) -> Path:
        """Where the report goes: the folder and the file name, chosen apart.  A name holding
        a folder of its own is taken whole; a name that is a folder means that folder; an empty
        name is the suggested one; ``.pdf`` is always added."""
        folder_text = self.query_one("#opt-folder", Input).value.strip()
        name_text = self.query_one("#opt-output", Input).value.strip() or self._suggested_name()
        folder = Path(folder_text or places.reports_folder(self.clerk.council_name, create=False))
        name = Path(name_text).expanduser()
        path = name if name.is_absolute() or len(name.parts) > 1 else folder.expanduser() / name
        if path.is_dir() or name_text.endswith(("/", "\\")):
            path = path / self._suggested_name()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    def _subject(self) -> str:
        """What the report is of, for its file name (today's date when there is nothing)."""
        if self.kind in ("pack", "pack-html"):
            try:
                return parse_date(self.query_one("#opt-meeting", Input).value).isoformat()
            except DateError:
                return ""
        if self.kind in PICKED:  # a case's reference, a policy's id, a person's name
            value = self.query_one(f"#opt-{PICKED[self.kind]}", Select).value
            if value is Select.NULL:
                return ""
            person = self.clerk.data().person(str(value)) if self.kind == "subject" else None
            return person.name if person else str(value)
        if self.kind == "breaches":
            try:
                start = parse_date(self.query_one("#opt-start", Input).value)
                end = parse_date(self.query_one("#opt-end", Input).value)
                return f"{start.isoformat()}-to-{end.isoformat()}"
            except DateError:
                return ""
        return ""

    @on(Input.Blurred, "#opt-folder, #opt-output")
    def _field_left(self) -> None:
        self._default_output()

    @on(Input.Changed, "#opt-meeting, #opt-start, #opt-end")
    @on(Select.Changed, "#opt-case, #opt-policy, #opt-person")
    @on(Checkbox.Changed, "#opt-confidential")
    def _options_changed(self) -> None:
        self._default_output()

    def _show_options(self) -> None:
        wanted = OPTIONS[self.kind]
        for name in ALL_OPTIONS:
            self.query_one(f"#opt-row-{name}").display = name in wanted

    @on(RadioSet.Changed, "#report-kind")
    def _kind(self, event: RadioSet.Changed) -> None:
        self.kind = REPORTS[event.index][0]
        self._show_options()
        self._default_output()

    def action_choose(self, kind: str, reference: str = "") -> None:
        self.query_one(f"#kind-{kind}", RadioButton).value = True
        self.kind = kind
        self._show_options()
        self._default_output()
        if reference and kind == "case":
            self.query_one("#opt-case", Select).value = reference

    # -- generating ----------------------------------------------------------------------------

    def _date(self, name: str) -> date:
        text = self.query_one(f"#opt-{name}", Input).value
        try:
            return parse_date(text)
        except DateError as exc:
            raise ValueError(f"{name.capitalize()}: {exc}") from None

    def _select(self, name: str, what: str) -> str:
        value = self.query_one(f"#opt-{name}", Select).value
        if value is Select.NULL:
            raise ValueError(f"Choose the {what}")
        return str(value)

    def _job(self) -> Callable[[Any, Any], bytes]:
        kind, today = self.kind, self.clerk.today
        self._record = None
        if kind == "pack":
            meeting = self._date("meeting")
            confidential = self.query_one("#opt-confidential", Checkbox).value
            agenda = self.query_one("#opt-agenda", Input).value.strip()
            advice = self.query_one("#opt-recommendation", Input).value.strip() or None
            store = self.clerk.store
            head = f"chain head {store.chain_head()}" if confidential and store else ""
            self._record = PackMade(meeting, today, "confidential" if confidential else "public")
            return lambda r, d: r.review_pack(
                d,
                meeting,
                confidential=confidential,
                generated=today,
                agenda_item=agenda,
                recommendation=advice,
                chain_head=head,
            )
        if kind == "pack-html":  # the public pack only: the confidential part is never HTML
            meeting = self._date("meeting")
            agenda = self.query_one("#opt-agenda", Input).value.strip()
            advice = self.query_one("#opt-recommendation", Input).value.strip() or None
            self._record = PackMade(meeting, today, "public")
            return lambda r, d: r.review_pack_html(
                d, meeting, generated=today, agenda_item=agenda, recommendation=advice
            )
        if kind == "staffing":
            store = self.clerk.store
            head = f"chain head {store.chain_head()}" if store else ""
            return lambda r, d: r.staffing_report(d, generated=today, chain_head=head)
        if kind == "breaches":
            start, end = self._date("start"), self._date("end")
            return lambda r, d: r.breach_log(d, start=start, end=end, generated=today)
        if kind == "case":
            ref = self._select("case", "case")
            return lambda r, d: r.case_file(d, ref, generated=today)
        if kind == "signoff":
            policy = self._select("policy", "policy")
            return lambda r, d: r.signoff_sheet(d, policy, generated=today)
        person = self._select("person", "person")
        received = self._date("received")
        if received > today:
            raise ValueError("Request received: that is in the future")
        name = next((p.name for p in self.clerk.data().people if p.id == person), person)
        self._record = SubjectAccess(name, received, today)
        return lambda r, d: r.subject_export(d, person, generated=today, received=received)

    @on(Button.Pressed, "#generate")
    def action_generate(self) -> None:
        try:
            job = self._job()
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        target = self.target()
        if target.parent.exists() and not target.parent.is_dir():
            self.notify(f"{target.parent} is a file, not a folder", severity="error")
            return
        self.query_one("#report-progress").display = True
        self.query_one("#generate", Button).disabled = True
        self.query_one("#report-result", Static).update("Making the report…")
        self._make(job, self.clerk.data(), target)

    @work(thread=True, exclusive=True, group="report")
    def _make(self, job: Callable[[Any, Any], bytes], data: Any, target: Path) -> None:
        try:
            from ... import reports

            if not hasattr(reports, "ReportError"):
                raise ImportError("parishclerk.reports is not complete")
            pdf = job(reports, data)
            target = write_new(target, pdf)
        except ImportError:
            self.post_message(self.Done(None, "Reports are not available in this installation."))
        except (ValueError, OSError, LookupError) as exc:
            self.post_message(self.Done(None, str(exc)))
        else:  # asked here, in the worker: lpstat may take a moment to answer
            viewer, printer = system.can_open(target.suffix), system.can_print(target.suffix)
            self.post_message(self.Done(target, viewer=viewer, printer=printer))

    @on(Done)
    def _done(self, event: Done) -> None:
        self.query_one("#report-progress").display = False
        self.query_one("#generate", Button).disabled = False
        result = self.query_one("#report-result", Static)
        if event.path is None:
            result.update(f"Not made: {event.error}")
            self.notify(event.error, severity="error", markup=False)
            return
        self.made = event.path
        self._remember()
        # the name and the folder on lines of their own: a path never splits mid-word
        lines = [f"Saved as {event.path.name}", f"in the folder {short_folder(event.path)}"]
        for button, able, verb in (
            (self.query_one("#open", Button), event.viewer, "Open"),
            (self.query_one("#print", Button), event.printer, "Print"),
        ):
            button.disabled = not able
            button.tooltip = None if able else able.why
            if not able:
                lines.append(f"{verb} is off: {able.why}")
        # said under the buttons, not in a toast: a toast would cover it at 80 columns
        self._said = lines
        result.update("\n".join(lines))
        self.query_one("#reports", VerticalScroll).scroll_end(animate=False)

    def _remember(self) -> None:
        """Record the pack made (the next confidential part starts from it) or the subject
        access request answered (the Dashboard keeps its clock); not in read-only mode."""
        record, self._record = self._record, None
        store = self.clerk.store
        if record is None or store is None or self.clerk.read_only:
            return

        def save() -> None:
            council = store.council()
            if isinstance(record, PackMade):
                council.packs.append(record)
            else:
                council.subject_access.append(record)
            with store.transaction():
                store.save_council(council)

        write(self.app, save)

    @on(Button.Pressed, "#open")
    def action_open_file(self) -> None:
        if self.made is None:
            self.notify("Make a report first (Ctrl+G).", markup=False)
            return
        self._open(self.made)

    @work(thread=True, group="open")
    def _open(self, path: Path) -> None:
        """Open in the system's viewer; a viewer that gives up is told (it takes a moment)."""
        try:
            system.open_file(path)
        except system.CannotDo as exc:
            self.app.call_from_thread(self._cannot_open, str(exc))

    def _cannot_open(self, why: str) -> None:
        self.notify(why, severity="warning", markup=False, timeout=12)
        self._said.append(f"Not opened: {why}")
        self.query_one("#report-result", Static).update("\n".join(self._said))
        self.query_one("#reports", VerticalScroll).scroll_end(animate=False)

    @on(Button.Pressed, "#print")
    def action_print_file(self) -> None:
        if self.made is None:
            self.notify("Make a report first (Ctrl+G).", markup=False)
            return
        self._print(self.made)

    @work(thread=True, group="print")
    def _print(self, path: Path) -> None:
        try:
            message, severity = system.print_file(path), "information"
        except system.CannotDo as exc:
            message, severity = str(exc), "warning"
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False)
