"""The parishclerk app: one screen a page (Textual modes), a council open in a Store."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from ..domain.records import Council, CouncilData
from ..domain.text import visible
from ..store import places
from ..store.errors import NoCouncil, StoreDamaged, StoreError, StoreLocked
from ..store.repository import Store
from .messages import DataChanged, GoTo, OpenRecord
from .session import Session
from .widgets.chrome import PAGES

if TYPE_CHECKING:
    from ..domain.case_due import CaseAgenda

SCREENS_BY_MODE = {
    "dashboard": ("dashboard", "DashboardPage"),
    "people": ("people", "PeoplePage"),
    "policies": ("policies", "PoliciesPage"),
    "acknowledgements": ("acknowledgements", "AcknowledgementsPage"),
    "breaches": ("breaches", "BreachesPage"),
    "due": ("due", "DuePage"),
    "accounts": ("accounts", "AccountsPage"),
    "reports": ("reports", "ReportsPage"),
}


def _lazy(mode: str) -> Callable[[], Screen[Any]]:
    """Import a page's module only when it is first shown (keeps start-up quick)."""
    module, name = SCREENS_BY_MODE[mode]

    def make() -> Screen[Any]:
        screen: Screen[Any] = getattr(
            importlib.import_module(f"{__package__}.screens.{module}"), name
        )()
        _styled_as_now(screen)
        return screen

    return make


def _styled_as_now(screen: Screen[Any]) -> None:
    """Spare a page's first visit Textual's re-parse of every stylesheet.

    Textual (8.2) makes a mode's screen, styles it as it mounts, and then, because the new
    screen's count of style changes (-1) is not the app's, parses every stylesheet again and
    restyles the whole app, in case the theme changed in between: a third of the CSS work of
    the start, and again on each page's first visit.  When the theme's variables are the ones
    the stylesheet was parsed with, that refresh would change nothing, and the screen is marked
    as styled as now; after a change of theme it still runs."""
    app = screen.app  # Textual's private API (pinned 8.2.8; checked by tests/tui/test_start.py)
    held = getattr(app.stylesheet, "_variables", None)
    if held is not None and held == app.get_css_variables() and hasattr(app, "_css_update_count"):
        screen._css_update_count = app._css_update_count


def _clerk_commands() -> type:
    """The palette's provider, imported when the palette first opens (textual.command costs
    about 30 ms of start-up)."""
    from .commands import ClerkCommands

    return ClerkCommands


class ParishClerkApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "parishclerk"
    MODES = {mode: _lazy(mode) for mode in SCREENS_BY_MODE}
    DEFAULT_MODE = "dashboard"  # the Dashboard is the first screen mounted: no blank frame
    COMMANDS = App.COMMANDS | {_clerk_commands}
    BINDINGS = [
        *[
            Binding(str(i), f"go('{mode}')", label, show=False, id=f"go-{mode}")
            for i, (mode, label) in enumerate(PAGES, 1)
        ],
        Binding("question_mark", "keys", "Keys", id="keys", tooltip="List the keys"),
        Binding(
            "ctrl+o",
            "councils",
            "Councils",
            id="councils",
            tooltip="Switch to another council, or start a new one",
        ),
    ]

    def __init__(
        self, folder: Path | None, *, read_only: bool = False, today: date | None = None
    ) -> None:
        super().__init__()
        self.folder = Path(folder) if folder is not None else None
        self.read_only = read_only
        self.chair_mode = read_only
        """Opened with --read-only: no council can be started or changed in this session."""
        self.fixed_today = today
        self.store: Store | None = None
        self.council_name = ""
        self.generation = 0
        """Bumped on every write: pages reload when they see a newer one."""
        self._data: CouncilData | None = None
        self._data_generation = -1
        self._open_error: Exception | None = None

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()

    # -- start and stop ------------------------------------------------------------------------

    def on_load(self) -> None:
        """Open the store before the Dashboard mounts, so its first paint has the records."""
        if self.folder is None:
            return
        try:
            store = Store.open(self.folder, read_only=self.read_only)
            store.council()
        except (StoreError, OSError, ValueError) as exc:
            self._open_error = exc
            return
        self._set_store(store, self.read_only, remember=False)  # after the first frame

    def on_mount(self) -> None:
        if self.folder is None:
            self.first_run()
        elif self.store is None:
            self.open_council(self.folder, self.read_only)
        else:
            self.call_after_refresh(self.first_steps_if_new)

    def on_ready(self) -> None:
        """The first frame is on its way: let the garbage collector go, if the command line held
        it off for the start, keeping what start-up made out of its passes (see ``cli``)."""
        if not gc.isenabled():
            self.call_after_refresh(_collect_from_now)
        if self.store is not None and not self.read_only:
            # the list of councils, written (and fsync'd) only when this is not already the
            # last one used: never before the clerk sees the council
            self.call_after_refresh(self._remember, self.store.folder)

    def on_unmount(self) -> None:
        self.close_store()

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def first_run(self) -> None:
        from .forms.council import NewCouncilForm

        if self.chair_mode:
            self.exit(
                message="There is no council to open, and a read-only session cannot start one."
            )
            return
        self.push_screen(
            NewCouncilForm(self.create_council, first_run=True),
            callback=lambda c: None if c else self._no_council(),
        )

    def _no_council(self) -> None:
        if self.store is None:
            self.exit(message="No council was opened.")

    def create_council(self, council: Council, folder: Path | None = None) -> None:
        """Make a council's data folder and open it (used by the first run and by Councils)."""
        if self.chair_mode:
            self.notify("This session is read-only: no council can be started.", severity="warning")
            return
        target = folder or places.folder_for_new(council.name)
        store = Store.create(target, council)
        self.call_later(self._install, store, False)

    def open_council(self, folder: Path, read_only: bool = False) -> bool:
        """Open a data folder; a locked, damaged or empty one shows a message, never a traceback."""
        try:
            store = Store.open(folder, read_only=read_only)
            store.council()
        except StoreLocked as exc:
            self._problem(
                "This council is open elsewhere",
                str(exc),
                folder,
                [
                    ("read_only", "Open read-only"),
                    ("councils", "Another council"),
                    ("quit", "Quit"),
                ],
            )
            return False
        except NoCouncil as exc:
            start = [] if self.chair_mode else [("create", "Start a council here")]
            self._problem(
                "No council here yet",
                str(exc),
                folder,
                [*start, ("councils", "Another council"), ("quit", "Quit")],
            )
            return False
        except (StoreDamaged, StoreError, OSError, ValueError) as exc:
            self._problem(
                "This council's data cannot be read",
                str(exc),
                folder,
                [("councils", "Another council"), ("quit", "Quit")],
            )
            return False
        self.call_later(self._install, store, read_only)
        return True

    def _problem(
        self, title: str, message: str, folder: Path, choices: list[tuple[str, str]]
    ) -> None:
        from .screens.problem import ProblemScreen

        def chosen(choice: str | None) -> None:
            if choice == "read_only":
                self.open_council(folder, read_only=True)
            elif choice == "create":
                from .forms.council import NewCouncilForm

                self.push_screen(
                    NewCouncilForm(lambda c: self.create_council(c, folder)),
                    callback=lambda c: None if c else self._no_council(),
                )
            elif choice == "councils":
                self.action_councils()
            else:
                self.exit(message=message)

        self.push_screen(ProblemScreen(title, message, choices), callback=chosen)

    def _set_store(self, store: Store, read_only: bool, *, remember: bool = True) -> None:
        old = self.store
        self.store, self.folder, self.read_only = store, store.folder, read_only
        if old is not None and old is not store:
            old.close()
        self.council_name = store.council().name
        self.call_later(self.tell_notices)
        if remember and not read_only:
            self._remember(store.folder)
        self.generation += 1

    def _remember(self, folder: Path) -> None:
        """Put the council on the list of councils, as the last one used."""
        try:
            places.remember(folder)
        except OSError as exc:
            self.call_later(
                self.notify,
                f"Could not remember this council: {exc}",
                severity="warning",
                markup=False,
            )

    def tell_notices(self) -> None:
        """Say what the store asks the clerk to be told (a write torn by a crash set aside, a
        daily backup that failed, a file an interrupted disposal left): one warning each."""
        if self.store is None:
            return
        for line in self.store.notices:
            self.notify(line, title="Data folder", severity="warning", timeout=20, markup=False)
        self.store.notices.clear()

    async def _install(self, store: Store, read_only: bool) -> None:
        """Show a newly opened council: every page starts afresh on its records."""
        self._set_store(store, read_only)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        await self.switch_mode("dashboard")
        while len(self.screen_stack) > 1:
            self.pop_screen()
        for mode in SCREENS_BY_MODE:
            if mode != "dashboard":
                await self.remove_mode(mode)
                self.add_mode(mode, _lazy(mode))
        self.refresh_page()
        self.refresh_bindings()
        self.first_steps_if_new()

    def first_steps_if_new(self) -> None:
        """A council not yet set up (no people, policies, acknowledgements or accounts) opens
        on its checklist of first steps, until every step is done."""
        from ..domain.overview import set_up

        store = self.store
        if store is None:
            return
        # what the steps read, without the cases (on a large council, most of what it holds)
        held = CouncilData(
            store.council(),
            people=store.people(),
            policies=store.policies(),
            versions=store.versions(),
            acknowledgements=store.acknowledgements(),
            accounts=store.accounts(),
        )
        if not set_up(held, self.today):
            self.action_first_steps(until_done=True)

    def action_first_steps(self, until_done: bool = False) -> None:
        """The checklist of a new council's first steps (the palette's "First steps")."""
        from .screens.firststeps import FirstStepsScreen

        if self.store is not None and not isinstance(self.screen, FirstStepsScreen):
            self.push_screen(FirstStepsScreen(until_done=until_done))

    # -- data ----------------------------------------------------------------------------------

    def data(self) -> CouncilData:
        """Everything the council holds, read once per change."""
        assert self.store is not None
        if self._data is None or self._data_generation != self.generation:
            self._data = self.store.snapshot()
            self._data_generation = self.generation
        return self._data

    def records(self) -> CouncilData:
        """What ``data`` holds but case timelines and evidence (the Dashboard's first paint on
        a large council need not decode them); ``data`` itself once it has been read."""
        assert self.store is not None
        if self._data is not None and self._data_generation == self.generation:
            return self._data
        return self.store.snapshot(timelines=False)

    def due_records(self) -> tuple[CouncilData, CaseAgenda | None]:
        """The records without the cases and what they make due, from what the store keeps
        beside them (``store.saved_case_agenda``), while the cases have not been read: the
        Dashboard of 10,000 cases without decoding them; else ``records`` and ``None``."""
        assert self.store is not None
        if self._data is None or self._data_generation != self.generation:
            agenda = self.store.saved_case_agenda()
            if agenda is not None:
                return self.store.snapshot(timelines=False, cases=False), agenda
        return self.records(), None

    def data_changed(self) -> None:
        self.generation += 1
        self.refresh_page()

    def refresh_page(self) -> None:
        from .screens.base import Page

        if isinstance(self.screen, Page):
            self.screen.reload_if_stale()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast, from any page: its text shown as written (a name in it is never read
        as markup, whatever the caller passed) and control characters escaped."""
        super().notify(
            visible(message, multiline=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- what the pages ask for (messages up) --------------------------------------------------

    @on(DataChanged)
    def _data_changed(self) -> None:
        self.data_changed()

    @on(GoTo)
    async def _go(self, message: GoTo) -> None:
        await self.action_go(message.mode, message.then)

    @on(OpenRecord)
    def _open_record(self, message: OpenRecord) -> None:
        """Open the record a line points at: the one place that knows which screen or form
        shows each kind of record."""
        from . import flows

        table, key, person = message.table, message.key, message.person
        if table == "cases":
            from .screens.case import CaseScreen

            self.push_screen(CaseScreen(key))
        elif table == "versions" and person and not self.read_only:
            flows.record_ack(self, person, key)
        elif table in ("versions", "policies") and self.store is not None:
            from .screens.policy import PolicyScreen

            policy = self.store.version(key).policy if table == "versions" else key
            self.push_screen(PolicyScreen(policy))
        elif table == "people":
            from .screens.person import PersonScreen

            self.push_screen(PersonScreen(key))
        elif table == "accounts":
            flows.edit_account(self, key)
        elif table == "reminders":
            flows.edit_reminder(self, key)

    # -- actions -------------------------------------------------------------------------------

    async def action_go(self, mode: str, then: str = "") -> None:
        if self.store is None:
            return
        if self.current_mode == mode:
            while len(self.screen_stack) > 1 and self.screen.is_modal:
                self.pop_screen()
        else:
            await self.switch_mode(mode)
        if then:
            self.call_after_refresh(self.screen.run_action, then)

    def action_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_councils(self) -> None:
        from .screens.councils import CouncilsScreen

        self.push_screen(CouncilsScreen(), callback=self._council_chosen)

    def _council_chosen(self, choice: tuple[str, Path | None] | None) -> None:
        if choice is None:
            if self.store is None:
                self.exit(message="No council was opened.")
            return
        what, folder = choice
        if what == "new" and self.chair_mode:
            self.notify("This session is read-only: no council can be started.", severity="warning")
        elif what == "new":
            from .forms.council import NewCouncilForm

            self.push_screen(NewCouncilForm(self.create_council))
        elif folder is not None and (self.store is None or folder != self.store.folder):
            current = self.store
            if current is not None and not self.read_only:
                current.close()  # let go of the lock before opening another folder
                self.store = None
            if not self.open_council(folder, read_only=self.read_only) and current is not None:
                self.open_council(current.folder, read_only=self.read_only)


def _collect_from_now() -> None:
    gc.freeze()
    gc.enable()


def _is_a_session(app: ParishClerkApp) -> Session:
    """Never called: mypy checks here that the app provides what pages read as a Session."""
    return app


def make_app(
    folder: Path | None, *, read_only: bool = False, today: date | None = None
) -> ParishClerkApp:
    """The app on ``folder`` (``None``: a first run that creates a council)."""
    return ParishClerkApp(folder, read_only=read_only, today=today)
