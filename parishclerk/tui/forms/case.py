"""Log or change a breach case; move it on; add a note."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ...domain.codec import InvalidData
from ...domain.procedures import OUTCOMES, allowed_moves, derive_procedure, explain_procedure
from ...domain.records import Case, Council, NextAction, Person, Procedure, Status, Subject
from ..validators import DayFirstDate
from ..widgets.form import Field, FormScreen

THIRD_PARTY = "__third_party__"
PLATFORMS = [
    "Facebook",
    "X",
    "Instagram",
    "WhatsApp",
    "Nextdoor",
    "TikTok",
    "YouTube",
    "LinkedIn",
    "Email",
    "Other",
]


class CaseForm(FormScreen[Case]):
    """A new case (or its details): the subject picks the procedure, explained as you choose."""

    def __init__(
        self,
        save: Callable[[Case], Any],
        case: Case | None,
        *,
        reference: str,
        people: list[Person],
        council: Council,
        categories: dict[str, str],
        today: date,
    ) -> None:
        self.case = case
        self.reference = reference
        self.people = {p.id: p for p in people}
        self.council = council
        self.categories = categories
        self.today = today
        self.form_title = f"Case {case.reference}" if case else f"Log a breach ({reference})"
        self.note_after = "procedure_reason" if case else "third_party"
        """The routing explanation shows just under the choice of subject (and procedure)."""
        self.first_field = None if case else "reported_by"
        """A new case opens on who reported it: the date received is today's, and typing over
        it by mistake was a newcomer's first slip."""
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        c = self.case
        subject = (c.subject.person or THIRD_PARTY) if c else None
        people = sorted(self.people.values(), key=lambda p: (p.left is not None, p.name))
        yield Field(
            "received", "Received on", "date", c.received if c else self.today, required=True
        )
        yield Field(
            "reported_by",
            "Reported by",
            value=c.reported_by if c else "",
            required=True,
            placeholder="who told you",
        )
        yield Field(
            "subject",
            "About",
            "select",
            subject,
            required=True,
            options=[(f"{p.name} ({p.role.label})", p.id) for p in people]
            + [("A third party (name it below)", THIRD_PARTY)],
        )
        yield Field(
            "third_party",
            "Third party's name",
            value=(c.subject.name or "") if c else "",
            placeholder="e.g. a member of the public or a page",
        )
        if c is not None:
            yield Field(
                "procedure",
                "Procedure",
                "select",
                c.procedure,
                required=True,
                options=[(p.label, p) for p in Procedure],
            )
            yield Field("procedure_reason", "Why it differs", value=c.procedure_reason)
        yield Field(
            "platform",
            "Platform",
            "select",
            c.platform if c and c.platform else None,
            options=[
                (p, p) for p in sorted({*PLATFORMS, *([c.platform] if c and c.platform else [])})
            ],
        )
        yield Field("link", "Link", value=c.link if c else "")
        yield Field("summary", "What happened", value=c.summary if c else "", required=True)
        yield Field(
            "categories",
            "Categories",
            "multi",
            list(c.categories) if c else [],
            options=[(label, key) for key, label in self.categories.items()],
        )
        na = c.next_action if c else None
        yield Field("next_what", "Next action", value=na.what if na else "")
        yield Field("next_due", "Next action by", "date", na.due if na else None)

    def _procedure(self, values: dict[str, Any]) -> Procedure:
        if values.get("procedure"):
            return Procedure(values["procedure"])
        subject = values.get("subject")
        return derive_procedure(
            self.people.get(subject) if subject and subject != THIRD_PARTY else None,
            self.council,
        )

    def changed(self, values: dict[str, Any]) -> None:
        subject = values.get("subject")
        third = self.query_one("#row-third_party")
        third.display = subject == THIRD_PARTY
        if subject is None:
            self.set_note("Choose who the case is about: the procedure follows from it.")
            return
        person = self.people.get(subject) if subject != THIRD_PARTY else None
        derived = derive_procedure(person, self.council)
        procedure = self._procedure(values)
        text = f"{procedure.label}. {explain_procedure(procedure, self.council)}"
        if procedure != derived:
            text += f" (Their role would route it to the {derived.label}: give the reason.)"
        self.set_note(text)

    def build(self, values: dict[str, Any]) -> Case:
        subject_id = values["subject"]
        if subject_id == THIRD_PARTY:
            if not values["third_party"]:
                raise InvalidData("third_party", "Name the third party")
            subject = Subject(name=values["third_party"])
        else:
            subject = Subject(person=subject_id)
        if bool(values["next_what"]) != bool(values["next_due"]):
            raise InvalidData(
                "next_due" if values["next_what"] else "next_what",
                "A next action needs both what and by when",
            )
        next_action = (
            NextAction(values["next_what"], values["next_due"]) if values["next_what"] else None
        )
        base = self.case or Case(self.reference, self.today, "", subject, Procedure.MODERATION)
        person = self.people.get(subject.person or "")
        return replace(
            base,
            received=values["received"],
            reported_by=values["reported_by"],
            subject=subject,
            procedure=(
                self._procedure(values) if self.case else derive_procedure(person, self.council)
            ),
            procedure_reason=values.get("procedure_reason", base.procedure_reason),
            platform=values["platform"] or "",
            link=values["link"],
            summary=values["summary"],
            categories=list(values["categories"]),
            next_action=next_action,
        )


