"""Renderings of the People pages: the revocation's confirmation (what will happen)."""

from __future__ import annotations

from bot.domain.console import Viewer
from bot.domain.console.staffing import RevokePlan
from bot.i18n import Lang
from bot.web.html import e, form, layout, w
from bot.web.views import state_label


def revoke_view(
    plan: RevokePlan,
    viewer: Viewer,
    lang: Lang,
    services: dict[str, str] | None = None,
    refs: dict[str, str] | None = None,
) -> str:
    """The confirmation page: the roles they lose (``refs``: a role's key by name, never
    ``hk_chen``), what stops, the open jobs taken from them (each a link), who takes their
    elders over; the button, or why it is refused."""
    named = refs or {}
    roles = (
        "".join(
            f"<li>{w('role_' + role, lang)}{(' · ' + e(named.get(ref, ref))) if ref else ''}</li>"
            for role, ref in plan.roles
        )
        or f"<li>{w('no_roles', lang)}</li>"
    )
    body = f"<p>{w('revoke_roles', lang)}</p><ul id='roles'>{roles}</ul>"
    # a grid worker whose elders nobody else can take stays in the setup, marked, until staff
    # name another: the page says so rather than "taken out of the setup"
    # (one whose elders all find another, but on the emergency duty list, stays too: says why)
    kept = any(new is None for new in plan.elders.values())
    said = "revoke_kept" if kept else "revoke_on_duty" if plan.on_duty else "revoke_out"
    duty = w("revoke_on_duty", lang) if kept and plan.on_duty else ""
    body += f"<p>{w('revoke_effects', lang)}{w(said, lang)}{duty}</p>"
    if plan.elders:
        waiting = plan.not_joined
        items = "".join(
            f"<li>{e(elder)} → {e(new)}</li>"
            if new
            else f"<li class='breach'>{e(elder)} → "
            + (
                w("revoke_grid_not_joined", lang, keeper=waiting[elder])
                if elder in waiting
                else w("revoke_no_grid", lang)
            )
            + "</li>"
            for elder, new in plan.elders.items()
        )
        body += f"<p>{w('revoke_elders', lang)}</p><ul id='elders'>{items}</ul>"
    if plan.jobs:
        names = services or {}
        items = "".join(
            f'<li><a href="/bookings/{job_id}">#{job_id}</a> {e(names.get(service, service))}'
            f" · {state_label(status, lang)}</li>"
            for job_id, service, status in plan.jobs
        )
        body += f"<p>{w('revoke_jobs', lang)}</p><ul id='jobs'>{items}</ul>"
    if plan.refusal is not None:
        body += f'<p class="breach" id="refusal">{w("revoke_" + plan.refusal.value, lang)}</p>'
    else:
        body += "<p>" + form(
            f"/people/{plan.person.id}/revoke",
            viewer.csrf,
            "",
            w("revoke_confirm", lang),
            confirm=w("sure", lang),
        )
        body += f' <a href="/people">{w("back", lang)}</a></p>'
    return layout(w("revoke_title", lang, name=plan.person.name), body, lang)
