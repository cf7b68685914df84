"""What others say of an elder while her check-in is on the ladder: the grid worker's (or
staff's) own words ("我刚上门看过了 王阿姨在家看电视呢 没事", "visited, she's fine") and her
family's ("我刚给我妈打了电话 她没事 手机调静音了").

Words never settle a check-in by themselves: they can be about another elder, and "没事" typed
in passing is not a confirmation. Someone who may confirm for her (her grid worker, staff) is
asked in one tap ("确认 王阿姨 平安？" [✅ 已确认平安]), and what they wrote is kept in her trail.
Family's words are information: passed to whoever is on her ladder (the grid worker, staff once
alerted), and the family are told so; only a grid worker or staff end the ladder (tester
session 15, W2: both got the service menu while the ladder went on to staff).
"""

from __future__ import annotations

from bot.audit import Audit
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import Checkin, Enrolled
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.outbox import Keyboard
from bot.storage import Tx


class Hearsay:
    """The worker's and the family's words about an elder whose check-in is open."""

    def __init__(self, repo: CheckinRepo, reach: Reach, texts: CheckinTexts, audit: Audit) -> None:
        self._repo = repo
        self._reach = reach
        self._texts = texts
        self._audit = audit

    async def worker_wrote(
        self, tx: Tx, person: Person, text: str, fine: bool
    ) -> list[tuple[Text, Keyboard]]:
        """A grid worker's (or staff's) words while an elder's ladder step is open with them:
        for each such elder they may confirm for, what to ask them and its buttons (words
        that say she is fine: one tap, [✅ 已确认平安]; anything else: 平安 or 需要支援). Their
        words are recorded in her trail. Nothing open with them: nothing (the words go on)."""
        asks: list[tuple[Text, Keyboard]] = []
        seen: set[str] = set()
        for checkin in await self._repo.alerted_waiting(tx, person.telegram_id):
            elder = await self._repo.elder(tx, checkin.elder_key)
            if elder is None or elder.key in seen:
                continue
            if not await self._reach.can_confirm(tx, person, elder):
                continue
            seen.add(elder.key)
            await self._audit.record(
                tx, f"person:{person.id}", "worker_wrote", f"elder:{elder.key}", note=text[:300]
            )
            if fine:
                asks.append((T("checkins.worker_said_fine", name=elder.name, words=text[:200]),
                             self._texts.safe(checkin.id)))  # fmt: skip
            else:
                asks.append((T("checkins.worker_said", name=elder.name),
                             self._texts.confirm(checkin.id)))  # fmt: skip
        return asks

    async def family_wrote(
        self, tx: Tx, person: Person, keys: tuple[str, ...], text: str, ref: str
    ) -> list[Text]:
        """Family saying she is fine while her check-in is on the ladder: passed, as what
        they said, to those on her ladder who may confirm (or her grid worker, staff if she
        has none, before anyone was alerted), with [✅ 已确认平安]; what to tell the family.
        The ladder goes on until one of them confirms."""
        answers: list[Text] = []
        for key in keys:
            waiting = await self._repo.waiting(tx, key)
            elder = await self._repo.elder(tx, key)
            if not waiting or elder is None:
                continue
            checkin = waiting[-1]
            targets = await self._targets(tx, elder, checkin)
            said = T("checkins.family_said", who=person.name, name=elder.name, words=text[:300])
            for target in targets:
                chat = target.telegram_id
                await self._reach.outbox.send(
                    tx, chat, said, key=f"ci{checkin.id}:famsaid:{ref}:{chat}",
                    buttons=self._texts.safe(checkin.id),
                )  # fmt: skip
            await self._audit.record(
                tx, f"person:{person.id}", "family_wrote", f"elder:{key}", note=text[:300]
            )
            who = "、".join(dict.fromkeys(t.name for t in targets))
            answer = "checkins.family_said_passed" if targets else "checkins.family_said_nobody"
            answers.append(T(answer, name=elder.name, who=who))
        return answers

    async def _targets(self, tx: Tx, elder: Enrolled, checkin: Checkin) -> list[Person]:
        """Who may confirm and is on her ladder: those alerted who may confirm for her, else
        her grid worker, else staff."""
        people = self._reach.people
        found: list[Person] = []
        for chat in await self._repo.alerted(tx, checkin.id):
            target = await people.get(tx, chat)
            if target is not None and await self._reach.can_confirm(tx, target, elder):
                found.append(target)
        if not found:
            found = await self._reach.workers(tx, elder) or list(await people.staff(tx))
        return found
