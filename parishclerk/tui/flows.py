"""The clerk's tasks that more than one page starts: each shows a form and saves through the
store; errors become messages; read-only shows records without a way to save."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..domain.due import current_version, outstanding_acknowledgements
from ..domain.records import Acknowledgement, PolicyVersion
from .widgets.dialogs import InfoScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from .app import ParishClerkApp


def show_form(app: "ParishClerkApp", form: "Screen[Any]",
              then: Callable[[Any], None] | None = None) -> None:
    def done(result: Any) -> None:
        if result is not None:
            app.data_changed()
            if then is not None:
                then(result)

    app.push_screen(form, callback=done)


def refuse_if_read_only(app: "ParishClerkApp") -> bool:
    if app.read_only:
        app.notify("This council is open read-only: nothing can be changed.", severity="warning")
        return True
    return False


def usual_how(app: "ParishClerkApp") -> str:
    counts = Counter(a.how for a in app.data().acknowledgements)
    return counts.most_common(1)[0][0] if counts else "signed form"


def record_ack(app: "ParishClerkApp", person_id: str, version_id: str) -> None:
    from .forms.ack import AckForm

    if refuse_if_read_only(app):
        return
    store = app.store
    assert store is not None
    data = app.data()
    person, version = data.person(person_id), store.version(version_id)
    policy = store.policy(version.policy)
    if person is None:
        return
    show_form(app, AckForm(store.record_acknowledgement, person, version, policy.title,
                           today=app.today, usual=usual_how(app)),
              then=lambda ack: app.notify(f"Recorded: {person.name}, {policy.title} "
                                          f"{version.label}.", markup=False))


def record_meeting(app: "ParishClerkApp", version_id: str | None = None) -> None:
    from .forms.ack import MeetingForm

    if refuse_if_read_only(app):
        return
    data, today = app.data(), app.today
    versions: list[tuple[str, PolicyVersion]] = []
    bound: dict[str, list[Any]] = {}
    for policy in data.policies:
        v = current_version(data, policy.id, today)
        if v is None:
            continue
        versions.append((policy.title, v))
        bound[v.id] = sorted((p for p in data.people if p.role in policy.binds
                              and p.active_on(today)), key=lambda p: p.name)
    owed: dict[str, list[Any]] = {}
    for o in outstanding_acknowledgements(data, today):
        owed.setdefault(o.version.id, []).append(o.person)
    store = app.store
    assert store is not None

    def save(acks: list[Acknowledgement]) -> None:
        with store.transaction():
            for ack in acks:
                store.record_acknowledgement(ack)

    show_form(app, MeetingForm(save, versions, owed, bound, today=today, version=version_id),
              then=lambda acks: app.notify(f"Recorded {len(acks)} acknowledgements."))


def issue_version(app: "ParishClerkApp", policy_id: str) -> None:
    from .forms.policy import VersionForm

    if refuse_if_read_only(app):
        return
    store = app.store
    assert store is not None
    policy = store.policy(policy_id)
    existing = {v.id for v in store.versions()}
    n = len(store.versions(policy_id)) + 1
    while f"{policy_id}-{n}" in existing:
        n += 1

    def save(version: PolicyVersion) -> None:
        with store.transaction():
            store.save_version(replace(version, document=None))
            if version.document:
                store.attach_document(replace(version, document=None),
                                      Path(version.document).expanduser())

    def after(version: PolicyVersion) -> None:
        owe = [o.person.name for o in outstanding_acknowledgements(app.data(), app.today)
               if o.policy.id == policy_id]
        text = (f"{len(owe)} now owe an acknowledgement of {policy.title} {version.label}:\n\n"
                + "\n".join(f"  {name}" for name in sorted(owe))) if owe else \
            "Nobody owes an acknowledgement of it."
        app.push_screen(InfoScreen(f"{policy.title} {version.label} issued", text))

    latest = current_version(app.data(), policy_id)
    show_form(app, VersionForm(save, policy, new_id=f"{policy_id}-{n}", today=app.today,
                               latest=latest), then=after)


def edit_person(app: "ParishClerkApp", pid: str | None) -> None:
    from .forms.person import PersonForm

    store = app.store
    assert store is not None
    if pid is None and refuse_if_read_only(app):
        return
    person = store.person(pid) if pid else None

    def save(p: Any) -> None:
        with store.transaction():
            store.save_person(p)
            if person is not None and p.left != person.left:
                store.fix_retention(p)

    form = PersonForm(save, person, new_id=store.new_id("people", "p"), today=app.today)
    form.view_only = app.read_only
    show_form(app, form)


def edit_account(app: "ParishClerkApp", aid: str | None) -> None:
    from .forms.account import AccountForm

    store = app.store
    assert store is not None
    if aid is None and refuse_if_read_only(app):
        return
    account = next((a for a in store.accounts() if a.id == aid), None) if aid else None
    form = AccountForm(store.save_account, account, new_id=store.new_id("accounts", "a"),
                       people=store.people())
    form.view_only = app.read_only
    show_form(app, form)


def edit_reminder(app: "ParishClerkApp", rid: str | None) -> None:
    from .forms.reminder import ReminderForm

    store = app.store
    assert store is not None
    if rid is None and refuse_if_read_only(app):
        return
    reminder = next((r for r in store.reminders() if r.id == rid), None) if rid else None
    form = ReminderForm(store.save_reminder, reminder, new_id=store.new_id("reminders", "r"),
                        today=app.today)
    form.view_only = app.read_only
    show_form(app, form)


def open_ref(app: "ParishClerkApp", table: str, key: str, person: str | None = None) -> None:
    """Open the record a due item (or a dashboard line) points at."""
    if table == "cases":
        from .screens.case import CaseScreen

        app.push_screen(CaseScreen(key))
    elif table == "versions" and person and not app.read_only:
        record_ack(app, person, key)
    elif table in ("versions", "policies"):
        from .screens.policy import PolicyScreen

        policy = app.store.version(key).policy if table == "versions" else key  # type: ignore
        app.push_screen(PolicyScreen(policy))
    elif table == "people":
        edit_person(app, key)
    elif table == "accounts":
        edit_account(app, key)
    elif table == "reminders":
        edit_reminder(app, key)
