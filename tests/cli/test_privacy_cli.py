"""The report commands of the confidentiality work, end to end: packs recorded, the default
--since, staffing, subject access with its clock, and the council's settings."""

from __future__ import annotations

from parishclerk.store.repository import Store

from .pdf_text import text_of


def test_pack_is_recorded_and_the_next_confidential_part_starts_from_it(run, demo_dir, tmp_path):
    first = tmp_path / "first.pdf"
    r = run(
        "report",
        "pack",
        "--meeting",
        "8/9/2026",
        "--item",
        "9",
        "-o",
        first,
        "--data-dir",
        demo_dir,
    )
    assert r.code == 0, r.err
    with Store.open(demo_dir, read_only=True) as store:
        packs = store.council().packs
    assert [(p.meeting.isoformat(), p.part) for p in packs] == [("2026-09-08", "public")]
    conf = tmp_path / "conf.pdf"
    r = run(
        "report",
        "pack",
        "--meeting",
        "8/12/2026",
        "--confidential",
        "--item",
        "14",
        "-o",
        conf,
        "--data-dir",
        demo_dir,
    )
    assert r.code == 0, r.err
    text = text_of(conf)
    assert "closed since the last meeting's pack (8 Sep 2026)" in text
    assert "Item 14:" in text and "staffing committee" in text
    if hasattr(Store, "chain_head"):  # the store's work, merged separately
        assert "the council's audit log stood at chain head" in text


def test_pack_options_reach_the_page(run, demo_dir, tmp_path):
    out = tmp_path / "pack.pdf"
    r = run(
        "report",
        "pack",
        "--meeting",
        "8/12/2026",
        "--item",
        "9",
        "--first-page",
        "23",
        "--title",
        "Social Media Policy: annual review",
        "--confidential-item",
        "14",
        "--recommendation",
        "That the council notes the report.",
        "-o",
        out,
        "--data-dir",
        demo_dir,
    )
    assert r.code == 0, r.err
    text = text_of(out)
    assert "Page 23 of" in text and "Item 9: Social Media Policy: annual review" in text
    assert "That the council notes the report." in text and "for agenda item 14" in text
    bad = run(
        "report",
        "pack",
        "--meeting",
        "8/12/2026",
        "--first-page",
        "0",
        "-o",
        out,
        "--data-dir",
        demo_dir,
    )
    assert bad.code == 1 and "--first-page" in bad.err


def test_staffing_report(run, demo_dir, tmp_path):
    out = tmp_path / "staff.pdf"
    assert run("report", "staffing", "-o", out, "--data-dir", demo_dir).code == 0
    text = text_of(out)
    assert "Staffing committee" in text and "CONFIDENTIAL" in text
    assert "Disciplinary" in text or "Warning" in text


def test_subject_access_is_recorded_with_its_clock(run, demo_dir, tmp_path):
    out = tmp_path / "sar.pdf"
    r = run(
        "report",
        "subject",
        "Susan Clarke",
        "--received",
        "20/11/2026",
        "-o",
        out,
        "--data-dir",
        demo_dir,
    )
    assert r.code == 0, r.err
    assert "due by 20 Dec 2026" in r.err
    with Store.open(demo_dir, read_only=True) as store:
        (sar,) = store.council().subject_access
    assert sar.name == "Susan Clarke" and sar.received.isoformat() == "2026-11-20"
    later = run(
        "report", "subject", "p1", "--received", "1/1/2099", "-o", out, "--data-dir", demo_dir
    )
    assert later.code == 1 and "in the future" in later.err


def test_council_settings(run, demo_dir, tmp_path):
    cover = tmp_path / "cover.txt"
    cover.write_text("Dear <b>requester</b> & family,\nhere is your data.", encoding="utf-8")
    r = run(
        "council",
        "--nation",
        "wales",
        "--disclosure-threshold",
        "5",
        "--contact",
        "Village Hall",
        "--subject-access-text",
        cover,
        "--data-dir",
        demo_dir,
    )
    assert r.code == 0, r.err
    with Store.open(demo_dir, read_only=True) as store:
        c = store.council()
    assert (c.nation, c.disclosure_threshold, c.contact) == ("wales", 5, "Village Hall")
    assert c.subject_access_text.startswith("Dear <b>requester</b> & family")
    bad = run("council", "--disclosure-threshold", "1", "--data-dir", demo_dir)
    assert bad.code == 1 and "must be 2 to 20" in bad.err
    out = tmp_path / "sar.pdf"
    assert run("report", "subject", "p1", "-o", out, "--data-dir", demo_dir).code == 0
    assert "Dear <b>requester</b> & family, here is your data." in text_of(out)


def test_hostile_covering_text_is_refused_and_nothing_changes(run, demo_dir, tmp_path):
    cover = tmp_path / "cover.txt"
    cover.write_text("Dear you\x1b[2J\x07", encoding="utf-8")
    r = run("council", "--subject-access-text", cover, "--data-dir", demo_dir)
    assert r.code == 1 and "subject_access_text" in r.err and "control characters" in r.err
    with Store.open(demo_dir, read_only=True) as store:
        assert store.council().subject_access_text == ""
    huge = tmp_path / "huge.txt"
    huge.write_text("x" * 30_000, encoding="utf-8")
    r = run("council", "--subject-access-text", huge, "--data-dir", demo_dir)
    assert r.code == 1 and "subject_access_text" in r.err


def test_an_extended_subject_access_request_is_due_three_months_on(run, demo_dir, tmp_path):
    out = tmp_path / "sar.pdf"
    r = run(
        "report", "subject", "Susan Clarke", "--received", "20/10/2026", "--extended",
        "-o", out, "--data-dir", demo_dir,
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "due by 20 Jan 2027" in r.err and "(late)" not in r.err
    with Store.open(demo_dir, read_only=True) as store:
        (sar,) = store.council().subject_access
    assert sar.extended
