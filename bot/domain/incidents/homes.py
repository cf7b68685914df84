"""An emergency at an enrolled elder's flat is hers too (tester 1, session 15, M2).

"3栋2单元501煤气味特别重" names a door; when it is the flat the community file (or staff) gave an
elder enrolled for check-ins, responders must know whose home it is and how much at risk she is,
and the people who look after her must hear, as for her own help call: her grid worker is
alerted with the responders, her family are told that something may be wrong at her home — the
kind, never the address nor the words (which may carry it). The incident stays the writer's
emergency (the group hears its progress; the writer is its reporter); the elder is matched by
the check-ins side (:class:`ElderAt`), so this package never reads the check-in tables.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.domain.incidents import messages
from bot.domain.incidents.model import Incident
from bot.domain.incidents.service import Incidents
from bot.domain.incidents.told import Told
from bot.domain.people import Person
from bot.i18n import T, render
from bot.storage import Tx


@dataclass(frozen=True)
class ElderHome:
    """The enrolled elder whose flat a door number is, and who looks after her."""

    key: str
    name: str
    risk: str  # "high" / "normal", as enrolled
    grid_worker: str  # her grid worker's housekeeper key
    family: tuple[Person, ...]  # family members who joined


# The check-ins side: the enrolled elder living at this door (building, unit, room), if any.
ElderAt = Callable[[Tx, tuple[str, str, str]], Awaitable[ElderHome | None]]


def label(home: ElderHome, place: str) -> str:
    """The place as responders read it in private: the door, and whose home it is. Kept as
    the incident's place (reminders repeat it); written in the community's language."""
    risk = T(f"incidents.risk_{'high' if home.risk == 'high' else 'normal'}")
    return render(T("incidents.elder_home", place=place, name=home.name, risk=risk), "zh")


async def tell_family(
    inc: Incidents, tx: Tx, incident: Incident, home: ElderHome, told: Told
) -> int:
    """Her family hear that something may be wrong at her home, and who was told; they are
    put on the incident (as family: progress, never the address). How many were told."""
    text = T(
        "incidents.family_elder_home",
        name=home.name,
        kind=messages.kind(incident),
        told=messages.joined(told.parts(family=False)),
    )
    sent = 0
    for member in home.family:
        await inc.repo.add_person(tx, incident.id, member.telegram_id, "family", home.key)
        key = f"inc{incident.id}:{incident.round}:alert:{member.telegram_id}"
        sent += await inc.outbox.send(tx, member.telegram_id, text, key=key)
    return sent
