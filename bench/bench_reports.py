"""Benchmark the reports: the review pack for a demo-sized council, the breach log for 1,000 and
10,000 cases.  Run: python bench/bench_reports.py [--sizes 1000 10000] [--repeat 1]

Targets: the 10,000-case breach log within 4 s, and ten times the cases in at most twelve times
the time (a stock reportlab Table of Paragraphs takes 0.5 s for 1,000 and 10.8 s for 10,000;
``--baseline`` times it here, on the same machine, for a fair comparison).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader  # noqa: E402

from parishclerk.domain.records import (  # noqa: E402
    Acknowledgement,
    Case,
    Council,
    CouncilData,
    NextAction,
    Person,
    Policy,
    PolicyVersion,
    Procedure,
    Role,
    Status,
    Subject,
)
from parishclerk.reports import breach_log, review_pack  # noqa: E402

GENERATED = date(2026, 4, 3)
WORDS = (
    "posted comment about the clerk council meeting village hall footpath planning "
    "application allotments precept bins playground abusive reply thread group page "
    "Llanfair ŵyn Łukasz Seán"
).split()
CATEGORIES = [
    "abusive",
    "defamatory",
    "personal_data",
    "political",
    "disrepute",
    "other",
    "logo_misuse",
    "safeguarding",
    "unauthorised_posting",
]


def council(cases: int, seed: int = 1) -> CouncilData:
    """A council of 12 people and 4 policies with ``cases`` breach cases of realistic length."""
    rnd = random.Random(seed)
    d = CouncilData(Council("Llanfair & District Community Council"))
    roles = [Role.CHAIR, Role.VICE_CHAIR] + [Role.COUNCILLOR] * 8 + [Role.CLERK, Role.EMPLOYEE]
    d.people = [
        Person(
            f"p{i}",
            f"Person{i} {rnd.choice(['Jones', 'Ó Briain', 'Wójcik'])}",
            role,
            date(2020, 5, 1),
        )
        for i, role in enumerate(roles)
    ]
    bound = [Role.CHAIR, Role.VICE_CHAIR, Role.COUNCILLOR, Role.CLERK]
    for i, title in enumerate(
        ["Social Media Policy", "Code of Conduct", "Data Protection", "Complaints"]
    ):
        d.policies.append(Policy(f"pol{i}", title, bound))
        d.versions.append(
            PolicyVersion(f"v{i}", f"pol{i}", "2025", date(2025, 5, 13), minute=f"25/{40 + i:03d}")
        )
        d.acknowledgements += [
            Acknowledgement(p.id, f"v{i}", date(2025, 6, 1)) for p in d.people[::2]
        ]
    start = date(2020, 1, 1)
    for i in range(cases):
        received = start + timedelta(days=i * 2200 // max(cases, 1))
        person = rnd.choice(d.people + [None, None])
        if person is None:
            subject, procedure = Subject(name=f"Member{i} of-the-public"), Procedure.MODERATION
        elif person.is_member:
            subject, procedure = Subject(person=person.id), Procedure.CODE_OF_CONDUCT
        else:
            subject, procedure = Subject(person=person.id), Procedure.DISCIPLINARY
        open_ = rnd.random() < 0.3
        d.cases.append(
            Case(
                f"SM-{received.year}-{i + 1:05d}",
                received,
                f"Reporter{i} Name",
                subject,
                procedure,
                platform=rnd.choice(["Facebook", "X", "Instagram", "WhatsApp"]),
                link=f"https://www.facebook.com/groups/llanfair/posts/{10**12 + i}",
                summary=" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(15, 60))),
                categories=rnd.sample(CATEGORIES, rnd.randint(1, 2)),
                status=Status.RECEIVED if open_ else Status.CLOSED,
                next_action=NextAction("Chase for a reply", received + timedelta(days=14))
                if open_
                else None,
            )
        )
    return d


def stock_table(data: CouncilData) -> bytes:
    """The baseline: one reportlab Table of Paragraph cells, as the obvious code would do it."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = getSampleStyleSheet()["BodyText"]
    rows = [["Reference", "Subject", "Status", "Categories", "What happened"]]
    for c in data.cases:
        rows.append(
            [
                Paragraph(escape(x), style)
                for x in (
                    f"{c.reference} {c.received}",
                    data.subject_name(c),
                    c.status.label,
                    ", ".join(c.categories),
                    c.summary,
                )
            ]
        )
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), invariant=1).build(
        [Table(rows, colWidths=[90, 120, 80, 130, 320], repeatRows=1)]
    )
    return buf.getvalue()


def measure(label: str, make, repeat: int) -> tuple[str, float, float, int, int]:
    best, cpu = float("inf"), float("inf")
    pdf = b""
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        pdf = make()
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    return label, best, cpu, len(PdfReader(io.BytesIO(pdf)).pages), len(pdf)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; the best is shown")
    ap.add_argument(
        "--baseline",
        action="store_true",
        help="also time a stock reportlab Table of Paragraphs on the same cases",
    )
    args = ap.parse_args()
    # warm up: register the fonts once, as a long-running app would
    breach_log(council(5), start=None, end=None, generated=GENERATED)
    rows = []
    demo = council(12)
    rows.append(
        measure(
            "review pack, public (demo council, 12 cases)",
            lambda: review_pack(demo, date(2026, 4, 14), generated=GENERATED),
            args.repeat,
        )
    )
    rows.append(
        measure(
            "review pack, confidential (demo council)",
            lambda: review_pack(demo, date(2026, 4, 14), confidential=True, generated=GENERATED),
            args.repeat,
        )
    )
    logs = {}
    for n in args.sizes:
        data = council(n)
        row = measure(
            f"breach log, {n:,} cases",
            lambda data=data: breach_log(data, start=None, end=None, generated=GENERATED),
            args.repeat,
        )
        logs[n] = row[1]
        rows.append(row)
        if args.baseline:
            rows.append(
                measure(
                    f"  stock Table of Paragraphs, {n:,} cases",
                    lambda data=data: stock_table(data),
                    1,
                )
            )
    print(f"{'report':<46} {'seconds':>8} {'cpu s':>7} {'pages':>6} {'size':>9}")
    for label, secs, cpu, n_pages, size in rows:
        print(f"{label:<46} {secs:>8.2f} {cpu:>7.2f} {n_pages:>6} {size / 1024:>7.0f} K")
    sizes = sorted(logs)
    for a, b in zip(sizes, sizes[1:], strict=False):
        print(
            f"breach log {b:,} / {a:,} cases: {b / a:.0f}x the cases in "
            f"{logs[b] / logs[a]:.1f}x the time"
        )


if __name__ == "__main__":
    main()
