"""Reports from the command line: the PDF is written, readable, and public packs keep secrets."""

import pytest

from parishclerk.store.repository import Store

from .pdf_text import pdf_pages


def test_public_pack_names_no_one_under_a_procedure(run, demo_dir, tmp_path):
    out = tmp_path / "pack.pdf"
    r = run("report", "pack", "--meeting", "8/12/2026", "-o", out, "--data-dir", demo_dir)
    assert r.code == 0, r.err
    text = "\n".join(pdf_pages(out))
    assert "Little Wickham Parish Council" in text
    with Store.open(demo_dir, read_only=True) as store:
        cases = store.cases()
    for case in cases:
        assert case.reference not in text
        assert case.summary[:30] not in text
        if case.subject.name:
            assert case.subject.name not in text
        assert case.link not in text or not case.link
    for outcome in ("Final written warning", "resolved informally", "Post removed"):
        assert outcome not in text
    assert "CONFIDENTIAL" not in text


def test_confidential_pack_is_marked_on_every_page(run, demo_dir, tmp_path):
    out = tmp_path / "conf.pdf"
    r = run(
        "report",
        "pack",
        "--meeting",
        "8/12/2026",
        "--confidential",
        "-o",
        out,
        "--data-dir",
        demo_dir,
    )
    assert r.code == 0, r.err
    pages = pdf_pages(out)
    assert all("CONFIDENTIAL" in page for page in pages)
    assert "SM-2026-004" in "\n".join(pages)


@pytest.mark.parametrize(
    "args",
    [
        ("breaches", "--from", "1/1/2024", "--to", "31/12/2026"),
        ("case", "SM-2026-004"),
        ("signoff", "--policy", "social media policy"),
        ("subject", "David O'Connell"),
        ("subject", "sian llewellyn"),
    ],
)
def test_each_report_writes_a_pdf(run, demo_dir, tmp_path, args):
    out = tmp_path / "r.pdf"
    r = run("report", *args, "-o", out, "--data-dir", demo_dir)
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF") and pdf_pages(out)


@pytest.mark.parametrize(
    "args, message",
    [
        (("case", "SM-1999-999"), "SM-1999-999"),
        (("signoff", "--policy", "Parking Policy"), "Parking Policy"),
        (("subject", "Nobody Atall"), "Nobody Atall"),
        (("breaches", "--from", "1/1/2026", "--to", "1/1/2025"), "--to is before --from"),
    ],
)
def test_report_refusals_are_one_line(run, demo_dir, tmp_path, args, message):
    out = tmp_path / "r.pdf"
    r = run("report", *args, "-o", out, "--data-dir", demo_dir)
    assert r.code == 1 and message in r.err and r.err.count("\n") == 1
    assert not out.exists()


def test_report_into_a_missing_folder_is_refused(run, demo_dir, tmp_path):
    r = run(
        "report", "case", "SM-2026-004", "-o", tmp_path / "nope" / "r.pdf", "--data-dir", demo_dir
    )
    assert r.code == 1 and "no such folder" in r.err


@pytest.mark.parametrize(
    "title",
    [
        "Book the room for David O'Connell's standards hearing",
        "Ring Cllr O'Connell about the complaint",
        "Write to Cllr Margaret Ashworth (Chair)",  # who reported SM-2026-004, word for word
    ],
)
def test_public_pack_withholds_reminders_naming_people_under_a_procedure(
    run, demo_dir, tmp_path, title
):
    from datetime import date

    from parishclerk.domain.records import Reminder

    with Store.open(demo_dir) as store:
        store.save_reminder(Reminder("r9", title, date(2026, 12, 1)))
    out = tmp_path / "pack.pdf"
    assert (
        run("report", "pack", "--meeting", "28/11/2026", "-o", out, "--data-dir", demo_dir).code
        == 0
    )
    text = "\n".join(pdf_pages(out))
    assert title not in text and title[:25] not in text
    conf = tmp_path / "conf.pdf"
    run(
        "report",
        "pack",
        "--meeting",
        "28/11/2026",
        "--confidential",
        "-o",
        conf,
        "--data-dir",
        demo_dir,
    )
    assert title[:25] in "\n".join(pdf_pages(conf))
