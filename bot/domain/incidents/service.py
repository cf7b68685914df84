"""Raising an incident and escalating it until someone answers.

An incident is raised with the people around it (a :class:`Circle`): the person in trouble, the
responsible grid worker or covering housekeeper, family. Staff are always told. If the responsible
housekeeper cannot be told, the next one on the duty list is; if no staff member can be told
either, every housekeeper who can be is. Nobody is said to have been told unless they were.
Nobody acknowledging within the window re-alerts staff and adds the next responder, round after
round, until someone says "I'm going" (:mod:`.escalation`: it never goes quiet).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot import deadlines
from bot.audit import Audit
from bot.callbacks import CallbackSigner
from bot.clock import Clock
from bot.config import Community
from bot.deadlines import Deadline
from bot.domain.incidents import escalation, messages
from bot.domain.incidents.contract import DeadlineKind, Ref
from bot.domain.incidents.model import (
    Actor,
    Event,
    Incident,
    Refusal,
    decide,
    next_responders,
)
from bot.domain.incidents.repo import Draft, IncidentRepo
from bot.domain.incidents.told import Told
from bot.domain.people import People, Person
from bot.i18n import T, Text
from bot.outbox import Outbox
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)

Listener = Callable[[Tx, Incident, Person], Awaitable[None]]


@dataclass(frozen=True)
class Circle:
    """The people around an incident, besides staff."""

    subject: Person | None = None  # the elder or the writer, told of progress
    family: tuple[Person, ...] = ()
    keepers: tuple[str, ...] = ()  # housekeeper keys responsible (grid worker / covering)
    busy: tuple[str, ...] = ()  # housekeepers already there (who asked for support): not asked


class Incidents:
    """Raise, escalate and look up incidents (the answers live in :mod:`.responses`)."""

    def __init__(
        self,
        repo: IncidentRepo,
        people: People,
        outbox: Outbox,
        audit: Audit,
        signer: CallbackSigner,
        clock: Clock,
        community: Community,
    ) -> None:
        self.repo = repo
        self.people = people
        self.outbox = outbox
        self.audit = audit
        self.signer = signer
        self.clock = clock
        self.community = community
        self.policy = community.emergency
        self.closed_listeners: list[Listener] = []
        # Per chat, when the newest incident was raised there (None until read): lets a chat
        # message skip looking for its writer's open emergency when none can be recent.
        self._raised: dict[int, datetime] | None = None

    def raised_after(self, chat_id: int, since: datetime) -> bool | None:
        """From memory: whether an incident was raised in this chat after `since` (perhaps
        one whose transaction later rolled back: the answer errs towards "yes"); None when
        not read yet."""
        raised = self._raised
        if raised is None:
            return None
        newest = raised.get(chat_id)
        return newest is not None and newest >= since

    async def remember_raised(self, tx: Tx, since: datetime) -> None:
        """Read which chats had an incident raised since `since` (once; raising keeps it)."""
        if self._raised is None:
            self._raised = await self.repo.raised_since(tx, since)

    # -- raising ---------------------------------------------------------------------------

    async def raise_(
        self, tx: Tx, draft: Draft, circle: Circle, actor: str
    ) -> tuple[Incident, Told]:
        """Open an incident, tell everyone who must act, and start the acknowledgement clock."""
        incident = await self.repo.create(tx, draft, self.clock.now())
        if self._raised is not None:
            self._raised[incident.chat_id] = incident.created_at
        await self.audit.record(tx, actor, "raised", incident.subject, kind=str(incident.kind))
        if circle.subject is not None:
            await self.repo.add_person(tx, incident.id, circle.subject.telegram_id, "subject")
        told = await self._alert_responders(tx, incident, circle)
        await self._alert_family(tx, incident, circle, told)
        if not told.anyone:
            _LOGGER.error("Incident %s reached nobody: no staff or housekeeper chat", incident.id)
            await self.audit.record(tx, "system", "nobody_reached", incident.subject)
        ref = Ref(incident.id, 0)
        at = self.clock.now() + self.policy.ack_window
        await deadlines.schedule(
            tx, ref.name(DeadlineKind.ACK_TIMEOUT), DeadlineKind.ACK_TIMEOUT, at, ref.dump()
        )
        return incident, told

    async def _alert_responders(self, tx: Tx, incident: Incident, circle: Circle) -> Told:
        """Responsible housekeepers, else the next on duty; staff; everyone if staff are absent."""
        told = Told()
        keepers = circle.keepers
        worker = self._keeper_names(keepers + circle.busy)
        await self._alert_keepers(tx, incident, keepers, "grid_worker", told, worker)
        if not told.keepers:
            spare = next_responders(self._duty_list(), keepers + circle.busy)
            await self._alert_keepers(tx, incident, tuple(spare), "responder", told, worker)
        missing = bool(keepers) and not told.keepers
        home = await self._reporter_home(tx, incident)
        for staff in await self.people.staff(tx):
            text = messages.responder_alert(incident, worker, missing, home)
            await self._tell(tx, incident, staff.telegram_id, "staff", text, buttons=True)
            told.staff += 1
        if not told.staff:
            rest = tuple(k for k in self._duty_list() if k not in keepers + circle.busy)
            await self._alert_keepers(tx, incident, rest, "responder", told, worker)
        return told

    async def _reporter_home(self, tx: Tx, incident: Incident) -> str:
        """An emergency writer's own flat on file, for responders in private only, labelled
        as theirs ('' for a help call, whose address is the elder's)."""
        if incident.elder_key is not None or incident.reporter_id is None:
            return ""
        address = await self.people.address(tx, incident.reporter_id)
        return address.label() if address else ""

    async def _alert_keepers(
        self, tx: Tx, incident: Incident, keys: tuple[str, ...], role: str, told: Told, worker: str
    ) -> None:
        for key in keys:
            holders = await self.people.holders(tx, "housekeeper", key)
            for person in holders:
                home = await self._reporter_home(tx, incident)
                text = messages.responder_alert(incident, worker, home=home)
                await self._tell(tx, incident, person.telegram_id, role, text, True, key)
            if holders:
                named = told.keepers if role == "grid_worker" else told.responders
                named.append(self._keeper_names((key,)))

    async def _alert_family(self, tx: Tx, incident: Incident, circle: Circle, told: Told) -> None:
        how = messages.how(incident, self._keeper_names(circle.keepers + circle.busy))
        for member in circle.family:
            if told.anyone:
                text = T(
                    "incidents.family_help",
                    name=incident.subject_name,
                    how=how,
                    told=messages.joined(told.parts(family=False)),
                )
            else:
                text = T("incidents.family_help_nobody", name=incident.subject_name, how=how)
            await self._tell(tx, incident, member.telegram_id, "family", text)
            told.family += 1

    async def _tell(
        self,
        tx: Tx,
        incident: Incident,
        chat_id: int,
        role: str,
        text: Text,
        buttons: bool = False,
        ref: str = "",
    ) -> None:
        """Put someone on the incident, tell them once a round; "alerted" only if queued."""
        await self.repo.add_person(tx, incident.id, chat_id, role, ref)
        if await self.outbox.send(
            tx,
            chat_id,
            text,
            key=f"inc{incident.id}:{incident.round}:alert:{chat_id}",
            buttons=messages.buttons(self.signer, incident) if buttons else None,
        ):
            await self.audit.record(
                tx, "system", "alerted", incident.subject, role=role, chat=chat_id
            )

    def _duty_list(self) -> list[str]:
        """Housekeepers to ask when nobody else answers: the duty list, then everyone."""
        keys = [h.key for h in self.community.housekeepers]
        return list(dict.fromkeys([*self.policy.on_duty, *keys]))

    def _keeper_names(self, keys: tuple[str, ...]) -> str:
        names = [h.name for k in keys if (h := self.community.housekeeper(k)) is not None]
        return "、".join(names) or "—"

    # -- escalation ------------------------------------------------------------------------

    async def on_ack_timeout(self, tx: Tx, deadline: Deadline) -> None:
        """Nobody said "I'm going": staff again, plus the next housekeeper on the list; the
        person and family told the truth now and then; never stops until someone answers."""
        ref = Ref.parse(deadline.ref)
        incident = await self.repo.get(tx, ref.incident_id) if ref else None
        if ref is None or incident is None or incident.round != ref.round:
            return
        if isinstance(decide(incident.state, Event.ACK_TIMEOUT, Actor.SYSTEM), Refusal):
            return
        if await self.repo.acked(tx, incident.id):
            return  # someone is going (a support call they joined later)
        await self.repo.next_round(tx, incident.id, incident.round)
        incident = await self.repo.get(tx, incident.id)
        assert incident is not None
        await self.audit.record(
            tx, "deadline", "escalated", incident.subject, round=incident.round
        )
        wait = escalation.waited(incident.created_at, self.clock.now())
        await self._escalate(tx, incident, wait)
        if escalation.tells_waiting(self.policy, incident.round):
            await escalation.tell_waiting(self, tx, incident, wait)
        nxt = Ref(incident.id, incident.round)
        at = self.clock.now() + escalation.next_wait(self.policy, incident.round)
        await deadlines.schedule(
            tx, nxt.name(DeadlineKind.ACK_TIMEOUT), DeadlineKind.ACK_TIMEOUT, at, nxt.dump()
        )

    async def _escalate(self, tx: Tx, incident: Incident, wait: Text) -> None:
        on_call = await self.repo.on_call(tx, incident.id)
        keepers = [p.ref for p in on_call if p.ref]
        spare = next_responders(self._duty_list(), keepers)
        worker = self._keeper_names(tuple(keepers))
        await self._alert_keepers(tx, incident, tuple(spare), "responder", Told(), worker)
        text = self._reminder(incident, "incidents.escalated", wait)
        for staff in await self.people.all_staff(tx):  # nobody took it: the district's too
            await self._tell(tx, incident, staff.telegram_id, "staff", text, buttons=True)
        for person in on_call:
            if person.role in ("grid_worker", "responder"):
                await self._tell(tx, incident, person.chat_id, person.role, text, True, person.ref)

    def _reminder(self, incident: Incident, key: str, wait: Text) -> Text:
        return T(
            key,
            round=incident.round,
            name=incident.subject_name,
            kind=messages.kind(incident),
            id=incident.id,
            waited=wait,
            address=messages.place(incident),
            how=messages.how(incident, "—"),
        )

    async def on_unresolved(self, tx: Tx, deadline: Deadline) -> None:
        """Someone went, but nobody has confirmed the person safe: staff reminded."""
        ref = Ref.parse(deadline.ref)
        incident = await self.repo.get(tx, ref.incident_id) if ref else None
        if incident is None or isinstance(
            decide(incident.state, Event.UNRESOLVED, Actor.SYSTEM), Refusal
        ):
            return
        await self.audit.record(tx, "deadline", "unresolved", incident.subject)
        wait = escalation.waited(incident.created_at, self.clock.now())  # since the call
        text = self._reminder(incident, "incidents.unresolved", wait)
        for staff in await self.people.staff(tx):
            await self.repo.add_person(tx, incident.id, staff.telegram_id, "staff")
            await self.outbox.send(
                tx,
                staff.telegram_id,
                text,
                key=f"inc{incident.id}:unresolved:{staff.telegram_id}",
                buttons=messages.buttons(self.signer, incident),
            )
