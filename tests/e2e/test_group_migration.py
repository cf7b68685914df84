"""A group upgraded to a supergroup, announced by Telegram's service messages: the binding
moves to the new id at once, so a request in the supergroup is answered (not told to /bind),
and the old id is no longer counted among the groups the bot serves."""

from __future__ import annotations

from tests.harness import Harness

NEW_ID = -1_000_000_001_001
REQUEST = "马桶堵了，谁能来通一下"


async def test_a_bound_group_that_becomes_a_supergroup_stays_bound(harness: Harness) -> None:
    async with harness.running() as h:
        old = await h.group()
        await h.sb.wait_idle(quiet=0.05)
        new = h.sb.state.migrate_group(old, NEW_ID, by=h.staff)
        await h.sb.wait_idle(quiet=0.1)
        resident = h.person(6001, "老周")
        asked = await h.say(resident, REQUEST, new)
        answer = await h.sb.wait_for_message(new.id, after=asked.message_id)
        assert "管道疏通" in answer.text
        await h.sb.wait_idle(quiet=0.1)
        assert not [m for m in h.sb.sent(new.id) if "/bind" in m.text]
        async with h.runtime.db.read() as tx:
            assert await h.runtime.groups.bound_chats(tx) == [NEW_ID]
            told = await tx.scalar("SELECT told_unbound FROM groups WHERE chat_id = ?", (NEW_ID,))
        assert not told
