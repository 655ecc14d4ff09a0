#!/usr/bin/env python3
"""Checks that the docs ``make docs-check`` guards exist and name real targets.

README.md and docs/ARCHITECTURE.md must exist, and every ``make <target>`` that
README.md shows as code (a fenced block or a `backtick` span) must be a target in
the Makefile; prose such as "make targets" is not a command. Prints each problem
and exits 1 if there is any. Standard library only.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("README.md", "docs/ARCHITECTURE.md")
CODE = re.compile(r"^```[^\n]*\n(.*?)^```|`([^`\n]+)`", re.MULTILINE | re.DOTALL)
MAKE_COMMAND = re.compile(r"(?:^|[\s;&|(])make[ \t]+([a-z][a-z0-9_-]*)", re.MULTILINE)
MAKE_TARGET = re.compile(r"^([A-Za-z0-9_-]+)\s*:(?!=)", re.MULTILINE)


def problems() -> list[str]:
    """Returns one line per missing file or unknown make target; empty if fine."""
    found = [f"missing: {name}" for name in REQUIRED if not (ROOT / name).is_file()]
    readme = ROOT / "README.md"
    if readme.is_file():
        targets = set(MAKE_TARGET.findall((ROOT / "Makefile").read_text()))
        code = "\n".join(
            block or span for block, span in CODE.findall(readme.read_text())
        )
        mentioned = sorted(set(MAKE_COMMAND.findall(code)))
        found += [
            f"README.md names `make {name}`, which the Makefile does not define"
            for name in mentioned
            if name not in targets
        ]
    return found


def main() -> int:
    """Prints the problems and returns 1 if there are any, else 0."""
    found = problems()
    for problem in found:
        print(f"docs-check: {problem}", file=sys.stderr)
    if not found:
        print("docs-check: ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
