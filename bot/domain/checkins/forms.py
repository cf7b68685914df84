"""What staff and grid workers type, read and checked (pure): /enroll's line and a visit note."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class Enrolment:
    """What staff typed in /enroll, checked."""

    name: str
    address: str
    times: list[time]
    grid_worker: str
    risk: str
    has_telegram: bool


_TIME = re.compile(r"^\d{1,2}:\d{2}$")
_RISK = {"high": "high", "高": "high", "normal": "normal", "普通": "normal", "一般": "normal"}
_PROXY_WORDS = {"代查", "proxy", "无tg", "无telegram", "no-telegram"}


def parse_enrolment(text: str, workers: set[str]) -> Enrolment | None:
    """`姓名 | 地址 | 08:30[,17:00] | 网格员 | high [| 代查]`, or None when anything is off."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 4 or not parts[0]:
        return None
    name, address, times_text, worker = parts[:4]
    risk = _RISK.get(parts[4].lower() if len(parts) > 4 and parts[4] else "normal")
    proxy = len(parts) > 5 and parts[5].lower() in _PROXY_WORDS
    raw = [t for t in re.split(r"[,，\s]+", times_text) if t]
    if not raw or not all(_TIME.match(t) for t in raw) or worker not in workers or risk is None:
        return None
    try:
        times = sorted({time.fromisoformat(t.zfill(5)) for t in raw})
    except ValueError:
        return None
    return Enrolment(name, address, times, worker, risk, not proxy)


_NO_NOTE = {"无", "没有", "none", "no", "-"}


def visit_note(text: str) -> str:
    """The grid worker's note as kept: "无"/"none" means no note; at most 500 characters."""
    return "" if text.lower() in _NO_NOTE else text[:500]
