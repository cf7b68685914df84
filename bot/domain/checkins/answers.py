"""Answers: any sign of life settles the elder's waiting check-ins and everyone alerted hears
what she actually did; "not so well" settles them too but asks the grid worker to call today."""

from __future__ import annotations

from dataclasses import dataclass

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock, to_db
from bot.domain.checkins.contract import slot_prefix
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import MEDIA_SIGNS, Checkin, CheckinState, Enrolled, Risk
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.replies import Reply
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.schedule import at_night
from bot.domain.incidents import messages as incident_messages
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx


@dataclass(frozen=True)
class How:
    """How a check-in was settled: by what sign, whose words or media, which closer."""

    via: str
    closer: Person | None = None
    words: str = ""
    source: tuple[int, int] | None = None
    fine: bool = True  # what she said is "fine"; otherwise never reported as 平安
    thank: bool = True  # thank her (not when she was already told it counts)
    night: bool = False  # "not well" at night: asked now, the grid worker calls in the morning

    def text(self) -> Text:
        """The line the alerted read (pressed, wrote "…", sent a voice note, confirmed)."""
        worker = self.closer.name if self.closer else ""
        return T(f"checkins.how_{self.via}", worker=worker, words=self.words[:200])


def _night(how: How) -> str:
    """The text variant for "not well" at night (the grid worker calls in the morning)."""
    return "_night" if how.night else ""


