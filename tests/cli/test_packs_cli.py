"""The report commands of the packs work, end to end: the public pack as HTML, the breach log's
--open and its range plus every open case."""

from __future__ import annotations

import re

from .pdf_text import text_of


def test_pack_as_html(run, demo_dir, tmp_path):
    out = tmp_path / "pack.html"
    r = run(
        "report",
        "pack",
        "--meeting",
        "8/9/2026",
        "--item",
        "9",
        "--html",
        "-o",
        out,
        "--data-dir",
        demo_dir,
    )
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in text
    assert "<h1>Item 9: Social Media Policy: annual review</h1>" in text
    assert not re.search(r"\bSM-\d{4}-\d+", text)  # no case reference in the public pack
    r = run(
        "report",
        "pack",
        "--meeting",
        "8/9/2026",
        "--html",
        "--confidential",
        "-o",
        tmp_path / "c.html",
        "--data-dir",
        demo_dir,
    )
    assert r.code == 1 and "confidential part is a PDF only" in r.err
    assert not (tmp_path / "c.html").exists()


def test_breach_log_open_and_range(run, demo_dir, tmp_path):
    every = tmp_path / "all.pdf"
    assert run("report", "breaches", "-o", every, "--data-dir", demo_dir).code == 0
    opened = tmp_path / "open.pdf"
    r = run("report", "breaches", "--open", "-o", opened, "--data-dir", demo_dir)
    assert r.code == 0, r.err
    text = text_of(opened)
    assert "Open cases only" in text and "Closed cases (" not in text
    assert re.search(r"SM-\d{4}-\d+", text)  # the demo council has open cases
    ranged = tmp_path / "range.pdf"
    r = run("report", "breaches", "--from", "1/1/2099", "-o", ranged, "--data-dir", demo_dir)
    assert r.code == 0, r.err
    text = text_of(ranged)
    assert "and every case still open" in text
    assert set(re.findall(r"SM-\d{4}-\d+", text)) >= set(
        re.findall(r"SM-\d{4}-\d+", text_of(opened))
    )


def test_html_pack_refuses_a_pdf_name(run, demo_dir, tmp_path):
    out = tmp_path / "pack.pdf"
    r = run("report", "pack", "--meeting", "8/9/2026", "--html", "-o", out, "--data-dir", demo_dir)
    assert r.code == 1
    assert "pack.pdf" in r.err and ".html" in r.err and len(r.err.strip().splitlines()) == 1
    assert not out.exists()
