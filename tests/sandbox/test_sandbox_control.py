"""The control API: pressing buttons, groups, waiting, allowed_updates, idle detection."""

import httpx
import pytest

from bot.devtools.sandbox import Sandbox


async def _bot_says(
    http: httpx.AsyncClient, chat_id: int, text: str, markup: object = None
) -> int:
    params: dict[str, object] = {"chat_id": chat_id, "text": text}
    if markup is not None:
        params["reply_markup"] = markup
    body = (await http.post("sendMessage", json=params)).json()
    assert body["ok"], body
    return int(body["result"]["message_id"])


KEYBOARD = {
    "inline_keyboard": [
        [{"text": "Accept", "callback_data": "yes"}, {"text": "Decline", "callback_data": "no"}],
        [{"text": "Site", "url": "https://example.org"}],
    ]
}


async def test_press_by_index_and_text(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    alice = sandbox.user(1001, "Alice")
    await sandbox.start(alice)
    await _bot_says(http, alice.id, "Choose", KEYBOARD)
    [message] = sandbox.sent(alice.id)

    first = await sandbox.press(alice, message, 0)
    second = await sandbox.press(alice, message, "Decline")
    assert (first.data, second.data) == ("yes", "no")
    updates = [u["callback_query"] for u in sandbox.pending_updates if "callback_query" in u]
    assert [u["data"] for u in updates] == ["yes", "no"]
    assert updates[0]["message"]["message_id"] == message.message_id

    with pytest.raises(ValueError, match="no button 5"):
        await sandbox.press(alice, message, 5)
    with pytest.raises(ValueError, match="no button 'Maybe'"):
        await sandbox.press(alice, message, "Maybe")
    with pytest.raises(ValueError, match="not a callback button"):
        await sandbox.press(alice, message, "Site")
    user_message = sandbox.messages(alice.id)[0]
    with pytest.raises(ValueError, match="not a live bot message"):
        await sandbox.press(alice, user_message, 0)


async def test_press_raw_on_missing_message_is_inaccessible(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    alice = sandbox.user(1001, "Alice")
    await sandbox.start(alice)
    query = await sandbox.press_raw(alice, alice.id, 404, "forged:data")
    assert query.message is None
    payload = sandbox.pending_updates[-1]["callback_query"]
    assert payload["message"] == {
        "chat": {"id": 1001, "type": "private", "first_name": "Alice"},
        "message_id": 404,
        "date": 0,
    }
    answered = await http.post(
        "answerCallbackQuery", json={"callback_query_id": query.id, "text": "Expired"}
    )
    assert answered.json()["result"] is True
    again = await http.post("answerCallbackQuery", json={"callback_query_id": query.id})
    assert again.status_code == 400
    assert sandbox.callback_answers(alice)[0].answer_text == "Expired"


async def test_group_commands_and_membership(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    alice = sandbox.user(1001, "Alice", username="alice_w")
    group = sandbox.group(-100555, "Building A", bot_status="left")
    with pytest.raises(ValueError, match="not in"):
        await sandbox.send(alice, "hi", chat=group)

    await sandbox.add_bot_to_group(alice, group)
    said = await sandbox.send(alice, "/report@concierge_demo_bot leak", chat=group)
    assert said.entities == [{"type": "bot_command", "offset": 0, "length": 26}]
    reply_id = await _bot_says(http, group.id, "Noted")
    reply = await http.post(
        "sendMessage",
        json={
            "chat_id": group.id,
            "text": "Quoted",
            "reply_parameters": {"message_id": said.message_id},
        },
    )
    assert reply.json()["result"]["reply_to_message"]["text"] == said.text
    kinds = [next(k for k in u if k != "update_id") for u in sandbox.pending_updates]
    assert kinds == ["my_chat_member", "message"]

    await sandbox.remove_bot_from_group(alice, group)
    gone = await http.post("sendMessage", json={"chat_id": group.id, "text": "x"})
    assert gone.json()["description"] == "Bad Request: chat not found"
    assert reply_id > said.message_id


async def test_allowed_updates_filters_and_persists(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    alice = sandbox.user(1001, "Alice")
    group = sandbox.group(-100555, "Building A", bot_status="left")
    await sandbox.add_bot_to_group(alice, group)
    await sandbox.send(alice, "hello")
    only_messages = await http.post(
        "getUpdates", data={"allowed_updates": '["message"]', "timeout": "0"}
    )
    assert ["message" in u for u in only_messages.json()["result"]] == [True]
    await sandbox.add_bot_to_group(alice, group, status="administrator")
    later = await http.post("getUpdates", data={"timeout": "0"})
    assert all("message" in u for u in later.json()["result"])


async def test_wait_idle_and_wait_for_messages(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    alice = sandbox.user(1001, "Alice")
    first = await sandbox.send(alice, "hi")
    await _bot_says(http, alice.id, "one")
    await _bot_says(http, alice.id, "two")
    await sandbox.wait_idle(quiet=0.05)
    found = await sandbox.wait_for_messages(alice.id, count=2, after=first)
    assert [m.text for m in found] == ["one", "two"]
    with pytest.raises(AssertionError, match="3 message"):
        await sandbox.wait_for_messages(alice.id, count=3, timeout=0.05)
