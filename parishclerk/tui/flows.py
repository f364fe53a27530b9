"""The clerk's tasks that more than one page starts: each shows a form and saves through the
store; errors become messages; read-only shows records without a way to save.

Pages call these (calls down); these read the open council through :func:`.session.session` and
tell the app of a change by posting :class:`.messages.DataChanged` (messages up).  Nothing here
imports a page or the app: opening a record is a message (:func:`open_ref`) the app handles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.dates import show
from ..domain.due import current_version, outstanding_acknowledgements
from ..domain.records import Acknowledgement, Case, PolicyVersion
from .errors import USER_ERRORS
from .messages import DataChanged, OpenRecord
from .session import session
from .widgets.dialogs import InfoScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    Clerk = App[Any]


READ_ONLY = "This council is open read-only: nothing can be changed."


def show_form(app: Clerk, form: Screen[Any], then: Callable[[Any], None] | None = None) -> None:
    """Show a form; after a save, every page sees the change (then ``then(record)``)."""

    def done(result: Any) -> None:
        if result is not None:
            app.post_message(DataChanged())
            if then is not None:  # after the app has taken in the change
                app.call_later(then, result)

    app.push_screen(form, callback=done)


def write(app: Clerk, fn: Callable[[], Any]) -> bool:
    """Run a store write; refuse in read-only; an error becomes a message, not a traceback."""
    if session(app).read_only or session(app).store is None:
        app.notify(READ_ONLY, severity="warning")
        return False
    try:
        fn()
    except USER_ERRORS as exc:
        app.notify(str(exc), severity="error", markup=False, timeout=8)
        return False
    store = session(app).store
    if store is not None:  # a daily backup that failed after the change was saved, say
        for line in store.notices:
            app.notify(line, title="Data folder", severity="warning", timeout=20, markup=False)
        store.notices.clear()
    app.post_message(DataChanged())
    return True


def refuse_if_read_only(app: Clerk) -> bool:
    if session(app).read_only:
        app.notify(READ_ONLY, severity="warning")
        return True
    return False


def usual_how(app: Clerk) -> str:
    counts = Counter(a.how for a in session(app).data().acknowledgements)
    return counts.most_common(1)[0][0] if counts else "signed form"


def record_ack(app: Clerk, person_id: str, version_id: str) -> None:
    """Record one acknowledgement.  One already recorded for that version is evidence: it is
    never replaced without the Clerk confirming that they mean to correct it."""
    from .forms.ack import AckForm
    from .widgets.dialogs import ConfirmScreen

    if refuse_if_read_only(app):
        return
    store = session(app).store
    assert store is not None
    data = session(app).data()
    person, version = data.person(person_id), store.version(version_id)
    policy = store.policy(version.policy)
    if person is None:
        return
    what = f"{policy.title} {version.label}"
    existing = store.acknowledgement(person_id, version_id)

    def open_form(correcting: bool) -> None:
        def save(ack: Acknowledgement) -> None:
            store.record_acknowledgement(ack, replace_existing=correcting)

        form = AckForm(
            save,
            person,
            version,
            policy.title,
            today=session(app).today,
            usual=existing.how if existing else usual_how(app),
            on=existing.on if correcting and existing else None,
        )
        if correcting and existing is not None:
            form.form_title = f"Correct: {person.name} acknowledges {what}"
        show_form(
            app,
            form,
            then=lambda ack: app.notify(
                f"{'Corrected' if correcting else 'Recorded'}: {person.name}, {what}.", markup=False
            ),
        )

    yearly_due = (
        existing is not None
        and policy.reacknowledge_yearly
        and any(
            o.person.id == person_id and o.policy.id == policy.id
            for o in outstanding_acknowledgements(data, session(app).today)
        )
    )
    if existing is None or yearly_due:  # this year's is kept alongside last year's
        open_form(False)
        return
    already = f"{person.name} already acknowledged {what} on {show(existing.on)} ({existing.how})."

    def answered(yes: bool | None) -> None:
        if yes:
            open_form(True)
        else:
            app.notify(already + " That record is kept.", markup=False)

    app.push_screen(
        ConfirmScreen(
            f"{already}\n\nCorrect that record? Only do this if it was recorded wrongly.",
            "Correct it",
        ),
        callback=answered,
    )


def meeting_recorded(who: list[str], named: int = 3) -> str:
    """The toast after a meeting's acknowledgements: short enough to show whole (a toast is a
    few lines), the first names and how many more."""
    count = f"{len(who)} acknowledgement{'s' if len(who) != 1 else ''} recorded"
    if len(who) <= named + 1:
        return f"{count}: {', '.join(who)}."
    return f"{count}: {', '.join(who[:named])} and {len(who) - named} more."


def record_meeting(app: Clerk, version_id: str | None = None) -> None:
    from .forms.ack import MeetingForm

    if refuse_if_read_only(app):
        return
    data, today = session(app).data(), session(app).today
    versions: list[tuple[str, PolicyVersion]] = []
    bound: dict[str, list[Any]] = {}
    for policy in data.policies:
        v = current_version(data, policy.id, today)
        if v is None:
            continue
        versions.append((policy.title, v))
        bound[v.id] = sorted(
            (p for p in data.people if p.role in policy.binds and p.active_on(today)),
            key=lambda p: p.name,
        )
    owed: dict[str, list[Any]] = {}
    for o in outstanding_acknowledgements(data, today):
        owed.setdefault(o.version.id, []).append(o.person)
    acked: dict[tuple[str, str], Acknowledgement] = {}
    for a in sorted(data.acknowledgements, key=lambda a: a.on):  # the latest of each
        acked[(a.person, a.version)] = a
    names = {p.id: p.name for p in data.people}
    store = session(app).store
    assert store is not None

    def save(acks: list[Acknowledgement]) -> None:
        # only those who owe can be ticked (a yearly one is kept beside last year's); a record
        # made meanwhile is refused by the store, and the form shows its message
        with store.transaction():
            for ack in acks:
                store.record_acknowledgement(ack)

    def done(acks: list[Acknowledgement]) -> None:
        who = sorted(names.get(a.person, a.person) for a in acks)
        app.notify(meeting_recorded(who), markup=False)

    show_form(
        app,
        MeetingForm(save, versions, owed, bound, today=today, version=version_id, acked=acked),
        then=done,
    )


def issue_version(app: Clerk, policy_id: str) -> None:
    from .forms.policy import VersionForm

    if refuse_if_read_only(app):
        return
    store = session(app).store
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
                store.attach_document(
                    replace(version, document=None), Path(version.document).expanduser()
                )

    def after(version: PolicyVersion) -> None:
        owe = [
            o.person.name
            for o in outstanding_acknowledgements(session(app).data(), session(app).today)
            if o.policy.id == policy_id
        ]
        text = (
            (
                f"{len(owe)} now owe an acknowledgement of {policy.title} {version.label}:\n\n"
                + "\n".join(f"  {name}" for name in sorted(owe))
            )
            if owe
            else "Nobody owes an acknowledgement of it."
        )
        app.push_screen(InfoScreen(f"{policy.title} {version.label} issued", text))

    def owing(version: PolicyVersion) -> int:
        data = session(app).data()
        trial = replace(data, versions=[*data.versions, version])
        return sum(
            1
            for o in outstanding_acknowledgements(trial, session(app).today)
            if o.policy.id == policy_id
        )

    latest = current_version(session(app).data(), policy_id)
    show_form(
        app,
        VersionForm(
            save,
            policy,
            new_id=f"{policy_id}-{n}",
            today=session(app).today,
            latest=latest,
            existing=store.versions(policy_id),
            owing=owing,
        ),
        then=after,
    )


def edit_person(app: Clerk, pid: str | None) -> None:
    from .forms.person import PersonForm

    store = session(app).store
    assert store is not None
    if pid is None and refuse_if_read_only(app):
        return
    person = store.person(pid) if pid else None

    def save(p: Any) -> None:
        with store.transaction():
            store.save_person(p)
            if person is not None and p.left != person.left:
                store.fix_retention(p)

    form = PersonForm(save, person, new_id=store.new_id("people", "p"), today=session(app).today)
    form.view_only = session(app).read_only
    show_form(app, form)


def edit_account(app: Clerk, aid: str | None) -> None:
    from .forms.account import AccountForm

    store = session(app).store
    assert store is not None
    if aid is None and refuse_if_read_only(app):
        return
    account = next((a for a in store.accounts() if a.id == aid), None) if aid else None
    form = AccountForm(
        store.save_account, account, new_id=store.new_id("accounts", "a"), people=store.people()
    )
    form.view_only = session(app).read_only
    show_form(app, form)


def edit_reminder(
    app: Clerk, rid: str | None, window: int | None = None, widest: bool = False
) -> None:
    """Add or change a reminder; afterwards say when it is due, and whether that is beyond the
    Due page's ``window`` of days (``widest``: there is no wider one to press w for)."""
    from .forms.reminder import ReminderForm

    store = session(app).store
    assert store is not None
    if rid is None and refuse_if_read_only(app):
        return
    reminder = next((r for r in store.reminders() if r.id == rid), None) if rid else None
    form = ReminderForm(
        store.save_reminder,
        reminder,
        new_id=store.new_id("reminders", "r"),
        today=session(app).today,
        held=store.reminders(),
    )
    form.view_only = session(app).read_only

    def saved(rem: Any) -> None:
        text = f"{'Saved' if reminder else 'Added'}: {rem.title}, due {show(rem.due)}"
        if window is not None and rem.due > session(app).today + timedelta(days=window):
            text += f" (beyond the {window}-day view" + (
                ")" if widest else "; press w to look further)"
            )
        app.notify(text, markup=False)

    show_form(app, form, then=saved)


