"""The setup forms' fields: add (or, prefilled, edit) staff, housekeepers (their buildings),
elders (address, check-in times, grid worker picked by name, risk in words, family) and
recurring notices. Every value escaped; labels in the viewer's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.i18n import Lang
from bot.web.html import e, form, w

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # a recurring notice's day codes


def field(
    name: str, label: str, value: object = "", *, wide: bool = False, problem: str = ""
) -> str:
    """A labelled text input (a textarea when ``wide``), with its problem next to it."""
    said = f' <span class="breach" id="problem-{name}">{problem}</span>' if problem else ""
    if wide:
        return (
            f'<label>{label}<br><textarea name="{name}" rows="3" cols="30">{e(value)}'
            f"</textarea></label>{said}<br>"
        )
    return f'<label>{label} <input name="{name}" value="{e(value)}"></label>{said}<br>'


def typed_values(section: str, entry: Mapping[str, Any]) -> dict[str, str]:
    """A stored entry as a form's fields show it (lists as words, family one a line)."""
    values = {k: str(v) for k, v in entry.items() if not isinstance(v, list)}
    for name in ("buildings", "checkin_times", "days"):
        values[name] = " ".join(str(v) for v in entry.get(name, []))
    values["family"] = "\n".join(
        f"{m.get('name', '')} {m.get('relation', '')}" for m in entry.get("family", [])
    )
    values.setdefault("language", "zh")
    return values


def day_boxes(ticked: Sequence[str], lang: Lang) -> str:
    """A recurring notice's weekdays as boxes named in the viewer's language (周一…周日); each
    ticked one posts ``days=mon`` (the server still takes "mon tue" typed in one field)."""
    boxes = "".join(
        f'<label class="day"><input type="checkbox" name="days" value="{d}"'
        f"{' checked' if d in ticked else ''}> {w('day_' + d, lang)}</label> "
        for d in DAYS
    )
    return f'<fieldset id="days"><legend>{w("f_days", lang)}</legend>{boxes}</fieldset>'


def select(
    name: str,
    label: str,
    options: Sequence[tuple[str, str]],
    current: str,
    disabled: frozenset[str] = frozenset(),
) -> str:
    """A labelled choice of (value, words) options, the current one selected; a ``disabled``
    one (a revoked grid worker) shown but not selectable, unless it is the current one."""

    def state(value: str) -> str:
        if value == current:
            return " selected"
        return " disabled" if value in disabled else ""

    items = "".join(
        f'<option value="{e(value)}"{state(value)}>{e(words)}</option>' for value, words in options
    )
    return f'<label>{label} <select name="{name}">{items}</select></label><br>'


def entry_form(
    section: str,
    entry: Mapping[str, Any] | None,
    csrf: str,
    lang: Lang,
    keepers: Sequence[tuple[str, str]] = (),
    *,
    typed: Mapping[str, str] | None = None,
    problems: Mapping[str, str] | None = None,
    revoked: frozenset[str] = frozenset(),
) -> str:
    """The add (or, prefilled, edit) form of one setup section; ``keepers``: the grid workers
    an elder may have, (key, name and buildings), picked by name (the key stays internal; a
    ``revoked`` one is shown marked but cannot be picked).
    ``typed``: what a refused form held, shown again, with ``problems`` (field: words) next
    to their fields."""
    v = dict(typed) if typed is not None else typed_values(section, entry or {})
    said = problems or {}

    def text(name: str, label: str, *, wide: bool = False) -> str:
        return field(name, w(label, lang), v.get(name, ""), wide=wide, problem=said.get(name, ""))

    if section == "staff":
        fields = text("telegram_id", "f_telegram_id") + text("name", "f_name")
        fields += field("language", w("f_language", lang), v.get("language", "zh"))
    elif section == "housekeepers":
        fields = text("key", "f_key") + text("name", "f_name") + text("buildings", "f_buildings")
    elif section == "elders":
        fields = text("key", "f_key") + text("name", "f_name") + text("address", "f_address")
        fields += text("checkin_times", "f_times")
        grid = str(v.get("grid_worker", ""))
        choices = list(keepers)
        if grid and grid not in {key for key, _ in choices}:
            choices.append((grid, grid))  # one no longer in the setup stays shown, as it is
        if not grid:
            choices.insert(0, ("", "—"))
        fields += select("grid_worker", w("f_grid_worker", lang), choices, grid, revoked)
        if "grid_worker" in said:
            fields += f'<span class="breach" id="problem-grid_worker">{said["grid_worker"]}</span>'
        risks = [(r, w("risk_" + r, lang)) for r in ("normal", "high")]
        fields += select("risk", w("f_risk", lang), risks, str(v.get("risk", "normal")))
        if "risk" in said:
            fields += f'<span class="breach" id="problem-risk">{said["risk"]}</span>'
        fields += text("family", "f_family", wide=True)
    else:
        fields = text("id", "f_key") + text("text_zh", "f_text_zh", wide=True)
        fields += text("text_en", "f_text_en", wide=True)
        fields += day_boxes(v.get("days", "").split(), lang)
        if "days" in said:
            fields += f'<span class="breach" id="problem-days">{said["days"]}</span>'
        fields += text("post_at", "f_post_at")
    button = w("save", lang)
    return (
        f'<div id="form-{section}">'
        + form(f"/setup/{section}", csrf, fields, button, inline=False)
        + "</div>"
    )
