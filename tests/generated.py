"""``bench/generate.py``, the councils the bench makes, loaded for the tests that want one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

GENERATE = Path(__file__).resolve().parents[1] / "bench" / "generate.py"
NAME = "bench_generate"


def load_generate() -> ModuleType:
    """The module, loaded once per test run (registered while it loads: its dataclasses look
    their module up)."""
    if NAME in sys.modules:
        return sys.modules[NAME]
    spec = importlib.util.spec_from_file_location(NAME, GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(NAME, None)
        raise
    return module
