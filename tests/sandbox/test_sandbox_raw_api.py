"""The sandbox speaks the Bot API over real HTTP: answers, validation errors, long polling."""

import asyncio
import json

import httpx

from bot.devtools.sandbox import BOT_USER_ID, Sandbox


async def test_get_me_describes_the_bot(http: httpx.AsyncClient) -> None:
    body = (await http.post("getMe")).json()
    assert body["ok"] is True
    assert body["result"]["id"] == BOT_USER_ID
    assert body["result"]["username"] == "concierge_demo_bot"
    assert body["result"]["can_read_all_group_messages"] is True


async def test_unknown_method_is_404(http: httpx.AsyncClient) -> None:
    response = await http.post("sendTelepathy")
    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }


async def test_send_message_form_encoded_like_ptb(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    alice = sandbox.user(1001, "Alice", username="alice_w")
    await sandbox.send(alice, "hi")
    markup = {"inline_keyboard": [[{"text": "Accept", "callback_data": "a"}]]}
    response = await http.post(
        "sendMessage",
        data={
            "chat_id": "1001",
            "text": "<b>Hello</b> 你好",
            "parse_mode": "HTML",
            "reply_markup": json.dumps(markup),
        },
    )
    result = response.json()["result"]
    assert result["text"] == "Hello 你好"
    assert result["entities"] == [{"type": "bold", "offset": 0, "length": 5}]
    assert result["reply_markup"] == markup
    assert result["from"]["id"] == BOT_USER_ID
    [sent] = sandbox.sent(1001)
    assert sent.button_texts == ["Accept"]


async def test_send_message_validation_errors(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    alice = sandbox.user(1001, "Alice")
    sandbox.user(1002, "Bob")  # registered but never wrote to the bot
    await sandbox.send(alice, "hi")

    async def error(**params: object) -> tuple[int, str]:
        response = await http.post("sendMessage", json=params)
        body = response.json()
        assert body["ok"] is False and body["error_code"] == response.status_code
        return response.status_code, body["description"]

    assert await error(chat_id=1001, text="") == (400, "Bad Request: message text is empty")
    assert await error(chat_id=1002, text="hi") == (400, "Bad Request: chat not found")
    assert await error(chat_id=-100555, text="hi") == (400, "Bad Request: chat not found")
    assert await error(chat_id=1001, text="x" * 4097) == (400, "Bad Request: message is too long")
    long_data = {"inline_keyboard": [[{"text": "x", "callback_data": "d" * 65}]]}
    assert await error(chat_id=1001, text="hi", reply_markup=long_data) == (
        400,
        "Bad Request: BUTTON_DATA_INVALID",
    )
    assert await error(chat_id=1001, text="<b>open", parse_mode="HTML") == (
        400,
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    )
    assert sandbox.sent() == []
    assert [c.ok for c in sandbox.calls("sendMessage")] == [False] * 6


async def test_edit_errors_and_success(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    alice = sandbox.user(1001, "Alice")
    await sandbox.send(alice, "hi")
    sent = (await http.post("sendMessage", json={"chat_id": 1001, "text": "v1"})).json()
    message_id = sent["result"]["message_id"]

    missing = await http.post(
        "editMessageText", json={"chat_id": 1001, "message_id": 999, "text": "v2"}
    )
    assert missing.json()["description"] == "Bad Request: message to edit not found"
    same = await http.post(
        "editMessageText", json={"chat_id": 1001, "message_id": message_id, "text": "v1"}
    )
    assert same.json()["description"].startswith("Bad Request: message is not modified")
    edited = await http.post(
        "editMessageText", json={"chat_id": 1001, "message_id": message_id, "text": "v2"}
    )
    assert edited.json()["result"]["text"] == "v2"
    assert "edit_date" in edited.json()["result"]
    [current] = sandbox.sent(1001)
    assert (current.text, current.edits) == ("v2", ["v1"])


async def test_get_updates_offset_confirms(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    alice = sandbox.user(1001, "Alice")
    await sandbox.send(alice, "/start")
    await sandbox.send(alice, "hello @bob_the_builder")

    updates = (await http.post("getUpdates", data={"timeout": "0"})).json()["result"]
    assert [u["message"]["text"] for u in updates] == ["/start", "hello @bob_the_builder"]
    assert updates[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert updates[1]["message"]["entities"] == [{"type": "mention", "offset": 6, "length": 16}]
    first, second = (u["update_id"] for u in updates)

    again = (await http.post("getUpdates", data={"offset": str(second)})).json()["result"]
    assert [u["update_id"] for u in again] == [second]
    after = (await http.post("getUpdates", data={"offset": str(second + 1)})).json()["result"]
    assert after == []
    assert sandbox.pending_updates == []
    assert first < second


async def test_get_updates_long_polls_until_an_update_arrives(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    alice = sandbox.user(1001, "Alice")
    poll = asyncio.create_task(http.post("getUpdates", data={"timeout": "5"}))
    await sandbox.wait_for(lambda: sandbox.state.polling == 1)
    assert not poll.done()
    await sandbox.send(alice, "wake up")
    updates = (await asyncio.wait_for(poll, 2)).json()["result"]
    assert [u["message"]["text"] for u in updates] == ["wake up"]


async def test_get_updates_times_out_empty(http: httpx.AsyncClient) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    body = (await http.post("getUpdates", data={"timeout": "0.2"})).json()
    assert body == {"ok": True, "result": []}
    assert loop.time() - started >= 0.2


async def test_control_http_mirror(sandbox: Sandbox) -> None:
    async with httpx.AsyncClient(base_url=f"{sandbox.root_url}/control/") as control:
        await control.post("user", json={"user_id": 1001, "first_name": "Alice"})
        sent = await control.post("send", json={"user_id": 1001, "text": "/help"})
        assert sent.json()["result"]["text"] == "/help"
        updates = (await control.get("updates")).json()["result"]
        assert updates[0]["message"]["from"]["id"] == 1001
        bad = await control.post("send", json={"user_id": 42, "text": "x"})
        assert bad.status_code == 400
