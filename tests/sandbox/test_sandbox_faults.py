"""Injected faults: 429 with retry_after, 5xx, dropped connections, slow calls, flood limits."""

import httpx
import pytest

from bot.devtools.sandbox import FloodLimits, Sandbox
from bot.devtools.sandbox.faults import FloodLimiter


@pytest.fixture
async def alice_chat(sandbox: Sandbox) -> int:
    """Alice has written to the bot, so her private chat exists; returns its id."""
    alice = sandbox.user(1001, "Alice")
    await sandbox.send(alice, "hi")
    return alice.id


async def test_429_answers_retry_after_and_does_not_send(
    sandbox: Sandbox, http: httpx.AsyncClient, alice_chat: int
) -> None:
    sandbox.faults.add("sendMessage", "429", retry_after=7)
    response = await http.post("sendMessage", json={"chat_id": alice_chat, "text": "x"})
    assert response.status_code == 429
    assert response.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    assert sandbox.sent() == []
    retried = await http.post("sendMessage", json={"chat_id": alice_chat, "text": "x"})
    assert retried.json()["ok"] is True
    assert [m.text for m in sandbox.sent()] == ["x"]
    assert [c.fault for c in sandbox.calls("sendMessage")] == ["429", None]


async def test_500_is_not_processed_and_faults_match_any_method(
    sandbox: Sandbox, http: httpx.AsyncClient, alice_chat: int
) -> None:
    sandbox.faults.add("*", "500", times=2)
    for _ in range(2):
        response = await http.post("sendMessage", json={"chat_id": alice_chat, "text": "x"})
        assert response.status_code == 500
    assert sandbox.sent() == []
    assert sandbox.faults.pending == 0
    assert (await http.post("getMe")).status_code == 200


