"""The tree keeps its shape (issue 10, acceptance 1); run ``pytest tests/test_structure.py``.

- every room of the domain is small: no module over ~300 lines, no function over 50;
- SQL lives only in ``repo.py`` files of the domain and in the infrastructure listed below;
  handlers and ``intents/`` hold none. A module "speaks SQL" when one of its string expressions
  spells a statement (adjacent literals joined, f-strings and ``+`` followed, any case; not
  docstrings) or when it runs one on a transaction (``tx.execute(...)``, ``tx.all(...)``, on
  ``tx`` or any parameter typed ``Tx``): see ``tests/structure_rules.py``;
- nothing cuts a deadline's name or ref by hand outside the features' ``contract.py`` files
  (which own the format): no ``split``/``partition`` (or their mirrors, or ``re.split``) of any
  ``<x>.ref``, of ``<deadline>.name``, of a variable named for a ref, or of a variable copied
  from one of those in the same function;
- a name in both languages is made with ``bot.i18n.both``, not a hand-built dict;
- only ``bot/app.py`` adds python-telegram-bot handlers (handler modules export values);
- importing any domain package or module leaves ``telegram`` out of ``sys.modules``.

The domain's packages and modules are discovered, so a new feature is checked without editing
this file.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.structure_rules import bilingual_dicts, deadline_cuts, sql_runs, sql_strings

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "bot" / "domain"

MAX_MODULE_LINES = 300  # a room that grows past it should be split along a real seam
MAX_FUNCTION_LINES = 50

# Shared infrastructure outside the domain that may speak SQL, each for one reason.
INFRASTRUCTURE = {
    "bot/storage/": "the connection, migrations, and which updates were already processed",
    "bot/outbox.py": "queues messages in the caller's transaction (reads the reader's language)",
    "bot/sender.py": "drains the outbox table to Telegram and records what was sent",
    "bot/deadlines.py": "the deadlines table every feature schedules into, and its runner",
    "bot/audit.py": "the append-only audit log every feature writes to",
}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _speaks_sql(path: Path) -> bool:
    source = path.read_text(encoding="utf-8")
    return bool(sql_strings(source) or sql_runs(source))


def _units() -> dict[str, list[Path]]:
    """Each package under bot/domain/ (with its modules) and each loose module, by name."""
    units: dict[str, list[Path]] = {}
    for entry in sorted(DOMAIN.iterdir()):
        if entry.is_dir() and any(entry.rglob("*.py")):
            units[entry.name] = sorted(entry.rglob("*.py"))
        elif entry.suffix == ".py":
            units[entry.name] = [entry]
    return units


UNITS = _units()


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_discovery_finds_every_feature() -> None:
    """The checks below run over what is found, so make sure the features are found."""
    features = {"bookings", "checkins", "tools", "notices", "people", "groups", "requests"}
    assert features <= UNITS.keys(), sorted(UNITS)


@pytest.mark.parametrize("unit", UNITS)
def test_no_module_over_about_300_lines(unit: str) -> None:
    """A room that grows past ~300 lines should be split."""
    sizes = {_rel(p): len(p.read_text(encoding="utf-8").splitlines()) for p in UNITS[unit]}
    too_long = {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES}
    assert not too_long, f"over {MAX_MODULE_LINES} lines: {too_long}"


@pytest.mark.parametrize("unit", UNITS)
def test_no_function_over_50_lines(unit: str) -> None:
    """Use cases stay small."""
    too_long = [
        f"{_rel(p)}:{node.lineno} {node.name} ({length} lines)"
        for p in UNITS[unit]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    ]
    assert not too_long, f"over {MAX_FUNCTION_LINES} lines: {too_long}"


@pytest.mark.parametrize("unit", UNITS)
def test_sql_only_in_repo_modules(unit: str) -> None:
    """In the domain, only files named repo.py speak SQL."""
    speaking = [_rel(p) for p in UNITS[unit] if p.name != "repo.py" and _speaks_sql(p)]
    assert not speaking, f"SQL outside repo.py (move it into the repo): {speaking}"


@pytest.mark.parametrize("layer", ["handlers", "intents"])
def test_no_sql_in_handlers_or_intents(layer: str) -> None:
    """Handlers call use cases and intents/ is pure text: neither holds SQL."""
    speaking = [_rel(p) for p in sorted((ROOT / layer).rglob("*.py")) if _speaks_sql(p)]
    assert not speaking, f"SQL in {layer}/ (call a repo or bot.storage instead): {speaking}"


def test_sql_outside_the_domain_only_in_listed_infrastructure() -> None:
    """Anything else in bot/ that speaks SQL is feature code and belongs in a repo.py."""
    outside = [p for p in sorted((ROOT / "bot").rglob("*.py")) if DOMAIN not in p.parents]
    unlisted = [
        _rel(p)
        for p in outside
        if _speaks_sql(p) and not any(_rel(p).startswith(allowed) for allowed in INFRASTRUCTURE)
    ]
    assert not unlisted, f"SQL outside repo.py and INFRASTRUCTURE: {unlisted}"
    assert all((ROOT / allowed).exists() for allowed in INFRASTRUCTURE), "stale entry"


@pytest.mark.parametrize("layer", ["bot", "handlers"])
def test_nobody_splits_a_deadline_by_hand(layer: str) -> None:
    """A deadline's name and ref are read through the feature's contract, never cut here."""
    splitting = [
        f"{_rel(p)}:{n}"
        for p in sorted((ROOT / layer).rglob("*.py"))
        if p.name != "contract.py"
        for n in deadline_cuts(p.read_text(encoding="utf-8"))
    ]
    assert not splitting, f"parse deadlines with the contract: {splitting}"


@pytest.mark.parametrize("layer", ["bot", "handlers"])
def test_names_in_both_languages_are_made_with_both(layer: str) -> None:
    """No hand-built ``{"zh": ..., "en": ...}`` outside ``bot/i18n/`` (which defines both())."""
    found = [
        f"{_rel(p)}:{n}"
        for p in sorted((ROOT / layer).rglob("*.py"))
        if not _rel(p).startswith("bot/i18n/")
        for n in bilingual_dicts(p.read_text(encoding="utf-8"))
    ]
    assert not found, f"use bot.i18n.both(zh, en): {found}"


def test_only_bot_app_adds_telegram_handlers() -> None:
    """Handler modules export their handlers as values; every ``add_handler`` and its group is
    in ``bot/app.py``'s one list, so nothing shadows a command from a place nobody reads."""
    adding = [
        _rel(p)
        for layer in ("handlers", "bot")
        for p in sorted((ROOT / layer).rglob("*.py"))
        if ".add_handler(" in p.read_text(encoding="utf-8")
    ]
    assert adding == ["bot/app.py"], adding


