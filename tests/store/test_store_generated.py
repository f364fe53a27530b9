"""bench/generate.py makes a council that passes every check, of exactly the size asked for."""

from __future__ import annotations

import pytest

from parishclerk.domain import interchange
from parishclerk.store.repository import Store
from tests.store.store_helpers import verify_chain


@pytest.mark.parametrize("records", [20, 100, 1234])
def test_generated_council_is_valid_and_sized(generate, tmp_path, records):
    counts = generate.generate(records, tmp_path / "c", seed=7)
    assert sum(counts.values()) == records
    assert counts["events"] >= counts["cases"] >= 1
    if records >= 100:  # mostly cases with their events
        assert counts["cases"] + counts["events"] > records // 2
    verify_chain(tmp_path / "c")  # includes parishclerk.store.check when present
    with Store.open(tmp_path / "c", read_only=True) as s:
        data = s.snapshot()
    doc = interchange.to_document(data)
    assert interchange.to_document(interchange.from_document(doc)) == doc  # every rule holds


def test_same_seed_same_council(generate):
    assert generate.build(500, seed=3) == generate.build(500, seed=3)
    assert generate.build(500, seed=3) != generate.build(500, seed=4)


def test_command_line(generate, tmp_path, capsys):
    assert generate.main(["--records", "300", "--out", str(tmp_path / "c")]) == 0
    assert "300 records" in capsys.readouterr().out
    assert generate.main(["--records", "300", "--out", str(tmp_path / "c")]) == 1
