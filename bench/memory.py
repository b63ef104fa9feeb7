"""Memory of a process together with the processes it started (Linux /proc).

The PDF publisher typesets a volume's parts in child processes, so a process's own peak
undercounts what a render needs; the benchmarks sample the whole tree instead.
"""

from __future__ import annotations

import os
from pathlib import Path


def tree_rss_mib(root: int) -> float:
    """Resident memory of process ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        rss[int(entry.name)] = int(fields[21])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20
