"""What one person's page shows, and a new council's first steps: derived from the records for a
given day, never stored.  No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .due import Outstanding, compute_due, current_version, outstanding_acknowledgements
from .due_items import DueItem
from .records import Account, Acknowledgement, Case, CouncilData, Person, Policy, PolicyVersion


@dataclass(frozen=True)
class Standing:
    """Where a person stands with one policy's current version."""

    policy: Policy
    version: PolicyVersion
    bound: bool
    """The policy binds the person's role."""
    acknowledged: Acknowledgement | None
    """Their latest acknowledgement of any version of the policy (``None``: never)."""
    acknowledged_label: str
    """The label of the version that acknowledgement was of."""
    owed: Outstanding | None
    """What they owe now, if anything (``None`` when up to date, not bound or gone)."""


def standings(data: CouncilData, person: Person, on: date) -> list[Standing]:
    """Every policy with a current version, and where ``person`` stands with it."""
    owed = {o.policy.id: o for o in outstanding_acknowledgements(data, on) if o.person == person}
    by_id = {v.id: v for v in data.versions}
    out: list[Standing] = []
    for policy in data.policies:
        version = current_version(data, policy.id, on)
        if version is None:
            continue
        held = [
            a
            for a in data.acknowledgements
            if a.person == person.id and a.version in by_id and by_id[a.version].policy == policy.id
        ]
        latest = max(held, key=lambda a: (by_id[a.version].adopted, a.on), default=None)
        out.append(
            Standing(
                policy,
                version,
                person.role in policy.binds,
                latest,
                by_id[latest.version].label if latest else "",
                owed.get(policy.id),
            )
        )
    return out


def cases_about(data: CouncilData, person_id: str) -> list[Case]:
    """The cases whose subject is this person, newest first."""
    return sorted(
        (c for c in data.cases if c.subject.person == person_id),
        key=lambda c: (c.received, c.reference),
        reverse=True,
    )


def accounts_of(data: CouncilData, person_id: str) -> list[Account]:
    """The council's social media accounts this person may post on."""
    return [a for a in data.accounts if person_id in a.authorised]


def due_for(data: CouncilData, person_id: str, on: date) -> list[DueItem]:
    """What is overdue or due soon for this person: their acknowledgements, their register of
    interests, and the next actions of the cases about them."""
    cases = {c.reference for c in data.cases if c.subject.person == person_id}
    return [
        item
        for item in compute_due(data, on)
        if item.person == person_id
        or (item.ref.table == "cases" and item.ref.id in cases)
        or (item.ref.table == "people" and item.ref.id == person_id)
    ]


# -- first steps of a new council ----------------------------------------------------------------

PEOPLE, POLICIES, ACKNOWLEDGEMENTS, ACCOUNTS = "people", "policies", "acknowledgements", "accounts"


@dataclass(frozen=True)
class Step:
    """One first step: ``name`` is one of the four above; ``detail`` says where it stands;
    ``policy`` (and ``version``) the policy the step's next press concerns."""

    name: str
    title: str
    done: bool
    detail: str
    policy: str | None = None
    version: str | None = None


def _plural(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def first_steps(data: CouncilData, on: date, *, count_owed: bool = True) -> list[Step]:
    """The four steps that set a council up, each done or not as the records stand on ``on``:
    its people, its policies each with a current version, who has acknowledged each policy, and
    its social media accounts.  ``count_owed``: say how many acknowledgements are still owed
    (the costly part, left out when only done or not matters)."""
    steps: list[Step] = []
    people = [p for p in data.people if p.active_on(on)]
    if people:
        steps.append(Step(PEOPLE, "People", True, f"{_plural(len(people), 'person', 'people')}"))
    elif data.people:
        steps.append(Step(PEOPLE, "People", False, "nobody held is serving today"))
    else:
        steps.append(Step(PEOPLE, "People", False, "none yet"))

    unversioned = [p for p in data.policies if current_version(data, p.id, on) is None]
    if not data.policies:
        steps.append(Step(POLICIES, "Policies and their current versions", False, "none yet"))
    elif unversioned:
        first = unversioned[0]
        more = f" (and {len(unversioned) - 1} more)" if len(unversioned) > 1 else ""
        steps.append(
            Step(
                POLICIES,
                "Policies and their current versions",
                False,
                f"{first.title} has no version adopted yet{more}",
                first.id,
            )
        )
    else:
        steps.append(
            Step(
                POLICIES,
                "Policies and their current versions",
                True,
                f"{_plural(len(data.policies), 'policy', 'policies')}, each with its version",
            )
        )

    title = "Who has acknowledged them"
    by_version = {v.id: v.policy for v in data.versions}
    acked = {by_version.get(a.version) for a in data.acknowledgements}
    binding = [
        p
        for p in data.policies
        if current_version(data, p.id, on) is not None
        and any(person.role in p.binds for person in people)
    ]
    if not people or not binding:
        why = "add people first" if not people else "add a policy with its version first"
        if people and data.policies and not unversioned:
            why = "no policy binds anyone held: check whom each binds"
        steps.append(Step(ACKNOWLEDGEMENTS, title, False, why))
    else:
        missing = [p for p in binding if p.id not in acked]
        if missing:
            first = missing[0]
            version = current_version(data, first.id, on)
            steps.append(
                Step(
                    ACKNOWLEDGEMENTS,
                    title,
                    False,
                    f"none recorded yet for {first.title}"
                    + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
                    first.id,
                    version.id if version else None,
                )
            )
        else:
            owed = len(outstanding_acknowledgements(data, on)) if count_owed else 0
            steps.append(
                Step(
                    ACKNOWLEDGEMENTS,
                    title,
                    True,
                    f"recorded for every policy; {owed} still owed (see the Dashboard)"
                    if owed
                    else "recorded for every policy; nobody owes one",
                )
            )

    if data.accounts:
        steps.append(
            Step(ACCOUNTS, "Social media accounts", True, _plural(len(data.accounts), "account"))
        )
    else:
        steps.append(Step(ACCOUNTS, "Social media accounts", False, "none yet"))
    return steps


def set_up(data: CouncilData, on: date) -> bool:
    """Every first step is done: the council opens on its Dashboard."""
    if not data.accounts or not data.people or not data.policies or not data.acknowledgements:
        return False  # the usual case for a new council, found without looking further
    return all(step.done for step in first_steps(data, on, count_owed=False))