class Answers:
    """Signs of life, settling a check-in, and "not so well"."""

    def __init__(
        self, repo: CheckinRepo, reach: Reach, texts: CheckinTexts, audit: Audit, clock: Clock
    ) -> None:
        self._repo = repo
        self._reach = reach
        self._texts = texts
        self._audit = audit
        self._clock = clock

    async def sign_of_life(
        self, tx: Tx, key: str, via: str, words: str = "", source: tuple[int, int] | None = None
    ) -> Checkin | None:
        """The elder wrote, sent or pressed something: settle every check-in still on the
        ladder (never a help call), telling those alerted what she did. The latest settled."""
        return await self.answered(tx, key, How(via, words=words, source=source))

    async def answered(self, tx: Tx, key: str, how: How) -> Checkin | None:
        """Settle every check-in of hers still on the ladder the way `how` says; the latest.
        Each chat hears of her one answer once, however many check-ins it settles (tester2:
        "好消息" three times to family, staff and the grid worker, "收到" three times to her)."""
        closed: Checkin | None = None
        once: set[str] = set()
        for checkin in await self._repo.waiting(tx, key):
            closed = checkin
            await self.settle(tx, checkin, f"elder:{key}", how, once)
        return closed

    async def settle(
        self, tx: Tx, checkin: Checkin, actor: str, how: How, once: set[str] | None = None
    ) -> None:
        """Stop the ladder, mark the check-in fine and tell everyone who was alerted (but no
        chat already told in `once`, the messages sent for the same answer)."""
        once = set() if once is None else once
        elder = await self._repo.elder(tx, checkin.elder_key)
        assert elder is not None
        await deadlines.cancel_prefix(tx, slot_prefix(elder.key, checkin.slot))
        now = self._clock.now()
        if not await self._repo.settle(tx, checkin, CheckinState.FINE, how.via, now):
            return
        await self._audit.record(
            tx,
            actor,
            "fine" if how.fine else "answered",
            f"elder:{elder.key}",
            via=how.via,
            was=checkin.state,
        )
        told = await self._all_clear(tx, checkin, elder, how, once)
        person = await self._reach.elder_person(tx, elder.key)
        if person is not None:
            await self.retire_buttons(tx, checkin, elder, person, how.closer)
            if how.closer is None and how.fine and how.thank and "thanks" not in once:
                once.add("thanks")
                thanks = T("checkins.thanks", name=elder.name)
                await self._reach.outbox.send(
                    tx, person.telegram_id, thanks, key=f"ci{checkin.id}:thanks"
                )
        if how.fine:  # family hear "not so well" (or "not sure") instead, never both
            await self._daily_all_clear(tx, checkin, elder, how, told)

    async def _all_clear(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, how: How, once: set[str]
    ) -> set[int]:
        """Everyone alerted hears she is well (media forwarded), once; the chats told."""
        told: set[int] = set()
        template = "checkins.all_clear" if how.fine else "checkins.answered_not_fine"
        text = T(template, name=elder.name, how=how.text())
        for chat_id in await self._repo.alerted(tx, checkin.id):
            told.add(chat_id)
            if how.closer is not None and chat_id == how.closer.telegram_id:
                continue
            if f"clear:{chat_id}" in once:
                continue
            once.add(f"clear:{chat_id}")
            outbox = self._reach.outbox
            await outbox.send(tx, chat_id, text, key=f"ci{checkin.id}:clear:{chat_id}")
            if how.source is not None and how.via in MEDIA_SIGNS:
                copy_key = f"ci{checkin.id}:copy:{chat_id}"
                await outbox.copy(tx, chat_id, how.source[0], how.source[1], key=copy_key)
        return told

    async def _daily_all_clear(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, how: How, told: set[int]
    ) -> None:
        """Family who asked for it in the file hear each day that she answered (or, confirmed by
        a grid worker, that she did not and who confirmed her: never "已回复" when she did not)."""
        text = T("checkins.daily_all_clear", name=elder.name, how=how.text())
        if how.closer is not None:
            text = T("checkins.daily_confirmed", name=elder.name, who=how.closer.name)
        for member in await self._reach.family(tx, elder.key):
            if member.telegram_id in told or not self._reach.wants_all_clear(elder.key, member):
                continue
            await self._reach.outbox.send(
                tx,
                member.telegram_id,
                text,
                key=f"ci:{elder.key}:{checkin.day}:allclear:{member.telegram_id}",
            )

    async def retire_buttons(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, person: Person, closer: Person | None
    ) -> None:
        """Take the buttons off the ping and the reminder once the check-in is settled: "✅ 已
        收到" when she answered, "✅ 张管家 已经确认您平安" when a responder confirmed her (she
        never replied: tester session 15, W3)."""
        greeting = self._texts.greeting(elder, checkin.due_at)
        done = ("done", {}) if closer is None else ("confirmed", {"who": closer.name})
        for step, text in (
            ("ping", T(f"checkins.ping_{done[0]}", greeting=greeting, **done[1])),
            ("remind", T(f"checkins.reminder_{done[0]}", name=elder.name, **done[1])),
        ):
            of_key = f"ci{checkin.id}:{step}"
            if await self._repo.was_queued(tx, of_key):
                await self._reach.outbox.edit(
                    tx, person.telegram_id, text, key=f"{of_key}:done", of_key=of_key
                )

    async def unwell(
        self,
        tx: Tx,
        key: str,
        person: Person,
        words: str = "",
        source: tuple[int, int] | None = None,
    ) -> None:
        """The elder said she is not feeling well: answered (no alarm), but the grid worker is
        asked to call today (staff if she has none) and family see it. At night (tester1 W6:
        "call today" at 22:48) she is asked whether she needs someone now, the grid worker is
        asked to call first thing in the morning (her morning greeting asks her again), and
        for a high-risk elder staff hear it tonight: alone, dizzy at night, a fall may follow
        and she may not press 🆘, so a person on duty should know now."""
        community = self._reach.community
        night = at_night(self._clock.now(), community.tz, community.checkins)
        how = How("unwell", words=words, source=source, fine=False, night=night)
        await self.not_fine(tx, key, person, Reply.NOT_WELL, how)
        elder = await self._repo.elder(tx, key)
        if night and elder is not None and elder.risk == Risk.HIGH:
            text = T(
                "checkins.staff_not_well_night",
                name=elder.name,
                address=elder.address,
                words=words[:200],
                worker=self._reach.worker_name(elder),
            )
            for staff in await self._reach.people.staff(tx):
                chat = staff.telegram_id
                tag = f"ci:{key}:night:{to_db(self._clock.now())}:{chat}"
                await self._reach.outbox.send(
                    tx, chat, text, key=f"{tag}:m{source[1] if source else 0}"
                )

    async def not_fine(self, tx: Tx, key: str, person: Person, reply: Reply, how: How) -> None:
        """She answered, but not "fine" (not well, in hospital, or unclear): her check-ins stop
        walking the ladder and are never reported as 平安; a human is asked to follow up (the
        grid worker, or staff if she has none; staff as well for hospital); family are told."""
        elder = await self._repo.elder(tx, key)
        assert elder is not None
        closed = await self.answered(tx, key, how)
        tag = f"ci{closed.id}" if closed else f"ci:{key}:{to_db(self._clock.now())}"
        if (
            closed is None and how.source is not None
        ):  # two messages in the same second are two pieces of news
            tag = f"{tag}:m{how.source[1]}"
        told = set(await self._repo.alerted(tx, closed.id)) if closed else set()
        if closed is not None:
            fine = await self._repo.checkin(tx, closed.id)
            assert fine is not None
            await self._repo.move(tx, fine, CheckinState.UNWELL)
        event = "unwell" if reply is Reply.NOT_WELL else str(reply)
        await self._audit.record(tx, f"person:{person.id}", event, f"elder:{key}")
        workers = await self._reach.workers(tx, elder)
        await self._tell_followers(tx, elder, tag, reply, how, workers, told)
        who = self._reach.worker_name(elder) if workers else T("incidents.told_staff")
        await self._reach.outbox.send(
            tx,
            person.telegram_id,
            T(f"checkins.ack_{reply}{_night(how)}", worker=who),
            key=f"{tag}:unwell_ack",
            buttons=self._texts.help_now(key),
        )

    async def _tell_followers(
        self,
        tx: Tx,
        elder: Enrolled,
        tag: str,
        reply: Reply,
        how: How,
        workers: list[Person],
        told: set[int],
    ) -> None:
        """The grid worker (or staff) is asked to call, her media forwarded (unless the ladder's
        answer already did); staff too for hospital; family see what she said (no address),
        unless the ladder's answer already told them."""
        if how.via == "unwell":
            said = T("checkins.unwell_words", words=how.words) if how.words else None
            said = said or T("checkins.unwell_pressed")
        else:
            said = how.text()
        text = T(
            f"checkins.worker_{reply}{_night(how)}",
            name=elder.name,
            address=elder.address,
            said=said,
        )
        targets = list(workers) or await self._reach.people.staff(tx)
        if reply is Reply.HOSPITAL:
            targets += [s for s in await self._reach.people.staff(tx) if s not in targets]
        for target in targets:
            chat = target.telegram_id
            await self._reach.outbox.send(tx, chat, text, key=f"{tag}:unwell:{chat}")
            if how.source is not None and how.via in MEDIA_SIGNS and chat not in told:
                await self._reach.outbox.copy(tx, chat, *how.source, key=f"{tag}:ucopy:{chat}")
        if how.via in MEDIA_SIGNS:  # family are not sent her media: say what it was
            said = T("checkins.sent_media", media=incident_messages.media(how.via))
        family_text = T(
            f"checkins.family_{reply}{_night(how)}",
            name=elder.name,
            worker=self._reach.worker_name(elder),
            said=said,
        )
        for member in await self._reach.family(tx, elder.key):
            if member.telegram_id in told:
                continue
            quiet = reply in (Reply.UNCLEAR, Reply.CONFUSED)
            if quiet and not self._reach.wants_all_clear(elder.key, member):
                continue  # they hear only when it matters; the grid worker is on it
            await self._reach.outbox.send(
                tx, member.telegram_id, family_text, key=f"{tag}:unwell_fam:{member.telegram_id}"
            )
