"""The learning loop on a real database: unmatched request-like texts counted by their cleaned
text, private details never kept, the most frequent first."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.misses import MAX_TEXT, Miss, clean, record_miss, top_misses
from tests.domain_support import DomainWorld, domain_world


@pytest.fixture
async def world(store: Path | str, clock: FakeClock) -> AsyncIterator[DomainWorld]:
    async with domain_world(store, clock) as world:
        yield world


async def _record(world: DomainWorld, *texts: str) -> None:
    for text in texts:
        async with world.tx() as tx:
            await record_miss(tx, world.clock, text)
        world.clock.advance(timedelta(minutes=1))


async def _top(world: DomainWorld, limit: int = 20) -> list[Miss]:
    async with world.db.read() as tx:
        return await top_misses(tx, limit)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("  有没有人  会修\n马桶 ", "有没有人 会修 马桶"),
        ("   ", ""),
        ("x" * (MAX_TEXT + 50), "x" * MAX_TEXT),
    ],
)
def test_clean(text: str, kept: str) -> None:
    """Whitespace folded, cut to MAX_TEXT; nothing but spaces is nothing."""
    assert clean(text) == kept


def test_clean_redacts_a_phone_number() -> None:
    kept = clean("谁会修空调 打我电话 13812345678")
    assert "13812345678" not in kept and "***" in kept


async def test_the_same_words_count_together_and_the_most_frequent_come_first(
    world: DomainWorld,
) -> None:
    await _record(
        world, "有人会修 自行车吗", "找人遛狗", " 有人会修\t自行车吗", "有人会修  自行车吗"
    )
    assert await _top(world) == [Miss("有人会修 自行车吗", 3), Miss("找人遛狗", 1)]


async def test_equal_counts_put_the_latest_first_and_the_limit_holds(world: DomainWorld) -> None:
    await _record(world, "找人遛狗", "谁会剪头发", "有人收旧书吗")
    assert [m.text for m in await _top(world)] == ["有人收旧书吗", "谁会剪头发", "找人遛狗"]
    await _record(world, "找人遛狗")
    assert [m.text for m in await _top(world, limit=2)] == ["找人遛狗", "有人收旧书吗"]


async def test_private_details_and_empty_texts_are_never_kept(world: DomainWorld) -> None:
    await _record(world, "谁会修空调 打我电话 13812345678", "  \n ")
    kept = await _top(world)
    assert len(kept) == 1
    assert "13812345678" not in kept[0].text and kept[0].count == 1
