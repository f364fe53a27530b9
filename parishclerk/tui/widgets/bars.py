"""Completion bars drawn in text, for table cells."""

from __future__ import annotations

from rich.text import Text


def bar(done: int, total: int, width: int = 16) -> Text:
    """``██████░░░░ 60%``: green when complete, amber above half, red below."""
    fraction = done / total if total else 1.0
    filled = round(fraction * width)
    style = "green" if fraction >= 1 else ("yellow" if fraction >= 0.5 else "red")
    text = Text()
    text.append("█" * filled, style=style)
    text.append("░" * (width - filled), style="dim")
    text.append(f" {fraction:4.0%}")
    return text
