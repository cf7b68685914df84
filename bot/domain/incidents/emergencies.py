"""Emergencies written in any chat: advice for the writer at once, responders told privately.

"家里煤气味很重", "电梯困人了！", "my dad fell and can't get up" become an incident, never a
booking or a price. The writer gets what to do now and the number to call (in a group: short,
never an address); staff on duty and the housekeeper covering the writer's building get the
words, who wrote them, where, and a link to the message. A second message about the same
emergency in the same chat joins the open incident instead of opening another; which messages
join is :func:`.model.joins`: another kind of emergency is its own incident, and a request (a
broken corridor light) is never folded into one.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from bot.domain.incidents import homes, messages, places
from bot.domain.incidents.model import (
    FOLLOW_UP,
    SAME_EMERGENCY,
    Incident,
    Kind,
    Said,
    covering,
    joins,
)
from bot.domain.incidents.places import pass_on
from bot.domain.incidents.progress import GroupNews
from bot.domain.incidents.repo import Draft
from bot.domain.incidents.service import Circle, Incidents
from bot.domain.incidents.told import Told
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx
from intents.addresses import named_door
from intents.emergency import is_bare_cry
from intents.followup import read_follow_up
from intents.places import Where, said_place, where_said


@dataclass(frozen=True)
class Report:
    """An emergency as written: by whom, where, which message, in what words."""

    kind: Kind
    writer: Person
    chat_id: int
    chat_title: str
    message_id: int | None
    words: str


# An enrolled elder's own help call for a report she wrote (check-ins open it), or None.
OwnCall = Callable[[Tx, Person, str, bool, tuple[int, int | None]], Awaitable[Incident | None]]
# What may be the writer's own trouble, not something she sees (gas, a lift).
PERSONAL = frozenset({Kind.FALL, Kind.MEDICAL, Kind.HELP})


# A door number's characters ("3栋2单元501"), taken out of a cry that also names the door.
_DOOR = re.compile(r"[0-9一二三四五六七八九十零\-栋幢单元号楼室层#]+")


def _without_place(words: str, door: tuple[str, str, str] | None) -> str:
    """The words without the door they name: "3栋2单元501 快来人" is a bare cry from the
    writer of an open emergency, which says where it is (tester 1, session 15, M1)."""
    return _DOOR.sub(" ", words).strip() if door is not None else words


class Emergencies:
    """Report an emergency and say what to do."""

    def __init__(
        self,
        incidents: Incidents,
        own_call: OwnCall | None = None,
        elder_at: homes.ElderAt | None = None,
    ) -> None:
        self.inc = incidents
        self._own_call = own_call
        self._elder_at = elder_at  # the enrolled elder living at a door, from check-ins
        self.news = GroupNews(incidents)  # the group's lines: who is going, it is over
        self.places = places.Places(incidents)  # where it is, when the words did not say

    async def report(self, tx: Tx, report: Report) -> Text:
        """Open (or join) the incident and return the answer for the writer."""
        return (await self.report_asking(tx, report))[0]

    async def report_asking(self, tx: Tx, report: Report) -> tuple[Text, int | None]:
        """:meth:`report`, and the incident whose place is to be asked in private (the
        group's answer then carries the 私聊告诉我地点 button), None when not."""
        own = await self._elders_own(tx, report)
        if own is not None:
            return own, None
        joined = await self._same(tx, report)
        if joined is not None:
            await self._join(tx, joined, report)
            # A place said only now ("3栋2单元501 快来人") is kept for the reminders, which go
            # to responders in private; the answer here never repeats it.
            if said := where_said(report.words, self._buildings()).said:
                await self.inc.repo.set_place(tx, joined.id, said)
            if joined.chat_id == report.chat_id and report.chat_id != report.writer.telegram_id:
                # the group has read the advice once: a follow-up there ("烟越来越大了 我们已经
                # 下楼了") gets one short line, not the whole advice again (tester1 M6)
                return T("incidents.joined_short"), None
            return self.answer(joined, await self._told(tx, joined)), None
        where = where_said(report.words, self._buildings())
        incident, told = await self._raise(tx, report, where)
        answer = self.answer(incident, told)
        line = T("incidents.place_said", place=where.shown) if where.shown else None
        unknown = where.said is None or where.room_only
        ask, asked = await self._ask_place(tx, report, incident, unknown)
        if ask is not None:
            line = T("common.lines", lines=[line, ask]) if line else ask
        if line is None:
            return answer, asked
        return T("common.lines", lines=[answer, line]), asked

    async def _raise(self, tx: Tx, report: Report, where: Where) -> tuple[Incident, Told]:
        """A new incident, at the place the words say ("3栋电梯困人", "7-1-402", "west gate"),
        which beats where the writer lives: that only picks the covering housekeeper; the
        writer's flat is never given as the place, and a door number is never echoed back.
        At an enrolled elder's flat, her grid worker and family are told too (:mod:`.homes`)."""
        address = await self.inc.people.address(tx, report.writer.id)
        buildings = {h.key: h.buildings for h in self.inc.community.housekeepers}
        building = where.building or (address.building if address else None)
        keepers = covering(buildings, building)
        door = named_door(report.words)
        home = await self._elder_at(tx, door) if door and self._elder_at else None
        if home is not None:
            keepers = list(dict.fromkeys([home.grid_worker, *keepers]))
        place = homes.label(home, where.said or "") if home else where.said or ""
        writer = report.writer
        draft = Draft(
            report.kind, writer.name, None, writer.id, report.chat_id, report.chat_title,
            report.message_id, "wrote", report.words[:500], place,
        )  # fmt: skip
        circle = Circle(subject=writer, keepers=tuple(keepers))
        incident, told = await self.inc.raise_(tx, draft, circle, f"person:{writer.id}")
        if home is not None:
            told.family += await homes.tell_family(self.inc, tx, incident, home, told)
        return incident, told

    async def _ask_place(
        self, tx: Tx, report: Report, incident: Incident, unknown: bool
    ) -> tuple[Text | None, int | None]:
        """Where it is, when the words said nowhere or no building: in private, the next
        words answer it; in a group, a common place may be said there, a home only in
        private (the incident whose place the button asks: :mod:`.places`)."""
        if not unknown:
            return None, None
        if places.asks_privately(report.kind, report.chat_id):
            return T("incidents.place_ask_group"), incident.id
        private = report.chat_id == report.writer.telegram_id
        if not private or await self.places.await_place(tx, report.writer, incident):
            return T("incidents.place_ask"), None
        return None, None

    async def _elders_own(self, tx: Tx, report: Report) -> Text | None:
        """An enrolled elder's fall or illness written in a group is her help call (family
        and grid worker alerted, her address on file): the group reads only what to do and
        who was told; nothing there asks where she is (she is told privately)."""
        private = report.chat_id == report.writer.telegram_id
        if report.kind not in PERSONAL or self._own_call is None:
            return None
        source = (report.chat_id, report.message_id)
        incident = await self._own_call(tx, report.writer, report.words, private, source)
        if incident is None:
            return None
        return self.answer(replace(incident, kind=report.kind), await self._told(tx, incident))

    def _buildings(self) -> list[str]:
        """The community's buildings (those the housekeepers cover when none are listed)."""
        listed = list(self.inc.community.community.buildings)
        return listed or [b for h in self.inc.community.housekeepers for b in h.buildings]

    def advice(self, kind: Kind) -> Text:
        """Only what to do now (for an elder whose help call already says who was told)."""
        policy = self.inc.policy
        return T(
            "common.lines", lines=messages.advice(kind, policy.lift_phone, policy.office_phone)
        )

    def answer(self, incident: Incident, told: Told) -> Text:
        """Advice and the number to call, then honestly who was told."""
        policy = self.inc.policy
        words = incident.words
        lines = messages.advice(incident.kind, policy.lift_phone, policy.office_phone, words)
        if told.anyone:
            lines.append(T("incidents.told_line", told=messages.joined(self._parts(told))))
        else:
            lines.append(T("incidents.nobody_line"))
        return T("common.lines", lines=lines)

    @staticmethod
    def _parts(told: Told) -> list[Text]:
        """Who was told, as the writer reads it (staff on duty, the housekeeper)."""
        parts: list[Text] = []
        if told.staff:
            parts.append(T("incidents.emergency_staff"))
        if told.keepers or told.responders:
            parts.append(T("incidents.emergency_keeper"))
        return parts

    def may_follow_up(self, chat_id: int) -> bool:
        """Without the database: whether a message in this chat could be a writer's follow-up
        (an incident raised there within the hour, or not known yet)."""
        return self.inc.raised_after(chat_id, self.inc.clock.now() - SAME_EMERGENCY) is not False

    async def follow_up(
        self,
        tx: Tx,
        chat_id: int,
        telegram_id: int,
        name: str,
        message_id: int,
        words: str,
        request: bool = False,
        question: bool = False,
    ) -> bool:
        """The writer of an open emergency writes again in the same chat ("没事了，是有人烧纸"):
        the responders on their way read it. Returns whether it joined such an emergency; a
        request (`request`: the words name a service), words about another building, or
        plain chatter (a greeting, the weather; a `question` the [[faq]] list answers, unless
        it shows a sign of the emergency) never join (:func:`.model.joins`), and are read as
        usual."""
        since = self.inc.clock.now() - SAME_EMERGENCY
        await self.inc.remember_raised(tx, since)
        if self.inc.raised_after(chat_id, since) is False:
            return False
        incident = await self.inc.repo.open_by_writer(tx, chat_id, telegram_id, since)
        if incident is None:
            return False
        about = read_follow_up(words, incident.words, question)
        door = named_door(words)
        said = Said(None, self._building(words), request, same_writer=True, door=door, about=about)
        if not self._joins(incident, said):
            return False
        await pass_on(self.inc, tx, incident, "subject", telegram_id, name, message_id, words)
        return True

    def _joins(self, incident: Incident, said: Said) -> bool:
        """:func:`.model.joins` with the building and door the incident's words named."""
        building, door = self._building(incident.words), named_door(incident.words)
        return joins(incident.kind, building, self._age(incident), said, door)

    def _building(self, words: str) -> str | None:
        place = said_place(words, self._buildings())
        return place.building if place else None

    def _age(self, incident: Incident) -> timedelta:
        return self.inc.clock.now() - incident.created_at

    async def _same(self, tx: Tx, report: Report) -> Incident | None:
        """The open emergency this report is about (:func:`.model.joins`), if any: in the same
        chat, or the writer's own from another chat within :data:`.model.FOLLOW_UP` (the
        same fire posted in a second group, or written privately, is one incident)."""
        building, door = self._building(report.words), named_door(report.words)
        cry = report.kind == Kind.HELP and is_bare_cry(_without_place(report.words, door))
        for incident in await self.inc.repo.open_incidents(tx):
            mine = incident.reporter_id == report.writer.id
            here = incident.chat_id == report.chat_id or (
                mine and self._age(incident) <= FOLLOW_UP
            )
            if not here or incident.elder_key is not None:
                continue
            said = Said(report.kind, building, False, same_writer=mine, door=door, cry=cry)
            if self._joins(incident, said):
                return incident
        return None

    async def _join(self, tx: Tx, incident: Incident, report: Report) -> None:
        """Another message about an open emergency: passed on to everyone on it, as its
        reporter writing again (and where, from another chat) or as someone else."""
        w, chat = report.writer, report.chat_id
        where = messages.other_chat(incident, chat, report.chat_title, w.telegram_id)
        by = (incident.reporter_id == w.id, where, chat)
        words, actor = report.words, f"person:{w.id}"
        await pass_on(
            self.inc, tx, incident, actor, w.telegram_id, w.name, report.message_id, words, by
        )

    async def _told(self, tx: Tx, incident: Incident) -> Told:
        """Who is on an open incident already, as a Told."""
        people = await self.inc.repo.on_call(tx, incident.id)
        keepers = [p.ref for p in people if p.role == "grid_worker"]
        others = [p.ref for p in people if p.role == "responder"]
        return Told(keepers, sum(p.role == "staff" for p in people), responders=others)
