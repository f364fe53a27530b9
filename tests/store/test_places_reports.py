"""Reports go where a clerk looks: Documents/parishclerk/<council>/, private, never overwritten."""

import stat
import sys

import platformdirs
import pytest

from parishclerk.store import places


def test_reports_folder_is_per_council_and_private(isolated_reports) -> None:
    folder = places.reports_folder("St Mary's & All Saints <Town> Council")
    assert folder == isolated_reports / "St Marys and All Saints Town Council"
    assert folder.is_dir()
    if sys.platform != "win32":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(isolated_reports.stat().st_mode) == 0o700


def test_reports_folder_can_be_named_without_being_made(isolated_reports) -> None:
    folder = places.reports_folder("Little Wickham Parish Council", create=False)
    assert folder.name == "Little Wickham Parish Council" and not folder.exists()


def test_default_is_the_documents_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(places.ENV_REPORTS)
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "Docs"))
    assert places.reports_root() == tmp_path / "Docs" / "parishclerk"
    assert places.reports_folder("Cyngor Siân", create=False) == (
        tmp_path / "Docs" / "parishclerk" / "Cyngor Sian"
    )


def test_save_new_is_private_whole_and_never_overwrites(isolated_reports) -> None:
    target = places.reports_folder("Little Wickham") / "pack.pdf"
    first = places.save_new(target, b"%PDF-1\n\r\n")
    second = places.save_new(target, b"%PDF-2")
    assert first == target and second.name == "pack-2.pdf"
    assert first.read_bytes() == b"%PDF-1\n\r\n"  # bytes stay bytes
    if sys.platform != "win32":
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["pack-2.pdf", "pack.pdf"]


def test_save_new_leaves_nothing_when_the_write_fails(isolated_reports, monkeypatch) -> None:
    target = places.reports_folder("Little Wickham") / "pack.pdf"

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(places, "atomic_write", full_disk)
    with pytest.raises(OSError):
        places.save_new(target, b"x")
    assert list(target.parent.iterdir()) == []


def test_new_council_folders_fold_accents(isolated_home) -> None:
    assert places.folder_for_new("Cyngor Cymuned Llanfair Siân").name == (
        "cyngor-cymuned-llanfair-sian"
    )
    assert places.slug("CON") == "con_"
    assert places.slug("") == "council"


@pytest.mark.parametrize("council", ["..", "../../etc", "/", "C:\\Windows", "CON", "", "\x00"])
def test_a_hostile_council_name_stays_inside_the_reports_folder(isolated_reports, council) -> None:
    folder = places.reports_folder(council)
    assert folder.parent == isolated_reports and folder.resolve().parent == isolated_reports
    assert folder.name.split(".")[0].upper() not in {"CON", "NUL"}


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_save_new_never_writes_through_a_symlink(isolated_reports, tmp_path) -> None:
    folder = places.reports_folder("Little Wickham")
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    (folder / "pack.pdf").symlink_to(victim)
    (folder / "pack-2.pdf").symlink_to(tmp_path / "dangling")
    path = places.save_new(folder / "pack.pdf", b"%PDF")
    assert path.name == "pack-3.pdf" and path.read_bytes() == b"%PDF"
    assert victim.read_bytes() == b"keep me" and not (tmp_path / "dangling").exists()


def test_remembering_the_last_council_again_writes_nothing(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(places.ENV_HOME, str(tmp_path / "home"))
    a, b = tmp_path / "Cyngor Siân", tmp_path / "O'Brien & Co <b>"
    places.remember(a)
    places.remember(b)
    listing = tmp_path / "home" / places._list_path().name
    before = listing.stat()
    places.remember(b)  # every start of the app: already the last one
    after = listing.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    places.remember(a)  # a change is still written
    assert places.known() == {
        "last": str(a.resolve()),
        "councils": [str(b.resolve()), str(a.resolve())],
    }
