"""The PDF objects the renderer writes itself, in place of reportlab's general ones.

A long report has thousands of pages: reportlab's own outline, page dictionaries and page
streams were built, held and formatted object by object, which took a 10,000-case breach log
seconds and a 100,000-case one gigabytes.  Each class here writes the same bytes reportlab
would (the tests check it) with the work done once: the outline's entries as one object each,
the parts every page shares formatted once a document, each page's drawing compressed once (on
another thread) as the page is finished, and the finished file kept as it was written.
"""

from __future__ import annotations

import zlib
from concurrent.futures import Future
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfdoc import (
    Destination,
    NoEncryption,
    PDFArray,
    PDFDocument,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFResourceDictionary,
    PDFStream,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdfdoc_format
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Mark:
    """A bookmark asked for while a page was laid out: placed when the page is written."""

    title: str
    level: int  # 0 for a section, 1 beneath it, ...
    top: float  # from the foot of the page, in points
    key: str
    named: bool = True  # a destination others may link to by its key (a contents line)


class Entry(PDFObject):
    """One line of the outline, written straight out as its dictionary."""

    __slots__ = ("title", "dest", "closed", "ref", "parent", "children", "count", "_at")

    def __init__(self, title: str, dest: Destination | tuple[str, float] | None, closed: bool):
        self.title = title
        self.dest = dest  # a named destination, or (page, top) on that page
        self.closed = closed
        self.ref: PDFObjectReference | None = None
        self.parent: Entry | None = None
        self.children: list[Entry] = []
        self.count = 0  # the entries shown beneath it when it is open
        self._at = 0  # its place among its parent's children

    def format(self, document: PDFDocument) -> bytes:
        parent = self.parent
        assert parent is not None and parent.ref is not None
        d = [b"/Parent " + parent.ref.format(document)]
        title = self.title
        if title.isascii() and title.isprintable() and isinstance(document.encrypt, NoEncryption):
            d.insert(0, b"/Title (" + escapePDF(title.encode("ascii")).encode("ascii") + b")")
        else:  # what PDFString writes for ASCII, and it does the rest
            d.insert(0, b"/Title " + PDFString(title).format(document))
        if isinstance(self.dest, Destination):
            d.append(b"/Dest " + self.dest.format(document))
        elif self.dest is not None:
            page, top = self.dest
            number, version = document.idToObjectNumberAndVersion[page]
            d.append(f"/Dest [ {number} {version} R /XYZ 0 {fp_str(top)} 0 ]".encode("latin-1"))
        siblings = parent.children
        at = self._at
        if at > 0:
            d.append(b"/Prev " + _ref(siblings[at - 1], document))
        if at + 1 < len(siblings):
            d.append(b"/Next " + _ref(siblings[at + 1], document))
        if self.children:
            d.append(b"/First " + _ref(self.children[0], document))
            d.append(b"/Last " + _ref(self.children[-1], document))
            d.append(b"/Count %d" % (-self.count if self.closed else self.count))
        return b"<<\n" + b"\n ".join(d) + b"\n>>"


def _ref(entry: Entry, document: PDFDocument) -> bytes:
    assert entry.ref is not None
    return entry.ref.format(document)


class Outline(PDFObject):
    """The document's outline (its bookmarks), in place of reportlab's.

    reportlab builds each entry as a tree of PDF objects and a named destination, which took
    a 10,000-case log about a second; here an entry is one object written as one string, and
    a case's row points straight at its page (only headings, which a table of contents links
    to by name, keep a named destination).
    """

    __RefOnly__ = 1

    def __init__(self) -> None:
        self.root = Entry("", None, False)
        self._stack = [self.root]
        self.ready: int | None = None

    def add(self, title: str, level: int, dest: Destination | tuple[str, float], closed: bool):
        """An entry at ``level`` (at most one deeper than the one before)."""
        stack = self._stack
        del stack[level + 1 :]
        entry = Entry(title, dest, closed)
        entry.parent = stack[-1]
        stack[-1].children.append(entry)
        stack.append(entry)

    def prepare(self, document: PDFDocument, canvas: Canvas) -> None:
        """Number the entries (called by reportlab as the file is put together)."""
        if not self.root.children:
            self.ready = -1
            return
        self.root.ref = document.Reference(self)
        order: list[Entry] = []
        todo = list(reversed(self.root.children))
        while todo:  # in document order: each entry, then what is beneath it
            entry = todo.pop()
            order.append(entry)
            todo.extend(reversed(entry.children))
        for n, entry in enumerate(order):
            entry.ref = document.Reference(entry, f"pcOutline.{n}")
        for entry in [*reversed(order), self.root]:  # beneath before above
            for at, child in enumerate(entry.children):
                child._at = at
            entry.count = sum(1 + (0 if c.closed else c.count) for c in entry.children)
        self.ready = 1

    def format(self, document: PDFDocument) -> bytes:
        root = self.root
        return (
            b"<<\n/Count %d\n /First " % root.count
            + _ref(root.children[0], document)
            + b"\n /Last "
            + _ref(root.children[-1], document)
            + b"\n /Type /Outlines\n>>"
        )


class Deflated:
    """A page stream compressed already, named as reportlab's own Flate filter names it."""

    pdfname = "FlateDecode"

    def encode(self, content: bytes) -> bytes:
        return content


class Done:
    """A result at hand, asked for as a future's is."""

    def __init__(self, value: bytes) -> None:
        self.value = value

    def result(self) -> bytes:
        return self.value


class Body(PDFStream):
    """A page's drawing, compressed on another thread: waited for when the file is written."""

    def __init__(self, compressed: Future[bytes] | Done) -> None:
        super().__init__(filters=[Deflated()])
        self.compressed = compressed
        self.__Comment__ = "page stream"

    def format(self, document: PDFDocument) -> bytes:
        self.content = self.compressed.result()
        try:
            return super().format(document)
        finally:  # written once: the file's copy is the one kept (80 MB for 100,000 cases)
            self.content = b""
            self.compressed = Done(b"")


class Page(PDFPage):
    """A page dictionary written as reportlab writes it, with the parts every page of a report
    shares (its size, its resources, its transition) formatted once for the document rather
    than built and formatted again for each of thousands of pages (checked byte for byte
    against reportlab's own in the tests).  Anything less usual goes reportlab's way."""

    _OWN = frozenset({"Parent", "MediaBox", "Resources", "Contents", "Annots", "Rotate", "Trans"})

    def format(self, document: PDFDocument) -> bytes:
        usual = (
            not self.Override_default_compilation
            and not rl_config.pdfMultiLine
            and self.Contents is not None
            and self.Resources is None
            and self.Parent is None
            and self.MediaBox is None
            and not getattr(self, "ExtGState", None)
            and not self._shadingUsed
            and not self._colorsUsed
            and (self.Trans is None or not self.Trans.dict)
            and all(getattr(self, k) is None for k in self.__NoDefault__ if k not in self._OWN)
        )
        if not usual:
            return super().format(document)
        xobjects = self.XObjects
        key = (
            self.pagewidth,
            self.pageheight,
            self.Rotate,
            bool(self.hasImages),
            tuple(sorted((k, v.name) for k, v in xobjects.dict.items())) if xobjects else (),
            self.Trans is not None,
        )
        shared: dict = document.__dict__.setdefault("_pc_page_parts", {})
        parts = shared.get(key)
        if parts is None:
            parts = shared[key] = self._shared(document)
        head, tail = parts
        parent = document.Reference(document.Pages).format(document)  # numbered first, as there
        entries = []
        if self.Annots:
            refs = [document.Reference(a).format(document) for a in self.Annots]
            for i in reversed(range(10, len(refs), 10)):  # as PDFArray breaks a long one
                refs.insert(i, b"\n ")
            entries.append(b"/Annots [ " + b" ".join(refs) + b" ]")
        entries.append(b"/Contents " + document.Reference(self.Contents).format(document))
        entries += head
        entries.append(b"/Parent " + parent)
        entries += tail
        for i in reversed(range(6, len(entries), 6)):  # as PDFDictionary breaks a long line
            entries.insert(i, b"\n ")
        return b"<<\n" + b" ".join(entries) + b"\n>>"

    def _shared(self, document: PDFDocument) -> tuple[list[bytes], list[bytes]]:
        """The entries before and after /Parent that every page like this one shares, made as
        reportlab's check_format makes them."""
        rotated = self.Rotate in (90, 270)
        w, h = self.pagewidth, self.pageheight
        box = PDFArray([0, 0, h, w] if rotated else [0, 0, w, h]).format(document)
        resources = PDFResourceDictionary()
        resources.basicFonts()
        if self.hasImages:
            resources.allProcs()
        else:
            resources.basicProcs()
        if self.XObjects:
            resources.XObject = self.XObjects
        head = [b"/MediaBox " + box]
        tail = [b"/Resources " + resources.format(document)]
        if self.Rotate is not None:
            tail.append(b"/Rotate " + pdfdoc_format(self.Rotate, document))
        if self.Trans is not None:
            tail.append(b"/Trans " + self.Trans.format(document))
        tail.append(b"/Type /Page")
        return head, tail


def compress_now(page: PDFPage, body: Future[bytes] | Done | None = None) -> None:
    """Compress a written page's stream at once, not when the whole file is put together:
    reportlab holds every page's stream until then (1.9 GB for a 100,000-case log).  zlib at
    its default level, as reportlab's own filter.  ``body``: the page's drawing, compressed
    already, which the stream written here (the page's furniture) follows."""
    if page.stream and page.compression and not rl_config.useA85 and not page.Contents:
        stream = PDFStream(content=zlib.compress(page.stream.encode("utf8")), filters=[Deflated()])
        stream.__Comment__ = "page furniture" if body is not None else "page stream"
        page.Contents = PDFArray([Body(body), stream]) if body is not None else stream
        page.stream = None
    if type(page) is PDFPage:
        page.__class__ = Page  # the same page, written the quick way (it adds no state)


class Sink:
    """Where reportlab writes the finished file: it writes it once, as one bytes object, which
    is kept as it is (a BytesIO would hold a copy, and getvalue() make another)."""

    name = "<parishclerk report>"

    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> int:
        self.data = data  # a table of contents' earlier passes are written over
        return len(data)