def open_ref(app: Clerk, table: str, key: str, person: str | None = None) -> None:
    """Ask the app to open the record a due item (or a dashboard line) points at."""
    app.post_message(OpenRecord(table, key, person))


def new_case(app: Clerk) -> None:
    """Log a breach; once saved, its case opens."""
    from .forms.case import CaseForm

    store = session(app).store
    assert store is not None
    data, today = session(app).data(), session(app).today

    def opened(case: Case) -> None:
        app.post_message(OpenRecord("cases", case.reference))

    show_form(
        app,
        CaseForm(
            store.open_case,
            None,
            reference=store.new_reference(today.year),
            people=data.people,
            council=data.council,
            categories=store.categories(),
            today=today,
        ),
        then=opened,
    )


def edit_case(app: Clerk, reference: str) -> None:
    """A case's details (read-only: shown, not editable)."""
    from .forms.case import CaseForm

    store = session(app).store
    assert store is not None
    data = session(app).data()
    form = CaseForm(
        store.save_case,
        store.case(reference),
        reference=reference,
        people=data.people,
        council=data.council,
        categories=store.categories(),
        today=session(app).today,
    )
    form.view_only = session(app).read_only
    show_form(app, form)


def record_left(app: Clerk, person_id: str) -> None:
    """Record that someone left (today, or the day they joined if that is later), after a
    confirmation; their records are kept."""
    from .widgets.dialogs import ConfirmScreen

    if refuse_if_read_only(app):
        return
    store = session(app).store
    assert store is not None
    person = store.person(person_id)
    if person.left is not None:
        app.notify(f"{person.name} left on {show(person.left)}.", markup=False)
        return
    day = max(session(app).today, person.joined)

    def archive() -> None:
        with store.transaction():
            store.save_person(replace(person, left=day))
            store.fix_retention(replace(person, left=day))

    def answered(yes: bool | None) -> None:
        if yes:
            write(app, archive)

    app.push_screen(
        ConfirmScreen(
            f"Record that {person.name} left on {show(day)}? Their records are kept.", "Record"
        ),
        callback=answered,
    )


