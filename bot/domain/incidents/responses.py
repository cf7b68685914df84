"""Answering an incident: "I'm going", "need support", "confirmed safe", and the person's words.

Each answer goes through the transition table (:func:`model.decide`) with the actor the presser
is to this incident, so a family member cannot close a call, the elder cannot close her own, and
a press on a closed incident changes nothing. Everyone on the incident hears each step, so nobody
assumes someone else went.
"""

from __future__ import annotations

from datetime import datetime

from bot import deadlines
from bot.clock import to_db
from bot.domain.incidents import messages
from bot.domain.incidents.contract import DeadlineKind, Input, Ref, prefix
from bot.domain.incidents.model import Actor, Event, Incident, Kind, Refusal, State, decide
from bot.domain.incidents.progress import GroupNews
from bot.domain.incidents.repo import OnCall
from bot.domain.incidents.service import Incidents
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.outbox import Kind as SendKind
from bot.storage import Tx

Outcome = State | Refusal


class Responses:
    """The answers to an incident, over the same parts as :class:`Incidents`."""

    def __init__(self, incidents: Incidents) -> None:
        self.inc = incidents
        self.news = GroupNews(incidents)

    async def actor(self, tx: Tx, incident: Incident, person: Person) -> Actor:
        """Who this person is to this incident (their role on it comes first)."""
        people = self.inc.people
        if await people.is_staff(tx, person.telegram_id):
            return Actor.STAFF
        on_call = {p.chat_id: p for p in await self.inc.repo.on_call(tx, incident.id)}
        mine = on_call.get(person.telegram_id)
        if mine is not None and mine.role in ("grid_worker", "responder"):
            return Actor(mine.role)
        key = incident.elder_key
        if person.id == incident.reporter_id:
            return Actor.SUBJECT
        if key and await people.has_role(tx, person.id, "elder", key):
            return Actor.SUBJECT
        if key and await people.has_role(tx, person.id, "family", key):
            return Actor.FAMILY
        return Actor.OTHER

    async def _apply(
        self, tx: Tx, incident_id: int, person: Person, event: Event, **fields: object
    ) -> tuple[Incident | None, Outcome]:
        """Check the event against the table and move the incident (compare-and-set)."""
        incident = await self.inc.repo.get(tx, incident_id)
        if incident is None:
            return None, Refusal.STALE
        outcome = decide(incident.state, event, await self.actor(tx, incident, person))
        moved = isinstance(outcome, State) and (outcome != incident.state or fields)
        if moved and not await self.inc.repo.transition(
            tx, incident.id, incident.state, State(outcome), **fields
        ):
            return incident, Refusal.STALE
        return incident, outcome

    async def acknowledge(self, tx: Tx, incident_id: int, person: Person) -> Outcome | None:
        """ "I'm going": everyone on the incident hears who; None when they had said so before."""
        incident, outcome = await self._apply(tx, incident_id, person, Event.ACKNOWLEDGE)
        if incident is None or isinstance(outcome, Refusal):
            return outcome
        await self.inc.repo.add_person(tx, incident.id, person.telegram_id, "staff")
        if not await self.inc.repo.mark_acked(tx, incident.id, person.telegram_id, self._now()):
            return None
        await self.inc.audit.record(tx, f"person:{person.id}", "acknowledged", incident.subject)
        await self._stop_ack_clock(tx, incident)
        await self._broadcast(
            tx,
            incident,
            person,
            "ack",
            T("incidents.acked", who=person.name, name=messages.about(incident)),
            subject_text=self._to_subject(incident, "acked", person),
        )
        await self.news.going(tx, incident, await self.actor(tx, incident, person))
        return outcome

    @staticmethod
    def _to_subject(incident: Incident, what: str, person: Person) -> Text:
        """What the person on an incident hears: an elder that she is safe; an emergency's
        reporter that what they reported was dealt with (they were not the one in danger)."""
        if incident.kind == Kind.HELP_CALL:
            return T(f"incidents.{what}_subject", who=person.name)
        return T(f"incidents.{what}_reporter", who=person.name, kind=messages.kind(incident))

    async def support_raised(self, tx: Tx, incident: Incident, person: Person) -> None:
        """A call that a grid worker's "需要支援" opened: staff are told. Asking for support is
        not saying "I'm going": they are not marked acknowledged, so nobody is told they are
        on the way until they press 我去处理 (tester s15 W4)."""
        await self.inc.repo.add_person(tx, incident.id, person.telegram_id, "grid_worker")
        await self.inc.repo.transition(tx, incident.id, incident.state, State.SUPPORT)
        await self.inc.audit.record(tx, f"person:{person.id}", "support_asked", incident.subject)
        await self._stop_ack_clock_if_going(tx, incident)

    async def ask_support(self, tx: Tx, incident_id: int, person: Person) -> Outcome:
        """ "Need support": staff alerted with the address; everyone else told."""
        incident, outcome = await self._apply(tx, incident_id, person, Event.ASK_SUPPORT)
        if incident is None or isinstance(outcome, Refusal):
            return outcome
        await self.inc.audit.record(tx, f"person:{person.id}", "support_asked", incident.subject)
        await self._stop_ack_clock_if_going(tx, incident)
        text = T(
            "incidents.support_asked",
            who=person.name,
            name=incident.subject_name,
            kind=messages.kind(incident),
            id=incident.id,
            address=incident.address or "—",
        )
        for staff in await self.inc.people.staff(tx):
            if staff.telegram_id == person.telegram_id:
                continue
            await self.inc.repo.add_person(tx, incident.id, staff.telegram_id, "staff")
            await self.inc.outbox.send(
                tx,
                staff.telegram_id,
                text,
                key=f"inc{incident.id}:support:{person.id}:{staff.telegram_id}",
                buttons=messages.buttons(self.inc.signer, incident),
            )
        others = T("incidents.support_others", who=person.name, name=messages.about(incident))
        await self._broadcast(tx, incident, person, f"support{person.id}", others, skip_staff=True)
        return outcome

    async def confirm_safe(self, tx: Tx, incident_id: int, person: Person) -> Outcome:
        """ "Confirmed safe": the only way an incident ends. The confirmer may add a note."""
        incident, outcome = await self._apply(
            tx,
            incident_id,
            person,
            Event.CONFIRM_SAFE,
            closed_at=to_db(self._now()),
            closed_by=person.id,
        )
        if incident is None or isinstance(outcome, Refusal):
            return outcome
        await self.inc.audit.record(tx, f"person:{person.id}", "confirmed_safe", incident.subject)
        await deadlines.cancel_prefix(tx, prefix(incident.id))
        if incident.kind == Kind.HELP_CALL:
            text = T("incidents.closed", who=person.name, name=incident.subject_name, note="")
        else:
            text = T("incidents.closed_emergency", who=person.name, id=incident.id,
                     kind=messages.kind(incident), name=incident.subject_name)  # fmt: skip
        subject_text = self._to_subject(incident, "closed", person)
        await self._broadcast(tx, incident, person, "closed", text, subject_text=subject_text)
        await self.news.safe(tx, incident)
        await self.inc.people.expect(tx, person.id, Input.SAFE_NOTE, incident=incident.id)
        for listener in self.inc.closed_listeners:
            await listener(tx, incident, person)
        return outcome

    async def add_note(self, tx: Tx, incident_id: int, person: Person, note: str) -> bool:
        """The confirmer's optional note, passed on to everyone on the incident."""
        incident = await self.inc.repo.get(tx, incident_id)
        if incident is None or not note:
            return False
        await self.inc.repo.set_note(tx, incident.id, note)
        await self.inc.audit.record(tx, f"person:{person.id}", "note", incident.subject)
        text = T("incidents.note_added", who=person.name, name=messages.about(incident), note=note)
        await self._broadcast(tx, incident, person, "note", text, subject_text=text)
        return True

    async def subject_wrote(
        self, tx: Tx, incident: Incident, words: str, message_id: int | str
    ) -> Text:
        """The person in trouble wrote again: their words go to everyone on the incident."""
        await self.inc.audit.record(tx, "subject", "subject_wrote", incident.subject)
        text = T("incidents.subject_writes", name=incident.subject_name, words=words)
        told = await self._broadcast(
            tx, incident, None, f"wrote{message_id}", text, skip_subject=True
        )
        return self._passed_on(told)

    async def subject_worse(
        self, tx: Tx, incident: Incident, words: str, message_id: int | str
    ) -> Text:
        """The person wrote words of distress during their open call (getting worse): everyone
        on it is alerted again, marked urgent (an alert, whose failure staff hear of); the
        person hears who was told and to call 120 now. The call is never closed or downgraded."""
        await self.inc.audit.record(tx, "subject", "subject_worse", incident.subject)
        text = T("incidents.subject_worse", name=incident.subject_name, words=words)
        told = await self._broadcast(
            tx, incident, None, f"worse{message_id}", text, skip_subject=True, kind="alert"
        )
        parts = messages.reached({p.role for p in told})
        if not parts:
            return T("incidents.subject_nobody")
        advice = T("incidents.advice_medical")
        return T("incidents.subject_worse_ack", told=messages.joined(parts), advice=advice)

    async def subject_sent(
        self, tx: Tx, incident: Incident, media: str, chat_id: int, message_id: int
    ) -> Text:
        """A voice note, photo or location from the person: forwarded as it is."""
        await self.inc.audit.record(tx, "subject", "subject_wrote", incident.subject, media=media)
        intro = T(
            "incidents.subject_sends", name=incident.subject_name, media=messages.media(media)
        )
        told = await self._broadcast(
            tx, incident, None, f"sent{message_id}", intro, skip_subject=True
        )
        for person in told:
            await self.inc.outbox.copy(
                tx,
                person.chat_id,
                chat_id,
                message_id,
                key=f"inc{incident.id}:copy{message_id}:{person.chat_id}",
            )
        return self._passed_on(told)

    def _passed_on(self, told: list[OnCall]) -> Text:
        parts = messages.reached({p.role for p in told})
        if not parts:
            return T("incidents.subject_nobody")
        return T("incidents.subject_passed_on", told=messages.joined(parts))

    async def _broadcast(
        self,
        tx: Tx,
        incident: Incident,
        actor: Person | None,
        tag: str,
        text: Text,
        *,
        subject_text: Text | None = None,
        skip_staff: bool = False,
        skip_subject: bool = False,
        kind: SendKind | None = None,
    ) -> list[OnCall]:
        """Tell everyone on the incident but the actor; return who was told: only those a
        message was really queued for (the outbox queues nothing for a person revoked since)."""
        told: list[OnCall] = []
        for person in await self.inc.repo.on_call(tx, incident.id):
            if actor is not None and person.chat_id == actor.telegram_id:
                continue
            if (skip_staff and person.role == "staff") or (
                skip_subject and person.role == "subject"
            ):
                continue
            body = subject_text if person.role == "subject" else text
            safety = person.role == "subject"
            unreachable = safety and not await self.inc.people.reachable(tx, person.chat_id)
            if body is None or unreachable:
                continue  # a reporter who never opened a private chat: the group line is theirs
            key = f"inc{incident.id}:{tag}:{person.chat_id}"
            outbox = self.inc.outbox
            # The person in trouble hears who is coming even if staff revoked a role of theirs
            if await outbox.send(
                tx, person.chat_id, body, key=key, kind=kind, to_revoked=safety
            ) or (
                await outbox.queued(tx, key)  # this very message, handled once already
            ):
                told.append(person)
        return told

    async def _stop_ack_clock_if_going(self, tx: Tx, incident: Incident) -> None:
        """After a 需要支援: the "nobody responded" rounds stop only if someone has said they
        are going; asking for support with nobody on the way keeps them running (staff again,
        the next housekeeper), as safety wants."""
        if await self.inc.repo.acked(tx, incident.id):
            await self._stop_ack_clock(tx, incident)

    async def _stop_ack_clock(self, tx: Tx, incident: Incident) -> None:
        """Someone is on it: no more "nobody responded" rounds; watch for it being settled."""
        for pending in await deadlines.pending(tx, prefix(incident.id)):
            if pending.kind == DeadlineKind.ACK_TIMEOUT:
                await deadlines.cancel(tx, pending.name)
        ref = Ref(incident.id, 0)
        at = self._now() + self.inc.policy.unresolved_after
        await deadlines.schedule(
            tx, ref.name(DeadlineKind.UNRESOLVED), DeadlineKind.UNRESOLVED, at, ref.dump()
        )

    def _now(self) -> datetime:
        return self.inc.clock.now()
