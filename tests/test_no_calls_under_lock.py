"""No Telegram call while the database lock is held (issue 11).

Every handler runs inside one transaction, which holds the one database lock; a Bot API call
made there freezes every chat while it is slow and rolls the work back when it fails. So
handlers never call Telegram: what they say goes into the outbox, and a press is answered after
commit by ``handlers/base.py: _answer``. The only other caller is the error handler, which runs
after the failed transaction was rolled back.

The check reads the code (every call whose method is a Bot API method or a PTB shortcut of one
such as ``query.answer`` or ``message.reply_text``), so it also covers handlers no test drives.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import telegram

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {
    ("handlers/base.py", "_answer"): "answers a press after its transaction committed",
    ("handlers/errors.py", "on_error"): "runs after the failed transaction rolled back",
}
# Our own objects' methods that share a name with a PTB coroutine.
OURS = {"copy", "verify"}  # dict.copy, CallbackSigner.verify


def _telegram_calls() -> set[str]:
    """Names of every coroutine method of the Bot and of the objects with shortcuts to it."""
    kinds = (
        telegram.Bot,
        telegram.Message,
        telegram.CallbackQuery,
        telegram.Chat,
        telegram.User,
    )
    return {
        name
        for kind in kinds
        for name, member in inspect.getmembers(kind)
        if not name.startswith("_") and inspect.iscoroutinefunction(member)
    } - OURS


def _calls_by_function(path: Path) -> list[tuple[str, str, int]]:
    """(function, called method, line) for each attribute call in each function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute):
                    found.append((node.name, inner.func.attr, inner.lineno))
    return found


def test_the_method_list_is_real() -> None:
    """The names this test looks for include the ones that froze the bot."""
    names = _telegram_calls()
    assert {"answer", "answer_callback_query", "send_message", "reply_text"} <= names


def test_handlers_make_no_telegram_call_but_the_two_allowed() -> None:
    """Outside the two allowed functions, no handler calls a Bot API method."""
    names = _telegram_calls()
    offending = [
        f"{rel}:{line} {function} calls .{method}()"
        for path in sorted((ROOT / "handlers").rglob("*.py"))
        for rel in [path.relative_to(ROOT).as_posix()]
        for function, method, line in _calls_by_function(path)
        if method in names and (rel, function) not in ALLOWED
    ]
    assert offending == []


def test_the_allowed_calls_exist() -> None:
    """A stale allowance would hide a moved call: each allowed function still makes one."""
    names = _telegram_calls()
    for rel, function in ALLOWED:
        calls = _calls_by_function(ROOT / rel)
        assert any(f == function and m in names for f, m, _ in calls), (rel, function)
