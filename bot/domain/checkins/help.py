"""The bridge to incidents: a check-in's 需要帮助, words of distress and a grid worker's 需要支援
open the elder's help call (an incident), which then carries her open check-ins; only the help
call closing (a responder confirming she is safe) settles them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot import deadlines
from bot.clock import Clock
from bot.domain.checkins.answers import Answers, How
from bot.domain.checkins.contract import slot_prefix
from bot.domain.checkins.model import Checkin, CheckinState
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.incidents import messages as incident_messages
from bot.domain.incidents.homes import ElderHome
from bot.domain.incidents.model import Cause, Incident, Kind, Refusal, State
from bot.domain.incidents.repo import Draft
from bot.domain.incidents.responses import Responses
from bot.domain.incidents.service import Circle, Incidents
from bot.domain.incidents.told import Told
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx
from intents.addresses import door_number
from intents.welfare import about_relative, about_self

AFTER_CALL = timedelta(hours=24)
"""How long after her help call was confirmed safe "还是不行" still speaks of it."""


class HelpCalls:
    """Open, join and close an elder's help call from the check-in side."""

    def __init__(
        self,
        incidents: Incidents,
        repo: CheckinRepo,
        reach: Reach,
        answers: Answers,
        clock: Clock,
    ) -> None:
        self._incidents = incidents
        self.responses = Responses(incidents)
        self._repo = repo
        self._reach = reach
        self._answers = answers
        self._clock = clock

    async def open_call(self, tx: Tx, key: str) -> Incident | None:
        """The elder's open help call, if any."""
        return await self._incidents.repo.open_for_elder(tx, key)

    async def recently_closed(self, tx: Tx, key: str) -> Incident | None:
        """Her help call confirmed safe within :data:`AFTER_CALL`, if any: "更疼了" then means
        she is getting worse, and a human must hear it again."""
        since = self._clock.now() - AFTER_CALL
        return await self._incidents.repo.closed_for_elder(tx, key, since)

    async def status(self, tx: Tx, keys: Sequence[str]) -> list[Text]:
        """For family asking for news: each of these elders' open help call, who pressed
        我去处理 and since when, or honestly that nobody has said they are going yet."""
        found: list[Text] = []
        now = self._clock.now()
        for key in keys:
            call = await self.open_call(tx, key)
            if call is None:
                continue
            since = _minutes(now - await self._since(tx, call))
            going = [
                (person.name, _minutes(now - at))
                for chat, at in await self._incidents.repo.acked(tx, call.id)
                if (person := await self._reach.people.get(tx, chat)) is not None
            ]
            if going:
                ago = going[0][1]
                names = "、".join(dict.fromkeys(name for name, _ in going))
                found.append(T("incidents.status_going", name=call.subject_name, minutes=since,
                               who=names, ago=ago))  # fmt: skip
            else:
                nobody = "status_support" if call.state == State.SUPPORT else "status_nobody"
                found.append(T(f"incidents.{nobody}", name=call.subject_name, minutes=since))
        return found

    async def _since(self, tx: Tx, call: Incident) -> datetime:
        """When her call really began: for one the ladder raised (需要支援), the greeting she
        has been silent since, never the press (tester s15 W4: "0 分钟前发出")."""
        if call.cause != Cause.SUPPORT or call.elder_key is None:
            return call.created_at
        carried = await self._repo.in_states(tx, call.elder_key, (CheckinState.HELP,))
        return min([c.due_at for c in carried], default=call.created_at)

    async def raise_help(
        self,
        tx: Tx,
        key: str,
        person: Person,
        cause: Cause,
        words: str = "",
        message_id: int | None = None,
    ) -> tuple[Incident, Told | None]:
        """Open the elder's help call (or return the one already open, with no Told).
        Her open check-ins stop walking the ladder: the help call now carries them."""
        elder = await self._repo.elder(tx, key)
        assert elder is not None
        existing = await self.open_call(tx, key)
        if existing is not None:
            return existing, None
        await self.hold_ladder(tx, key)
        subject = await self._reach.elder_person(tx, key)
        family = tuple(await self._reach.family(tx, key))
        if cause == Cause.SUPPORT:  # the grid worker is there and asks for more hands
            circle = Circle(subject, family, busy=(elder.grid_worker,))
        else:
            circle = Circle(subject, family, (elder.grid_worker,))
        draft = Draft(
            Kind.HELP_CALL, elder.name, key, person.id, person.telegram_id, "", message_id,
            cause, words[:500], elder.address,
        )  # fmt: skip
        return await self._incidents.raise_(tx, draft, circle, f"person:{person.id}")

    async def hold_ladder(self, tx: Tx, key: str) -> None:
        """Open check-ins of the elder become part of her help call: no more ladder steps
        (also when she writes while it is open: she answered, the call carries it)."""
        for checkin in await self._repo.waiting(tx, key):
            await deadlines.cancel_prefix(tx, slot_prefix(key, checkin.slot))
            await self._repo.move(tx, checkin, CheckinState.HELP)

    async def _carry(self, tx: Tx, checkin: Checkin) -> None:
        """The pressed check-in is carried by the help call, whatever it said before."""
        fresh = await self._repo.checkin(tx, checkin.id)
        if fresh is not None and fresh.state != CheckinState.HELP:
            await self._repo.move(tx, fresh, CheckinState.HELP)

    async def help(self, tx: Tx, checkin: Checkin, person: Person) -> Told | None:
        """The elder pressed 需要帮助: her help call opens; she hears who was told."""
        incident, told = await self.raise_help(tx, checkin.elder_key, person, Cause.PRESSED)
        await self._carry(tx, checkin)
        if told is not None:
            await self._tell_subject(tx, incident, person, told)
        return told

    async def help_now(
        self, tx: Tx, key: str, person: Person, cause: Cause, words: str, message_id: int | None
    ) -> Incident:
        """Help asked in words or media outside a button: open the call, or pass it on."""
        incident, told = await self.raise_help(tx, key, person, cause, words, message_id)
        if told is not None:
            await self._tell_subject(tx, incident, person, told)
        return incident

    async def own_call(
        self, tx: Tx, writer: Person, words: str, private: bool, source: tuple[int, int | None]
    ) -> Incident | None:
        """An emergency someone wrote that is an enrolled elder's own: her fall or illness in
        a group (tester 2: "俺栓倒了 在家起不来"), or her family's worry about her
        ("我妈电话一直没人接 派人上门看一眼"). It is her help call: grid worker and family
        alerted, her address on file to responders, the all-clear about her. None otherwise
        (the emergency is reported as usual). While her help call is open, an emergency she
        writes in a group, with or without "我", joins it: her words (`source`: the group
        message) go urgently to everyone on it, never a second, generic incident."""
        held = await self._reach.people.roles(tx, writer.id)
        mine = sorted(r for k, r in held if k == "elder")
        followed = sorted(r for k, r in held if k == "family")
        if mine and not private:
            call = await self.open_call(tx, mine[0])
            if call is not None:  # "快来人啊，好疼" during her call: her call, urgently
                ref = f"{source[0]}:{source[1]}"  # a group's ids are its own
                await self.responses.subject_worse(tx, call, words, ref)
                return call
            if about_self(words):
                return await self.help_now(tx, mine[0], writer, Cause.WROTE, words, None)
        if followed and about_relative(words):
            elder = await self._repo.elder(tx, followed[0])
            if elder is not None:
                incident, _ = await self.raise_help(tx, elder.key, writer, Cause.WROTE, words)
                return incident
        return None

    async def elder_at(self, tx: Tx, door: tuple[str, str, str]) -> ElderHome | None:
        """The enrolled elder whose flat this door is (building, unit and room, as her address
        on file reads), with her grid worker and family: an emergency there is hers too."""
        for elder in await self._repo.elders(tx):
            if elder.address and door_number(elder.address) == door:
                family = tuple(await self._reach.family(tx, elder.key))
                return ElderHome(elder.key, elder.name, elder.risk, elder.grid_worker, family)
        return None

    async def _tell_subject(self, tx: Tx, incident: Incident, person: Person, told: Told) -> None:
        """Tell the elder who was actually told (or to call 120 herself if nobody was)."""
        if told.anyone:
            text = T("incidents.subject_told", told=incident_messages.joined(told.parts()))
        else:
            text = T("incidents.subject_nobody")
        key = f"inc{incident.id}:subject_told"
        await self._reach.outbox.send(tx, person.telegram_id, text, key=key)

    async def support(self, tx: Tx, checkin: Checkin, person: Person) -> None:
        """The grid worker needs support on a check-in: it becomes a help call, staff alerted."""
        incident, told = await self.raise_help(tx, checkin.elder_key, person, Cause.SUPPORT)
        await self._carry(tx, checkin)
        if told is None:  # her help call was already open: this is a support request on it
            await self.responses.ask_support(tx, incident.id, person)
        else:
            await self.responses.support_raised(tx, incident, person)

    async def confirm(self, tx: Tx, checkin: Checkin, person: Person) -> bool:
        """The grid worker (or staff) confirmed the elder is safe (and her help call, if any).
        True when that closed her help call: its closer is asked for a note, as from the
        call's own alert (the note is then expected from them)."""
        incident = await self.open_call(tx, checkin.elder_key)
        if checkin.state == CheckinState.HELP and incident is not None:
            outcome = await self.responses.confirm_safe(tx, incident.id, person)
            return not isinstance(outcome, Refusal)
        how = How("confirmed", closer=person)
        await self._answers.settle(tx, checkin, f"person:{person.id}", how)
        return False

    async def call_closed(self, tx: Tx, incident: Incident, closer: Person) -> None:
        """A help call was confirmed safe: the check-ins it carried are settled too."""
        key = incident.elder_key
        if key is None:
            return
        for checkin in await self._repo.in_states(tx, key, (CheckinState.HELP,)):
            await self._repo.settle(tx, checkin, CheckinState.FINE, "confirmed", self._clock.now())
            # Who confirmed, for family asking later ("由张管家确认平安", never "she answered").
            await self._incidents.audit.record(
                tx,
                f"person:{closer.id}",
                "fine",
                f"elder:{key}",
                via="confirmed",
                call=incident.id,
            )
            elder = await self._repo.elder(tx, key)
            person = await self._reach.elder_person(tx, key)
            if elder is not None and person is not None:
                await self._answers.retire_buttons(tx, checkin, elder, person, closer)


def _minutes(delta: timedelta) -> int:
    """Whole minutes, never negative."""
    return max(0, int(delta.total_seconds() // 60))