def test_importing_the_domain_leaves_telegram_out() -> None:
    """Every package and module under bot/domain/ imports, in a fresh interpreter, without
    loading ``telegram``; the first one that brings it in is named."""
    packages = {f"bot.domain.{unit}" for unit in UNITS if not unit.endswith(".py")}
    modules = sorted(packages | {_dotted(p) for paths in UNITS.values() for p in paths})
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'telegram' in sys.modules:\n"
        "        print(name)\n"
        "        break\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert len(modules) > 40
    assert done.stdout.strip() == "", f"importing {done.stdout.strip()} loaded telegram"


# -- the rules themselves, on small sources: the ways round them a reviewer tried ------------


@pytest.mark.parametrize(
    "source",
    [
        'q = "SELECT * FROM people WHERE id = ?"',
        # split across adjacent literals (Python joins them; a line-based regex saw two halves)
        'q = ("SELECT name "\n     "FROM people WHERE id = ?")',
        # lower case
        'q = "select id, name from people"',
        "q = 'update people set name = ? where id = ?'",
        "q = 'delete from invites where token = ?'",
        'q = "insert or ignore into roles (person_id) values (?)"',
        # glued with + and built with an f-string
        'q = "SELECT count(*) " + "FROM people"',
        'q = f"SELECT * FROM {table} WHERE id = ?"',
        'q = "create table t (x)"',
    ],
)
def test_sql_is_seen_however_the_literal_is_written(source: str) -> None:
    assert sql_strings(source) != []


@pytest.mark.parametrize(
    "source",
    [
        '"""The only room with SELECT ... FROM people in it."""',  # a docstring is prose
        'def f():\n    """Insert into the outbox; update the row set by the caller."""',
        'text = "Select a time from the list below"',
        'text = "Please update your address"',
        'text = "selected from 3 providers"',
        'log = "Deleted the message from chat %s"',
    ],
)
def test_prose_is_not_sql(source: str) -> None:
    assert sql_strings(source) == []


@pytest.mark.parametrize(
    "source",
    [
        "async def f(tx):\n    await tx.execute(query)",
        "async def f(t: Tx):\n    return await t.all(build_query())",
        "async def f(t: 'bot.storage.Tx'):\n    return await t.scalar(q)",
    ],
)
def test_running_sql_is_seen_however_the_statement_was_built(source: str) -> None:
    """The statement may be assembled from parts no literal shows; running it is still seen."""
    assert sql_runs(source) != []


def test_a_list_or_a_set_named_all_is_not_a_transaction() -> None:
    assert sql_runs("def f(items):\n    return items.all(), any(x.one() for x in items)") == []


@pytest.mark.parametrize(
    "source",
    [
        "booking, attempt = deadline.ref.split(':')",
        "kind = deadline.name.rsplit(':', 1)[0]",
        "head, _, tail = d.ref.partition(':')",
        # copied into a variable first (the line-based rule missed this)
        "def f(deadline):\n    ref = deadline.ref\n    return ref.split(':')",
        "def f(deadline):\n    key = deadline.ref\n    return key.partition(':')",
        "def f(due):\n    text = due.deadline.name\n    return text.split(':')",
        "def f(ref):\n    return ref.split(':')[0]",
        "def f(deadline_ref):\n    return re.split(':', deadline_ref)",
    ],
)
def test_cutting_a_deadline_by_hand_is_seen(source: str) -> None:
    assert deadline_cuts(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "hours, minutes = value.split(':')",
        "def f(prefix):\n    return prefix.split(':')",  # "ref" inside a word is not a ref
        "def f(person):\n    return person.name.split()",  # a person's name, not a deadline's
        "def f(deadline):\n    return booking_of(deadline)",  # the contract's parser
    ],
)
def test_other_splits_are_left_alone(source: str) -> None:
    assert deadline_cuts(source) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('name = {"zh": p.name_zh, "en": p.name_en}', [1]),
        ('label = {"zh": a, "en": b}[lang]', [1]),
        ("name = both(p.name_zh, p.name_en)", []),
        ('table = {"zh": 1, "en": 2, "fr": 3}', []),  # another shape of data
    ],
)
def test_bilingual_dicts_rule(source: str, found: list[int]) -> None:
    assert bilingual_dicts(source) == found
