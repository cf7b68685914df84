"""Issue 16, several instances on one PostgreSQL: a person staff revoked through one instance's
console is refused by every other instance from its next update on (no in-memory copy of the
revocations outlives a transaction there), whatever that instance had read before."""

from __future__ import annotations

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from bot.domain.console.staffing import Revoking
from bot.runtime import Runtime
from tests.booking_steps import book, crew, offer_to, press, press_raw
from tests.harness import STAFF_ID, Harness, make_settings
from tests.stores import pg_schema, skip_without_pg


async def _revoke_on_another_instance(a: Harness, telegram_id: int) -> None:
    """A second instance on the same schema (its own runtime and connection) revokes the
    person the way its console's revoke page does."""
    other = Runtime.build(a.settings, a.clock)
    await other.db.open()
    try:
        async with other.db.tx() as tx:
            await other.setup.load(tx)
        async with other.db.tx() as tx:
            staff = await other.people.get(tx, STAFF_ID)
            person = await other.people.get(tx, telegram_id)
            assert staff is not None and person is not None
            revoking = Revoking(other.community, other.people, other.setup, other.outbox)
            assert await revoking.revoke(tx, staff, person) is None
    finally:
        await other.db.close()


async def test_a_revocation_on_one_instance_holds_at_once_on_the_other(
    sandbox: Sandbox, clock: FakeClock
) -> None:
    """赵阿姨 accepted a job on instance A (which read the revocations then, none). Staff revoke
    her through instance B: on A her Arrived button changes nothing, the booking stays
    accepted, and A sends her nothing more (the resident's words are not relayed to her)."""
    skip_without_pg()
    async with pg_schema() as url:
        a = Harness(sandbox, make_settings(sandbox, url), clock)
        async with a.running():
            people = await crew(a)
            resident = a.person(6001, "小李")
            await book(a, resident)
            await press(a, people.zhao, await offer_to(a, people.zhao), "✅ 接单")
            job = await a.sb.wait_for_message(people.zhao.id, contains="3-2-501")
            arrived = str(job.buttons[0]["callback_data"])
            await a.sb.wait_idle(quiet=0.05)
            async with a.runtime.db.read() as tx:  # A has read the revocations: none
                assert not await a.runtime.people.is_revoked(tx, people.zhao.id)

            await _revoke_on_another_instance(a, people.zhao.id)
            await a.sb.wait_idle(quiet=0.05)
            before = len(a.sb.sent(people.zhao.id))

            assert "已经失效" in await press_raw(a, people.zhao, job.message_id, arrived)
            await a.ask(resident, "师傅到了吗？我在家等")
            await a.sb.wait_idle(quiet=0.05)
            async with a.runtime.db.read() as tx:
                status = await tx.scalar("SELECT status FROM bookings WHERE id = 1")
                assert await a.runtime.people.is_revoked(tx, people.zhao.id)
            assert status == "accepted"
            assert len(a.sb.sent(people.zhao.id)) == before
