"""parathed.intake imports without Django, checked in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import importlib, json, sys
for name in ("parathed.intake", "parathed.intake.tables", "parathed.intake.responses"):
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "django")))
"""


def test_intake_imports_without_django() -> None:
    """Importing every intake module leaves Django out of sys.modules."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(result.stdout) == []
