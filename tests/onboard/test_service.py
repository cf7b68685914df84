"""Onboarding a provider on a real database: drafts saved and edited, documents checked and
stored, approval making the provider live (the catalogue offers it after the next refresh,
with its expiry dates) and minting a one-time invite that makes its opener a member; every
step audited without the private contact; stale and forged moves change nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.onboard import Details, DocKind, Move, OfferLine, ProviderOnboarding, State
from bot.domain.people import People
from bot.domain.setup import Setup
from bot.storage.backup import backup
from intents import Catalogue
from tests.domain_support import DomainWorld, domain_world
from tests.setup.test_service import COMMUNITY

STAFF_TG, WORKER_TG, STRANGER_TG = 1001, 3100, 4242
PDF = b"%PDF-1.7\n% a licence scan\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
DETAILS = Details(
    "qingjie",
    "清洁快手",
    "Quick Clean",
    "13800000000",
    ("1",),
    (OfferLine("range_hood_cleaning", 150, 240),),
)


@dataclass
class World:
    """The onboarding service and what it works with, on one database."""

    base: DomainWorld
    onboard: ProviderOnboarding
    setup: Setup
    people: People
    catalogue: ServiceCatalogue

    def later(self, days: int) -> date:
        return self.onboard.today() + timedelta(days=days)


@pytest.fixture
async def world(tmp_path: Path, clock: FakeClock) -> AsyncIterator[World]:
    """A small community (one provider, staff 1001) with its setup loaded and staff known."""
    async with domain_world(tmp_path / "onboard.db", clock, COMMUNITY) as base:
        people = People(base.community, clock)
        setup = Setup(base.community, base.audit, people, base.outbox)
        setup.on_change(people.setup_changed)
        catalogue = ServiceCatalogue(base.community, Catalogue.default())
        onboard = ProviderOnboarding(
            base.community, clock, people, catalogue, setup, base.audit,
            lambda token: f"https://t.me/concierge_bot?start={token}",
        )  # fmt: skip
        async with base.tx() as tx:
            await setup.load(tx)
            await people.ensure(tx, STAFF_TG, "刘主任")
            await people.ensure(tx, STRANGER_TG, "路人")
        yield World(base, onboard, setup, people, catalogue)


async def _ready(world: World) -> int:
    """A draft with both documents, handed in."""
    async with world.base.tx() as tx:
        app_id = await world.onboard.create(tx, STAFF_TG, DETAILS)
        lic = await world.onboard.upload(
            tx, STAFF_TG, app_id, DocKind.LICENCE, PDF, world.later(300)
        )
        ins = await world.onboard.upload(
            tx, STAFF_TG, app_id, DocKind.INSURANCE, PNG, world.later(20)
        )
        assert (lic, ins) == (None, None)
        assert (await world.onboard.move(tx, STAFF_TG, app_id, Move.SUBMIT)).done
    return app_id


async def test_approval_makes_the_provider_live_and_invites_its_worker(world: World) -> None:
    app_id = await _ready(world)
    assert world.catalogue.offers("range_hood_cleaning") == []
    async with world.base.tx() as tx:
        outcome = await world.onboard.move(tx, STAFF_TG, app_id, Move.APPROVE)
    assert outcome.done and outcome.invite_link.startswith("https://t.me/concierge_bot?start=")
    async with world.base.tx() as tx:
        await world.setup.refresh(tx)  # what the next update's transaction does
        application = await world.onboard.application(tx, app_id)
        worker, _ = await world.people.ensure(tx, WORKER_TG, "钱师傅")
        token = outcome.invite_link.rsplit("=", 1)[1]
        assert (await world.people.redeem_invite(tx, token, worker))[0] == "ok"
        assert await world.people.has_role(tx, worker.id, "provider", "qingjie")
        other, _ = await world.people.ensure(tx, WORKER_TG + 1, "冒用者")
        assert (await world.people.redeem_invite(tx, token, other))[0] == "used"
    assert application is not None and application.state is State.APPROVED
    provider, offer = world.catalogue.offers("range_hood_cleaning")[0]
    assert (provider.id, provider.name_zh, offer.price) == ("qingjie", "清洁快手", 150)
    assert (provider.licence_expires, provider.insurance_expires) == (
        world.later(300),
        world.later(20),
    )
    assert world.onboard.expiring() == [("qingjie", DocKind.INSURANCE, world.later(20))]


async def test_every_step_is_audited_without_the_contact(world: World) -> None:
    app_id = await _ready(world)
    async with world.base.tx() as tx:
        await world.onboard.edit(
            tx, STAFF_TG, app_id, replace(DETAILS, name_zh="清洁快手家政", contact="13900000000")
        )
        await world.onboard.move(tx, STAFF_TG, app_id, Move.APPROVE)
        trail = await world.base.audit.timeline(tx, f"application:{app_id}")
        staff = await world.people.get(tx, STAFF_TG)
        everything = await tx.all("SELECT detail FROM audit")
    assert staff is not None
    assert [(e.actor, e.action) for e in trail] == [
        (f"person:{staff.id}", "application_saved"),
        (f"person:{staff.id}", "application_document"),
        (f"person:{staff.id}", "application_document"),
        (f"person:{staff.id}", "application_submitted"),
        (f"person:{staff.id}", "application_edited"),
        (f"person:{staff.id}", "application_approved"),
    ]
    edited = trail[4].detail
    assert (edited["before"]["name_zh"], edited["after"]["name_zh"]) == (
        "清洁快手",
        "清洁快手家政",
    )
    assert edited["after"]["contact"] == "(set)"
    assert (trail[5].detail["before"], trail[5].detail["after"]) == ("submitted", "approved")
    assert not any("1380000" in r[0] or "1390000" in r[0] for r in everything)


async def test_an_incomplete_application_cannot_be_submitted(world: World) -> None:
    async with world.base.tx() as tx:
        app_id = await world.onboard.create(tx, STAFF_TG, replace(DETAILS, offers=()))
        outcome = await world.onboard.move(tx, STAFF_TG, app_id, Move.SUBMIT)
        application = await world.onboard.application(tx, app_id)
    assert not outcome.done
    assert outcome.problems == ["no_offers", "missing_licence", "missing_insurance"]
    assert application is not None and application.state is State.DRAFT


@pytest.mark.parametrize(
    ("data", "days", "problem"),
    [
        (b"GIF89a" + b"\0" * 10, 300, "doc_type"),
        (b"%PDF-" + b"\0" * (2 * 1024 * 1024), 300, "doc_too_big"),
        (PDF, 0, "doc_expired"),
    ],
)
async def test_a_refused_document_is_not_stored(
    world: World, data: bytes, days: int, problem: str
) -> None:
    async with world.base.tx() as tx:
        app_id = await world.onboard.create(tx, STAFF_TG, DETAILS)
        found = await world.onboard.upload(
            tx, STAFF_TG, app_id, DocKind.LICENCE, data, world.later(days)
        )
        stored = await tx.scalar("SELECT COUNT(*) FROM provider_documents")
    assert (found, stored) == (problem, 0)


async def test_the_document_is_kept_in_the_database_as_uploaded(world: World) -> None:
    app_id = await _ready(world)
    async with world.base.tx() as tx:
        application = await world.onboard.application(tx, app_id)
        assert application is not None
        first = application.documents[0]
        assert await world.onboard.document(tx, app_id, first.id) == ("application/pdf", PDF)
        assert await world.onboard.document(tx, app_id + 1, first.id) is None
        assert await world.onboard.remove_document(tx, STAFF_TG, app_id, first.id)
        again = await world.onboard.application(tx, app_id)
    assert again is not None and [d.kind for d in again.documents] == [DocKind.INSURANCE]


async def test_a_decided_application_changes_no_more(world: World) -> None:
    """A second approval, an edit after rejection, or an approval of a rejected one: nothing."""
    app_id = await _ready(world)
    async with world.base.tx() as tx:
        assert (await world.onboard.move(tx, STAFF_TG, app_id, Move.REJECT)).done
        assert not (await world.onboard.move(tx, STAFF_TG, app_id, Move.APPROVE)).done
        assert not await world.onboard.edit(tx, STAFF_TG, app_id, DETAILS)
        assert (
            await world.onboard.upload(tx, STAFF_TG, app_id, DocKind.LICENCE, PDF, world.later(9))
            == "decided"
        )
        assert not (await world.onboard.move(tx, STAFF_TG, app_id + 7, Move.SUBMIT)).done
        invites = await tx.scalar("SELECT COUNT(*) FROM invites")
    assert invites == 0
    assert world.catalogue.offers("range_hood_cleaning") == []


async def test_approving_an_id_taken_meanwhile_is_refused(world: World) -> None:
    """Two applications for the same id: the second approval finds it taken."""
    first, second = await _ready(world), await _ready(world)
    async with world.base.tx() as tx:
        assert (await world.onboard.move(tx, STAFF_TG, first, Move.APPROVE)).done
    async with world.base.tx() as tx:
        await world.setup.refresh(tx)
        outcome = await world.onboard.move(tx, STAFF_TG, second, Move.APPROVE)
    assert outcome.problems == ["id_taken"]


async def test_only_staff_may_act(world: World) -> None:
    with pytest.raises(PermissionError):
        async with world.base.tx() as tx:
            await world.onboard.create(tx, STRANGER_TG, DETAILS)
    async with world.base.tx() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM provider_applications") == 0


async def test_a_backup_carries_the_documents(world: World, tmp_path: Path) -> None:
    """Documents live in the database, so `concierge backup`'s copy holds them byte for byte."""
    app_id = await _ready(world)
    copy = backup(world.base.db.path, tmp_path / "copy.db")
    with sqlite3.connect(copy) as conn:
        rows = conn.execute(
            "SELECT kind, data FROM provider_documents WHERE application_id = ? ORDER BY id",
            (app_id,),
        ).fetchall()
    assert rows == [("licence", PDF), ("insurance", PNG)]
