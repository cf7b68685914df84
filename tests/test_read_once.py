"""Copies a transaction keeps of what it read (a pending question, a booking, a recipient's
language) never hide a write made in the same transaction, and never outlive it: each
repository that keeps one drops it when it writes the rows it copied."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.bookings.model import Kind, Status, Step
from bot.domain.bookings.repo import BookingRepo, NewDraft
from bot.domain.people.repo import PeopleRepo
from bot.outbox import recipient_language
from tests.domain_support import DomainWorld, domain_world

TG = 6001


@pytest.fixture
async def world(store: Path | str, clock: FakeClock) -> AsyncIterator[DomainWorld]:
    """The sample community on a fresh database."""
    async with domain_world(store, clock) as world:
        yield world


async def _person(world: DomainWorld) -> int:
    people = PeopleRepo()
    async with world.tx() as tx:
        await people.add(tx, TG, "小李", "zh", world.clock.now(), True)
        found = await people.by_telegram(tx, TG)
    assert found is not None
    return found.id


async def test_a_pending_question_is_read_as_last_written(world: DomainWorld) -> None:
    """Asked, read, asked again, read, forgotten, read: each read sees the last write."""
    people, person = PeopleRepo(), await _person(world)
    async with world.tx() as tx:
        assert await people.expecting(tx, person) is None
        await people.expect(tx, person, "booking_slot", {"booking": 1})
        first = await people.expecting(tx, person)
        assert first == ("booking_slot", {"booking": 1})
        first[1]["booking"] = 99  # a caller changing its copy changes nobody else's
        assert await people.expecting(tx, person) == ("booking_slot", {"booking": 1})
        await people.expect(tx, person, "booking_provider", {"booking": 2})
        assert await people.expecting(tx, person) == ("booking_provider", {"booking": 2})
        await people.done_expecting(tx, person)
        assert await people.expecting(tx, person) is None
    async with world.tx() as tx:
        await people.expect(tx, person, "booking_note", {})
    async with world.tx() as tx:  # a later transaction reads what was committed
        assert await people.expecting(tx, person) == ("booking_note", {})


async def test_a_booking_is_read_as_last_written(world: DomainWorld) -> None:
    """A booking read, changed, moved and abandoned in one transaction is read anew after
    each write."""
    repo, person = BookingRepo(world.clock), await _person(world)
    draft = NewDraft(person, "range_hood_cleaning", Kind.SERVICE, Step.SLOT, None, None)
    async with world.tx() as tx:
        booking_id = await repo.add_draft(tx, draft)
        read = await repo.get(tx, booking_id)
        assert read is not None and read.note is None
        await repo.update(tx, booking_id, note="门口有狗")
        read = await repo.get(tx, booking_id)
        assert read is not None and read.note == "门口有狗"
        assert await repo.transition(tx, booking_id, Status.DRAFT, Status.DRAFT, step=Step.NOTE)
        read = await repo.get(tx, booking_id)
        assert read is not None and read.step == Step.NOTE
        assert await repo.abandon_drafts(tx, person) == 1
        read = await repo.get(tx, booking_id)
        assert read is not None and read.status == Status.ABANDONED
        assert await repo.get(tx, booking_id + 1) is None
        later = await repo.add_draft(tx, draft)  # the id just read as missing now exists
        assert later == booking_id + 1 and await repo.get(tx, later) is not None


async def test_a_recipient_language_is_read_as_last_written(world: DomainWorld) -> None:
    """The language a message is written in follows a change made earlier in the same
    transaction, whether the person was read first or not."""
    people, person = PeopleRepo(), await _person(world)
    async with world.tx() as tx:
        assert await recipient_language(tx, TG) == "zh"
        await people.set_language(tx, person, "en")
        assert await recipient_language(tx, TG) == "en"
        await people.by_telegram(tx, TG)
        assert await people.follow_language(tx, person, "zh") is False  # chosen: kept
        assert await recipient_language(tx, TG) == "en"
    async with world.tx() as tx:
        assert await recipient_language(tx, TG + 1, "en") == "en"  # nobody: the default
        await people.add(tx, TG + 1, "小王", "zh", world.clock.now(), True)
        assert await recipient_language(tx, TG + 1, "en") == "zh"
