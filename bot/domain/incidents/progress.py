"""What a group hears about an emergency written there, after the first advice.

Neighbours who saw "楼道冒黑烟" in the group (the reporter among them, who may never have opened a
private chat with the bot) otherwise never learn that help went or that it is over (tester 1,
session 15, S3). So the group hears, once each, quoting the report: that someone is on the way
(named by role only, never by name), and that the incident was confirmed safe. A question there
while it is open ("有人去看了吗？？", "anyone coming?") is answered from the incident's state and
passed on to the responders. Nothing posted here carries an address, a name of the person in
danger, a phone of a resident or the confirmer's note: only the incident's progress.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.domain.incidents import messages
from bot.domain.incidents.model import OPEN_STATES, Actor, Incident, State, reply_language
from bot.domain.incidents.service import Incidents
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx

# "Is anyone coming?" in the words neighbours use. Kept here (not in intents/) as it only
# matters while an emergency is open in the same group, where a false match costs one line.
_ASKS = re.compile(
    r"有人(去|来|过去|过来)?(看|管|处理)?(一下)?了?(吗|没|么)|有没有人(去|来|管|处理)|人呢|怎么还没(人)?来"
    r"|(来|到|去)了(吗|没)|处理了(吗|没)|有人管(吗|么)|还没(人)?(来|到)|谁去(看|了)"
    r"|\b(any(one|body)|some(one|body)|help)\s+(coming|going|there|on (it|the way))"
    r"|\bis (any(one|body)|some(one|body)|help) (coming|going|on)|\bany (update|news)\b",
    re.IGNORECASE,
)


def asks_progress(words: str) -> bool:
    """Whether the words ask whether anyone is coming or it was dealt with."""
    return bool(_ASKS.search(words))


def _going_role(actor: Actor) -> str:
    """Who is on the way, by role only: a housekeeper, or the property's staff."""
    return "staff" if actor is Actor.STAFF else "keeper"


class GroupNews:
    """The group's lines about an emergency raised there (see the module docstring)."""

    def __init__(self, incidents: Incidents) -> None:
        self.inc = incidents

    async def going(self, tx: Tx, incident: Incident, actor: Actor) -> None:
        """The first "I'm going" on a group emergency: the group hears someone is on the way."""
        text = T(f"incidents.group_going_{_going_role(actor)}")
        await self._post(tx, incident, "going", text)

    async def safe(self, tx: Tx, incident: Incident) -> None:
        """The incident was confirmed safe: the group hears it is over."""
        await self._post(tx, incident, "safe", T("incidents.group_safe"))

    async def _post(self, tx: Tx, incident: Incident, event: str, text: Text) -> None:
        if incident.chat_id >= 0 or incident.elder_key is not None:
            return  # written in private, or an elder's own help call: no group to tell
        await self.inc.outbox.send(
            tx,
            incident.chat_id,
            text,
            key=f"inc{incident.id}:group:{event}",  # once per incident and event
            reply_to=incident.message_id,
            lang=reply_language(incident.chat_id, incident.words),
        )

    async def asked(
        self, tx: Tx, chat_id: int, asker: Person, message_id: int, words: str
    ) -> Text | None:
        """Someone in the group asks whether anyone is coming while an emergency raised there
        is open: their words go to everyone on it, and the answer says who is going (by role),
        or that nobody has said so yet and the responders were reminded. None when the words
        ask nothing of the kind or nothing is open there."""
        if chat_id >= 0 or not asks_progress(words):
            return None
        incident = await self._open_in(tx, chat_id)
        if incident is None:
            return None
        await self._pass_on(tx, incident, asker, message_id, words)
        if incident.state is State.OPEN:
            return T("incidents.group_nobody_yet")
        return await self._going_since(tx, incident)

    async def _open_in(self, tx: Tx, chat_id: int) -> Incident | None:
        """The newest open emergency raised in this group."""
        found = [
            i
            for i in await self.inc.repo.open_incidents(tx)
            if i.chat_id == chat_id and i.elder_key is None and i.state in OPEN_STATES
        ]
        return found[-1] if found else None

    async def _going_since(self, tx: Tx, incident: Incident) -> Text:
        """Who set off first (by role) and how many minutes ago."""
        acked = await self.inc.repo.acked(tx, incident.id)
        first: datetime = acked[0][1] if acked else incident.created_at
        staff = bool(acked) and await self.inc.people.is_staff(tx, acked[0][0])
        minutes = max(0, int((self.inc.clock.now() - first).total_seconds() // 60))
        role = _going_role(Actor.STAFF if staff else Actor.RESPONDER)
        return T(f"incidents.group_still_going_{role}", minutes=minutes)

    async def _pass_on(
        self, tx: Tx, incident: Incident, asker: Person, message_id: int, words: str
    ) -> None:
        """The question goes to everyone on the incident (the reporter's own words as theirs),
        so those on the way know people are waiting, and nobody yet on it is reminded."""
        await self.inc.audit.record(tx, f"person:{asker.id}", "subject_wrote", incident.subject)
        reporter = asker.id == incident.reporter_id
        text = messages.wrote(incident, asker.name, words[:500], reporter, None)
        for person in await self.inc.repo.on_call(tx, incident.id):
            if person.role not in ("subject", "family") and person.chat_id != asker.telegram_id:
                key = f"inc{incident.id}:asked{message_id}:{person.chat_id}"
                await self.inc.outbox.send(tx, person.chat_id, text, key=key)