async def test_502_answers_bad_gateway(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.faults.add("getMe", "502")
    response = await http.post("getMe")
    assert response.status_code == 502


async def test_drop_closes_without_answer_and_does_not_send(
    sandbox: Sandbox, http: httpx.AsyncClient, alice_chat: int
) -> None:
    sandbox.faults.add("sendMessage", "drop")
    with pytest.raises(httpx.RemoteProtocolError):
        await http.post("sendMessage", json={"chat_id": alice_chat, "text": "x"})
    assert sandbox.sent() == []
    assert sandbox.calls("sendMessage")[0].fault == "drop"


async def test_slow_call_processed_if_client_waits(
    sandbox: Sandbox, http: httpx.AsyncClient, alice_chat: int
) -> None:
    sandbox.faults.add("sendMessage", "slow", delay=0.1)
    response = await http.post("sendMessage", json={"chat_id": alice_chat, "text": "late"})
    assert response.json()["ok"] is True
    assert [m.text for m in sandbox.sent()] == ["late"]


async def test_slow_call_abandoned_by_client_timeout_is_not_processed(
    sandbox: Sandbox, http: httpx.AsyncClient, alice_chat: int
) -> None:
    sandbox.faults.add("sendMessage", "slow", delay=0.3)
    with pytest.raises(httpx.ReadTimeout):
        await http.post("sendMessage", json={"chat_id": alice_chat, "text": "lost"}, timeout=0.05)
    await sandbox.wait_for(lambda: bool(sandbox.calls("sendMessage")), timeout=2)
    [call] = sandbox.calls("sendMessage")
    assert (call.ok, call.fault) == (False, "slow")
    assert sandbox.sent() == []


async def test_flood_limits_private_chat_burst_then_429() -> None:
    limits = FloodLimits(private_per_second=1.0, private_burst=3)
    async with (
        Sandbox(enforce_flood_limits=True, flood_limits=limits) as sb,
        httpx.AsyncClient(base_url=f"{sb.root_url}/bot1:x/") as http,
    ):
        alice = sb.user(1001, "Alice")
        await sb.send(alice, "hi")
        codes = [
            (await http.post("sendMessage", json={"chat_id": 1001, "text": f"{i}"})).status_code
            for i in range(4)
        ]
        assert codes == [200, 200, 200, 429]
        limited = sb.calls("sendMessage")[-1]
        assert limited.error_code == 429
        assert limited.description is not None
        assert limited.description.startswith("Too Many Requests: retry after")


async def test_flood_limits_group_twenty_per_minute() -> None:
    async with (
        Sandbox(enforce_flood_limits=True) as sb,
        httpx.AsyncClient(base_url=f"{sb.root_url}/bot1:x/") as http,
    ):
        sb.group(-100777, "Residents")
        codes = [
            (await http.post("sendMessage", json={"chat_id": -100777, "text": "x"})).status_code
            for _ in range(21)
        ]
        assert codes.count(200) == 20
        assert codes[-1] == 429


class _Clock:
    """A hand-driven monotonic clock."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_flood_limiter_overall_and_refill() -> None:
    clock = _Clock()
    limiter = FloodLimiter(FloodLimits(overall_per_second=30, private_burst=3), clock=clock)
    verdicts = [limiter.check(chat_id) for chat_id in range(1, 32)]
    assert verdicts[:30] == [0] * 30
    assert verdicts[30] >= 1
    clock.now += 1.0
    assert limiter.check(99) == 0


def test_flood_limiter_private_sustained_rate() -> None:
    clock = _Clock()
    limiter = FloodLimiter(FloodLimits(private_per_second=1.0, private_burst=3), clock=clock)
    assert [limiter.check(7) for _ in range(3)] == [0, 0, 0]
    assert limiter.check(7) == 1
    for _ in range(10):  # one a second is sustainable forever
        clock.now += 1.0
        assert limiter.check(7) == 0


async def test_drop_after_processes_then_loses_the_answer(
    sandbox: Sandbox, http: httpx.AsyncClient, alice_chat: int
) -> None:
    sandbox.faults.add("sendMessage", "drop_after")
    with pytest.raises(httpx.RemoteProtocolError):
        await http.post("sendMessage", json={"chat_id": alice_chat, "text": "delivered"})
    assert [m.text for m in sandbox.sent()] == ["delivered"]
    assert sandbox.calls("sendMessage")[0].fault == "drop_after"


async def test_garbled_answers_200_with_unreadable_body_after_processing(
    sandbox: Sandbox, http: httpx.AsyncClient, alice_chat: int
) -> None:
    sandbox.faults.add("sendMessage", "garbled")
    response = await http.post("sendMessage", json={"chat_id": alice_chat, "text": "x"})
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()
    assert [m.text for m in sandbox.sent()] == ["x"]


async def test_faults_can_target_one_chat(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    alice, bob = sandbox.user(1001, "Alice"), sandbox.user(1002, "Bob")
    await sandbox.send(alice, "hi")
    await sandbox.send(bob, "hi")
    sandbox.faults.add("sendMessage", "blocked", chat_id=bob.id)
    to_alice = await http.post("sendMessage", json={"chat_id": alice.id, "text": "a"})
    to_bob = await http.post("sendMessage", json={"chat_id": bob.id, "text": "b"})
    assert (to_alice.status_code, to_bob.status_code) == (200, 403)
    assert to_bob.json()["description"] == "Forbidden: bot was blocked by the user"
    assert [m.text for m in sandbox.sent()] == ["a"]


async def test_blocking_the_bot_refuses_every_later_send(
    sandbox: Sandbox, http: httpx.AsyncClient, alice_chat: int
) -> None:
    await sandbox.block_bot(sandbox.state.users[alice_chat])
    response = await http.post("sendMessage", json={"chat_id": alice_chat, "text": "x"})
    assert response.status_code == 403
    assert sandbox.sent() == []
    assert [next(k for k in u if k != "update_id") for u in sandbox.pending_updates][-1] == (
        "my_chat_member"
    )


async def test_migrated_fault_upgrades_the_group_for_good(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    admin = sandbox.user(1001, "Alice")
    sandbox.group(-4001, "Residents", admins=[admin])
    sandbox.faults.add("sendMessage", "migrated", chat_id=-4001, migrate_to=-1004001)
    for _ in range(2):
        refused = await http.post("sendMessage", json={"chat_id": -4001, "text": "x"})
        assert refused.status_code == 400
        assert refused.json()["parameters"] == {"migrate_to_chat_id": -1004001}
    moved = await http.post("sendMessage", json={"chat_id": -1004001, "text": "x"})
    assert moved.json()["ok"] is True
    assert [m.text for m in sandbox.sent(-1004001)] == ["x"]
    notes = [u["message"] for u in sandbox.pending_updates if "message" in u]
    assert notes[-2]["migrate_to_chat_id"] == -1004001
    assert notes[-1]["migrate_from_chat_id"] == -4001