@dataclass(frozen=True)
class MoveRequest:
    to: Status
    on: date
    note: str
    outcome: str | None
    next_action: NextAction | None = None
    """What is to happen next in the new state (the old state's next action ends with it)."""


@dataclass(frozen=True)
class Note:
    on: date
    text: str


class MoveForm(FormScreen[MoveRequest]):
    """Only the states the procedure allows next; an outcome where a decision is made."""

    save_label = "Move"

    def __init__(self, save: Callable[[MoveRequest], Any], case: Case, *, today: date) -> None:
        self.case = case
        self.today = today
        self.form_title = f"Move {case.reference} on from {case.status.label.lower()}"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        moves = allowed_moves(self.case)
        yield Field(
            "to",
            "Move to",
            "select",
            moves[0] if moves else None,
            required=True,
            options=[(s.label, s) for s in moves],
        )
        yield Field("on", "On", "date", self.today, required=True)
        yield Field(
            "outcome",
            "Outcome",
            "select",
            None,
            options=[(label, key) for key, label in OUTCOMES[self.case.procedure].items()],
        )
        yield Field("note", "Note")
        yield Field("next_what", "Next action", placeholder="optional: what happens next")
        yield Field(
            "next_due",
            "by",
            "date",
            None,
            validators=[DayFirstDate(not_before=self._move_date, before_why="the move")],
        )

    def _move_date(self) -> date | None:
        return self.raw_values().get("on") if self.is_mounted else None

    def changed(self, values: dict[str, Any]) -> None:
        to = values.get("to")
        wants = to in (Status.DECIDED, Status.ACTIONED)
        self.query_one("#row-outcome").display = wants
        still_open = to is None or Status(to).is_open
        self.query_one("#row-next_what").display = still_open
        self.query_one("#row-next_due").display = still_open
        note = ""
        if to == Status.DECIDED and self.case.procedure is Procedure.CODE_OF_CONDUCT:
            note = (
                "Record the Monitoring Officer's decision: a parish council cannot itself "
                "sanction a councillor."
            )
        elif to == Status.DECIDED and self.case.procedure is Procedure.CODE_OF_CONDUCT_WALES:
            note = (
                "Record the decision you were sent (the Ombudsman, the Standards Committee or "
                "the Adjudication Panel for Wales): the council cannot itself sanction a "
                "councillor."
            )
        elif to == Status.DECIDED:
            note = "A decision needs an outcome."
        old = self.case.next_action
        if old is not None:
            note += (" " if note else "") + (
                f"The next action ({old.what}) ends with this "
                "move" + ("; give the new one, if any." if still_open else ".")
            )
        self.set_note(note)

    def build(self, values: dict[str, Any]) -> MoveRequest:
        to = Status(values["to"])
        if to == Status.DECIDED and not values["outcome"]:
            raise InvalidData("outcome", "Choose the outcome that was decided")
        outcome = values["outcome"] if to in (Status.DECIDED, Status.ACTIONED) else None
        what, due = values["next_what"], values["next_due"]
        if not to.is_open:
            what, due = "", None
        if bool(what) != bool(due):
            raise InvalidData(
                "next_due" if what else "next_what", "A next action needs both what and by when"
            )
        if due is not None and due < values["on"]:
            raise InvalidData("next_due", "This is before the move")
        return MoveRequest(
            to,
            values["on"],
            values["note"],
            outcome,
            NextAction(what, due) if what and due else None,
        )


class NoteForm(FormScreen[Note]):
    enter_saves = True
    save_label = "Add"

    def __init__(self, save: Callable[[Note], Any], reference: str, *, today: date) -> None:
        self.today = today
        self.form_title = f"Note on {reference}"
        super().__init__(save)

    def fields(self) -> Iterable[Field]:
        yield Field("on", "On", "date", self.today, required=True)
        yield Field("text", "Note", required=True)

    def build(self, values: dict[str, Any]) -> Note:
        return Note(values["on"], values["text"])
