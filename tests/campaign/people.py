"""The campaign's simulated people: they act through the sandbox as people do in Telegram —
write, and press the buttons the bot actually showed them, after a human-ish pause — whether the
bot is up or not. Every press is recorded with its update id, for the accounting.

A flow whose next message never came (it was lost in the documented ambiguous case, or is still
queued behind the per-chat limit) stalls after a while; stalls are counted, not failures: the
accounting looks at every row and every press instead.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass, field

from bot.devtools.sandbox import Sandbox, SandboxMessage, SandboxUser

PROVIDERS = ("洁家家政", "快修师傅", "故障花园物业")
STEP_WAIT = 15.0  # seconds a person waits for the bot's next message before giving up


@dataclass(frozen=True)
class Press:
    """One button press the sandbox delivered: by whom, which button, its update id."""

    update_id: int
    query_id: str
    user_id: int
    label: str


@dataclass
class Town:
    """The sandbox, every press made, and how the flows went."""

    sb: Sandbox
    presses: list[Press] = field(default_factory=list)
    flows: Counter[str] = field(default_factory=Counter)
    ended: asyncio.Event = field(default_factory=asyncio.Event)

    async def press(self, user: SandboxUser, message: SandboxMessage, label: str) -> bool:
        """Press a button if the message still shows it (an edit may have removed it)."""
        if label not in message.button_texts or message.deleted:
            return False
        query = await self.sb.press(user, message, label)
        update_id = int(self.sb.state.updates[-1]["update_id"])  # enqueued just now
        self.presses.append(Press(update_id, query.id, user.id, label))
        return True

    async def next_message(
        self, chat_id: int, after: int, wait: float = STEP_WAIT
    ) -> SandboxMessage | None:
        """The first bot message in the chat newer than `after`, or None after `wait`."""

        def newer() -> list[SandboxMessage]:
            return [m for m in self.sb.sent(chat_id) if m.message_id > after]

        try:
            await self.sb.wait_for(lambda: bool(newer()) or self.ended.is_set(), wait)
        except AssertionError:
            return None
        found = newer()
        return found[0] if found else None


async def book(town: Town, resident: SandboxUser, address: str, rng: random.Random) -> None:
    """A resident asks in private for a range-hood cleaning and walks the flow to confirm."""
    sb = town.sb
    said = await sb.send(resident, rng.choice(["明天上午想找人洗一下油烟机", "想约明天洗油烟机"]))
    after = said.message_id
    for _ in range(12):
        step = await town.next_message(resident.id, after)
        if step is None or town.ended.is_set():
            town.flows["booking stalled"] += 1
            return
        after = step.message_id
        await asyncio.sleep(rng.uniform(0.05, 0.4))
        text, labels = step.content, step.button_texts
        if "请确认预约" in text:
            if await town.press(resident, step, "✅ 确认预约"):
                town.flows["booking confirmed"] += 1
                return
        elif "请选择服务商" in text:
            names = [label for label in labels if label.startswith(PROVIDERS)]
            if names:
                await town.press(resident, step, rng.choice(names))
        elif "上门地址" in text:
            await sb.send(resident, address)
        elif "要告诉师傅" in text or ("门锁密码" in text and "跳过" in labels):
            await town.press(resident, step, "跳过")
        elif "时间" in text and labels:
            await town.press(resident, step, labels[0])
    town.flows["booking wandered"] += 1


async def borrow(town: Town, resident: SandboxUser, rng: random.Random) -> None:
    """A resident asks for a tool in private and reserves it; the housekeeper does the rest."""
    sb = town.sb
    said = await sb.send(resident, rng.choice(["谁有梯子借我用一下", "想借个电钻"]))
    card = await town.next_message(resident.id, said.message_id)
    if card is None or "预约" not in card.button_texts:
        town.flows["loan stalled" if card is None else "loan refused"] += 1
        return
    await asyncio.sleep(rng.uniform(0.1, 0.6))
    if await town.press(resident, card, "预约"):
        town.flows["loan reserved"] += 1


# What each worker presses, by button label: (chance of pressing, shortest and longest pause).
WORKER_BUTTONS: dict[str, tuple[float, float, float]] = {
    "✅ 接单": (0.9, 0.2, 2.5),
    "确认交接": (1.0, 0.3, 2.0),
    "确认归还": (1.0, 2.0, 6.0),
    "✅ 已确认平安": (0.6, 0.5, 3.0),
}
ELDER_BUTTON = "😊 我很好"


async def work(town: Town, worker: SandboxUser, rng: random.Random, elder: bool = False) -> None:
    """A provider member, housekeeper or elder: presses what the bot shows, until the end.

    Each (message, button) is decided once, when first seen: pressed after a pause, or never.
    An elder answers a ping or reminder quickly, late (after the reminder is due) or never, and
    answers by button or by writing back.
    """
    sb = town.sb
    decided: set[tuple[int, str]] = set()
    plans: list[tuple[float, SandboxMessage, str]] = []
    loop = asyncio.get_running_loop()
    while not town.ended.is_set():
        for message in sb.sent(worker.id):
            for label in message.button_texts:
                if (message.message_id, label) in decided:
                    continue
                decided.add((message.message_id, label))
                if elder and label == ELDER_BUTTON:
                    pause = rng.choice([rng.uniform(0.2, 1.2), rng.uniform(2.2, 4.0), None])
                    if pause is not None:
                        plans.append((loop.time() + pause, message, label))
                elif not elder and label in WORKER_BUTTONS:
                    chance, low, high = WORKER_BUTTONS[label]
                    if rng.random() < chance:
                        plans.append((loop.time() + rng.uniform(low, high), message, label))
        now = loop.time()
        for plan in [p for p in plans if p[0] <= now]:
            plans.remove(plan)
            _, message, label = plan
            if elder and rng.random() < 0.4:
                await sb.send(worker, rng.choice(["我很好", "好的，都好", "刚才在买菜"]))
                town.flows["elder wrote back"] += 1
            elif await town.press(worker, message, label):
                town.flows[f"pressed {label}"] += 1
        await asyncio.sleep(0.1)


__all__ = ["PROVIDERS", "Press", "Town", "book", "borrow", "work"]
