"""Every test gets its own home for the list of councils: nothing touches the user's machine."""

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PARISHCLERK_HOME", str(home))
    monkeypatch.delenv("PARISHCLERK_DATA_DIR", raising=False)
    return home


@pytest.fixture(autouse=True)
def isolated_reports(tmp_path_factory, monkeypatch):
    """Reports made by a test go under tmp, never into the user's Documents folder."""
    folder = tmp_path_factory.mktemp("documents") / "parishclerk"
    monkeypatch.setenv("PARISHCLERK_REPORTS_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def generate():
    """``bench/generate.py``: councils of any size, as the bench makes them."""
    from tests.generated import load_generate

    return load_generate()
