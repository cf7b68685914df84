"""An edit of a message whose id the bot never learnt (its send ended ``uncertain`` or
``failed``) is sent as a new message with the edited text and buttons: the honest fallback,
as the original may never have arrived. Told as a story: a job offer whose answer was lost
after Telegram delivered it, then accepted."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FakeClock
from bot.i18n import T
from bot.outbox import Outbox
from bot.storage import Database
from bot.storage.outbox import OutboxStore, Outcome
from tests.booking_steps import book, crew, offer_to, press
from tests.harness import Harness
from tests.outbox.support import copies, enqueue, open_chats, statuses, wait_status


async def _status(h: Harness, key: str) -> tuple[str, str | None]:
    async with h.runtime.db.read() as tx:
        row = await tx.one("SELECT status, last_error FROM outbox WHERE dedupe_key = ?", (key,))
    assert row is not None, key
    return str(row["status"]), row["last_error"]


async def test_an_uncertain_offer_accepted_gets_the_job_as_a_new_message(bot: Harness) -> None:
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await bot.sb.wait_idle(quiet=0.05)
    # The offer reaches 赵阿姨 but its answer is unreadable: the row ends uncertain.
    bot.sb.faults.add("sendMessage", "garbled", times=1, chat_id=people.zhao.id)
    await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    async with bot.runtime.db.read() as tx:
        key = await tx.scalar(
            "SELECT dedupe_key FROM outbox WHERE chat_id = ? AND dedupe_key LIKE 'bk%:offer:%'",
            (people.zhao.id,),
        )
    await wait_status(bot, str(key), "uncertain")
    await press(bot, people.zhao, offer, "✅ 接单")
    await wait_status(bot, f"{key}:won", "sent")
    job = await bot.sb.wait_for_message(people.zhao.id, contains="3-2-501", after=offer)
    assert job.message_id != offer.message_id, "a new message, not an edit"
    for label in ("📍", "↩️", "💬"):
        assert any(text.startswith(label) for text in job.button_texts), job.button_texts
    assert await _status(bot, f"{key}:won") == ("sent", None)


async def test_later_edits_change_the_stand_in_not_add_copies(harness: Harness) -> None:
    """Two edits of a message whose send ended uncertain: the first goes out as a new
    message, the second edits that one (read back from memory or from the row)."""
    async with harness.running() as h:
        (person,) = await open_chats(h, 1)
        h.sb.faults.add("sendMessage", "garbled", times=1, chat_id=person.id)
        await enqueue(h, [person.id], "orig")
        await wait_status(h, f"test:orig-{person.id}-0", "uncertain")
        for round_ in ("a", "b"):
            async with h.runtime.db.tx() as tx:
                for n in (1, 2):
                    await h.runtime.outbox.edit(
                        tx,
                        person.id,
                        T("common.lines", lines=[f"edited-{round_}{n}"]),
                        key=f"test:edit-{round_}{n}",
                        of_key=f"test:orig-{person.id}-0",
                    )
            h.runtime.outbox.poke()
            await wait_status(h, f"test:edit-{round_}2", "sent")
        await h.sb.wait_idle(quiet=0.2)
        assert copies(h.sb, "orig") == {f"orig-{person.id}-0": 1}
        assert copies(h.sb, "edited") == {"edited-b2": 1}, "one stand-in, edited in place"
        assert (await statuses(h))["test:edit-a1"] == "sent"


async def test_a_lost_stand_in_is_not_sent_again_with_the_same_text(harness: Harness) -> None:
    """The original's send and its stand-in's both lost their answers (both arrived): a later
    edit with the same text must not show it twice; one with new text still goes out."""
    async with harness.running() as h:
        (person,) = await open_chats(h, 1)
        h.sb.faults.add("sendMessage", "garbled", times=2, chat_id=person.id)
        await enqueue(h, [person.id], "orig")
        await wait_status(h, f"test:orig-{person.id}-0", "uncertain")
        for key, text in (("same1", "thanks"), ("same2", "thanks"), ("new", "withdrawn")):
            async with h.runtime.db.tx() as tx:
                await h.runtime.outbox.edit(
                    tx,
                    person.id,
                    T("common.lines", lines=[f"edited-{text}"]),
                    key=f"test:{key}",
                    of_key=f"test:orig-{person.id}-0",
                )
            h.runtime.outbox.poke()
            await wait_status(h, f"test:{key}", "sent" if key == "new" else "uncertain")
        await h.sb.wait_idle(quiet=0.2)
        assert copies(h.sb, "edited") == {"edited-thanks": 1, "edited-withdrawn": 1}


async def test_an_interrupted_stand_in_is_uncertain_not_resent(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A kill while an edit was going out as a new message: like a send, it ends uncertain
    (resending could duplicate it); an interrupted in-place edit is simply tried again."""
    db = Database(tmp_path / "db.sqlite")
    await db.open()
    outbox, store = Outbox(clock), OutboxStore()
    try:
        async with db.tx() as tx:
            await outbox.send(tx, 7001, T("common.lines", lines=["lost"]), key="test:lost")
            await outbox.send(tx, 7001, T("common.lines", lines=["kept"]), key="test:kept")
            for of_key in ("test:lost", "test:kept"):
                await outbox.edit(
                    tx, 7001, T("common.lines", lines=["e"]), key=f"{of_key}:e", of_key=of_key
                )
            rows = await store.pending(tx, 0, 10)
            ids = {row.key: row.id for row in rows}
            await store.claim(tx, list(ids.values()))
            await store.record(
                tx,
                [
                    Outcome(rows[0], "uncertain", error="garbled"),
                    Outcome(rows[1], "sent", message_id=5),
                ],
                clock.now(),
            )
        async with db.tx() as tx:
            uncertain = await store.interrupted(tx)
            left = await store.pending(tx, 0, 10)
        assert [row.key for row in uncertain] == ["test:lost:e"]
        assert [row.key for row in left] == ["test:kept:e"]
    finally:
        await db.close()
