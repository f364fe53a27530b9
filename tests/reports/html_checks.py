"""Run the HTML checkers the tests use: the Nu Html Checker (vnu.jar, Java) for valid HTML, and
axe-core in Debian's chromium, headless, for every machine-checkable WCAG 2.2 A/AA rule.

Both come from the npm registry (``npm install --no-save axe-core vnu-jar`` in the repository,
which puts them under ``node_modules/``); ``PARISHCLERK_VNU_JAR`` and ``PARISHCLERK_AXE_JS`` may
point elsewhere.  Java and chromium come from the system.  Missing tools skip the checks on a
developer's machine and fail them under CI (``CI`` set), so CI cannot pass without them.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def _need(what: str) -> None:
    message = f"{what} is not installed (see README: checking the HTML pack)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def vnu_jar() -> Path:
    jar = Path(
        os.environ.get("PARISHCLERK_VNU_JAR") or ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
    )
    if not jar.is_file():
        _need("vnu.jar (npm install --no-save vnu-jar)")
    if not shutil.which("java"):
        _need("java")
    return jar


def axe_js() -> Path:
    js = Path(os.environ.get("PARISHCLERK_AXE_JS") or ROOT / "node_modules/axe-core/axe.min.js")
    if not js.is_file():
        _need("axe-core (npm install --no-save axe-core)")
    return js


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        _need("chromium (apt-get install -y chromium)")
    return str(found)


def validate(files: list[Path]) -> list[dict]:
    """Every error and warning the Nu Html Checker finds in the files (SVG checked too)."""
    jar = vnu_jar()
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--also-check-svg", "--no-langdetect"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]


_RUN = """
<script>{axe}</script>
<script>
axe.run(document, {{runOnly: {{type: "tag", values: {tags}}}, resultTypes: ["violations"]}})
  .then(function (r) {{
    var out = document.createElement("pre");
    out.id = "pc-axe-result";
    out.textContent = JSON.stringify({{
      violations: r.violations.map(function (v) {{
        return {{id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(function (n) {{ return n.target.join(" "); }})}};
      }}),
      incomplete: r.incomplete.map(function (v) {{ return v.id; }}),
      passes: r.passes.length,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth
    }});
    document.body.appendChild(out);
  }});
</script>
"""


def axe(page: Path, work: Path, width: int = 320) -> dict:
    """axe-core's results for the page in headless chromium, at ``width`` CSS pixels (320 is a
    1280-pixel screen at 400% zoom), with the page's own scroll width to check reflow."""
    js = axe_js()
    browser = chromium()
    text = page.read_text(encoding="utf-8")
    probe = _RUN.format(axe=js.read_text(encoding="utf-8"), tags=json.dumps(AXE_TAGS))
    checked = work / f"axe-{page.name}"
    checked.write_text(text.replace("</body>", probe + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={work / 'chromium'}",
            f"--window-size={width},900",
            "--virtual-time-budget=30000",
            "--dump-dom",
            checked.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.search(r'<pre id="pc-axe-result">(.*?)</pre>', done.stdout, re.S)
    assert found, f"axe did not run: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))
