"""Tick boxes and choices whose state reads without colour.

Textual's Checkbox shows "X" and its RadioButton "●" whether on or off, telling them apart by
colour alone: on a monochrome terminal, to a colour-blind clerk or in a screen reader's text, a
ticked "Confidential part" looks like an unticked one.  These show ✓ / blank and ● / ○."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    """A checkbox showing ✓ when ticked and a blank when not."""

    ON, OFF = "✓", " "

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Checkbox's own signature
        self.BUTTON_INNER = self.ON if self.value else self.OFF

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF
        super().watch_value()
        self.refresh()


class Choice(RadioButton):
    """A radio button showing ● when chosen and ○ when not."""

    ON, OFF = "●", "○"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # RadioButton's own signature
        self.BUTTON_INNER = self.ON if self.value else self.OFF

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF
        super().watch_value()
        self.refresh()
