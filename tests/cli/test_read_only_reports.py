"""--read-only never writes: a pack or a subject access export made read-only is not recorded
(the folder is byte for byte as it was); made writable, it is."""

from __future__ import annotations

import pytest

from .conftest import folder_bytes


@pytest.mark.parametrize(
    "report",
    [
        ["pack", "--meeting", "2026-11-23"],
        ["pack", "--meeting", "2026-11-23", "--confidential"],
        ["subject", "p1"],
    ],
)
def test_a_read_only_report_is_not_recorded(run, demo_dir, tmp_path, report):
    before = folder_bytes(demo_dir)
    out = tmp_path / "r.pdf"
    r = run("--read-only", "--data-dir", demo_dir, "report", *report, "-o", out)
    assert r.code == 0, r.err
    assert "not recorded" in r.err + r.out and out.stat().st_size > 0
    assert folder_bytes(demo_dir) == before
    r = run("--data-dir", demo_dir, "report", *report, "-o", out)
    assert r.code == 0, r.err
    assert folder_bytes(demo_dir) != before  # recorded: the pack or the request answered
