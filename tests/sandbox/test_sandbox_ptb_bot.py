"""PTB's own request layer against the sandbox: errors map to PTB exceptions, uploads work."""

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, ChatMemberAdministrator
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.devtools.sandbox import Sandbox
from bot.devtools.sandbox.ptb import SANDBOX_TOKEN


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    """A PTB `Bot` pointed at the sandbox, with a short read timeout."""
    request = HTTPXRequest(read_timeout=0.2)
    async with Bot(
        SANDBOX_TOKEN,
        base_url=f"{sandbox.root_url}/bot",
        base_file_url=f"{sandbox.root_url}/file/bot",
        request=request,
    ) as client:
        yield client


@pytest.fixture
async def alice_id(sandbox: Sandbox) -> int:
    """Alice has pressed Start; returns her chat id."""
    alice = sandbox.user(1001, "Alice", username="alice_w")
    await sandbox.start(alice)
    return alice.id


async def test_faults_surface_as_ptb_errors(sandbox: Sandbox, bot: Bot, alice_id: int) -> None:
    sandbox.faults.add("sendMessage", "429", retry_after=3)
    with pytest.raises(RetryAfter) as limited:
        await bot.send_message(alice_id, "x")
    assert limited.value.retry_after == dt.timedelta(seconds=3)

    sandbox.faults.add("sendMessage", "500")
    with pytest.raises(NetworkError):
        await bot.send_message(alice_id, "x")

    sandbox.faults.add("sendMessage", "drop")
    with pytest.raises(NetworkError):
        await bot.send_message(alice_id, "x")

    sandbox.faults.add("sendMessage", "slow", delay=0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(alice_id, "x")
    await sandbox.wait_for(lambda: sandbox.calls("sendMessage")[-1].fault == "slow", timeout=2)
    assert sandbox.sent() == []

    message = await bot.send_message(alice_id, "finally")
    assert message.text == "finally"


async def test_bad_requests_raise_bad_request(bot: Bot, alice_id: int) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hello?")
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=alice_id, message_id=99)


async def test_photo_upload_and_file_id(sandbox: Sandbox, bot: Bot, alice_id: int) -> None:
    uploaded = await bot.send_photo(alice_id, b"\x89PNG fake bytes", caption="Floor plan")
    assert uploaded.caption == "Floor plan"
    file_id = uploaded.photo[-1].file_id
    resent = await bot.send_photo(alice_id, file_id, caption="Again")
    assert resent.photo[-1].file_id == file_id
    downloaded = await (await bot.get_file(file_id)).download_as_bytearray()
    assert bytes(downloaded) == b"\x89PNG fake bytes"
    assert sandbox.transcript()[-1] == f"[private:Alice] bot #{resent.message_id}: <photo> Again"


async def test_commands_per_scope_and_language(bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("help", "幫助")], language_code="zh")
    await bot.set_my_commands(
        [BotCommand("report", "Report")], scope=BotCommandScopeAllGroupChats()
    )
    assert [c.command for c in await bot.get_my_commands(language_code="zh")] == ["help"]
    assert await bot.get_my_commands() == ()
    groups = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
    assert [c.command for c in groups] == ["report"]
    await bot.delete_my_commands(language_code="zh")
    assert await bot.get_my_commands(language_code="zh") == ()
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand("Bad Name", "x")])
    assert await bot.set_my_description("Front desk")
    assert await bot.set_my_short_description("Front desk")


async def test_chats_and_members(sandbox: Sandbox, bot: Bot, alice_id: int) -> None:
    alice = sandbox.state.users[alice_id]
    bob = sandbox.user(1002, "Bob")
    group = sandbox.group(-100900, "Building A", members=[bob], admins=[alice])
    chat = await bot.get_chat(group.id)
    assert (chat.type, chat.title) == ("supergroup", "Building A")
    admin = await bot.get_chat_member(group.id, alice_id)
    assert isinstance(admin, ChatMemberAdministrator)
    assert (await bot.get_chat_member(group.id, bob.id)).status == "member"
    assert (await bot.get_chat_member(alice_id, alice_id)).status == "member"
    assert await bot.send_chat_action(group.id, "typing")
    assert await bot.leave_chat(group.id)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(group.id, "still here?")