def edit_policy(app: Clerk, policy_id: str | None, *, then_version: bool = False) -> None:
    """Add or change a policy (read-only: shown, not editable); with ``then_version``, a new
    policy goes on to the form for its current version."""
    from .forms.policy import PolicyForm

    store = session(app).store
    assert store is not None
    if policy_id is None and refuse_if_read_only(app):
        return
    policy = store.policy(policy_id) if policy_id else None
    form = PolicyForm(store.save_policy, policy, new_id=store.new_id("policies", "pol"))
    form.view_only = session(app).read_only
    after = (lambda saved: issue_version(app, saved.id)) if then_version and not policy else None
    show_form(app, form, then=after)


def import_people(app: Clerk) -> None:
    """People from a spreadsheet (CSV): every bad row is listed and nothing is saved until the
    file is clean; a row matching someone held (by id or name) updates them."""
    from .forms.people_import import PeopleImportForm

    if refuse_if_read_only(app):
        return
    store = session(app).store
    assert store is not None

    def save(people: Any) -> None:
        with store.transaction():
            for person in people.added + people.updated:
                store.save_person(person)

    def done(people: Any) -> None:
        app.notify(
            f"{len(people.added)} added, {len(people.updated)} updated from {people.name}.",
            markup=False,
        )

    show_form(app, PeopleImportForm(save, store.people), then=done)
