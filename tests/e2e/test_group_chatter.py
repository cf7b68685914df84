"""Group chatter over the sandbox: the bot stays silent and writes nothing at all (no
transaction, no processed-update row: there is nothing to answer and nothing a crash could
lose); what it remembers about groups follows /bind."""

from __future__ import annotations

from bot.devtools.sandbox import SandboxChat, SandboxMessage, SandboxUser
from tests.harness import Harness

CHATTER = ("今天天气真不错，晚上一起去散步吗", "哈哈哈好的", "谢谢大家")
REQUEST = "马桶堵了，谁能来通一下"


async def _processed(h: Harness) -> int:
    async with h.runtime.db.read() as tx:
        return int(await tx.scalar("SELECT COUNT(*) FROM processed_updates"))


async def _answered(h: Harness, chat: SandboxChat, request: SandboxMessage) -> SandboxMessage:
    return await h.sb.wait_for_message(chat.id, contains="管道疏通", after=request.message_id)


async def _request(h: Harness, who: SandboxUser, chat: SandboxChat) -> SandboxMessage:
    return await _answered(h, chat, await h.say(who, REQUEST, chat))


async def test_chatter_in_a_bound_group_writes_nothing(harness: Harness) -> None:
    """Three chatty messages then a request: one processed update (the request's), and no
    read of the groups or incidents either (both are known from memory)."""
    async with harness.running() as h:
        chat = await h.group()
        await _request(h, h.person(6001, "老周"), chat)  # first message: reads what it needs
        await h.sb.wait_idle(quiet=0.05)
        before = await _processed(h)
        statements: list[str] = []
        h.runtime.db.set_trace_callback(statements.append)
        neighbour = h.person(6002, "小李")
        for text in CHATTER:
            await h.say(neighbour, text, chat)
        await _request(h, h.person(6003, "老王"), chat)
        h.runtime.db.set_trace_callback(None)
        assert await _processed(h) == before + 1
        marks = [s for s in statements if "INTO processed_updates" in s]
        assert len(marks) == 1, marks
        assert not [s for s in statements if "FROM groups" in s or "FROM incidents" in s]


async def test_a_group_bound_after_its_chatter_is_served(harness: Harness) -> None:
    """An unbound group heard how to bind the bot once; its chatter is then left alone from
    memory, and /bind is seen at once: the next request there is answered."""
    async with harness.running() as h:
        chat = h.sb.group(-1002, "二期群", admins=[h.staff])
        await h.sb.add_bot_to_group(h.staff, chat)
        await h.sb.wait_for_message(chat.id, contains="/bind")
        resident = h.person(6001, "老周")
        await h.say(resident, CHATTER[0], chat)
        unheard = await h.say(resident, REQUEST, chat)
        await h.sb.wait_idle(quiet=0.2)
        assert [m for m in h.sb.sent(chat.id) if m.message_id > unheard.message_id] == []
        bind = await h.sb.send(h.staff, "/bind", chat=chat)
        await h.sb.wait_for_message(chat.id, after=bind.message_id)
        await h.say(resident, CHATTER[1], chat)
        await _request(h, h.person(6002, "小李"), chat)
