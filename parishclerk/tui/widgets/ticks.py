"""A selection list whose ticks read as text: ``[x]`` ticked, ``[ ]`` not, blank for a row that
cannot be ticked, so the difference never rests on colour alone."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED, NOT_TICKABLE = "[x]", "[ ]", "   "
STOCK_BUTTON_WIDTH = 3
"""The stock list draws a three-cell toggle (▐X▌) before each prompt; we draw ours there."""


class TickList(SelectionList[object]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        try:
            option = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return strip
        ticked = option.value in self.selected
        if option.disabled:
            box = NOT_TICKABLE
        else:
            box = TICKED if ticked else UNTICKED
        rest = strip.crop(STOCK_BUTTON_WIDTH)
        style = (next(iter(rest), Segment("")).style or Style()) + Style(meta={"option": index})
        if ticked:
            component = "selection-list--button-selected" + (
                "-highlighted" if self.highlighted == index else ""
            )
            style += Style(color=self.get_component_rich_style(component).color, bold=True)
        return Strip([Segment(box, style), *rest], strip.cell_length)
