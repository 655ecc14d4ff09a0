"""The core packages import without Django, checked in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import importlib, importlib.util, json, pkgutil, sys

packages = ["parathed.instrument", "parathed.analysis", "parathed.reporting"]
if importlib.util.find_spec("parathed.privacy") is not None:
    packages.append("parathed.privacy")
imported = []
for name in packages:
    package = importlib.import_module(name)
    imported.append(name)
    for module in pkgutil.walk_packages(package.__path__, prefix=name + "."):
        importlib.import_module(module.name)
        imported.append(module.name)
importlib.import_module("parathed.demo.generator")
imported.append("parathed.demo.generator")
print(json.dumps({
    "imported": imported,
    "django": sorted(m for m in sys.modules if m.split(".")[0] == "django"),
}))
"""


def test_core_packages_import_without_django() -> None:
    """Importing every core module leaves Django out of sys.modules."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    report = json.loads(result.stdout)
    assert "parathed.analysis.survey" in report["imported"]
    assert "parathed.reporting.deck.municipal" in report["imported"]
    assert report["django"] == []
