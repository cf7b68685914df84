"""Who the bot cannot reach, in plain words (Today and Care, staff only): the ladder steps
reaching nobody, per elder, and the people named in the community file who never sent /start,
most urgent first; each with a link to People, where staff fix it."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.checkins.gaps import Gap
from bot.domain.console.reachability import Silent
from bot.i18n import Lang
from bot.web.html import e, w


def _names(names: tuple[str, ...], lang: Lang) -> str:
    """Names in a row (plain: ``w`` escapes its whole sentence)."""
    return ("、" if lang == "zh" else ", ").join(names)


def gap_line(gap: Gap, lang: Lang) -> str:
    """One step reaching nobody: whose ladder, which step, why."""
    if gap.step == "staff":
        return w("gap_staff", lang)  # every elder's last step, and every emergency's
    if gap.step == "elder":
        return w("gap_elder", lang, elder=_names(gap.elders, lang))
    key = "gap_worker_revoked" if gap.revoked else "gap_worker"
    return w(key, lang, elders=_names(gap.elders, lang), worker=gap.worker)


def gaps_block(gaps: list[Gap], lang: Lang) -> str:
    """The ladder gaps as a warning list with the way to fix them; nothing when none."""
    if not gaps:
        return ""
    items = "".join(f"<li>{gap_line(g, lang)}</li>" for g in gaps)
    fix = f'<a href="/people">{w("gaps_fix", lang)}</a>'
    return (
        f'<section id="gaps"><h2 class="breach">{w("gaps_title", lang)}</h2>'
        f"<ul>{items}</ul><p>{fix}</p></section>"
    )


def silent_block(silent: list[Silent], providers: Mapping[str, str], lang: Lang) -> str:
    """Who never sent /start: name, role and what for (a grid worker's elders, a provider's
    name); those an escalation ladder counts on first and marked so."""
    if not silent:
        return ""
    items = []
    for s in silent:
        what = w("role_" + s.role, lang) if s.role in ("staff", "provider") else ""
        if s.role == "grid_worker":
            what = w("silent_grid_worker", lang, elders=_names(s.elders, lang))
        elif s.role == "on_duty":
            what = w("silent_on_duty", lang)
        elif s.role == "housekeeper":
            what = w("role_housekeeper", lang)
        elif s.role == "provider":
            what += " · " + e(providers.get(s.ref, s.ref))
        mark = f' <span class="breach">{w("silent_ladder", lang)}</span>' if s.ladder else ""
        items.append(f"<li>{e(s.name)} · {what}{mark}</li>")
    fix = f'<a href="/people">{w("silent_fix", lang)}</a>'
    return (
        f'<section id="silent"><h2>{w("silent_title", lang)}</h2>'
        f'<ul>{"".join(items)}</ul><p class="note">{fix}</p></section>'
    )
