"""Words written before the greeting: what the elder wrote with no check-in waiting is kept,
and when her next greeting falls due it may already be the day's answer ("不好" at 08:11, the
greeting at 08:30). Read by the same reply table as a reply (:func:`.replies.early_answer`):
*fine* needs no greeting, *not well* or *hospital* gets the human step a reply would (unless a
human was already asked when she wrote it); anything else leaves the greeting to ask her."""

from __future__ import annotations

from bot.audit import Audit
from bot.config import Community
from bot.domain.checkins.answers import Answers, How
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import Checkin, CheckinState, Enrolled
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.replies import Reply, Wrote, early_answer, replaces
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx


class EarlyWords:
    """Keep her words between check-ins; let them answer the next greeting."""

    def __init__(
        self,
        community: Community,
        repo: CheckinRepo,
        reach: Reach,
        answers: Answers,
        texts: CheckinTexts,
        audit: Audit,
    ) -> None:
        self._tz = community.tz
        self._repo = repo
        self._reach = reach
        self._answers = answers
        self._texts = texts
        self._audit = audit

    async def note(self, tx: Tx, key: str, wrote: Wrote) -> None:
        """She wrote with no check-in waiting: keep it for her next greeting (see
        :func:`.replies.replaces` for what a later message may replace)."""
        if replaces(await self._repo.words(tx, key), wrote, self._tz):
            await self._repo.note_words(tx, key, wrote)

    async def answered(self, tx: Tx, elder: Enrolled, checkin: Checkin, person: Person) -> bool:
        """Whether what she wrote before this greeting answers it (and it was acted on)."""
        wrote = await self._repo.take_words(tx, elder.key)
        previous = await self._repo.previous_due(tx, elder.key, checkin.due_at)
        reply = early_answer(wrote, checkin.due_at, previous, self._tz)
        if reply is None or wrote is None:
            return False
        await self._audit.record(
            tx, f"elder:{elder.key}", "answered_before_ping", f"elder:{elder.key}", reply=reply
        )
        if reply is Reply.FINE:
            await self._fine(tx, elder, checkin, person, wrote)
        elif wrote.told:  # the grid worker was asked when she wrote it: nobody twice
            how = How("unwell", words=wrote.words, fine=False)
            await self._answers.settle(tx, checkin, f"elder:{elder.key}", how)
            settled = await self._repo.checkin(tx, checkin.id)
            if settled is not None:
                await self._repo.move(tx, settled, CheckinState.UNWELL)
        else:
            via = "unwell" if reply is Reply.NOT_WELL else "message"
            how = How(via, words=wrote.words, fine=False)
            await self._answers.not_fine(tx, elder.key, person, reply, how)
        return True

    async def _fine(
        self, tx: Tx, elder: Enrolled, checkin: Checkin, person: Person, wrote: Wrote
    ) -> None:
        """She said she is well shortly before: no question, a word that it counts."""
        greeting = self._texts.greeting(elder, checkin.due_at)
        await self._reach.outbox.send(
            tx,
            person.telegram_id,
            T("checkins.early_fine", greeting=greeting),
            key=f"ci{checkin.id}:early",
            buttons=self._texts.help_now(elder.key),
        )
        how = How("message", words=wrote.words, thank=False)
        await self._answers.settle(tx, checkin, f"elder:{elder.key}", how)
