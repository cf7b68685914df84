"""A community's own model over the sandbox: `concierge train --extra` with the messages its
residents dismissed, then the bot, started with that file as CONCIERGE_MODEL, stays silent on
them in the group while still answering other requests; the shipped model answered them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bot.cli import main as concierge
from bot.config import community_model
from tests.booking_steps import press
from tests.harness import Harness

# A retired neighbour sharpens everyone's knives: in this group those asks are for him.
DISMISSED = [
    "谁能帮我磨下菜刀",
    "菜刀钝了 谁有空帮我磨磨",
    "剪刀不快了 有人会磨吗",
    "家里两把刀想磨一下 谁方便",
    "求磨刀 切肉都切不动了",
    "周末谁能帮忙磨个刀",
]


async def test_a_community_model_trained_on_its_dismissals_is_loaded_and_used(
    harness: Harness, tmp_path: Path
) -> None:
    async with harness.running():
        chat = await harness.group()
        resident = harness.person(6001, "小李")
        asked = await harness.say(resident, DISMISSED[0], chat)
        answer = await harness.sb.wait_for_message(chat.id, after=asked.message_id)
        assert "磨刀" in answer.content  # the shipped model answers it
    ours = tmp_path / "ours.jsonl"
    rows = [{"text": t, "intent": "none", "target": "", "chat": "group"} for t in DISMISSED]
    ours.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    out = tmp_path / "community-model.json"
    assert concierge(["train", "--extra", str(ours), "--out", str(out)]) == 0
    harness.with_settings(model=community_model(out))
    async with harness.running():
        await harness.sb.wait_idle()
        before = len(harness.sb.sent(chat.id))
        for text in DISMISSED:
            await harness.say(resident, text, chat)
        await harness.sb.wait_idle()
        assert len(harness.sb.sent(chat.id)) == before  # silent on the dismissed kind
        neighbour = harness.person(6002, "老赵")  # another member: the pace is per member
        asked = await harness.say(neighbour, "马桶堵了，谁能来通一下", chat)
        answer = await harness.sb.wait_for_message(chat.id, after=asked.message_id)
        assert "管道疏通" in answer.content


async def test_concierge_train_folds_in_what_staff_dismissed_in_the_chat(
    harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole loop: staff press ✖ under the bot's replies in the group (a staff dismissal
    is a confirmed example), `concierge train` reads them from the database by itself, and the
    bot started with the model it wrote stays silent on that kind of message."""
    async with harness.running():
        chat = await harness.group()
        for n, text in enumerate(DISMISSED):
            writer = harness.person(6100 + n, f"邻居{n}")  # the pace is per member
            asked = await harness.say(writer, text, chat)
            answer = await harness.sb.wait_for_message(chat.id, after=asked.message_id)
            assert "磨刀" in answer.content
            await press(harness, harness.staff, answer, "✖ 不是找服务")
        await harness.sb.wait_idle()
    out = tmp_path / "community-model.json"
    monkeypatch.setenv("CONCIERGE_DB", str(harness.settings.store))
    monkeypatch.delenv("CONCIERGE_COMMUNITY", raising=False)
    # A command of its own, as an operator runs it (its own event loop: another thread here).
    assert await asyncio.to_thread(concierge, ["train", "--out", str(out)]) == 0
    harness.with_settings(model=community_model(out))
    async with harness.running():
        await harness.sb.wait_idle()
        before = len(harness.sb.sent(chat.id))
        await harness.say(harness.person(6200, "小周"), "菜刀太钝了，谁帮我磨一下", chat)
        await harness.sb.wait_idle()
        assert len(harness.sb.sent(chat.id)) == before
