"""The public pack as accessible HTML: read back for structure and content, then checked by the
Nu Html Checker (valid HTML) and axe-core in headless chromium (WCAG 2.2 A and AA, reflow at
400% zoom).  Built from the same view as the public PDF, so it leaks no more than the PDF."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from parishclerk.reports import ReportError, review_pack, review_pack_html
from parishclerk.reports.html import pack_html
from parishclerk.reports.pack_view import pack_view
from tests.reports.conftest import GENERATED, MEETING, flat
from tests.reports.html_checks import axe, validate
from tests.reports.report_councils import HOSTILE, busy_council, rich_council


class Page(HTMLParser):
    """What a screen reader and a browser would find: headings, tables, links, resources."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self._heading: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((int(tag[1]), "".join(self._heading)))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def _html(data, **kw) -> str:
    return review_pack_html(data, MEETING, generated=GENERATED, agenda_item="9", **kw).decode()


def test_structure_a_screen_reader_can_use(rich):
    text = _html(rich, exclusion_item="14")
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>")
    assert page.all("html")[0]["lang"] == "en-GB"
    assert page.all("meta")[0]["charset"] == "utf-8"
    # one h1, then headings that never skip a level
    levels = [n for n, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    titles = [t for _, t in page.headings]
    assert titles[0] == "Item 9: Social Media Policy: annual review"
    for section in (
        "Contents",
        "Purpose of the report",
        "Background",
        "Recommendation",
        "Exclusion of the press and public",
        "Policies and their review",
        "Acknowledgement register",
        "Breach summary",
        "Cases by category",
        "Due before the next meeting",
    ):
        assert section in titles, section
    # every contents link goes to a heading on the page
    ids = {a["id"] for _, a in page.tags if a.get("id")}
    for link in page.all("a"):
        assert link["href"] and link["href"].startswith("#") and link["href"][1:] in ids
    # every table has a caption and header cells that say what they head
    assert text.count("<table>") == text.count("<caption>") >= 4
    for th in page.all("th"):
        assert th.get("scope") in ("col", "row")
    assert "main" in [t for t, _ in page.tags] and "nav" in [t for t, _ in page.tags]


def test_nothing_is_loaded_from_elsewhere(rich):
    page = Page(_html(busy_council(120)))
    text = _html(rich)
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert tag not in ("link", "script", "iframe", "img", "object", "embed"), tag
    assert "url(" not in text and "@import" not in text
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text


def test_chart_has_a_text_alternative_and_the_same_figures_as_a_table():
    data = busy_council(300)
    text = _html(data)
    svg = re.search(r"<svg.*?</svg>", text, re.S)
    assert svg
    chart = svg.group(0)
    assert 'role="img"' in chart and 'aria-labelledby="chart-title chart-desc"' in chart
    found = re.search(r'<desc id="chart-desc">(.*?)</desc>', chart)
    assert found
    desc = found.group(1)
    view = pack_view(data, MEETING, confidential=False, agenda_item="9")
    assert view.summary.chart
    table = text.split("Cases by category (the figures of the chart)", 1)[1]
    for label, n in view.summary.chart:
        assert f"{label.replace(chr(39), '&#x27;')}: {n}" in desc
        assert re.search(re.escape(label.replace("'", "&#x27;")) + r"</th><td>" + str(n), table)


def test_same_content_as_the_public_pdf(rich):
    words = Page(_html(rich)).words
    pdf = flat(review_pack(rich, MEETING, generated=GENERATED, agenda_item="9"))
    for part in (
        "Members' Code of Conduct <Annex>",
        "25/047 & 25/048",
        "Dafydd O'Brien <b>x",
        "Gwenllian Ŵyn Jones",
        "Zbigniew Łukasz Wójcik",
        "That the council (a) notes the acknowledgement register",
        "Annual Meeting & <b>elections</b>",
    ):
        assert part in words, part
        assert part in pdf, part
    # what the public PDF withholds, the HTML withholds too
    for hidden in (
        "SM-2026-001",
        "Kevin Troll-Smith",
        "Chase SM-2026-001",
        "Final written warning",
    ):
        assert hidden not in words, hidden
        assert hidden not in pdf, hidden


def test_public_html_of_a_busy_council_leaks_nothing_about_cases():
    text = _html(busy_council(300))
    words = Page(text).words
    assert "300 cases held" in words
    for word in ("SM-", "Summary", "Troll", "Reporter", "Secret-Name", "example.org", "Kevin"):
        assert word not in text, word


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_escaped(empty, hostile):
    empty.council.name = hostile
    text = _html(empty, title=hostile)
    assert "<b>" not in text.replace("<b>", "", 0).split("<style>")[0] or "&lt;" in text
    page = Page(text)
    assert hostile.strip() in page.words or " ".join(hostile.split()) in page.words
    assert not page.all("script") and not page.all("b")


def test_the_confidential_part_is_never_html(rich):
    view = pack_view(rich, MEETING, confidential=True)
    with pytest.raises(ReportError, match="public one"):
        pack_html(view, generated=GENERATED)


@pytest.fixture(scope="module")
def pages_to_check(tmp_path_factory):
    work = tmp_path_factory.mktemp("html")
    files = []
    for name, data in (("rich", rich_council()), ("busy", busy_council(300))):
        path = work / f"{name}.html"
        path.write_bytes(review_pack_html(data, MEETING, generated=GENERATED, agenda_item="9"))
        files.append(path)
    return work, files


def test_valid_html(pages_to_check):
    _work, files = pages_to_check
    problems = [m for m in validate(files) if m.get("type") != "info" or m.get("subType")]
    assert problems == []


def test_every_machine_checkable_wcag_rule_at_400_percent_zoom(pages_to_check):
    work, files = pages_to_check
    for path in files:
        result = axe(path, work, width=320)
        assert result["violations"] == [], (path.name, result["violations"])
        assert result["passes"] > 10
        # reflow: at 320 CSS pixels nothing but a table's own region scrolls sideways
        assert result["scrollWidth"] <= result["clientWidth"], (path.name, result)
