"""Onboarding's use cases on a real database (the rules that were in handlers/onboarding.py):
who becomes a resident and is asked for an address, which invites are valid and for how long,
what is audited, and the language buttons.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.people import Address, People, Person
from bot.domain.people.contract import Action, Pending
from bot.domain.people.messages import PeopleTexts
from bot.domain.people.onboarding import Onboarding
from bot.domain.setup import Setup
from bot.i18n import T, both
from bot.storage import Tx
from tests.domain_support import DomainWorld, domain_world, rendered

STAFF_TG, LI_TG, WANG_TG = 1001, 6001, 6002
ENROLLED = {"elder_new": "新老人"}


async def _enrolled_name(tx: Tx, key: str) -> str | None:
    """Stands in for check-ins' enrolled elders (another feature's table)."""
    return ENROLLED.get(key)


@pytest.fixture
async def world(store: Path | str, clock: FakeClock) -> AsyncIterator[DomainWorld]:
    async with domain_world(store, clock) as world:
        yield world


def _built(world: DomainWorld) -> tuple[Onboarding, Setup]:
    """Onboarding with the setup a staff invite puts its joiner into (load it before use)."""
    people = People(world.community, world.clock)
    setup = Setup(world.community, world.audit, people, world.outbox)
    setup.on_change(people.setup_changed)
    texts = PeopleTexts(world.signer, world.community)
    on = Onboarding(
        people,
        world.audit,
        world.community,
        texts,
        enrolled_name=_enrolled_name,
        deep_link=lambda payload: f"https://t.me/bot?start={payload}",
        join_staff=setup.join_staff,
    )
    return on, setup


def _onboarding(world: DomainWorld) -> Onboarding:
    return _built(world)[0]


async def _person(on: Onboarding, tx: Tx, telegram_id: int, name: str) -> Person:
    person, _ = await on.people.ensure(tx, telegram_id, name)
    return person


async def test_a_newcomer_becomes_a_resident_and_is_asked_for_the_address(
    world: DomainWorld,
) -> None:
    on = _onboarding(world)
    async with world.tx() as tx:
        li = await _person(on, tx, LI_TG, "小李")
        arrival = await on.arrive(tx, li)
        text, keyboard = await on.ask_address(tx, li)
        assert arrival.ask_address and await on.people.roles(tx, li.id) == {("resident", "")}
        named = both("香溪美地", "Xiangxi Meidi")  # the welcome names the community
        assert rendered(arrival.welcome) == rendered(
            T("onboarding.welcome", name="小李", community=named)
        )
        assert await on.people.expecting(tx, li.id) == (Pending.ADDRESS, {})
        assert keyboard is not None
        assert rendered(text) == rendered(T("onboarding.ask_address"))
        pressed = world.signer.verify(keyboard[0][0].data)
        assert pressed is not None and pressed.action == Action.ADDRESS_LATER
        saved = await on.save_address(tx, li, Address("3", "2", "501"))
        assert rendered(saved) == rendered(T("onboarding.address_saved", address="3-2-501"))
        assert await on.people.expecting(tx, li.id) is None
        assert not (await on.arrive(tx, li)).ask_address  # the address is known now
        events = await world.audit.timeline(tx, f"person:{li.id}")
    assert [e.action for e in events] == ["address_set"]
    assert "501" not in str(events[0].detail)  # the address itself is never audited


async def test_someone_with_a_role_is_not_made_a_resident(world: DomainWorld) -> None:
    """Staff (from the file) hold a role already: no resident role, no address question."""
    on = _onboarding(world)
    async with world.tx() as tx:
        staff = await _person(on, tx, STAFF_TG, "刘主任")
        arrival = await on.arrive(tx, staff)
        assert not arrival.ask_address
        assert await on.people.roles(tx, staff.id) == {("staff", "")}


async def test_workers_get_their_own_welcome_and_no_address_question(
    world: DomainWorld,
) -> None:
    """A provider member and a housekeeper hear what they will receive, one line per role."""
    on = _onboarding(world)
    async with world.tx() as tx:
        li = await _person(on, tx, LI_TG, "小李")
        await on.people.grant(tx, li.id, "provider", "jiejia")
        await on.people.grant(tx, li.id, "housekeeper", "hk_zhang")
        arrival = await on.arrive(tx, li)
        roles = await on.people.roles(tx, li.id)
    assert not arrival.ask_address and ("resident", "") not in roles
    keeper = world.community.housekeeper("hk_zhang")
    assert keeper is not None
    lines = [
        T(
            "onsite.welcome_housekeeper",
            name="小李",
            buildings="、".join(keeper.buildings),
            community=both("香溪美地", "Xiangxi Meidi"),
        ),
        T("onsite.welcome_provider", name="小李", what=both("洁家家政", "Jiejia Home Services")),
    ]
    assert rendered(arrival.welcome) == rendered(T("common.lines", lines=lines))


@pytest.mark.parametrize(
    ("role", "ref", "valid"),
    [
        ("housekeeper", "hk_zhang", True),
        ("HOUSEKEEPER", "hk_zhang", True),  # the role word in any case
        ("housekeeper", "hk_nobody", False),
        ("provider", "jiejia", True),
        ("provider", "nobody", False),
        ("elder", "elder_wang", True),  # in the community file
        ("family", "elder_new", True),  # enrolled by staff with /enroll
        ("elder", "elder_nobody", False),
        ("staff", "", True),
        ("staff", "李红", True),  # the newcomer's name (what staff will read)
        ("staff", "x" * 41, False),  # no name is that long
        ("resident", "", False),  # never by invite
        ("", "", False),
    ],
)
async def test_which_invites_may_be_made(
    world: DomainWorld, role: str, ref: str, valid: bool
) -> None:
    on = _onboarding(world)
    async with world.tx() as tx:
        staff = await _person(on, tx, STAFF_TG, "刘主任")
        text, keyboard = await on.invite(tx, staff, role, ref)
        events = await world.audit.timeline(tx, f"{role.lower()}:{ref}")
    assert (keyboard is not None) == valid
    assert [e.action for e in events] == (["invite_created"] if valid else [])
    if not valid:
        assert text.key == "onboarding.invite_usage"


async def test_an_invite_lives_for_the_community_ttl_and_is_redeemed_once(
    world: DomainWorld,
) -> None:
    on = _onboarding(world)
    ttl = world.community.policy.invite_ttl
    async with world.tx() as tx:
        staff = await _person(on, tx, STAFF_TG, "刘主任")
        li = await _person(on, tx, LI_TG, "小李")
        wang = await _person(on, tx, WANG_TG, "老王")
        text, keyboard = await on.invite(tx, staff, "provider", "jiejia")
        assert keyboard is not None and keyboard[0][0].url is not None
        token = keyboard[0][0].url.rsplit("=", 1)[1]
        assert text.params["what"] == both("洁家家政", "Jiejia Home Services")
        joined = await on.redeem(tx, token, li)
        other = await on.redeem(tx, token, wang)
        assert rendered(joined) == rendered(
            T(
                "onboarding.joined_provider",
                what=both("洁家家政", "Jiejia Home Services"),
                community=both("香溪美地", "Xiangxi Meidi"),
            )
        )
        assert other.key == "onboarding.invite_used"
        assert await on.people.has_role(tx, li.id, "provider", "jiejia")
        events = await world.audit.timeline(tx, "provider:jiejia")
        _, late_keyboard = await on.invite(tx, staff, "elder", "elder_wang")
    assert [e.action for e in events] == ["invite_created", "joined"]
    assert late_keyboard is not None and late_keyboard[0][0].url is not None
    world.clock.advance(ttl + timedelta(seconds=1))
    async with world.tx() as tx:
        expired = await on.redeem(tx, late_keyboard[0][0].url.rsplit("=", 1)[1], wang)
    assert expired.key == "onboarding.invite_expired"


async def test_a_staff_invite_makes_staff_as_the_file_does_and_not_again_once_revoked(
    world: DomainWorld,
) -> None:
    """The reply names the community; whoever opens the link is on the setup's staff list
    (is_staff, the console's source) and welcomed with the staff commands; revoked, opening
    the same link again gives nothing back."""
    on, setup = _built(world)
    async with world.tx() as tx:
        await setup.load(tx)
        staff = await _person(on, tx, STAFF_TG, "刘主任")
        tom = await _person(on, tx, 7001, "Tom")
        text, keyboard = await on.invite(tx, staff, "staff", "")
        assert text.params["what"] == both("香溪美地", "Xiangxi Meidi")
        assert keyboard is not None and keyboard[0][0].url is not None
        token = keyboard[0][0].url.rsplit("=", 1)[1]
        joined = await on.redeem(tx, token, tom)
        assert rendered(joined) == rendered(on.texts.staff_welcome("Tom", 7001))
        assert "/bookings" in rendered(joined)
    async with world.tx() as tx:
        await setup.refresh(tx)
        assert await on.people.is_staff(tx, 7001)
        assert {"telegram_id": 7001, "name": "Tom", "language": "zh"} in (
            await setup.sections(tx)
        )["staff"]
        again = await on.redeem(tx, token, tom)  # the same person again: still fine, once
        listed = (await setup.sections(tx))["staff"]
        assert len([s for s in listed if s["telegram_id"] == 7001]) == 1
        await setup.revoke(tx, f"person:{staff.id}", 7001)
    assert rendered(again) == rendered(joined)
    async with world.tx() as tx:
        await setup.refresh(tx)
        assert not await on.people.is_staff(tx, 7001)
        refused = await on.redeem(tx, token, tom)
    async with world.tx() as tx:
        await setup.refresh(tx)
        assert not await on.people.is_staff(tx, 7001)
    assert refused.key == "onboarding.revoked"


@pytest.mark.parametrize(
    ("wanted", "set_to", "offers_buttons"),
    [("en", "en", False), ("English", "en", False), ("ZH", "zh", False), ("fr", None, True)],
)
async def test_language_command(
    world: DomainWorld, wanted: str, set_to: str | None, offers_buttons: bool
) -> None:
    on = _onboarding(world)
    async with world.tx() as tx:
        li = await _person(on, tx, LI_TG, "小李")
        _, keyboard = await on.language(tx, li, wanted)
        now = await on.people.get(tx, LI_TG)
    assert (keyboard is not None) == offers_buttons
    assert now is not None and now.language_set == (set_to is not None)
    if set_to:
        assert now.language == set_to


async def test_a_forged_language_button_changes_nothing(world: DomainWorld) -> None:
    on = _onboarding(world)
    async with world.tx() as tx:
        li = await _person(on, tx, LI_TG, "小李")
        assert await on.language_chosen(tx, li, "xx") is None
        assert await on.language_chosen(tx, li, "en") == "en"
        now = await on.people.get(tx, LI_TG)
    assert now is not None and now.language == "en"
