"""Kill tests beyond ordinary writes: ``restore --replace`` and ``import council --replace``
killed at random moments leave the old council or the new one, whole, never neither; evidence
added and disposed of by a writer killed at random loses nothing reported added and keeps
nothing reported disposed of.

``make test`` runs a few kills on small councils.  The full run (about 10,000 cases, many
kills) is ``KILL_RECORDS=40000 KILL_RUNS=10 python -m pytest tests/store/test_store_kill_switch.py
-s``; ``KILL_ROUNDS=80`` does the same for ``test_store_kill.py``."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest

from parishclerk.store import backup as bk
from parishclerk.store.check import check_folder
from parishclerk.store.repository import Store
from tests.store.store_helpers import verify_chain

RECORDS = int(os.environ.get("KILL_RECORDS", "400"))  # 40,000 records: about 10,000 cases
RUNS = int(os.environ.get("KILL_RUNS", "2"))
STATS: dict[str, Any] = {}


def _generate() -> Any:
    from tests.generated import load_generate

    return load_generate()


@pytest.fixture(scope="module")
def councils(tmp_path_factory) -> dict[str, Any]:
    """An old council (in a folder) and a new one (as a backup and as an interchange file with
    evidence beside it)."""
    gen = _generate()
    base = tmp_path_factory.mktemp("kill-switch")
    old = base / "old"
    gen.generate(RECORDS, old, seed=1)
    new = base / "new"
    store = gen.write(gen.build(RECORDS, seed=2), new)
    try:
        case = store.cases()[0].reference
        for i in range(3):
            shot = base / f"shot{i}.png"
            shot.write_bytes(random.Random(i).randbytes(300_000))
            store.add_evidence(
                case, shot, captured=store.case(case).received, by="Clerk", kind="screenshot"
            )
    finally:
        store.close()
    backup = bk.make_backup(new, base / "new.zip")
    doc = base / "x" / "council.json"
    doc.parent.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "parishclerk", "--data-dir", str(new), "export", "council"]
        + ["-o", str(doc), "--evidence"],
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    with Store.open(old, read_only=True) as s:
        old_data = canonical(s.snapshot())
    with Store.open(new, read_only=True) as s:
        new_data = canonical(s.snapshot())
    return {"old": old, "backup": backup, "doc": doc, "old_data": old_data, "new_data": new_data}


def canonical(data: Any) -> dict[str, list[bytes]]:
    """A council's records table by table, in a fixed order (an import keeps the records, not
    the order they were first written in)."""
    import dataclasses

    import orjson

    from parishclerk.domain.codec import encode

    out: dict[str, list[bytes]] = {"council": [orjson.dumps(encode(data.council))]}
    for f in dataclasses.fields(data):
        if f.name != "council":
            out[f.name] = sorted(orjson.dumps(encode(r)) for r in getattr(data, f.name))
    return out


def _timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    done = subprocess.run(argv, capture_output=True, env=env)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


@pytest.mark.parametrize("command", ["restore", "import council"])
def test_a_killed_switch_leaves_old_or_new(command, councils, tmp_path, isolated_home):
    env = {**os.environ, "PARISHCLERK_HOME": str(isolated_home)}
    work = tmp_path / "council"
    source = councils["backup"] if command == "restore" else councils["doc"]
    argv = [sys.executable, "-m", "parishclerk", "--data-dir", str(work), *command.split()]
    argv += [str(source), "--replace"]
    shutil.copytree(councils["old"], work, ignore=shutil.ignore_patterns(".lock"))
    whole = _timed(argv, env)  # how long an uninterrupted one takes
    rng = random.Random(f"{command}-{RECORDS}")
    seen = {"old": 0, "new": 0}
    for run in range(RUNS):
        shutil.rmtree(work)
        for left in tmp_path.glob(".council.*"):
            shutil.rmtree(left)
        shutil.copytree(councils["old"], work, ignore=shutil.ignore_patterns(".lock"))
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        # every other kill lands near the end, where the switch is
        low, high = (0.05, 0.95) if run % 2 == 0 else (0.8, 1.1)
        time.sleep(rng.uniform(whole * low, whole * high))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
        proc.stderr.close()
        with Store.open(work) as s:  # the next open finishes or undoes a switch cut short
            data = canonical(s.snapshot())
        if data == councils["new_data"]:
            seen["new"] += 1
        else:
            assert data == councils["old_data"], f"run {run}: neither old nor new ({err})"
            seen["old"] += 1
        assert not list(tmp_path.glob(".council.*")), "a half-built folder was left"
        verify_chain(work)
        assert check_folder(work) == []
    STATS[command] = {"runs": RUNS, "records": RECORDS, **seen, "seconds": round(whole, 2)}
    print(f"\n{command} --replace killed {RUNS} times at {RECORDS} records: {seen}")


EVIDENCE_WRITER = textwrap.dedent("""
    import hashlib, os, random, sys
    from datetime import date
    from pathlib import Path
    from parishclerk.domain.records import Case, Procedure, Status, Subject
    from parishclerk.store.repository import Store

    folder, start, scratch = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    store = Store.open(folder)
    print("open", flush=True)
    i = start
    while True:
        ref = f"SM-2026-{i:04d}"
        day = date(2026, 1, 1)
        store.open_case(Case(ref, day, "Clerk", Subject(name="A member of the public"),
                             Procedure.MODERATION, categories=["other"]))
        data = random.Random(i).randbytes(1000 + i * 7919 % 600_000)
        src = scratch / f"e{i}.png"
        src.write_bytes(data)
        store.add_evidence(ref, src, captured=day, by="Clerk", kind="screenshot")
        print(f"added {i} {hashlib.sha256(data).hexdigest()}", flush=True)
        if i % 2 == 0:
            store.move(ref, Status.ACTIONED, day)
            store.move(ref, Status.CLOSED, day)
            store.dispose_case(ref, day, "Deleted")
            print(f"disposed {i}", flush=True)
        i += 1
