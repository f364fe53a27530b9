"""Record acknowledgements: one person and version, or everyone who signed at a meeting."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterable

from ...domain.dates import show
from ...domain.records import Acknowledgement, Person, PolicyVersion
from ..widgets.form import Field, FormScreen

HOWS = ["signed form", "email", "at meeting"]


def how_options(usual: str) -> list[tuple[str, str]]:
    hows = HOWS if usual in HOWS else [usual, *HOWS]
    return [(h.capitalize(), h) for h in hows]


class AckForm(FormScreen[Acknowledgement]):
    enter_saves = True
    """Today's date and the usual way pre-filled: Enter records it."""

    save_label = "Record"

    def __init__(self, save: Callable[[Acknowledgement], Any], person: Person,
                 version: PolicyVersion, policy_title: str, *, today: date, usual: str) -> None:
        self.person = person
        self.version = version
        self.today = today
        self.usual = usual
        self.form_title = f"{person.name} acknowledges {policy_title} {version.label}"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field("on", "Acknowledged on", "date", self.today, required=True)
        yield Field("how", "How", "select", self.usual, required=True,
                    options=how_options(self.usual))

    def on_mount(self) -> None:
        super().on_mount()
        self.set_note(f"Version {self.version.label}, adopted {show(self.version.adopted)}. "
                      "Enter records it.")

    def build(self, values: dict[str, Any]) -> Acknowledgement:
        return Acknowledgement(self.person.id, self.version.id, values["on"], values["how"],
                               recorded=max(self.today, values["on"]))


class MeetingForm(FormScreen[list[Acknowledgement]]):
    """Tick who signed at a meeting; one action records them all."""

    form_title = "Acknowledgements at a meeting"
    save_label = "Record all ticked"

    def __init__(self, save: Callable[[list[Acknowledgement]], Any],
                 versions: list[tuple[str, PolicyVersion]], owed: dict[str, list[Person]],
                 bound: dict[str, list[Person]], *, today: date,
                 version: str | None = None) -> None:
        self.versions = versions
        self.owed = owed
        self.bound = bound
        self.today = today
        self.start = version or (versions[0][1].id if versions else None)
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field("version", "Policy version", "select", self.start, required=True,
                    options=[(f"{title} {v.label}", v.id) for title, v in self.versions])
        yield Field("on", "Meeting date", "date", self.today, required=True)
        yield Field("how", "How", "select", "at meeting", required=True,
                    options=how_options("at meeting"))
        yield Field("people", "Signed", "multi", [], options=self._people(self.start))

    def _people(self, vid: str | None) -> list[tuple[str, str]]:
        owed = {p.id for p in self.owed.get(vid or "", [])}
        out = []
        for p in self.bound.get(vid or "", []):
            mark = "owes" if p.id in owed else "up to date"
            out.append((f"{p.name} ({p.role.label}, {mark})", p.id))
        return out

    def changed(self, values: dict[str, Any]) -> None:
        from textual.widgets import SelectionList

        vid = values.get("version")
        if vid != getattr(self, "_shown_for", None):
            self._shown_for = vid
            box = self.query_one("#f-people", SelectionList)
            box.clear_options()
            box.add_options(self._people(vid))
        ticked = len(values.get("people") or [])
        owe = len(self.owed.get(vid or "", []))
        self.set_note(f"{owe} owe this version; {ticked} ticked. Space ticks, Ctrl+S records.")

    def build(self, values: dict[str, Any]) -> list[Acknowledgement]:
        if not values["people"]:
            from ...domain.codec import InvalidData

            raise InvalidData("people", "Tick at least one person who signed")
        return [Acknowledgement(pid, values["version"], values["on"], values["how"],
                                recorded=max(self.today, values["on"]))
                for pid in values["people"]]
