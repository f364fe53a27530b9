"""The Dashboard's due rules as they stood before they were made faster (issue 11), kept
verbatim as the reference the fast ones must agree with on generated councils (see
``test_due_same.py``).  Not used by the program."""

from __future__ import annotations

from datetime import date, timedelta

from parishclerk.domain.dates import add_months, add_years, show
from parishclerk.domain.due import Outstanding
from parishclerk.domain.due_items import DueItem, DueKind, Ref
from parishclerk.domain.procedures import retention, warning_live_until
from parishclerk.domain.records import CouncilData, Policy, PolicyVersion, Status


def current_version(
    data: CouncilData, policy_id: str, on: date | None = None
) -> PolicyVersion | None:
    versions = [v for v in data.versions_of(policy_id) if on is None or v.adopted <= on]
    return versions[-1] if versions else None


def review_due(policy: Policy, version: PolicyVersion) -> date:
    return version.next_review or add_months(version.adopted, policy.review_months)


def binding_version(data: CouncilData, policy_id: str, on: date) -> PolicyVersion | None:
    """The earliest version a person must have acknowledged to be up to date: the newest version
    that needed fresh acknowledgement (a trivial correction does not)."""
    versions = [v for v in data.versions_of(policy_id) if v.adopted <= on]
    for v in reversed(versions):
        if v.reacknowledge:
            return v
    return versions[0] if versions else None


def outstanding_acknowledgements(
    data: CouncilData, on: date, window: int | None = None
) -> list[Outstanding]:
    """Everyone bound by a policy whose acknowledgement of it is missing or lapsed; a yearly
    re-acknowledgement counts once it falls within ``window`` days (the council's default)."""
    days = data.council.due_soon_days if window is None else window
    grace = timedelta(days=data.council.acknowledge_within_days)
    by_person: dict[tuple[str, str], tuple[date, date]] = {}
    version_policy = {v.id: v.policy for v in data.versions}
    version_adopted = {v.id: v.adopted for v in data.versions}
    for ack in data.acknowledgements:
        pol = version_policy.get(ack.version)
        if pol is None or ack.on > on:
            continue
        key = (ack.person, pol)
        # remember the newest version acknowledged, by adoption date, and the latest ack date
        prev = by_person.get(key)
        if (
            prev is None
            or version_adopted[ack.version] > prev[0]
            or (version_adopted[ack.version] == prev[0] and ack.on > prev[1])
        ):
            by_person[key] = (version_adopted[ack.version], ack.on)
    out: list[Outstanding] = []
    for policy in data.policies:
        need = binding_version(data, policy.id, on)
        if need is None:
            continue
        latest = current_version(data, policy.id, on) or need  # need is one of the versions
        binds = set(policy.binds)
        for person in data.people:
            if person.role not in binds or not person.active_on(on):
                continue
            got = by_person.get((person.id, policy.id))
            start = max(need.adopted, person.joined)
            if got is None or got[0] < need.adopted:
                # owed from the later of joining and the adoption of the version that needs
                # acknowledging; a correction adopted since (not needing it) does not move the
                # date, but the item names it, since its text is the one to acknowledge now
                reason = (
                    ("joined " + show(person.joined))
                    if person.joined > need.adopted
                    else (f"version {need.label} adopted {show(need.adopted)}")
                )
                if latest.id != need.id:
                    reason += f"; {latest.label}, a correction, since {show(latest.adopted)}"
                out.append(Outstanding(person, policy, latest, start + grace, reason))
            elif policy.reacknowledge_yearly:
                again = add_years(got[1], 1)
                if again <= on + timedelta(days=days):
                    out.append(
                        Outstanding(
                            person, policy, latest, again, f"yearly, last on {show(got[1])}"
                        )
                    )
    return out


def _item(
    kind: DueKind, due: date, title: str, ref: Ref, overdue: bool, person: str | None = None
) -> DueItem:
    return DueItem(kind, due, title, ref, overdue, person)


def _order(item: DueItem) -> tuple[date, str, str]:
    return (item.due, item.kind, item.title)


def compute_due(
    data: CouncilData,
    on: date,
    window: int | None = None,
    outstanding: list[Outstanding] | None = None,
) -> list[DueItem]:
    """Everything overdue on ``on`` or due within ``window`` days (the council's default);
    ``outstanding``: ``outstanding_acknowledgements(data, on, window)`` when the caller has it."""
    days = data.council.due_soon_days if window is None else window
    horizon = on + timedelta(days=days)
    items: list[DueItem] = []

    def add(kind: DueKind, due: date, title: str, ref: Ref, person: str | None = None) -> None:
        if due <= horizon:
            items.append(_item(kind, due, title, ref, due < on, person))

    for policy in data.policies:
        version = current_version(data, policy.id, on)
        if version is not None:
            add(
                DueKind.POLICY_REVIEW,
                review_due(policy, version),
                f"Review {policy.title} (version {version.label})",
                Ref("policies", policy.id),
            )
    if outstanding is None:
        outstanding = outstanding_acknowledgements(data, on, days)
    for o in outstanding:
        add(
            DueKind.ACKNOWLEDGEMENT,
            o.due,
            # what tells the rows apart first: one person owes several policies
            f"{o.policy.title} {o.version.label}: {o.person.name} to acknowledge ({o.reason})",
            Ref("versions", o.version.id),
            o.person.id,
        )
    for person in data.people:
        if (
            person.is_member
            and person.interests_registered is None
            and person.active_on(on)
            and person.joined > add_years(on, -1)
        ):
            add(
                DueKind.INTERESTS,
                person.joined + timedelta(days=28),
                f"{person.name} to register interests (joined {show(person.joined)})",
                Ref("people", person.id),
                person.id,
            )
    people = {p.id: p for p in data.people}
    council = data.council
    append = items.append
    for case in data.cases:
        status = case.status
        if status is not Status.CLOSED and status is not Status.WITHDRAWN:
            action = case.next_action
            if action is not None and action.due <= horizon:
                append(
                    _item(
                        DueKind.CASE_ACTION,
                        action.due,
                        f"{case.reference}: {action.what}",
                        Ref("cases", case.reference),
                        action.due < on,
                    )
                )
        elif case.disposed_on is None:
            until = case.retain_until
            if until is None:
                until, _ = retention(case, council, people.get(case.subject.person or ""))
            if until is not None:
                add(
                    DueKind.RETENTION,
                    until,
                    f"{case.reference}: case file past retention, review for disposal",
                    Ref("cases", case.reference),
                )
        if case.decided_on is not None:
            live = warning_live_until(case, council)
            if live is not None and live >= on:
                add(
                    DueKind.WARNING_EXPIRES,
                    live,
                    f"{case.reference}: warning stops being live",
                    Ref("cases", case.reference),
                )
    for acct in data.accounts:
        ref = Ref("accounts", acct.id)
        if acct.last_post is not None and add_months(acct.last_post, 1) < on:
            add(
                DueKind.ACCOUNT_QUIET,
                add_months(acct.last_post, 1),
                f"{acct.platform} {acct.handle} quiet since {show(acct.last_post)}",
                ref,
            )
        if acct.access_review is not None:
            add(
                DueKind.ACCESS_REVIEW,
                acct.access_review,
                f"Review who can post as {acct.platform} {acct.handle}",
                ref,
            )
    for rem in data.reminders:
        if not rem.done:
            add(DueKind.REMINDER, rem.due, rem.title, Ref("reminders", rem.id))
    items.sort(key=_order)
    return items