""")


def test_evidence_added_and_disposed_of_by_a_killed_writer(tmp_path):
    from parishclerk.domain.records import Council

    folder = tmp_path / "council"
    Store.create(folder, Council("Evidence Kill PC")).close()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    rng = random.Random(20261201)
    added: dict[int, str] = {}
    disposed: set[int] = set()
    start = 0
    rounds = max(3, RUNS * 2)
    for round_ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", EVIDENCE_WRITER, str(folder), str(start), str(scratch)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        if first != b"open\n":
            proc.kill()
            pytest.fail(proc.stderr.read().decode())
        time.sleep(rng.uniform(0.1, 0.8))
        proc.send_signal(signal.SIGKILL)
        out = proc.stdout.read()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
        for line in out.split(b"\n")[:-1]:
            words = line.decode().split()
            if words[0] == "added":
                added[int(words[1])] = words[2]
            elif words[0] == "disposed":
                disposed.add(int(words[1]))
        with Store.open(folder) as s:  # finishes an interrupted add or disposal
            items = {int(e.case[-4:]): e for e in s.snapshot().evidence}
            last = max(items, default=-1)
        for i, sha in added.items():  # nothing reported added is lost
            assert i in items and items[i].sha256 == sha, f"round {round_}: evidence {i} lost"
            path = folder / "evidence" / sha
            if i in disposed or items[i].disposed is not None:
                assert not path.exists(), f"round {round_}: disposed evidence {i} kept"
            else:
                assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
        for i in disposed:
            assert items[i].disposed is not None
        assert check_folder(folder) == [], f"round {round_}"
        verify_chain(folder)
        start = last + 1
    STATS["evidence"] = {"rounds": rounds, "added": len(added), "disposed": len(disposed)}
    print(f"\nevidence writer killed {rounds} times: {len(added)} added, {len(disposed)} disposed")
    assert added and disposed
