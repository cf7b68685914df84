"""Pauses: an elder away (or in hospital) gets no pings for a while; her circle is told, and a
deadline ends the pause. A trip said in words ("下周去女儿家住几天") pauses too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock, to_db
from bot.config import Community
from bot.deadlines import Deadline
from bot.domain.checkins.contract import DeadlineKind, elder_prefix, resume_name, resume_prefix
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.planning import Planning
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.schedule import DEFAULT_PAUSE, next_month, pause_span, trip_span
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx
from intents.times import parse_duration, parse_when
from intents.welfare import back_in, is_hospital_stay, says_several_days


@dataclass(frozen=True)
class Cared:
    """The elders a person is and the elders she follows, each sorted."""

    elder: tuple[str, ...]
    family: tuple[str, ...]

    @property
    def keys(self) -> list[str]:
        """Hers first, then those she follows: whose check-ins she may pause."""
        return [*self.elder, *self.family]


class Pauses:
    """Pause and resume an elder's check-ins."""

    def __init__(
        self,
        community: Community,
        repo: CheckinRepo,
        reach: Reach,
        planning: Planning,
        texts: CheckinTexts,
        audit: Audit,
        clock: Clock,
    ) -> None:
        self._community = community
        self._repo = repo
        self._reach = reach
        self._planning = planning
        self._texts = texts
        self._audit = audit
        self._clock = clock

    async def cared(self, tx: Tx, person: Person) -> Cared:
        """The elders this person is (as the elder) or follows (as family): whose check-ins
        she may pause and resume, and whose her own words are."""
        held = await self._reach.people.roles(tx, person.id)
        return Cared(
            tuple(sorted(r for k, r in held if k == "elder")),
            tuple(sorted(r for k, r in held if k == "family")),
        )

    async def pause(
        self, tx: Tx, key: str, person: Person, start: datetime, until: datetime, words: str = ""
    ) -> tuple[datetime, datetime]:
        """Pause an elder's check-ins (capped); returns the actual span. The words that asked
        for it tell her circle why when the stay is in hospital."""
        cap = self._community.checkins.max_pause
        start, until = pause_span(self._clock.now(), start, until, cap)
        await self._repo.set_pause(tx, key, start, until)
        for pending in await deadlines.pending(tx, elder_prefix(key)):
            if pending.kind == DeadlineKind.PING and start <= pending.due_at < until:
                await deadlines.cancel(tx, pending.name)
        await deadlines.cancel_prefix(tx, resume_prefix(key))
        await deadlines.schedule(
            tx, resume_name(key, to_db(until)), DeadlineKind.RESUME, until, key
        )
        await self._audit.record(
            tx,
            f"person:{person.id}",
            "paused",
            f"elder:{key}",
            start=to_db(start),
            until=to_db(until),
        )
        await self._tell_paused(tx, key, person, (start, until), words)
        return start, until

    async def _tell_paused(
        self, tx: Tx, key: str, person: Person, span: tuple[datetime, datetime], words: str
    ) -> None:
        """Everyone in the elder's circle but the one who paused hears of it: her own pause as
        hers ("王阿姨 暂停了自己的每日问候"); a hospital stay with the words and the grid worker
        asked to call (a human should know, not only that the greetings stop)."""
        elder = await self._repo.elder(tx, key)
        assert elder is not None
        when = self._texts.when(*span)
        until = span[1]
        if words and is_hospital_stay(words):
            worker = self._reach.worker_name(elder)
            text = T(
                "checkins.paused_hospital",
                name=elder.name,
                span=when,
                by=person.name,
                words=words[:200],
                worker=worker,
            )
        elif await self._is_elder(tx, key, person):
            text = T("checkins.paused_notice_self", name=elder.name, span=when)
        else:
            text = T("checkins.paused_notice", name=elder.name, span=when, by=person.name)
        for other in await self._reach.circle(tx, key):
            if other.id != person.id:
                note_key = f"ci:{key}:pause:{to_db(until)}:{other.telegram_id}"
                await self._reach.outbox.send(tx, other.telegram_id, text, key=note_key)

    async def _is_elder(self, tx: Tx, key: str, person: Person) -> bool:
        """Whether this person is the elder herself (not her family)."""
        herself = await self._reach.elder_person(tx, key)
        return herself is not None and herself.id == person.id

    async def pause_for(
        self, tx: Tx, keys: list[str], person: Person, words: str, *, away: bool = False
    ) -> list[Text] | None:
        """Pause every elder in keys for the trip or span the words say; the answers to give,
        or None when the words said no time or length. Words known to be a trip (`away`) with
        no length said pause a default few days from the day said (or now), and the answer
        says so and how to change it: a trip is never only acknowledged."""
        now = self._clock.now()
        found = parse_when(words, now, self._community.tz)
        span = (found.start, found.end) if found is not None else None
        span = span or next_month(words, now, self._community.tz)  # "下个月初回老家"
        length = parse_duration(words) or back_in(words)
        few = says_several_days(words)
        several = length is None and (few or away)
        wanted = trip_span(now, span, length, several, away)
        if wanted is None:
            return None
        answers: list[Text] = []
        for key in dict.fromkeys(keys):
            elder = await self._repo.elder(tx, key)
            if elder is not None:
                begin, end = await self.pause(tx, key, person, *wanted, words=words)
                answers.append(self._texts.paused(elder, begin, end, wanted[1]))
        guessed = several and wanted[1] - wanted[0] == DEFAULT_PAUSE
        if guessed and answers:  # "住几天", or no length at all: say so, and how to change it
            said = "checkins.pause_guessed" if few else "checkins.pause_unsaid"
            answers.append(T(said, days=DEFAULT_PAUSE.days))
        return answers

    async def resume(
        self, tx: Tx, key: str, actor: str, *, automatic: bool, by: Person | None = None
    ) -> bool:
        """End a pause now; return whether there was one. Her circle hears of it, as of the
        pause: all of it when it ran out, all but `by` when someone ended it early."""
        elder = await self._repo.elder(tx, key)
        if elder is None or elder.paused_until is None:
            return False
        await self._repo.clear_pause(tx, key)
        await deadlines.cancel_prefix(tx, resume_prefix(key))
        await self._audit.record(tx, actor, "resumed", f"elder:{key}", automatic=automatic)
        await self._tell_resumed(tx, key, elder.paused_until, by)
        # The future pings the pause cancelled are pending again; days planned meanwhile
        # skipped the paused slots, so she is planned again at once: from now on, as the
        # paused slots are not owed (none goes out late as "系统刚恢复").
        now = self._clock.now()
        await deadlines.restore(tx, elder_prefix(key), DeadlineKind.PING, now)
        await self._planning.plan_elder(tx, key, now, since=now)
        return True

    async def _tell_resumed(
        self, tx: Tx, key: str, paused_until: datetime, by: Person | None
    ) -> None:
        """The circle hears the greetings are back: who ended the pause early ("王阿姨 恢复了
        自己的每日问候"), or that it ran out (everyone)."""
        elder = await self._repo.elder(tx, key)
        assert elder is not None
        until = to_db(paused_until)
        text = T("checkins.resumed_notice", name=elder.name)
        if by is not None and await self._is_elder(tx, key, by):
            text = T("checkins.resumed_by_self", name=elder.name)
        elif by is not None:
            text = T("checkins.resumed_by", name=elder.name, by=by.name)
        for other in await self._reach.circle(tx, key):
            if by is None or other.id != by.id:
                note_key = f"ci:{key}:resumed:{until}:{other.telegram_id}"
                await self._reach.outbox.send(tx, other.telegram_id, text, key=note_key)

    async def on_resume(self, tx: Tx, deadline: Deadline) -> None:
        """A pause ended: check-ins start again."""
        await self.resume(tx, deadline.ref, "deadline", automatic=True)

    async def resume_all(self, tx: Tx, keys: list[str], person: Person) -> bool:
        """/resume: end the pause of every elder in keys; whether any was paused."""
        resumed = False
        for key in dict.fromkeys(keys):
            if await self.resume(tx, key, f"person:{person.id}", automatic=False, by=person):
                resumed = True
        return resumed
