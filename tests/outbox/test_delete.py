"""A deletion in the outbox (the ✖ button's): repeating it is harmless, so a lost answer is
retried and a message already gone counts as deleted; a message Telegram will not delete (over
48 hours old) is edited to the fallback text instead, without its buttons."""

from __future__ import annotations

from bot.i18n import T
from tests.harness import Harness
from tests.outbox.support import wait_status


async def _delete(h: Harness, chat_id: int, message_id: int, key: str) -> None:
    async with h.runtime.db.tx() as tx:
        await h.runtime.outbox.withdraw(
            tx, chat_id, message_id, key=key, fallback=T("corrections.dismissed_fallback")
        )
    h.runtime.outbox.poke()


async def test_a_deletion_whose_answer_was_lost_is_retried_and_ends_sent(
    harness: Harness,
) -> None:
    async with harness.running() as h:
        chat = await h.group()
        said = await h.say(h.person(6001, "老周"), "明天上午想找人洗一下油烟机", chat)
        reply = await h.sb.wait_for_message(chat.id, after=said.message_id)
        h.sb.faults.add("deleteMessage", "drop_after", times=1)  # deleted, answer lost
        await _delete(h, chat.id, reply.message_id, "test:delete")
        await wait_status(h, "test:delete", "sent")
        assert reply.deleted
        deletes = h.sb.calls("deleteMessage")
        assert len(deletes) == 2, "retried once: the second found it already gone"


async def test_a_message_too_old_is_edited_to_the_fallback(harness: Harness) -> None:
    async with harness.running() as h:
        chat = await h.group()
        said = await h.say(h.person(6001, "老周"), "明天上午想找人洗一下油烟机", chat)
        reply = await h.sb.wait_for_message(chat.id, after=said.message_id)
        reply.date -= 49 * 3600
        await _delete(h, chat.id, reply.message_id, "test:old")
        await wait_status(h, "test:old", "sent")
        assert not reply.deleted and reply.buttons == []
        assert reply.content == "（已撤回：这条不是找服务，打扰了）"
