"""An installed bot (``pip install .``, the Docker image) carries every file it reads at run time.

The playground builds its sample Pemda from a CSV, the page is served from static files, the texts
and migrations are read from their folders: a file left out of the package data works in the
repository (an editable install) and fails only on a Pemda's server. Setuptools' own ``build_py``
step is what a wheel is made from, so its output is compared with the package folders.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage")


def _files_of_packages() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in (REPO / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found.add(path.relative_to(REPO).as_posix())
    return found


def test_every_file_of_the_packages_is_installed(tmp_path: Path) -> None:
    pytest.importorskip("setuptools")
    # a clean copy: in the repository, the editable install's egg-info lists files of its own
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(REPO / "pyproject.toml", source)
    for package in PACKAGES:
        shutil.copytree(REPO / package, source / package, ignore=shutil.ignore_patterns("*.pyc"))
    built = tmp_path / "build"
    subprocess.run(
        [sys.executable, "-c", "from setuptools import setup; setup()", "-q", "build_py"]
        + ["--build-lib", str(built)],
        cwd=source,
        check=True,
        capture_output=True,
    )
    installed = {path.relative_to(built).as_posix() for path in built.rglob("*") if path.is_file()}
    assert "bot/playground/contoh_opd.csv" in installed  # the playground's sample Pemda
    assert sorted(_files_of_packages() - installed) == []
