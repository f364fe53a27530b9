"""The layers stay clean: each library in its own room, the domain doing no I/O."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "parishclerk"
RULES = {"textual": "tui", "tinydb": "store", "reportlab": "reports"}
DOMAIN_FORBIDDEN = {
    "textual",
    "tinydb",
    "reportlab",
    "orjson",
    "os",
    "pathlib",
    "shutil",
    "subprocess",
    "parishclerk.store",
    "parishclerk.tui",
    "parishclerk.reports",
    "parishclerk.cli",
    "parishclerk.commands",
}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the file's package
                parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
                base = ".".join(parts + ((base,) if base else ()))
            found.add(base)
    return found


FILES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_library_stays_in_its_layer(path):
    layer = path.relative_to(PACKAGE).parts[0]
    for name in imports(path):
        top = name.split(".")[0]
        if top in RULES:
            assert layer == RULES[top], f"{path}: imports {name} outside {RULES[top]}/"


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_domain_does_no_io_and_imports_no_outer_layer(path):
    for name in imports(path):
        for bad in DOMAIN_FORBIDDEN:
            assert not (name == bad or name.startswith(bad + ".")), f"{path}: imports {name}"


def test_store_and_reports_never_import_the_app():
    for layer in ("store", "reports", "domain"):
        for path in (PACKAGE / layer).rglob("*.py"):
            assert not any(
                n.split(".")[0] == "textual" or n.startswith("parishclerk.tui")
                for n in imports(path)
            ), path
