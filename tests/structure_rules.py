"""The rules ``tests/test_structure.py`` applies to the tree, on one module's source at a time.

Each rule reads the module's syntax tree (``ast``), not its lines, so what a line-based regex
misses is seen: SQL split over adjacent string literals (Python joins those into one constant),
SQL glued with ``+`` or written in lower case, a deadline's ref copied into a variable and split
there. They are tested on small sources in ``tests/test_structure.py`` (the ways round them a
reviewer tried) as well as run on the tree.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

# A statement's shape, in any case, with word boundaries: the verb, then the clause that only
# SQL puts after it, then a table name. English prose rarely has "insert into <word>" or
# "update <word> set"; "select ... from <word>" it can have, so that one also needs a column
# list of SQL's kind ("*", "x.y", "count(", a comma-separated list) before the FROM.
_SQL = re.compile(
    r"\bselect\s+(?:distinct\s+)?(?:\*|[\w.]+\s*\(|[\w.*]+(?:\s+as\s+\w+)?\s*,|\w+\.\w+|1\b)"
    r"[\s\S]*?\bfrom\s+\w+"
    r"|\bselect\s+\w+\s+from\s+\w+\s+(?:where|order|group|limit|join)\b"
    r"|\binsert\s+(?:or\s+\w+\s+)?into\s+\w+"
    r"|\breplace\s+into\s+\w+"
    r"|\bupdate\s+\w+\s+set\s+\w+\s*="
    r"|\bdelete\s+from\s+\w+"
    r"|\b(?:create|drop|alter)\s+(?:unique\s+)?(?:table|index|view|trigger)\b",
    re.IGNORECASE,
)

# Tx's methods that run a statement (bot/storage/db.py): whatever string reaches them is SQL,
# however it was built.
_RUNS_SQL = {"execute", "executemany", "executescript", "changes", "one", "all", "scalar"}

# A variable named for a ref: `ref`, `deadline_ref`, `ref2`, `refs` (not `prefix`).
_REF_NAME = re.compile(r"(?:^|_)refs?\d*(?:_|$)")

_HOLE = "hole"  # what an f-string's {...} or an unknown operand of + reads as (a word)

# Ways to cut a string into parts.
_CUTS = {"split", "rsplit", "partition", "rpartition"}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the module's, classes' and functions' docstring constants (prose about SQL,
    e.g. "the only place with SELECT ... FROM", is not SQL)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ) and (body := node.body):
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _text(node: ast.AST) -> str | None:
    """The text a string expression spells: a literal (adjacent literals are already one), an
    f-string with its holes as ``hole``, or literals glued with ``+``; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else _HOLE for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is not None or right is not None:
            return (left or _HOLE) + (right or _HOLE)
    return None


def sql_strings(source: str) -> list[int]:
    """Lines of the string expressions that spell an SQL statement (docstrings aside)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    lines: list[int] = []
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp):
            continue
        text = _text(node)
        if text is not None and _SQL.search(text):
            lines.append(node.lineno)
    return sorted(set(lines))


def _tx_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names in a function that hold a transaction: ``tx``, and parameters typed ``Tx``."""
    names = {"tx"}
    for arg in [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]:
        annotation = ast.unparse(arg.annotation) if arg.annotation is not None else ""
        if annotation.strip("'\"").split(".")[-1] == "Tx":
            names.add(arg.arg)
    return names


def sql_runs(source: str) -> list[int]:
    """Lines that run a statement on a transaction (``tx.execute(...)``, ``tx.all(...)``...):
    the SQL may be built in any way, running it is still seen."""
    lines: list[int] = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        holders = _tx_names(function)
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _RUNS_SQL
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in holders
            ):
                lines.append(node.lineno)
    return sorted(set(lines))


def _names_a_deadline_part(node: ast.AST, tainted: set[str]) -> bool:
    """Whether an expression is a deadline's name or ref, or a copy of one.

    The rule: any ``<x>.ref`` (deadlines, and invites and roles whose refs nobody needs to
    cut either); ``<x>.name`` where ``<x>`` is spelled with "deadline" in it; any variable
    named for a ref (``ref``, ``deadline_ref``: "ref" as a word of the name); any variable
    assigned from one of those in the same scope. A deadline handed around under another name
    and cut there is not seen: the rule is about copies, not every alias.
    """
    if isinstance(node, ast.Attribute):
        if node.attr == "ref":
            return True
        if node.attr == "name" and "deadline" in ast.unparse(node.value).lower():
            return True
    if isinstance(node, ast.Name):
        return _REF_NAME.search(node.id.lower()) is not None or node.id in tainted
    return False


def _scopes(tree: ast.AST) -> Iterator[ast.AST]:
    """The module and each function: the scopes a copied ref is followed within."""
    yield tree
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield node


def deadline_cuts(source: str) -> list[int]:
    """Lines that cut a deadline's name or ref into parts by hand (``.split``, ``.partition``,
    ``re.split`` and their mirrors), directly or through a variable holding it."""
    tree = ast.parse(source)
    lines: set[int] = set()
    for scope in _scopes(tree):
        tainted: set[str] = set()
        for node in ast.walk(scope):  # copies first: `ref = deadline.ref`, `n = deadline.name`
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if _names_a_deadline_part(node.value, tainted):
                    tainted |= {t.id for t in targets if isinstance(t, ast.Name)}
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            cut = node.func.attr in _CUTS and _names_a_deadline_part(node.func.value, tainted)
            regex = (
                node.func.attr == "split"
                and ast.unparse(node.func.value) == "re"
                and any(_names_a_deadline_part(a, tainted) for a in node.args[1:2])
            )
            if cut or regex:
                lines.add(node.lineno)
    return sorted(lines)


def bilingual_dicts(source: str) -> list[int]:
    """Lines of a dict literal with exactly the keys "zh" and "en": a name in both languages
    is made with ``bot.i18n.both`` (one place that knows the languages)."""
    lines: list[int] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if keys == {"zh", "en"} and len(node.keys) == 2:
                lines.append(node.lineno)
    return lines
