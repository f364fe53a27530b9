"""Run a command and write its peak memory (max RSS, in KiB) and its seconds to a file.

    python bench/maxrss.py OUT -- COMMAND [ARGS...]

A small process of its own starts the command: on Linux a child's max RSS counts the memory of
the process it was forked from, so the benchmark (large by then) cannot start it directly.  Also
used for the app, which the benchmark starts inside tmux.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

if __name__ == "__main__":
    out, command = sys.argv[1], sys.argv[3:]
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    with open(out + ".tmp", "w") as f:
        f.write(f"{usage.ru_maxrss} {took:.6f}\n")
    os.replace(out + ".tmp", out)
    sys.exit(os.waitstatus_to_exitcode(status))
