"""The setup forms' fields: add (or, prefilled, edit) staff, housekeepers (their buildings),
elders (address, check-in times, grid worker picked by name, risk in words, family) and
recurring notices. Every value escaped; labels in the viewer's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.i18n import Lang
from bot.web.html import e, form, w

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # a recurring notice's day codes


def field(name: str, label: str, value: object = "", *, wide: bool = False) -> str:
    """A labelled text input (a textarea when ``wide``)."""
    if wide:
        return (
            f'<label>{label}<br><textarea name="{name}" rows="3" cols="30">{e(value)}'
            "</textarea></label><br>"
        )
    return f'<label>{label} <input name="{name}" value="{e(value)}"></label><br>'


def day_boxes(ticked: Sequence[str], lang: Lang) -> str:
    """A recurring notice's weekdays as boxes named in the viewer's language (周一…周日); each
    ticked one posts ``days=mon`` (the server still takes "mon tue" typed in one field)."""
    boxes = "".join(
        f'<label class="day"><input type="checkbox" name="days" value="{d}"'
        f"{' checked' if d in ticked else ''}> {w('day_' + d, lang)}</label> "
        for d in DAYS
    )
    return f'<fieldset id="days"><legend>{w("f_days", lang)}</legend>{boxes}</fieldset>'


def select(name: str, label: str, options: Sequence[tuple[str, str]], current: str) -> str:
    """A labelled choice of (value, words) options, the current one selected."""
    items = "".join(
        f'<option value="{e(value)}"{" selected" if value == current else ""}>{e(words)}</option>'
        for value, words in options
    )
    return f'<label>{label} <select name="{name}">{items}</select></label><br>'


def entry_form(
    section: str,
    entry: dict[str, Any] | None,
    csrf: str,
    lang: Lang,
    keepers: Sequence[tuple[str, str]] = (),
) -> str:
    """The add (or, prefilled, edit) form of one setup section; ``keepers``: the grid workers
    an elder may have, (key, name and buildings), picked by name (the key stays internal)."""
    v = entry or {}
    if section == "staff":
        fields = field("telegram_id", w("f_telegram_id", lang), v.get("telegram_id", ""))
        fields += field("name", w("f_name", lang), v.get("name", ""))
        fields += field("language", w("f_language", lang), v.get("language", "zh"))
    elif section == "housekeepers":
        fields = field("key", w("f_key", lang), v.get("key", ""))
        fields += field("name", w("f_name", lang), v.get("name", ""))
        fields += field("buildings", w("f_buildings", lang), " ".join(v.get("buildings", [])))
    elif section == "elders":
        family = "\n".join(
            f"{m.get('name', '')} {m.get('relation', '')}" for m in v.get("family", [])
        )
        fields = field("key", w("f_key", lang), v.get("key", ""))
        fields += field("name", w("f_name", lang), v.get("name", ""))
        fields += field("address", w("f_address", lang), v.get("address", ""))
        fields += field("checkin_times", w("f_times", lang), " ".join(v.get("checkin_times", [])))
        grid = str(v.get("grid_worker", ""))
        choices = list(keepers)
        if grid and grid not in {key for key, _ in choices}:
            choices.append((grid, grid))  # one no longer in the setup stays shown, as it is
        if not grid:
            choices.insert(0, ("", "—"))
        fields += select("grid_worker", w("f_grid_worker", lang), choices, grid)
        risks = [(r, w("risk_" + r, lang)) for r in ("normal", "high")]
        fields += select("risk", w("f_risk", lang), risks, str(v.get("risk", "normal")))
        fields += field("family", w("f_family", lang), family, wide=True)
    else:
        fields = field("id", w("f_key", lang), v.get("id", ""))
        fields += field("text_zh", w("f_text_zh", lang), v.get("text_zh", ""), wide=True)
        fields += field("text_en", w("f_text_en", lang), v.get("text_en", ""), wide=True)
        fields += day_boxes(v.get("days", []), lang)
        fields += field("post_at", w("f_post_at", lang), v.get("post_at", ""))
    button = w("save", lang)
    return (
        f'<div id="form-{section}">'
        + form(f"/setup/{section}", csrf, fields, button, inline=False)
        + "</div>"
    )
