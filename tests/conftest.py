"""Every test gets its own home for the list of councils: nothing touches the user's machine."""

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PARISHCLERK_HOME", str(home))
    monkeypatch.delenv("PARISHCLERK_DATA_DIR", raising=False)
    return home
