"""Where an emergency is, when its first words did not say: asked once, and passed on.

In private the writer's next words answer it. In a group nobody should be asked to post a home
address for all to read (tester 1, session 15, M1: "3栋2单元501 快来人" in the group, because the
bot asked there): the group is told that a common place ("3栋电梯") may be said there, and that a
home is told privately through a 私聊告诉我地点 button, whose /start opens the same question in
private (:meth:`Places.open_private`). Whatever the answer, it goes to the people on the
incident in private only, and is never echoed to a group.
"""

from __future__ import annotations

from bot.domain.incidents import messages
from bot.domain.incidents.contract import Input
from bot.domain.incidents.model import SAME_EMERGENCY, Incident, Kind
from bot.domain.incidents.service import Incidents
from bot.domain.people import Person
from bot.domain.people.contract import Pending
from bot.i18n import T, Text
from bot.storage import Tx

# The /start payload of the 私聊告诉我地点 button: this prefix and the incident id.
START_PREFIX = "place_"
# Emergencies that are about a common place by nature: the place may be said in the group.
COMMON_PLACE = frozenset({Kind.LIFT})


def start_payload(incident_id: int) -> str:
    """The /start payload that asks, in private, where this incident is."""
    return f"{START_PREFIX}{incident_id}"


def incident_of(payload: str) -> int | None:
    """The incident a /start payload asks the place of, or None when it is not one."""
    head, _, tail = payload.partition(START_PREFIX)
    return int(tail) if not head and tail.isdecimal() else None


def asks_privately(kind: Kind, chat_id: int) -> bool:
    """Whether the place of an emergency written in this chat is asked with the private
    button: in a group, unless the emergency is at a common place by nature (a lift)."""
    return chat_id < 0 and kind not in COMMON_PLACE


async def pass_on(
    inc: Incidents,
    tx: Tx,
    incident: Incident,
    actor: str,
    writer_chat: int,
    name: str,
    message_id: int | None,
    words: str,
    by: tuple[bool, Text | None, int] = (True, None, 0),
) -> None:
    """A writer's words about an open emergency go to everyone on it but the writer: as
    the reporter writing again (`by`: whether it is the reporter, in which other chat),
    or as someone else who also wrote."""
    await inc.audit.record(tx, actor, "subject_wrote", incident.subject)
    reporter, where, chat = by
    text = messages.wrote(incident, name, words[:500], reporter, where)
    for person in await inc.repo.on_call(tx, incident.id):
        # not family: the words may carry the address (an emergency at an elder's home)
        if person.role not in ("subject", "family") and person.chat_id != writer_chat:
            key = f"inc{incident.id}:also{chat or ''}{message_id}:{person.chat_id}"
            await inc.outbox.send(tx, person.chat_id, text, key=key)


class Places:
    """Asking where an emergency is, and passing the answer on."""

    def __init__(self, incidents: Incidents) -> None:
        self.inc = incidents

    async def await_place(self, tx: Tx, writer: Person, incident: Incident) -> bool:
        """In private, the writer's next words answer where it is, unless they are in the
        middle of something else (a booking draft keeps its step: not asked then). The
        address question after /start gives way: where the emergency is matters now, and the
        address is asked again when they book."""
        pending = await self.inc.people.expecting(tx, writer.id)
        if pending is not None and pending[0] != Pending.ADDRESS:
            return False
        await self.inc.people.expect(tx, writer.id, Input.PLACE, incident=incident.id)
        return True

    async def open_private(self, tx: Tx, person: Person, incident_id: int) -> Text:
        """Someone pressed 私聊告诉我地点 in the group: their next private words say where (the
        reporter, or a neighbour who knows the flat). When the incident is over, they are told
        so instead."""
        incident = await self.inc.repo.get(tx, incident_id)
        if incident is None or not incident.is_open:
            return T("incidents.place_private_over")
        await self.inc.people.expect(tx, person.id, Input.PLACE, incident=incident.id)
        return T("incidents.place_private_ask", kind=messages.kind(incident))

    async def given(self, tx: Tx, writer: Person, incident_id: int, words: str) -> bool:
        """The writer said where: passed on to everyone on the incident. False when that
        incident is over (the words are then read as usual)."""
        await self.inc.people.done_expecting(tx, writer.id)
        incident = await self.inc.repo.get(tx, incident_id)
        if incident is None or incident.closed_at is not None:
            return False
        await self.inc.repo.set_place(tx, incident.id, words.strip()[:200])
        reporter = writer.id == incident.reporter_id
        actor, chat, by = f"person:{writer.id}", writer.telegram_id, (reporter, None, 0)
        await pass_on(self.inc, tx, incident, actor, chat, writer.name, None, words, by)
        return True

    async def from_booking(self, tx: Tx, writer: Person, address: str) -> bool:
        """The ⚡ job booked from an emergency's advice in private gives its address: that is
        where the emergency is (tester3: reminders said "地址：未说明" while the plumber had
        the flat). Kept on the writer's open incident from that chat, when no place was known,
        and passed on to the responders in private; never to a group."""
        since = self.inc.clock.now() - SAME_EMERGENCY
        chat = writer.telegram_id
        incident = await self.inc.repo.open_by_writer(tx, chat, writer.telegram_id, since)
        if incident is None or not await self.inc.repo.set_place(tx, incident.id, address):
            return False
        actor = f"person:{writer.id}"
        await pass_on(self.inc, tx, incident, actor, chat, writer.name, None, address)
        return True
