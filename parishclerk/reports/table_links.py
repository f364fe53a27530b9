"""Links in a :class:`~parishclerk.reports.table.Grid`: a row's address made clickable wherever
its text is printed, written as plain link annotations."""

from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfdoc import PDFObject


class Link(PDFObject):
    """A link annotation written straight out: byte for byte what ``Canvas.linkURL`` writes
    (an invisible border, a URI action), built as one string instead of a tree of PDF objects
    (checked against linkURL in the tests)."""

    __RefOnly__ = 1

    def __init__(self, url: str, rect: tuple[float, float, float, float]) -> None:
        self.text = (
            "<<\n/A <<\n/S /URI /Type /Action /URI ({url})\n>> /Border [ 0 0 0 ] "
            "/Rect [ {rect} ] /Subtype /Link /Type /Annot\n>>"
        ).format(url=escapePDF(url.encode("latin-1", "replace")), rect=fp_str(*rect))

    def format(self, document: object) -> bytes:
        return self.text.encode("latin-1")


def add_links(c: object, links: list[tuple[str, tuple[float, float, float, float]]]) -> None:
    """Make each rectangle (in the flowable's own coordinates) a link to its address."""
    # absolutePosition's arithmetic, with the matrix read once
    a, b, cc, d, e, f = c._currentMatrix  # type: ignore[attr-defined]
    add = c._addAnnotation  # type: ignore[attr-defined]
    for url, (x0, y0, x1, y1) in links:
        rect = (
            a * x0 + cc * y0 + e,
            b * x0 + d * y0 + f,
            a * x1 + cc * y1 + e,
            b * x1 + d * y1 + f,
        )
        add(Link(url, rect))


_LINKABLE = ("https://", "http://")


def linkable(url: str | None) -> str | None:
    """The address if it can be made clickable: http(s) only, no spaces."""
    url = (url or "").strip()
    if not url.startswith(_LINKABLE) or len(url.split(maxsplit=1)) != 1:
        return None
    return url


def link_spans(lines: list[str], url: str) -> list[tuple[int, int, int]]:
    """Where a web address is printed in these lines, perhaps broken over several:
    (line, first character, end) for each piece."""
    spans = []
    head = url[:8]
    i = 0
    while i < len(lines):
        line = lines[i]
        at = line.find(url)
        if at >= 0:
            spans.append((i, at, at + len(url)))
            i += 1
            continue
        at = line.rfind(head)
        if at >= 0 and url.startswith(line[at:]):
            # the address starts at the end of this line and runs on over the next ones
            pieces = [(i, at, len(line))]
            done, j = len(line) - at, i + 1
            while done < len(url) and j < len(lines):
                nxt, rest = lines[j], url[done:]
                if nxt and rest.startswith(nxt):
                    pieces.append((j, 0, len(nxt)))
                    done += len(nxt)
                elif nxt.startswith(rest):
                    pieces.append((j, 0, len(rest)))
                    done = len(url)
                else:
                    break
                j += 1
            if done == len(url):
                spans += pieces
                i = j
                continue
        i += 1
    return spans
