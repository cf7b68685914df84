"""The check-in package keeps its shape: small modules, short functions, SQL only in the repo,
and deadline names read only through the contract."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "bot" / "domain" / "checkins"
MODULES = sorted(PACKAGE.glob("*.py"))
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b[^\"']*\b(FROM|INTO|SET)\b")


def test_no_module_over_about_300_lines() -> None:
    """~300: a room that grows past it should be split."""
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES}
    assert len(sizes) >= 10 and max(sizes.values()) <= 340, sizes


def test_no_function_over_50_lines() -> None:
    """Use cases stay small; nothing is over 50 lines."""
    long = [
        f"{p.name}:{node.name}"
        for p in MODULES
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or 0) - node.lineno >= 50
    ]
    assert long == []


def test_sql_only_in_the_repo() -> None:
    """Only repo.py speaks SQL."""
    speaking = [p.name for p in MODULES if SQL.search(p.read_text(encoding="utf-8"))]
    assert speaking == ["repo.py"]


def test_deadline_names_are_read_only_by_the_contract() -> None:
    """Nothing splits a deadline's name or ref but contract.py."""
    splitting = [
        p.name
        for p in [*MODULES, PACKAGE.parents[2] / "handlers" / "checkins.py"]
        if re.search(r"deadline\.(name|ref)\.split", p.read_text(encoding="utf-8"))
    ]
    assert splitting == []
