"""docs/architecture.md stays true: every file and name it points to exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
DOC = ROOT / "docs" / "architecture.md"
# `path/to/file.py` or `path/to/file.py:name`, in backticks
REFERENCE = re.compile(r"`((?:bot|handlers|storage|tests)/[\w/]+\.py)(?::(\w+))?`")


def references() -> list[tuple[str, str | None]]:
    return sorted(
        set(REFERENCE.findall(DOC.read_text(encoding="utf-8"))), key=lambda r: (r[0], r[1] or "")
    )


def defined_names(path: Path) -> set[str]:
    """Top-level functions, classes and assignments of a module."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def test_the_page_names_the_three_paths() -> None:
    text = DOC.read_text(encoding="utf-8")
    for heading in (
        "Where an update becomes a laporan",
        "Where a reminder is decided",
        "Where a message leaves",
    ):
        assert f"### {heading}" in text
    assert len(references()) >= 25


@pytest.mark.parametrize(("file", "name"), references())
def test_every_reference_exists(file: str, name: str) -> None:
    path = ROOT / file
    assert path.is_file(), f"docs/architecture.md names {file}, which does not exist"
    if name:
        assert name in defined_names(path), f"docs/architecture.md names {file}:{name}"
