"""One message from an elder, in private (or distress in a group, :meth:`ElderWrote.in_group`):
passed on to her open help call, a help call opened
by distress, "not so well", a sign of life, or a voice note or photo relayed to her grid worker.

:class:`Outcome` (what it turned out to be) lives in the pure :mod:`.signs` and is re-exported
here."""

from __future__ import annotations

from bot.clock import Clock
from bot.domain.checkins.answers import Answers, How
from bot.domain.checkins.early import EarlyWords
from bot.domain.checkins.help import HelpCalls
from bot.domain.checkins.model import MEDIA_SIGNS
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.replies import Reply, Wrote, read_reply, said_unasked
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.signs import Outcome, read_in_group
from bot.domain.incidents import messages as incident_messages
from bot.domain.incidents.model import Cause
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx
from intents.welfare import WelfareLevel, worse


class ElderWrote:
    """Act on what the elder sends."""

    def __init__(
        self,
        repo: CheckinRepo,
        reach: Reach,
        answers: Answers,
        help_calls: HelpCalls,
        early: EarlyWords,
        clock: Clock,
    ) -> None:
        self._early = early
        self._clock = clock
        self._repo = repo
        self._reach = reach
        self._answers = answers
        self._help = help_calls

    async def __call__(
        self,
        tx: Tx,
        key: str,
        person: Person,
        text: str,
        media: str | None,
        source: tuple[int, int],
        level: WelfareLevel,
    ) -> tuple[Outcome, Text | None]:
        """Act on one message from the elder; what it was and what to answer her.

        An open help call takes her words (or voice note) to everyone on it and is never closed
        by them ("更疼了" alerts them again). Otherwise distress opens a help call, as does
        "还是不行" soon after her last one was confirmed safe; "not so well" asks the grid worker
        to call, and an answer to a waiting check-in is taken by :func:`.replies.read_reply`:
        only "fine" is reported as 平安; hospital and anything unclear go to a human, as does
        "啊 你说什么 听不见" (she cannot follow the bot) at any time. With no check-in waiting, her
        words are kept: they may answer her next greeting (:mod:`.early`).
        """
        reply = read_reply(text, level, media)
        passed_on = await self._pass_on(tx, key, text, media, source, level)
        if passed_on is not None:  # her words also answer a check-in waiting: the call has it
            await self._help.hold_ladder(tx, key)
            news = reply in (Reply.NOT_WELL, Reply.HOSPITAL)  # news, never a 陪诊 request
            return (Outcome.NOT_FINE if news else Outcome.PASSED_ON), passed_on
        if reply is Reply.HELP:
            await self._help.help_now(tx, key, person, Cause.WROTE, text, source[1])
            return Outcome.HELP, None
        if worse(text) and await self._help.recently_closed(tx, key) is not None:
            # "更疼了" after her call was confirmed safe: a new call, never a cheerful reply
            await self._help.help_now(tx, key, person, Cause.WORSE, text, source[1])
            return Outcome.HELP, None
        if await self._repo.waiting(tx, key):  # her answer to today's check-in
            how = How(media or "message", words=text, source=source, fine=reply is Reply.FINE)
            return await self._answer(tx, key, person, reply, how), None
        return await self._unasked(tx, key, person, (text, media, source), level, reply)

    async def in_group(
        self, tx: Tx, person: Person, text: str, source: tuple[int, int], level: WelfareLevel
    ) -> tuple[Outcome, Text | None]:
        """Her words in a group, when they are distress, "not well", or "fine" while her
        greeting waits (:func:`.signs.read_in_group`): acted on exactly as in private, for
        each elder she is (her help call opened or joined, the grid worker asked to call, the
        day's greeting answered); what it was and what to tell her privately. The group is
        never answered from here."""
        outcome: tuple[Outcome, Text | None] = (Outcome.NOTHING, None)
        held = await self._reach.people.roles(tx, person.id)
        for key in sorted(r for k, r in held if k == "elder"):
            if await self._repo.elder(tx, key) is None:
                continue  # no longer enrolled
            call = await self._help.open_call(tx, key) or await self._help.recently_closed(tx, key)
            waiting = bool(await self._repo.waiting(tx, key))
            if read_in_group(level, bool(worse(text)), call is not None, waiting=waiting):
                outcome = await self(tx, key, person, text, None, source, level)
        return outcome

    async def _answer(self, tx: Tx, key: str, person: Person, reply: Reply, how: How) -> Outcome:
        """Her reply to a waiting check-in: only "fine" is 平安; anything else goes to a human."""
        if how.fine:
            await self._answers.answered(tx, key, how)
            return Outcome.ANSWERED
        if reply is Reply.NOT_WELL:
            how = How("unwell", words=how.words, source=how.source, fine=False)
        await self._answers.not_fine(tx, key, person, reply, how)
        if reply in (Reply.UNCLEAR, Reply.CONFUSED, Reply.MENTIONED):  # a real ask goes on
            return Outcome.UNWELL
        return Outcome.NOT_FINE

    async def _unasked(
        self,
        tx: Tx,
        key: str,
        person: Person,
        sent: tuple[str, str | None, tuple[int, int]],
        level: WelfareLevel,
        reply: Reply,
    ) -> tuple[Outcome, Text | None]:
        """Words with no check-in waiting: news (not well, in hospital) reaches a human now;
        anything else is kept, as it may answer her next greeting (:mod:`.early`)."""
        text, media, source = sent
        news = said_unasked(text, level, media)
        if news in (Reply.HOSPITAL, Reply.MENTIONED):
            how = How("message", words=text, source=source, fine=False)
            await self._answers.not_fine(tx, key, person, news, how)
        elif news is Reply.NOT_WELL:
            await self._answers.unwell(tx, key, person, text, source)
        told = news is not None
        await self._early.note(tx, key, Wrote(self._clock.now(), news or reply, text, told))
        if reply is Reply.CONFUSED:  # "啊 你说什么 听不见": her grid worker calls her
            how = How("message", words=text, source=source, fine=False)
            await self._answers.not_fine(tx, key, person, reply, how)
        if news is Reply.HOSPITAL:
            return Outcome.NOT_FINE, None
        if told or reply is Reply.CONFUSED:
            return Outcome.UNWELL, None
        if media in MEDIA_SIGNS:
            return Outcome.RELAYED, await self._relay(tx, key, media or "", source)
        noted = level is WelfareLevel.FINE  # "俺今儿个挺得劲儿的 甭惦记": thanks, never a menu
        return (Outcome.NOTED, T("checkins.noted_fine")) if noted else (Outcome.NOTHING, None)

    async def _pass_on(
        self,
        tx: Tx,
        key: str,
        text: str,
        media: str | None,
        source: tuple[int, int],
        level: WelfareLevel,
    ) -> Text | None:
        """Her words or media go to everyone on her open help call; what to answer her, or
        None when no call is open. Words of distress mean she is getting worse: everyone on
        the call is alerted again, urgently, and she is told to call 120."""
        incident = await self._help.open_call(tx, key)
        if incident is None:
            return None
        if media is not None:
            return await self._help.responses.subject_sent(tx, incident, media, *source)
        # A group's message ids are its own: never the same key as one of her private ones.
        ref = f"{source[0]}:{source[1]}" if source[0] < 0 else source[1]
        if level is WelfareLevel.URGENT or worse(text):  # "更疼了" while someone is coming
            return await self._help.responses.subject_worse(tx, incident, text, ref)
        return await self._help.responses.subject_wrote(tx, incident, text, ref)

    async def _relay(self, tx: Tx, key: str, media: str, source: tuple[int, int]) -> Text:
        """A voice note or photo with nothing open: the bot cannot read it, the grid worker can."""
        elder = await self._repo.elder(tx, key)
        assert elder is not None
        workers = await self._reach.workers(tx, elder)
        tag = f"ci:{key}:relay:{source[0]}:{source[1]}"
        intro = T("checkins.relayed", name=elder.name, media=incident_messages.media(media))
        outbox = self._reach.outbox
        for worker in workers:
            chat = worker.telegram_id
            await outbox.send(tx, chat, intro, key=f"{tag}:{chat}")
            await outbox.copy(tx, chat, *source, key=f"{tag}:copy:{chat}")
        if not workers:
            return T("checkins.relay_nobody")
        return T("checkins.relayed_ack", worker=self._reach.worker_name(elder))


__all__ = ["ElderWrote", "Outcome"]
