"""A modal form: fields validated as you type, the reason beside each, saved through a callback.

A form subclass lists its fields and turns their values into a typed record (``build``); the
screen calls ``save(record)`` and dismisses with the record only when the store accepted it, so
Escape, or a refused save, leaves nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Validator
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from ...domain.codec import InvalidData
from ...domain.dates import parse_date, show
from ..errors import USER_ERRORS
from ..validators import DayFirstDate, FreeText, Required
from .dialogs import ConfirmScreen
from .safe import plain, visible
from .ticks import TickList
from .toggles import Tick

T = TypeVar("T")
ERROR_CLASS = "field-error"
ESCAPED_NOTE = (
    "This was held with control characters, shown here as \\x…; saving keeps what is shown."
)


@dataclass
class Field:
    """One field of a form.  ``kind``: text, date, int, select, check, multi."""

    name: str
    label: str
    kind: str = "text"
    value: Any = None
    required: bool = False
    options: list[tuple[str, Any]] = field(default_factory=list)
    validators: list[Validator] = field(default_factory=list)
    placeholder: str = ""
    disabled: bool = False


def field_widget(f: Field) -> Widget:
    wid = f"f-{f.name}"
    if f.kind in ("text", "date", "int"):
        validators = list(f.validators)
        if f.kind == "date":
            validators.insert(0, DayFirstDate(required=f.required))
        elif f.required:
            validators.insert(0, Required(f.label))
        elif f.kind == "text":
            validators.insert(0, FreeText(f.label))
        # a value held with control characters shows them escaped, and says so (on_mount)
        value = (
            show(f.value)
            if isinstance(f.value, date)
            else ("" if f.value is None else visible(str(f.value), multiline=True))
        )
        placeholder = f.placeholder or ("day first, e.g. 3/4/2026" if f.kind == "date" else "")
        return Input(
            value,
            placeholder=placeholder,
            id=wid,
            validators=validators,
            validate_on=["changed", "submitted"],
            compact=True,
            disabled=f.disabled,
        )
    if f.kind == "select":
        chosen = f.value if f.value is not None else Select.NULL
        # a required choice with nothing chosen yet starts blank: never a silent first option
        # Labels hold user text (people's names): plain Text, never read as markup.
        options = [(plain(label), v) for label, v in f.options]
        return Select(
            options,
            value=chosen,
            allow_blank=not f.required or f.value is None,
            id=wid,
            compact=True,
            disabled=f.disabled,
        )
    if f.kind == "check":
        return Tick(f.label, bool(f.value), id=wid, compact=True, disabled=f.disabled)
    if f.kind == "multi":
        chosen = set(f.value or ())
        return TickList(
            *[(plain(label), v, v in chosen) for label, v in f.options], id=wid, disabled=f.disabled
        )
    raise ValueError(f.kind)  # pragma: no cover


class FormScreen(ModalScreen[T | None], Generic[T]):
    """Subclasses give ``title``, ``fields()`` and ``build(values)``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("ctrl+s", "save", "Save", id="form-save"),
        Binding("question_mark", "keys", "Keys", show=False, id="form-keys"),
    ]
    form_title = "Form"
    save_label = "Save"
    enter_saves = False
    """Enter in any field saves (short forms); otherwise Enter moves to the next field and
    saves only from the last one (Ctrl+S saves from anywhere)."""
    view_only = False
    """Set before showing: every field disabled and no Save (read-only mode)."""
    note_after: str | None = None
    """The field the note follows (it explains that field's choice, so it shows beside it
    without scrolling); by default the note comes after the last field."""
    first_field: str | None = None
    """The field the form opens on (say, the first one a new record leaves empty); by default
    the first field."""

    def __init__(self, save: Callable[[T], Any]) -> None:
        super().__init__()
        self._save = save
        self._fields = {f.name: f for f in self.fields()}
        self._initial: dict[str, Any] | None = None
        self._escaped: set[str] = set()
        """Fields whose value was held with control characters (shown escaped, and said so)."""
        """The values as the form opened, to tell whether anything was typed."""

    # -- to override ---------------------------------------------------------------------------

    def fields(self) -> Iterable[Field]:  # pragma: no cover - abstract
        return []

    def build(self, values: dict[str, Any]) -> T:  # pragma: no cover - abstract
        raise NotImplementedError

    def changed(self, values: dict[str, Any]) -> None:
        """Called after any field changes (to update the note under the form)."""

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(visible(self.form_title), id="form-title", markup=False)
            with VerticalScroll(id="form-fields"):
                for f in self._fields.values():
                    # a list of choices takes the whole width, under its label, so its long
                    # labels are not cut at 80 columns
                    stacked = " -stacked" if f.kind == "multi" else ""
                    with Horizontal(classes="field" + stacked, id=f"row-{f.name}"):
                        yield Label(
                            "" if f.kind == "check" else f.label,
                            classes="field-label",
                            markup=False,
                        )
                        if self.view_only:
                            f.disabled = True
                        yield field_widget(f)
                    err = Static("", classes=ERROR_CLASS, id=f"err-{f.name}", markup=False)
                    err.display = False
                    yield err
                    if f.name == self.note_after:
                        yield Static("", id="form-note", markup=False)
                if self.note_after not in self._fields:
                    yield Static("", id="form-note", markup=False)
            err = Static("", id="form-error", markup=False)
            err.display = False
            yield err
            with Horizontal(id="form-buttons"):
                if not self.view_only:
                    yield Button(self.save_label, variant="primary", id="form-save", compact=True)
                yield Button(
                    "Close" if self.view_only else "Cancel", id="form-cancel", compact=True
                )

    def on_mount(self) -> None:
        self._escaped |= {
            name
            for name, f in self._fields.items()
            if isinstance(f.value, str) and visible(f.value, multiline=True) != f.value
        }
        for name in self._escaped:
            self.set_error(name, ESCAPED_NOTE)
        self.changed(self.raw_values())
        self._initial = self._as_typed()
        first = next((w for w in self.query("#form-fields > .field > *") if w.focusable), None)
        if self.first_field is not None and not self.view_only:
            first = self.widget(self.first_field)
        if first is not None:
            first.focus()

    # -- values --------------------------------------------------------------------------------

    def widget(self, name: str) -> Any:
        return self.query_one(f"#f-{name}")

    def raw_values(self) -> dict[str, Any]:
        """Values as they stand, dates parsed where they can be (else ``None``)."""
        out: dict[str, Any] = {}
        for name, f in self._fields.items():
            w = self.widget(name)
            if isinstance(w, Input):
                text = w.value.strip()
                if f.kind == "date":
                    try:
                        out[name] = parse_date(text) if text else None
                    except ValueError:
                        out[name] = None
                elif f.kind == "int":
                    out[name] = int(text) if text.lstrip("-").isdigit() else None
                else:
                    out[name] = text
            elif isinstance(w, Select):
                out[name] = None if w.value is Select.NULL else w.value
            elif isinstance(w, Checkbox):
                out[name] = w.value
            elif isinstance(w, SelectionList):
                out[name] = list(w.selected)
        return out

    def set_error(self, name: str, message: str) -> None:
        try:
            err = self.query_one(f"#err-{name}", Static)
        except Exception:
            self.show_form_error(message)
            return
        err.update(visible(message, multiline=True))
        err.display = bool(message)

    def show_form_error(self, message: str) -> None:
        err = self.query_one("#form-error", Static)
        err.update(visible(message, multiline=True))
        err.display = bool(message)

    def set_note(self, text: str) -> None:
        self.query_one("#form-note", Static).update(visible(text, multiline=True))

    # -- events --------------------------------------------------------------------------------

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "")[2:]
        if name in self._fields:
            result = event.validation_result
            if result is not None and not result.is_valid:
                message = result.failure_descriptions[0]
            else:
                message = ESCAPED_NOTE if name in self._escaped else ""
            self.set_error(name, message)
            self.changed(self.raw_values())

    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _other_changed(self, event: Any) -> None:
        name = (getattr(event, "control", None) and event.control.id or "")[2:]
        if name in self._fields:
            self.set_error(name, "")
        self.changed(self.raw_values())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        fields = [
            w
            for w in self.query("#form-fields > .field > *")
            if w.focusable and w.display and w.parent is not None and w.parent.display
        ]
        if self.enter_saves or not fields or event.input is fields[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @property
    def edited(self) -> bool:
        """Whether any value differs from when the form opened."""
        return (
            not self.view_only and self._initial is not None and self._as_typed() != self._initial
        )

    def _as_typed(self) -> dict[str, Any]:
        """Every field's value as it stands, text as typed (an unreadable date included)."""
        out = self.raw_values()
        for name in self._fields:
            w = self.widget(name)
            if isinstance(w, Input):
                out[name] = w.value.strip()
            elif isinstance(w, SelectionList):
                out[name] = sorted(map(str, w.selected))
        return out

    def action_cancel(self) -> None:
        """Close without saving; typed changes are discarded only when the Clerk says so."""
        if not self.edited:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard your changes?", "Discard"), callback=answered)

    def validate_all(self) -> bool:
        first: Widget | None = None
        for name, f in self._fields.items():
            w = self.widget(name)
            message = ""
            if not self.query_one(f"#row-{name}").display:
                self.set_error(name, "")
                continue
            if isinstance(w, Input) and not w.disabled:
                result = w.validate(w.value)
                if result is not None and not result.is_valid:
                    message = result.failure_descriptions[0]
            elif isinstance(w, Select) and f.required and w.value is Select.NULL:
                message = f"Choose {f.label.lower()}"
            self.set_error(name, message)
            if message and first is None:
                first = w
        if first is not None:
            first.focus()
            return False
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "save" and self.view_only)

    def action_keys(self) -> None:
        """``?`` (where it is not typed into a field): the form's keys first, as on a page."""
        from .keys import KeysPanel

        panels = self.query(KeysPanel)
        if panels:
            panels.remove()
        else:
            self.mount(KeysPanel())

    def confirm_save(self, record: T) -> str | None:
        """A question to ask before saving ``record``; ``None`` saves at once."""
        return None

    def action_save(self) -> None:
        if self.view_only or not self.validate_all():
            return
        self.show_form_error("")
        try:
            record = self.build(self.raw_values())
        except USER_ERRORS as exc:
            self._refused(exc)
            return
        question = self.confirm_save(record)
        if question is None:
            self._commit(record)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._commit(record)

        self.app.push_screen(
            ConfirmScreen(question, self.save_label, variant="primary"), callback=answered
        )

    def _commit(self, record: T) -> None:
        try:
            self._save(record)
        except USER_ERRORS as exc:
            self._refused(exc)
            return
        self.dismiss(record)

    def _refused(self, exc: Exception) -> None:
        """A refusal shown beside its field when it names one, else under the form."""
        if isinstance(exc, InvalidData):
            name = exc.path.rsplit(".", 1)[-1] if exc.path else ""
            if name in self._fields:
                self.set_error(name, exc.why[:1].upper() + exc.why[1:])
                self.widget(name).focus()
                return
        self.show_form_error(str(exc))
