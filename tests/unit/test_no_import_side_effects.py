"""Importing the bot does nothing: no settings read, no environment or warning filters
changed, no files opened; everything happens when the app is built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
PROBE = """
import os, pkgutil, importlib, warnings
before_env, before_filters = dict(os.environ), list(warnings.filters)
import bot, handlers, storage
for package in (bot, handlers, storage):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if module.name != "bot.__main__" and ".migrations" not in module.name:
            importlib.import_module(module.name)
assert dict(os.environ) == before_env, set(os.environ) ^ set(before_env)
assert list(warnings.filters) == before_filters
print("ok")
"""


def test_importing_every_module_changes_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
