"""Record acknowledgements: one person and version, or everyone who signed at a meeting."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from ...domain.dates import show
from ...domain.records import Acknowledgement, Person, PolicyVersion
from ..widgets.form import Field, FormScreen
from ..widgets.safe import plain

HOWS = ["signed form", "email", "at meeting"]


def how_options(usual: str) -> list[tuple[str, str]]:
    hows = HOWS if usual in HOWS else [usual, *HOWS]
    return [(h.capitalize(), h) for h in hows]


class AckForm(FormScreen[Acknowledgement]):
    enter_saves = True
    """Today's date and the usual way pre-filled: Enter records it."""

    save_label = "Record"

    def __init__(
        self,
        save: Callable[[Acknowledgement], Any],
        person: Person,
        version: PolicyVersion,
        policy_title: str,
        *,
        today: date,
        usual: str,
        on: date | None = None,
    ) -> None:
        self.person = person
        self.version = version
        self.today = today
        self.on = on or today
        self.usual = usual
        self.form_title = f"{person.name} acknowledges {policy_title} {version.label}"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field("on", "Acknowledged on", "date", self.on, required=True)
        yield Field(
            "how", "How", "select", self.usual, required=True, options=how_options(self.usual)
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.set_note(
            f"Version {self.version.label}, adopted {show(self.version.adopted)}. Enter records it."
        )

    def build(self, values: dict[str, Any]) -> Acknowledgement:
        return Acknowledgement(
            self.person.id,
            self.version.id,
            values["on"],
            values["how"],
            recorded=max(self.today, values["on"]),
        )


class MeetingForm(FormScreen[list[Acknowledgement]]):
    """Tick who signed at a meeting; one action records them all.  Those who owe the chosen
    version come first and can be ticked; those already up to date are listed after, marked,
    and cannot be ticked."""

    form_title = "Acknowledgements at a meeting"
    save_label = "Record all ticked"

    def __init__(
        self,
        save: Callable[[list[Acknowledgement]], Any],
        versions: list[tuple[str, PolicyVersion]],
        owed: dict[str, list[Person]],
        bound: dict[str, list[Person]],
        *,
        today: date,
        version: str | None = None,
        acked: dict[tuple[str, str], Acknowledgement] | None = None,
    ) -> None:
        self.versions = versions
        self.owed = owed
        self.bound = bound
        self.acked = acked or {}
        """Each person's acknowledgement of a version, where there is one."""
        self.today = today
        self.start = version or (versions[0][1].id if versions else None)
        self._shown_for: str | None = None
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field(
            "version",
            "Policy version",
            "select",
            self.start,
            required=True,
            options=[(f"{title} {v.label}", v.id) for title, v in self.versions],
        )
        yield Field("on", "Meeting date", "date", self.today, required=True)
        yield Field(
            "how", "How", "select", "at meeting", required=True, options=how_options("at meeting")
        )
        yield Field("people", "Signed", "multi", [])

    def on_mount(self) -> None:
        super().on_mount()
        # Space ticks at once: the date and how are usually right (after the form's own focus)
        self.call_after_refresh(self.widget("people").focus)

    def people(self, vid: str | None) -> list[Selection[object]]:
        """Who owes ``vid`` (tickable, by name), then who is up to date (marked, not tickable)."""
        owing = sorted(self.owed.get(vid or "", []), key=lambda p: p.name)
        owe_ids = {p.id for p in owing}
        out: list[Selection[object]] = []
        for p in owing:
            last = self.acked.get((p.id, vid or ""))
            why = f", yearly; last {show(last.on)}" if last else ""
            out.append(Selection(plain(f"{p.name} ({p.role.label}{why})"), p.id))
        for p in self.bound.get(vid or "", []):
            if p.id not in owe_ids:
                out.append(Selection(plain(f"{p.name}: up to date"), p.id, disabled=True))
        return out

    def changed(self, values: dict[str, Any]) -> None:
        vid = values.get("version")
        if vid != self._shown_for:
            self._shown_for = vid
            box = self.query_one("#f-people", SelectionList)
            box.clear_options()
            box.add_options(self.people(vid))
            box.highlighted = 0 if box.option_count else None
        ticked = len(values.get("people") or [])
        owe = len(self.owed.get(vid or "", []))
        self.set_note(f"{owe} owe this version; {ticked} ticked. Space ticks, Ctrl+S records.")

    def build(self, values: dict[str, Any]) -> list[Acknowledgement]:
        if not values["people"]:
            from ...domain.codec import InvalidData

            raise InvalidData("people", "Tick at least one person who signed")
        return [
            Acknowledgement(
                pid,
                values["version"],
                values["on"],
                values["how"],
                recorded=max(self.today, values["on"]),
            )
            for pid in values["people"]
        ]
