"""The console's setup forms (pure): typed fields in, a setup entry out, or why not.

Staff add and edit staff members, housekeepers (with their buildings), elders (address,
check-in times, grid worker, risk, family) and recurring notices; each entry then goes through
the setup service (validated as a whole, audited before/after, applied to the next message).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from intents.addresses import door_number

KEY = re.compile(r"^[a-z0-9_]{1,40}$")
HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A notice's text, one-off or recurring, in either language: refused past this, never cut.
MAX_TEXT = 1000

_SPLIT = re.compile(r"[\s,，、;；]+")


class FormProblem(StrEnum):
    """Why a form was refused (each a polite ``console.form_*`` text)."""

    KEY = "key"  # lower-case letters, digits and _ only
    NAME = "name"
    TELEGRAM_ID = "telegram_id"
    BUILDINGS = "buildings"
    TIMES = "times"
    DAYS = "days"
    TEXT = "text"
    TEXT_LONG = "text_long"  # over the one-off notices' limit: refused, never cut
    TEXT_EN_LONG = "text_en_long"
    GRID_WORKER = "grid_worker"
    GRID_EMPTY = "grid_empty"  # none chosen: the care escalation needs someone to go
    ADDRESS = "address"  # none, or not building-unit-room
    NO_BUILDING = "no_building"  # an address or a housekeeper's building the community lacks
    FAMILY = "family"  # a line without its relation, or a name too long
    RISK = "risk"  # neither normal nor high (a forged form)


def _words(raw: str) -> list[str]:
    return [w for w in _SPLIT.split(raw.strip()) if w]


MAX_NAME = 40


def _name(fields: Mapping[str, str]) -> str | None:
    """The name, or None when it is empty or longer than a name (refused, never cut)."""
    name = fields.get("name", "").strip()
    return name if 0 < len(name) <= MAX_NAME else None


def _building(raw: str) -> str:
    return raw.removesuffix("栋").removesuffix("号楼").strip().upper()


def unknown_building(fields: Mapping[str, str], known: Sequence[str]) -> str | None:
    """The first building a form names that the community does not have (a housekeeper's
    buildings, an elder's address); None when all are known or any building goes."""
    if not known:
        return None
    door = door_number(fields.get("address", "").strip())
    named = [door[0]] if door else [_building(b) for b in _words(fields.get("buildings", ""))]
    return next((b for b in named if b not in known), None)


def _key_and_name(fields: Mapping[str, str]) -> tuple[str, str] | FormProblem:
    """An entry's key and name, or which of them is wrong."""
    key = fields.get("key", "").strip()
    if not KEY.match(key):
        return FormProblem.KEY
    name = _name(fields)
    return FormProblem.NAME if name is None else (key, name)


def times(raw: str) -> list[str] | None:
    """``08:30, 18:00`` as sorted ``HH:MM`` strings (None when any is not a time)."""
    found = []
    for word in _words(raw.replace("：", ":")):
        match = HHMM.match(word)
        if match is None:
            return None
        found.append(f"{int(match.group(1)):02d}:{match.group(2)}")
    return sorted(set(found)) or None


def staff_entry(fields: Mapping[str, str]) -> dict[str, Any] | FormProblem:
    """A staff member: Telegram id, name, language."""
    raw = fields.get("telegram_id", "").strip()
    if not raw.isdigit() or not 0 < int(raw) < 10**13:
        return FormProblem.TELEGRAM_ID
    name = _name(fields)
    if name is None:
        return FormProblem.NAME
    lang = "en" if fields.get("language") == "en" else "zh"
    return {"telegram_id": int(raw), "name": name, "language": lang}


def housekeeper_entry(
    fields: Mapping[str, str],
    current: Mapping[str, Any] | None = None,
    known: Sequence[str] = (),
) -> dict[str, Any] | FormProblem:
    """A housekeeper (grid worker): key, name, the buildings they cover (each one of the
    community's ``known`` buildings, when it lists them); an edit keeps the Telegram id
    already linked."""
    found = _key_and_name(fields)
    if isinstance(found, FormProblem):
        return found
    key, name = found
    buildings = [_building(b) for b in _words(fields.get("buildings", ""))]
    if not buildings:
        return FormProblem.BUILDINGS
    if unknown_building({"buildings": " ".join(buildings)}, known) is not None:
        return FormProblem.NO_BUILDING
    entry: dict[str, Any] = {"key": key, "name": name, "buildings": buildings}
    if current is not None and current.get("telegram_id") is not None:
        entry["telegram_id"] = current["telegram_id"]
    return entry


def family(raw: str, current: list[Mapping[str, Any]]) -> list[dict[str, Any]] | None:
    """Family members, one a line as ``name relation`` (``王小明 女儿``); a member already
    listed keeps their Telegram id and daily all-clear. None when a line has no relation or
    a name or relation too long (refused, never cut: the escalation names them)."""
    known = {str(m.get("name")): m for m in current}
    out = []
    for line in raw.splitlines():
        parts = line.split(None, 1)
        if not parts:
            continue
        name, relation = parts[0], (parts[1].strip() if len(parts) > 1 else "")
        if not relation or len(name) > MAX_NAME or len(relation) > 20:
            return None
        member: dict[str, Any] = {**known.get(name, {}), "name": name, "relation": relation}
        out.append(member)
    return out


def _elder_problem(
    fields: Mapping[str, str], grid_workers: set[str], known: Sequence[str]
) -> FormProblem | None:
    """What an elder's address, grid worker or risk lacks: the address is required (the care
    escalation sends someone to the door), in one of the community's buildings; a grid worker
    is required (the escalation's first step is theirs)."""
    if door_number(fields.get("address", "").strip()) is None:
        return FormProblem.ADDRESS
    if unknown_building({"address": fields.get("address", "")}, known) is not None:
        return FormProblem.NO_BUILDING
    grid = fields.get("grid_worker", "").strip()
    if not grid:
        return FormProblem.GRID_EMPTY
    if grid not in grid_workers:
        return FormProblem.GRID_WORKER
    return None if fields.get("risk", "normal") in ("normal", "high") else FormProblem.RISK


def elder_entry(
    fields: Mapping[str, str],
    grid_workers: set[str],
    current: Mapping[str, Any] | None = None,
    known: Sequence[str] = (),
) -> dict[str, Any] | FormProblem:
    """An elder: key, name, address (in one of the ``known`` buildings, when the community
    lists them), check-in times, grid worker, risk, family."""
    found = _key_and_name(fields)
    if isinstance(found, FormProblem):
        return found
    key, name = found
    checkins = times(fields.get("checkin_times", ""))
    if checkins is None:
        return FormProblem.TIMES
    if (problem := _elder_problem(fields, grid_workers, known)) is not None:
        return problem
    base = dict(current or {})
    members = family(fields.get("family", ""), list(base.get("family", [])))
    if members is None:
        return FormProblem.FAMILY
    return {
        **base,
        "key": key,
        "name": name,
        "address": fields.get("address", "").strip(),
        "checkin_times": checkins,
        "grid_worker": fields.get("grid_worker", "").strip(),
        "risk": fields.get("risk", "normal"),
        "family": members,
    }


def notice_entry(fields: Mapping[str, str]) -> dict[str, Any] | FormProblem:
    """A recurring notice: id, text (zh; en defaults to it; each at most the one-off notices'
    ``MAX_TEXT``, well under Telegram's 4,096: refused, never cut), weekdays, time."""
    key = fields.get("id", "").strip()
    if not KEY.match(key):
        return FormProblem.KEY
    text_zh = fields.get("text_zh", "").strip()
    if not text_zh:
        return FormProblem.TEXT
    if len(text_zh) > MAX_TEXT:
        return FormProblem.TEXT_LONG
    text_en = fields.get("text_en", "").strip() or text_zh
    if len(text_en) > MAX_TEXT:
        return FormProblem.TEXT_EN_LONG
    days = [d for d in _words(fields.get("days", "").lower()) if d in WEEKDAYS]
    if not days or len(days) != len(_words(fields.get("days", ""))):
        return FormProblem.DAYS
    post_at = times(fields.get("post_at", ""))
    if post_at is None or len(post_at) != 1:
        return FormProblem.TIMES
    ordered = [d for d in WEEKDAYS if d in days]
    return {
        "id": key,
        "text_zh": text_zh,
        "text_en": text_en,
        "days": ordered,
        "post_at": post_at[0],
    }


# Where each problem is shown: the field it is about (a recurring notice's key is its ``id``,
# its time ``post_at``); and a value each field is known to take, to look past a problem for
# the next one.
_FIELD = {
    FormProblem.KEY: "key",
    FormProblem.NAME: "name",
    FormProblem.TELEGRAM_ID: "telegram_id",
    FormProblem.BUILDINGS: "buildings",
    FormProblem.TIMES: "checkin_times",
    FormProblem.DAYS: "days",
    FormProblem.TEXT: "text_zh",
    FormProblem.TEXT_LONG: "text_zh",
    FormProblem.TEXT_EN_LONG: "text_en",
    FormProblem.GRID_WORKER: "grid_worker",
    FormProblem.GRID_EMPTY: "grid_worker",
    FormProblem.ADDRESS: "address",
    FormProblem.FAMILY: "family",
    FormProblem.RISK: "risk",
}
_NOTICE_FIELD = {FormProblem.KEY: "id", FormProblem.TIMES: "post_at"}
_GOOD = {
    "key": "k",
    "id": "k",
    "name": "n",
    "telegram_id": "1",
    "buildings": "1",
    "address": "1-1-101",
    "checkin_times": "09:00",
    "post_at": "09:00",
    "days": "mon",
    "text_zh": "t",
    "text_en": "t",
    "family": "",
    "risk": "normal",
}


def every_problem(
    section: str,
    fields: Mapping[str, str],
    build: Callable[[Mapping[str, str]], dict[str, Any] | FormProblem],
    good: Mapping[str, str] | None = None,
) -> dict[str, FormProblem]:
    """Each refused field of a form and why, so a form with three mistakes shows all three
    next to their fields: the entry is built again with each refused field set to a value it
    takes (``good``: those that depend on the setup, e.g. a grid worker) until none is left."""
    known = {**_GOOD, **(good or {})}
    where = "buildings" if section == "housekeepers" else "address"
    names = {**_FIELD, FormProblem.NO_BUILDING: where}
    names.update(_NOTICE_FIELD if section == "notices" else {})
    found: dict[str, FormProblem] = {}
    trying = dict(fields)
    for _ in FormProblem:
        problem = build(trying)
        if not isinstance(problem, FormProblem):
            break
        name = names[problem]
        found[name] = problem
        trying[name] = known.get(name, "x")
    return found
