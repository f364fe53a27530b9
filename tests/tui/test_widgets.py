"""Validators and the paged record table, on their own."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult

from parishclerk.tui.forms.reminder import choices, key_for
from parishclerk.tui.validators import DayFirstDate, Email, RecurrenceRule, Required, WholeNumber
from parishclerk.tui.widgets.table import Column, RecordTable, Row


def test_validators_say_why() -> None:
    assert DayFirstDate().validate("3/4/2026").is_valid
    assert DayFirstDate().validate("").is_valid
    assert not DayFirstDate(required=True).validate("").is_valid
    why = DayFirstDate().validate("30/2/2026").failure_descriptions[0]
    assert "February 2026 has 28 days" in why
    assert not Required("name").validate("  ").is_valid
    assert not Email().validate("jane at example").is_valid and Email().validate("").is_valid
    assert not WholeNumber(1, 120).validate("0").is_valid
    rule = RecurrenceRule(lambda: date(2026, 5, 12))
    assert rule.validate("FREQ=YEARLY;BYMONTH=5;BYDAY=2TU").is_valid
    assert not rule.validate("FREQ=FORTNIGHTLY").is_valid


def test_plain_english_recurrences() -> None:
    day = date(2026, 5, 12)  # the second Tuesday of May
    labels = {k: label for k, label, _ in choices(day)}
    assert labels["yearly_nth"] == "Every year, on the second Tuesday of May"
    assert key_for("FREQ=YEARLY;BYMONTH=5;BYDAY=2TU", day) == "yearly_nth"
    assert key_for("FREQ=DAILY", day) == "custom"
    last = {k: label for k, label, _ in choices(date(2026, 6, 30))}
    assert last["monthly_nth"] == "Every month, on the last Tuesday"


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RecordTable([Column("Ref"), Column("Number")], page_size=50)


async def test_ten_thousand_rows_show_one_page() -> None:
    rows = [
        Row(f"r{i}", [f"SM-{i:05d}", str(i)], (f"SM-{i:05d}", i), f"sm-{i:05d}")
        for i in range(10_000)
    ]
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(RecordTable)
        table.set_rows(rows)
        assert table.table.row_count == 50 and len(table.shown) == 10_000
        table.focus_table()
        await pilot.press("right_square_bracket")
        assert table.current_key == "r50"
        table.filter_input.value = "sm-0999"
        await pilot.pause()
        assert [r.key for r in table.shown] == [f"r{i}" for i in range(9990, 10_000)]
        table.action_next_sort()  # by number
        table.action_next_sort()  # past the last: reversed, by reference
        assert table.reverse and table.shown[0].key == "r9999"


async def test_filter_as_you_type_matches_filtering_afresh() -> None:
    """Typing narrows from the last match and the rows are sorted once: each step must show
    exactly what filtering and sorting the whole list again would, in the same order."""
    words = ["Siân", "Sion", "O'Brien", "Łukasz", "[b]x[/]"]
    rows = [
        Row(f"r{i}", [f"{words[i % 5]} {i}", str(i)], (words[i % 5], -i), f"{words[i % 5]} {i}")
        for i in range(300)
    ]
    app = TableApp()
    async with app.run_test(size=(80, 24)):
        table = app.query_one(RecordTable)
        table.set_rows(rows)

        def afresh(query: str) -> list[str]:
            q = query.lower().replace("â", "a").replace("ł", "l").replace("'", "").split()
            keep = [r for r in rows if all(w in r.text for w in q)]
            keep.sort(key=lambda r: r.sort[table.sort_column], reverse=table.reverse)
            return [r.key for r in keep]

        for query in ["s", "si", "sia", "sian 1", "sian 12", "sian 1", "", "o'b", "łuk", "[b]"]:
            table.filter_input.value = query
            table.apply()
            assert [r.key for r in table.shown] == afresh(query), query
        table.action_next_sort()
        table.filter_input.value = "sion"
        table.apply()
        assert [r.key for r in table.shown] == afresh("sion")
        table.set_rows(rows[:10])
        assert [r.key for r in table.shown] == [k for k in afresh("sion") if int(k[1:]) < 10]
