"""The campaign's accounting: read the database the bot left and what the sandbox saw, and
count what went wrong. Every figure but the ambiguous ones must be zero.

- **Presses lost**: a press the sandbox delivered and the bot confirmed (its getUpdates offset
  passed it) whose update is not recorded as processed (the record commits with the press's
  effect), or whose toast promised an effect the database does not hold.
- **Messages lost**: an outbox row not ended (pending, sending), ended ``sent`` without its
  message in the chat, or ``failed`` for a reason the injected faults do not explain.
- **Duplicated**: a message in a chat that no row accounts for. A message of an ``uncertain``
  row (its answer was lost after Telegram took it) is the documented ambiguous case: it
  arrived once, and is counted apart.
- **Out of order**: per chat, the rows behind the messages, in the order the chat shows them,
  must be in the order they were written.
- **Ladder steps missed or repeated**: a step that failed or is still pending past its time; a
  step whose message was written after the check-in was answered.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.clock import from_db
from bot.devtools.sandbox import Sandbox, SandboxMessage
from bot.devtools.sandbox.formatting import parse_html
from bot.storage.dialect import translate
from tests.campaign.people import Press

LEGIT_FAILURES = ("blocked",)  # Telegram's words for a failure the campaign injects
LADDER_KINDS = ("ci_remind", "ci_grid", "ci_staff")
STEP_KEY = re.compile(r"^ci(\d+):(remind|worker:-?\d+|staff:.*|duty.*|fam_\w+:-?\d+)$")


@dataclass
class Accounting:
    """What the campaign counted; `problems` lists every non-zero failure with examples."""

    figures: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def bad(self, what: str, example: str) -> None:
        """Count one failure of kind `what`."""
        self.figures[what] += 1
        if len(self.examples[what]) < 5:
            self.examples[what].append(example)

    FAILURES = (
        "presses lost",
        "presses not confirmed",
        "updates lost",
        "messages lost",
        "duplicated",
        "out of order",
        "ladder steps missed",
        "ladder steps repeated",
        "tracebacks",
        "integrity failures",
    )

    @property
    def problems(self) -> dict[str, int]:
        """Every failure figure that is not zero."""
        return {k: self.figures[k] for k in self.FAILURES if self.figures[k]}


def _rows(db: Path | str, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """The rows a query finds in the SQLite file, or the PostgreSQL URL (two instances shared
    it), as rows readable by column name."""
    if isinstance(db, str):
        return _pg_rows(db, translate(sql), params)
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()


def _pg_rows(url: str, sql: str, params: tuple[Any, ...]) -> list[Any]:
    import asyncpg

    async def fetch() -> list[Any]:
        conn = await asyncpg.connect(url)
        try:
            return list(await conn.fetch(sql, *params))
        finally:
            await conn.close()

    with ThreadPoolExecutor(1) as pool:  # the caller may be on a running loop
        return pool.submit(lambda: asyncio.run(fetch())).result()


def _plain(payload: dict[str, Any]) -> str:
    text = str(payload.get("text", ""))
    try:
        return parse_html(text)[0]
    except Exception:  # not HTML after all: compare as written
        return text


def _first_text(message: SandboxMessage) -> str:
    return message.edits[0] if message.edits else message.content


def account_presses(acc: Accounting, db: Path | str, sb: Sandbox, presses: list[Press]) -> None:
    """Every delivered press confirmed and processed; every promising toast kept."""
    pending = {int(u["update_id"]) for u in sb.pending_updates}
    processed = {int(r[0]) for r in _rows(db, "SELECT update_id FROM processed_updates")}
    answers = {q.id: q for q in sb.callback_answers()}
    for press in presses:
        acc.figures["presses"] += 1
        if press.update_id in pending:
            acc.bad("presses not confirmed", f"update {press.update_id} ({press.label})")
        elif press.update_id not in processed:
            acc.bad("presses lost", f"update {press.update_id} {press.label} by {press.user_id}")
        query = answers.get(press.query_id)
        if query is not None and query.answered:
            acc.figures["presses answered"] += 1
    _toasts_kept(acc, db, sb)


# A toast that says something happened, and the query that shows it did: (count of rows for
# this person).
_PROMISES = {
    "接单成功": "SELECT COUNT(*) FROM bookings b JOIN people p ON p.id = b.assignee_id"
    " WHERE p.telegram_id = ? AND b.status IN ('accepted','arrived','done','rated')",
    "已提交，正在为您联系师傅": "SELECT COUNT(*) FROM bookings b JOIN people p"
    " ON p.id = b.resident_id WHERE p.telegram_id = ? AND b.status NOT IN ('draft','abandoned')",
    "已预约 ✅": "SELECT COUNT(*) FROM tool_loans l JOIN people p ON p.id = l.person_id"
    " WHERE p.telegram_id = ?",
}


def _toasts_kept(acc: Accounting, db: Path | str, sb: Sandbox) -> None:
    promised: Counter[tuple[str, int]] = Counter()
    for query in sb.callback_answers():
        for toast in _PROMISES:
            if query.answered and (query.answer_text or "").startswith(toast):
                promised[(toast, query.user.id)] += 1
    for (toast, user_id), count in promised.items():
        acc.figures[f"toast {toast}"] += count
        held = int(_rows(db, _PROMISES[toast], (user_id,))[0][0])
        if held < count:
            acc.bad("presses lost", f"{user_id} saw {toast!r} {count}x, db holds {held}")


def account_messages(acc: Accounting, db: Path | str, sb: Sandbox, fault_chats: set[int]) -> None:
    """Every row ended legitimately; every message in a chat accounted for, once, in order."""
    rows = _rows(
        db,
        "SELECT id, chat_id, method, payload, status, last_error, message_id"
        " FROM outbox ORDER BY id",
    )
    by_message: dict[tuple[int, int], int] = {}
    uncertain: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in rows:
        status, chat = str(row["status"]), int(row["chat_id"])
        acc.statuses[status] += 1
        if row["method"] == "edit":
            if status in ("pending", "sending"):
                acc.bad("messages lost", f"edit row {row['id']} still {status}")
            elif status == "sent" and row["message_id"] is not None:
                # an edit of a message whose id was never known goes out as a new message (a
                # stand-in): its row accounts for it; an edit of a known message keeps the
                # row of the message it edited
                by_message.setdefault((chat, int(row["message_id"])), int(row["id"]))
            continue
        if status in ("pending", "sending"):
            acc.bad("messages lost", f"row {row['id']} to {chat} still {status}")
        elif status == "sent":
            by_message[(chat, int(row["message_id"]))] = int(row["id"])
        elif status == "failed":
            error = str(row["last_error"] or "")
            if not (any(w in error for w in LEGIT_FAILURES) and chat in fault_chats):
                acc.bad("messages lost", f"row {row['id']} to {chat} failed: {error}")
        elif status == "uncertain":
            uncertain[chat].append((int(row["id"]), _plain(json.loads(row["payload"]))))
    for chat_id in {m.chat.id for m in sb.sent(include_deleted=True)}:
        _one_chat(acc, sb, chat_id, by_message, uncertain.get(chat_id, []))
    for (chat, message_id), row_id in by_message.items():
        if sb.state.find_message(chat, message_id) is None:
            acc.bad("messages lost", f"row {row_id} marked sent as {message_id} in {chat}: absent")


def _one_chat(
    acc: Accounting,
    sb: Sandbox,
    chat_id: int,
    by_message: dict[tuple[int, int], int],
    uncertain: list[tuple[int, str]],
) -> None:
    order: list[int] = []
    for message in sb.sent(chat_id, include_deleted=True):
        acc.figures["messages in chats"] += 1
        acc.figures["messages in groups"] += chat_id < 0
        row_id = by_message.get((chat_id, message.message_id))
        if row_id is None:
            text = _first_text(message)
            match = next((u for u in uncertain if u[1] == text), None)
            if match is None:
                acc.bad("duplicated", f"chat {chat_id} #{message.message_id}: {text[:40]!r}")
                continue
            uncertain.remove(match)
            acc.figures["ambiguous: uncertain and arrived"] += 1
            row_id = match[0]
        if order and row_id < order[-1]:
            acc.bad("out of order", f"chat {chat_id}: row {row_id} after row {order[-1]}")
        order.append(row_id)
    acc.figures["ambiguous: uncertain and not arrived"] += len(uncertain)


def account_ladders(acc: Accounting, db: Path | str, now: str, slack_s: float) -> None:
    """No step failed or left pending past its time; none fired after its check-in closed."""
    steps = _rows(
        db,
        "SELECT name, kind, due_at, status FROM deadlines WHERE kind IN"
        f" ({','.join(repr(k) for k in LADDER_KINDS)})",
    )
    end = from_db(now)
    for step in steps:
        acc.figures[f"ladder steps {step['status']}"] += 1
        late = (end - from_db(step["due_at"])).total_seconds() > slack_s
        if step["status"] == "failed" or (step["status"] == "pending" and late):
            acc.bad("ladder steps missed", f"{step['name']} {step['status']}")
    closed = {
        int(r["id"]): str(r["closed_at"])
        for r in _rows(db, "SELECT id, closed_at FROM checkins WHERE closed_at IS NOT NULL")
    }
    for row in _rows(db, "SELECT dedupe_key, created_at FROM outbox WHERE dedupe_key LIKE 'ci%'"):
        if (m := STEP_KEY.match(str(row["dedupe_key"]))) is None:
            continue
        closed_at = closed.get(int(m.group(1)))
        if closed_at is not None and str(row["created_at"]) > closed_at:
            acc.bad("ladder steps repeated", f"{row['dedupe_key']} after the answer")


def account_process(acc: Accounting, stderr: str, integrity: list[str]) -> None:
    """No traceback in any run's stderr; every integrity check ok."""
    acc.figures["tracebacks"] = stderr.count("Traceback (most recent call last)")
    if acc.figures["tracebacks"]:
        at = stderr.index("Traceback")
        acc.examples["tracebacks"].append(stderr[max(0, at - 300) : at + 1500])
    acc.figures["integrity checks"] = len(integrity)
    for result in integrity:
        if result != "ok":
            acc.bad("integrity failures", result)


def report(acc: Accounting, header: str) -> str:
    """The accounting as printed at the end of a campaign."""
    lines = [header]
    for key in sorted(acc.figures):
        lines.append(f"  {acc.figures[key]:7d}  {key}")
    lines.append(
        "  outbox rows: " + ", ".join(f"{k} {v}" for k, v in sorted(acc.statuses.items()))
    )
    for what, examples in acc.examples.items():
        for example in examples:
            lines.append(f"  ! {what}: {example}")
    return "\n".join(lines)
