"""The sign-off sheet: a policy version, its adoption, and a row to sign for each person bound."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.dates import show
from ..domain.due import current_version
from ..domain.records import MEMBER_ROLES, CouncilData, Policy, PolicyVersion
from . import render
from .blocks import body, facts, gap, heading, note, table
from .errors import ReportError
from .styles import stylesheet
from .text import para

BLANK_ROWS = 2
SIGN_HEIGHT = 30.0  # points: room for a signature


@dataclass(frozen=True)
class SignLine:
    name: str
    role: str


@dataclass(frozen=True)
class SignoffView:
    council: str
    policy: str
    version: str
    details: list[tuple[str, str]]
    people: list[SignLine]


def find_policy(data: CouncilData, policy: str) -> Policy:
    wanted = policy.strip().casefold()
    by_id = [p for p in data.policies if p.id == policy.strip()]
    found = by_id or [p for p in data.policies if p.title.strip().casefold() == wanted]
    if not found:
        raise ReportError(f"no policy called {policy.strip()!r} (give its title or its id)")
    if len(found) > 1:
        ids = ", ".join(p.id for p in found)
        raise ReportError(f"more than one policy is called {policy.strip()!r}: give its id ({ids})")
    return found[0]


def find_version(data: CouncilData, policy: Policy, label: str | None, on: date) -> PolicyVersion:
    versions = data.versions_of(policy.id)
    if label is None:
        version = current_version(data, policy.id, on) or (versions[-1] if versions else None)
        if version is None:
            raise ReportError(f"the {policy.title} has no adopted version yet")
        return version
    match = [v for v in versions if v.label.strip().casefold() == label.strip().casefold()]
    if not match:
        known = ", ".join(v.label for v in versions) or "none"
        raise ReportError(
            f"the {policy.title} has no version {label.strip()!r} (versions: {known})"
        )
    return match[-1]


def signoff_view(data: CouncilData, policy: str, version: str | None, on: date) -> SignoffView:
    pol = find_policy(data, policy)
    ver = find_version(data, pol, version, on)
    binds = set(pol.binds)
    people = sorted(
        (p for p in data.people if p.role in binds and p.active_on(on)),
        key=lambda p: (p.role not in MEMBER_ROLES, p.name.casefold()),
    )
    details = [
        ("Policy", pol.title),
        ("Version", ver.label),
        ("Adopted", show(ver.adopted)),
        ("Adoption minute", ver.minute or "Not recorded"),
    ]
    if ver.summary.strip():
        details.append(("What changed", ver.summary))
    if ver.sha256:
        details.append(("Document SHA-256", ver.sha256))
    details.append(("Binds", ", ".join(r.label for r in pol.binds) or "No roles chosen"))
    return SignoffView(
        data.council.name,
        pol.title,
        ver.label,
        details,
        [SignLine(p.name, p.role.label) for p in people],
    )


def signoff_flowables(v: SignoffView) -> list:
    s = stylesheet()
    width = render.content_width()
    out = [
        para("Sign-off sheet", s.title),
        para(f"{v.policy}, version {v.version}", s.subtitle),
        facts(v.details, width),
        *heading("Acknowledgement"),
        body(
            f"By signing below, I confirm that I have received, read and understood "
            f"version {v.version} of the {v.policy}, and agree to abide by it."
        ),
    ]
    rows = [[p.name, p.role, "", ""] for p in v.people] + [["", "", "", ""]] * BLANK_ROWS
    if not v.people:
        out.append(note("Nobody is bound by this policy at the moment; blank rows follow."))
    out += [
        gap(2),
        table(
            [("Name", 2.0), ("Role", 1.5), ("Signature", 2.4), ("Date", 1.2)],
            rows,
            width,
            min_height=SIGN_HEIGHT,
        ),
    ]
    out += [
        gap(6),
        body(
            "Received at the meeting of ____________________   "
            "Minute ____________   Clerk ____________________"
        ),
    ]
    return out


def signoff_sheet(
    data: CouncilData, policy: str, *, version: str | None = None, generated: date
) -> bytes:
    """A sheet to sign at a meeting; ReportError names the unknown policy or version."""
    with render.no_gc():
        view = signoff_view(data, policy, version, generated)
        return render.build(
            signoff_flowables(view),
            council=view.council,
            title=f"Sign-off: {view.policy} {view.version}",
            generated=generated,
        )
