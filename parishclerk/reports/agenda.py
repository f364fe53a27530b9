"""The review pack as an agenda item: its title, purpose, background and drafted
recommendation, built from the records (no layout here, and nothing the public may not read)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.dates import add_months, show
from ..domain.due import current_version, outstanding_acknowledgements, review_due
from ..domain.records import CouncilData, Policy


@dataclass(frozen=True)
class ItemText:
    """What the report says to council before the figures."""

    title: str
    purpose: str
    background: list[str]
    recommendation: str


def main_policy(data: CouncilData) -> Policy | None:
    """The policy the pack is about: the Social Media Policy where there is one."""
    for policy in sorted(data.policies, key=lambda p: p.title.casefold()):
        if "social media" in policy.title.casefold():
            return policy
    return None


def default_title(data: CouncilData) -> str:
    policy = main_policy(data)
    return f"{policy.title}: annual review" if policy else "Policies: annual review"


NBSP = "\u00a0"


def _month(day: date) -> str:
    return f"{day:%B}{NBSP}{day:%Y}"


def day(on: date) -> str:
    """A date that a paragraph never breaks across lines."""
    return nb(show(on))


def nb(text: str) -> str:
    """Text (a date already shown) whose spaces do not break."""
    return text.replace(" ", NBSP)


def due_for_review(data: CouncilData, meeting: date) -> list[tuple[Policy, str, date]]:
    """Policies whose review falls due by the meeting after this one (the council's window),
    with the version in force and when the next review would fall if re-adopted now."""
    soon = meeting + timedelta(days=data.council.due_soon_days)
    out = []
    for policy in sorted(data.policies, key=lambda p: p.title.casefold()):
        version = current_version(data, policy.id, meeting)
        if version is None:
            continue
        if review_due(policy, version) <= soon:
            out.append((policy, version.label, add_months(meeting, policy.review_months)))
    return out


def draft_recommendation(data: CouncilData, meeting: date, *, has_cases: bool) -> str:
    """ "That the council (a) notes the acknowledgement register; (b) reviews and re-adopts
    the Social Media Policy, next review October 2027; (c) notes the breach summary."""
    parts = ["notes the acknowledgement register"]
    owing = {o.person.id for o in outstanding_acknowledgements(data, meeting)}
    if owing:
        parts[0] += " and asks those with an acknowledgement outstanding to give it"
    for policy, label, next_review in due_for_review(data, meeting):
        parts.append(
            f"reviews and re-adopts the {policy.title} (version {label} or as amended), "
            f"next review {_month(next_review)}"
        )
    for policy in sorted(data.policies, key=lambda p: p.title.casefold()):
        if current_version(data, policy.id, meeting) is None:
            parts.append(f"adopts a {policy.title}")
    if has_cases:
        parts.append("notes the breach summary")
    letters = "abcdefghijklmnopqrstuvwxyz"
    listed = "; ".join(f"({letters[i]}) {p}" for i, p in enumerate(parts[:26]))
    return f"That the council {listed}."


def item_text(
    data: CouncilData, meeting: date, *, title: str = "", recommendation: str | None = None
) -> ItemText:
    council = data.council
    policy = main_policy(data)
    name = policy.title if policy else "the council's policies"
    purpose = (
        f"To review {name} and the other policies due for review, to note who has "
        "acknowledged the policies that bind them, and to note the breaches of the social "
        "media policy recorded since it was adopted, in figures only."
    )
    background = []
    if policy is not None:
        version = current_version(data, policy.id, meeting)
        binds = ", ".join(r.label.lower() for r in policy.binds) or "nobody yet"
        text = f"The {policy.title} binds: {binds}."
        if version is not None:
            text += (
                f" The version in force is {version.label}, adopted on {day(version.adopted)}"
                + (f" (minute {version.minute})" if version.minute else "")
                + f"; its review is due {day(review_due(policy, version))}."
            )
        text += (
            f" Everyone it binds is asked to acknowledge it within "
            f"{council.acknowledge_within_days} days of joining or of a new version."
        )
        background.append(text)
    due = due_for_review(data, meeting)
    if due:
        names = ", ".join(p.title for p, _, _ in due)
        background.append(f"Due for review at or before the next meeting: {names}.")
    else:
        background.append("No policy is due for review before the next meeting.")
    background.append(
        "The acknowledgement register below lists councillors by name; staff and volunteers "
        "are shown as counts. The breach summary gives counts only; cases concerning "
        "councillors are reported in the confidential part of the meeting, and staffing "
        "matters to the staffing committee."
    )
    has_cases = any(c.received <= meeting for c in data.cases)
    drafted = draft_recommendation(data, meeting, has_cases=has_cases)
    return ItemText(
        title=title.strip() or default_title(data),
        purpose=purpose,
        background=background,
        recommendation=recommendation.strip()
        if recommendation and recommendation.strip()
        else drafted,
    )
