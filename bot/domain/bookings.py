"""Bookings: from a recognised request to a finished, rated job, with dispatch and its backstop.

A booking is a row from the first tap: the draft (provider, slot, address, note, door code)
lives in the database so it survives restarts. Confirming builds the dispatch plan: the chosen
provider, the other eligible ones, then the property's own team (物业兜底); each offer has a
response window kept as a deadline, and when the plan runs out staff are alerted.

Every transition writes its messages into the outbox and an audit event in the caller's
transaction. Nothing here talks to Telegram; nothing here logs private data.
"""

from __future__ import annotations

import json
import logging
import statistics
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from bot import deadlines
from bot.clock import from_db, to_db
from bot.config import Offer, Provider
from bot.domain.people import Address, Person
from bot.domain.secrets import SecretBox
from bot.i18n import T, Text
from bot.i18n.fmt import money, when_both
from bot.outbox import Button, Keyboard
from bot.runtime import Runtime
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)

WORK_ORDER_SERVICES = frozenset({"common_area_repair"})
DOOR_CODE_SERVICES = frozenset({"pet_sitting", "plant_care"})
OPEN = ("offered", "accepted", "arrived", "unassigned")
CANCELLABLE = ("draft", "offered", "accepted", "unassigned")
PROPERTY = "_property"  # plan entry when the community file lists no property provider
SLOT_CHOICES = {
    "d0pm": (0, time(14), time(17)),
    "d1am": (1, time(9), time(12)),
    "d1pm": (1, time(14), time(17)),
    "d2am": (2, time(9), time(12)),
    "d2pm": (2, time(14), time(17)),
}


@dataclass(frozen=True)
class Booking:
    """A booking as stored (the door code only as 'is there one')."""

    id: int
    resident_id: int
    service: str
    kind: str
    status: str
    step: str
    provider_id: str | None
    plan: list[str]
    attempt: int
    assignee_id: int | None
    slot_start: datetime | None
    slot_end: datetime | None
    address: Address | None
    note: str | None
    has_door_code: bool

    @property
    def subject(self) -> str:
        """The audit subject."""
        return f"booking:{self.id}"

    @property
    def current_provider(self) -> str | None:
        """The provider the current offer (or job) is with."""
        return self.plan[self.attempt] if 0 <= self.attempt < len(self.plan) else None


@dataclass(frozen=True)
class Candidate:
    """A provider the resident may choose, with what helps them choose."""

    provider: Provider
    offer: Offer
    average: float | None
    count: int
    typical: timedelta | None


def _booking(row: Any) -> Booking:
    address = (
        Address(row["building"], row["unit"], row["room"]) if row["building"] is not None else None
    )
    return Booking(
        row["id"],
        row["resident_id"],
        row["service"],
        row["kind"],
        row["status"],
        row["step"],
        row["provider_id"],
        json.loads(row["plan"]),
        row["attempt"],
        row["assignee_id"],
        from_db(row["slot_start"]) if row["slot_start"] else None,
        from_db(row["slot_end"]) if row["slot_end"] else None,
        address,
        row["note"],
        row["door_code"] is not None,
    )


def _actor(person: Person | None) -> str:
    return f"person:{person.id}" if person is not None else "system"


class Bookings:
    """Named operations on bookings; every method runs inside the caller's transaction."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.box = SecretBox(rt.settings.secret_key)

    # -- reading ---------------------------------------------------------------------------

    async def get(self, tx: Tx, booking_id: int) -> Booking | None:
        """The booking with this id."""
        row = await tx.one("SELECT * FROM bookings WHERE id = ?", (booking_id,))
        return _booking(row) if row else None

    async def of_resident(
        self, tx: Tx, resident_id: int, statuses: tuple[str, ...]
    ) -> list[Booking]:
        """The resident's bookings in these states, oldest first."""
        marks = ",".join("?" * len(statuses))
        rows = await tx.all(
            f"SELECT * FROM bookings WHERE resident_id = ? AND status IN ({marks}) ORDER BY id",
            (resident_id, *statuses),
        )
        return [_booking(r) for r in rows]

    async def open_bookings(self, tx: Tx) -> list[Booking]:
        """Every booking that is not finished, oldest first."""
        marks = ",".join("?" * len(OPEN))
        rows = await tx.all(f"SELECT * FROM bookings WHERE status IN ({marks}) ORDER BY id", OPEN)
        return [_booking(r) for r in rows]

    def overdue(self, booking: Booking) -> bool:
        """Nobody took it, or the slot ended and the job is not done."""
        if booking.status == "unassigned":
            return True
        end = booking.slot_end
        return (
            booking.status in ("accepted", "arrived")
            and end is not None
            and end < self.rt.clock.now()
        )

    def provider_name(self, provider_id: str | None) -> Any:
        """A provider's name in both languages (for Text parameters)."""
        provider = self.rt.community.provider(provider_id or "")
        if provider is None:
            return T("bookings.property_team")
        return {"zh": provider.name_zh, "en": provider.name_en}

    def slot_text(self, booking: Booking) -> Any:
        """The slot in both languages, or 'as soon as possible'."""
        if booking.slot_start is None:
            return T("bookings.asap")
        return when_both(booking.slot_start, booking.slot_end, self.rt.community.tz)

    async def set(self, tx: Tx, booking_id: int, **fields: Any) -> None:
        """Update columns of a booking (and its updated_at)."""
        fields["updated_at"] = to_db(self.rt.clock.now())
        sql = ", ".join(f"{name} = ?" for name in fields)
        await tx.execute(f"UPDATE bookings SET {sql} WHERE id = ?", (*fields.values(), booking_id))

    async def _reload(self, tx: Tx, booking_id: int) -> Booking:
        booking = await self.get(tx, booking_id)
        assert booking is not None
        return booking

    # -- providers: stats, eligibility -----------------------------------------------------

    async def stats(self, tx: Tx) -> dict[str, tuple[float, int]]:
        """Average stars and number of ratings per provider."""
        rows = await tx.all(
            "SELECT provider_id, AVG(stars) AS a, COUNT(*) AS n FROM ratings GROUP BY provider_id"
        )
        return {r["provider_id"]: (float(r["a"]), int(r["n"])) for r in rows}

    async def typical_response(self, tx: Tx) -> dict[str, timedelta]:
        """Median time from offer to accept per provider, from past accepts."""
        rows = await tx.all(
            "SELECT provider_id, offered_at, answered_at FROM booking_offers"
            " WHERE outcome = 'accepted' AND answered_at IS NOT NULL"
        )
        spans: dict[str, list[float]] = {}
        for r in rows:
            seconds = (from_db(r["answered_at"]) - from_db(r["offered_at"])).total_seconds()
            spans.setdefault(r["provider_id"], []).append(seconds)
        return {p: timedelta(seconds=statistics.median(s)) for p, s in spans.items()}

    async def _flag(self, tx: Tx, provider: Provider, reason: str) -> None:
        """Tell staff once why a provider is no longer offered."""
        fresh = await tx.changes(
            "INSERT OR IGNORE INTO provider_flags (provider_id, reason, at) VALUES (?, ?, ?)",
            (provider.id, reason, to_db(self.rt.clock.now())),
        )
        if not fresh:
            return
        await self.rt.audit.record(
            tx, "system", "provider_excluded", f"provider:{provider.id}", reason=reason
        )
        for staff in await self.rt.people.staff(tx):
            await self.rt.outbox.send(
                tx,
                staff.telegram_id,
                T(
                    "bookings.staff_provider_excluded",
                    provider={"zh": provider.name_zh, "en": provider.name_en},
                    reason=T(f"bookings.exclusion.{reason}"),
                ),
                key=f"flag:{provider.id}:{reason}:{staff.id}",
            )

    async def suspend(self, tx: Tx, provider: Provider, staff: Person, suspended: bool) -> None:
        """Staff suspend a provider (not offered any more) or lift the suspension."""
        if suspended:
            await tx.execute(
                "INSERT OR IGNORE INTO provider_suspensions (provider_id, by_person, at)"
                " VALUES (?, ?, ?)",
                (provider.id, staff.id, to_db(self.rt.clock.now())),
            )
        else:
            await tx.execute(
                "DELETE FROM provider_suspensions WHERE provider_id = ?", (provider.id,)
            )
        action = "provider_suspended" if suspended else "provider_unsuspended"
        await self.rt.audit.record(tx, _actor(staff), action, f"provider:{provider.id}")

    async def _usable(
        self, tx: Tx, provider: Provider, stats: dict[str, tuple[float, int]]
    ) -> bool:
        """Licence, insurance, rating floor and staff allow offering this provider; staff are
        told once why one is left out (a suspension they made themselves needs no telling)."""
        today = self.rt.local_now().date()
        ok = not await tx.one(
            "SELECT 1 FROM provider_suspensions WHERE provider_id = ?", (provider.id,)
        )
        if provider.licence_expires is not None and provider.licence_expires < today:
            await self._flag(tx, provider, "licence")
            ok = False
        if provider.insurance_expires is not None and provider.insurance_expires < today:
            await self._flag(tx, provider, "insurance")
            ok = False
        policy = self.rt.community.policy
        average, count = stats.get(provider.id, (0.0, 0))
        if count >= policy.rating_floor_min_count and average < policy.rating_floor:
            await self._flag(tx, provider, "rating")
            ok = False
        return ok

    async def candidates(self, tx: Tx, service: str, resident_id: int) -> list[Candidate]:
        """Providers this resident may be offered for a service, cheapest first."""
        stats = await self.stats(tx)
        typical = await self.typical_response(tx)
        blocked = {
            r["provider_id"]
            for r in await tx.all(
                "SELECT provider_id FROM provider_blocks WHERE resident_id = ?", (resident_id,)
            )
        }
        out: list[Candidate] = []
        for provider, offer in self.rt.catalogue.offers(service):
            if not await self._usable(tx, provider, stats) or provider.id in blocked:
                continue
            average, count = stats.get(provider.id, (0.0, 0))
            out.append(
                Candidate(
                    provider, offer, average if count else None, count, typical.get(provider.id)
                )
            )
        return out

    def _property_id(self) -> str:
        return next((p.id for p in self.rt.community.providers if p.kind == "property"), PROPERTY)

    async def _backstop_usable(self, tx: Tx) -> bool:
        provider = self.rt.community.provider(self._property_id())
        return provider is None or await self._usable(tx, provider, {})

    # -- the draft -------------------------------------------------------------------------

    async def start(
        self,
        tx: Tx,
        resident: Person,
        service: str,
        when_start: datetime | None = None,
        when_end: datetime | None = None,
    ) -> Booking | None:
        """Start a draft for the resident and show its first step; None if nobody offers it."""
        work_order = service in WORK_ORDER_SERVICES
        if not work_order and not await self.candidates(tx, service, resident.id):
            await self._to_resident(
                tx,
                resident.telegram_id,
                T("bookings.no_provider", service=self.rt.catalogue.name(service)),
                key=f"bknone:{resident.id}:{service}:{to_db(self.rt.clock.now())}",
            )
            return None
        now = self.rt.clock.now()
        await tx.execute(
            "UPDATE bookings SET status = 'abandoned', updated_at = ?"
            " WHERE resident_id = ? AND status = 'draft'",
            (to_db(now), resident.id),
        )
        if when_start is not None and when_start <= now:
            when_start = when_end = None
        if when_start is not None and when_end is None:
            when_end = when_start + timedelta(hours=2)
        booking_id = await tx.execute(
            "INSERT INTO bookings (resident_id, service, kind, step, slot_start, slot_end,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                resident.id,
                service,
                "work_order" if work_order else "service",
                "address" if work_order else "provider",
                to_db(when_start) if when_start else None,
                to_db(when_end) if when_end else None,
                to_db(now),
                to_db(now),
            ),
        )
        await self.rt.audit.record(
            tx, _actor(resident), "draft_started", f"booking:{booking_id}", service=service
        )
        booking = await self._reload(tx, booking_id)
        if work_order:
            await self.set(tx, booking_id, provider_id=self._property_id())
            return await self._enter(tx, await self._reload(tx, booking_id), resident, "address")
        await self._show_step(tx, booking, resident)
        return booking

    async def _to_resident(
        self, tx: Tx, chat_id: int, text: Text, *, key: str, buttons: Keyboard | None = None
    ) -> None:
        await self.rt.outbox.send(tx, chat_id, text, key=key, buttons=buttons)

    def _button(self, label: Text, action: str, *args: object) -> Button:
        return Button(label, self.rt.signer.make(action, *args))

    def candidate_line(self, c: Candidate) -> Text:
        """'洁家家政 ¥180/台 ★4.5(2) · 约10分钟响应'."""
        rating = (
            T("bookings.rating", average=f"{c.average:.1f}", count=c.count)
            if c.average is not None
            else T("bookings.no_rating")
        )
        response = (
            T("bookings.typical", minutes=max(1, round(c.typical.total_seconds() / 60)))
            if c.typical is not None
            else T("bookings.typical_unknown")
        )
        return T(
            "bookings.candidate",
            provider={"zh": c.provider.name_zh, "en": c.provider.name_en},
            price=money(c.offer.price),
            unit={"zh": c.offer.unit_zh, "en": c.offer.unit_en},
            rating=rating,
            response=response,
        )

    async def _show_step(self, tx: Tx, booking: Booking, resident: Person) -> None:
        """Ask the resident for what the draft's current step needs."""
        chat = resident.telegram_id
        key = f"bk{booking.id}:step:{booking.step}"
        name = self.rt.catalogue.name(booking.service)
        if booking.step == "provider":
            found = await self.candidates(tx, booking.service, resident.id)
            market = next((c.offer.market_price for c in found if c.offer.market_price), None)
            buttons = [
                [self._button(self.candidate_line(c), "bk_p", booking.id, c.provider.id)]
                for c in found
            ]
            buttons.append([self._button(T("bookings.button_cancel"), "bk_cx", booking.id)])
            await self._to_resident(
                tx,
                chat,
                T(
                    "bookings.choose_provider",
                    service=name,
                    market=T("bookings.market", market=money(market))
                    if market is not None
                    else T("bookings.market_unknown"),
                ),
                key=key,
                buttons=buttons,
            )
        elif booking.step == "slot":
            rows: list[list[Button]] = []
            if booking.slot_start is not None:
                rows.append(
                    [
                        self._button(
                            T("bookings.slot_keep", when=self.slot_text(booking)),
                            "bk_t",
                            booking.id,
                            "keep",
                        )
                    ]
                )
            local = self.rt.local_now()
            choices = [c for c in SLOT_CHOICES if c != "d0pm" or local.hour < 13]
            labels = [
                self._button(T(f"bookings.slot.{c}"), "bk_t", booking.id, c) for c in choices
            ]
            rows += [labels[i : i + 2] for i in range(0, len(labels), 2)]
            intro = (
                T("bookings.slot_prefilled", when=self.slot_text(booking))
                if booking.slot_start is not None
                else T("bookings.slot_ask")
            )
            await self._to_resident(tx, chat, intro, key=key, buttons=rows)
        elif booking.step == "address":
            await self.rt.people.expect(tx, resident.id, "booking_address", booking=booking.id)
            await self._to_resident(tx, chat, T("bookings.ask_address"), key=key)
        elif booking.step == "note":
            await self.rt.people.expect(tx, resident.id, "booking_note", booking=booking.id)
            skip = self._button(T("bookings.skip"), "bk_skip", booking.id, "note")
            await self._to_resident(tx, chat, T("bookings.ask_note"), key=key, buttons=[[skip]])
        elif booking.step == "door":
            await self.rt.people.expect(tx, resident.id, "booking_door", booking=booking.id)
            skip = self._button(T("bookings.skip"), "bk_skip", booking.id, "door")
            await self._to_resident(tx, chat, T("bookings.ask_door"), key=key, buttons=[[skip]])
        elif booking.step == "confirm":
            await self._to_resident(
                tx,
                chat,
                await self._summary(tx, booking),
                key=key,
                buttons=[
                    [
                        self._button(T("bookings.button_confirm"), "bk_ok", booking.id),
                        self._button(T("bookings.button_cancel"), "bk_cx", booking.id),
                    ]
                ],
            )

    async def _summary(self, tx: Tx, booking: Booking) -> Text:
        lines: list[Text] = [
            T("bookings.line_service", service=self.rt.catalogue.name(booking.service))
        ]
        if booking.kind == "work_order":
            lines.append(T("bookings.line_work_order"))
        else:
            offer = self._offer(booking.provider_id, booking.service)
            lines.append(
                T(
                    "bookings.line_provider",
                    provider=self.provider_name(booking.provider_id),
                    price=money(offer.price) if offer else "-",
                    unit={"zh": offer.unit_zh, "en": offer.unit_en} if offer else "",
                )
            )
            lines.append(T("bookings.line_when", when=self.slot_text(booking)))
        if booking.address is not None:
            lines.append(T("bookings.line_address", address=booking.address.label()))
        if booking.note:
            lines.append(T("bookings.line_note", note=booking.note))
        if booking.has_door_code:
            lines.append(T("bookings.line_door"))
        return T("bookings.summary", lines=lines)

    def _offer(self, provider_id: str | None, service: str) -> Offer | None:
        provider = self.rt.community.provider(provider_id or "")
        if provider is None:
            return None
        return next((o for o in provider.offers if o.service == service), None)

    def _next_step(self, booking: Booking, done: str) -> str:
        order = ["provider", "slot", "address", "note", "door", "confirm"]
        following = order[order.index(done) + 1 :]
        for step in following:
            if step == "slot" and booking.kind == "work_order":
                continue
            if step == "door" and booking.service not in DOOR_CODE_SERVICES:
                continue
            return step
        return "confirm"

    async def _enter(self, tx: Tx, booking: Booking, resident: Person, step: str) -> Booking:
        """Move the draft to a step (skipping the address when it is already known) and ask."""
        if step == "address":
            known = await self.rt.people.address(tx, resident.id)
            if known is not None:
                await self.set(
                    tx, booking.id, building=known.building, unit=known.unit, room=known.room
                )
                step = self._next_step(booking, "address")
        await self.set(tx, booking.id, step=step)
        booking = await self._reload(tx, booking.id)
        await self._show_step(tx, booking, resident)
        return booking

    async def draft_of(self, tx: Tx, booking_id: int, person: Person, step: str) -> Booking | None:
        """The person's draft when it is still at this step (else None: the button is stale)."""
        booking = await self.get(tx, booking_id)
        if booking is None or booking.resident_id != person.id:
            return None
        if booking.status != "draft" or booking.step != step:
            return None
        return booking

    async def choose_provider(
        self, tx: Tx, booking: Booking, person: Person, provider_id: str
    ) -> bool:
        """The resident picked a provider; False if it is not offered to them (any more)."""
        found = await self.candidates(tx, booking.service, person.id)
        if provider_id not in {c.provider.id for c in found}:
            return False
        await self.set(tx, booking.id, provider_id=provider_id)
        await self.rt.audit.record(
            tx, _actor(person), "provider_chosen", booking.subject, provider=provider_id
        )
        await self._enter(tx, await self._reload(tx, booking.id), person, "slot")
        return True

    async def choose_slot(self, tx: Tx, booking: Booking, person: Person, choice: str) -> bool:
        """The resident kept the prefilled slot or picked a quick choice."""
        if choice == "keep" and (
            booking.slot_start is None or booking.slot_start <= self.rt.clock.now()
        ):
            return False
        if choice != "keep":
            if choice not in SLOT_CHOICES:
                return False
            days, begin, end = SLOT_CHOICES[choice]
            local_day = self.rt.local_now().date() + timedelta(days=days)
            tz = self.rt.community.tz
            start = datetime.combine(local_day, begin, tz)
            if start <= self.rt.clock.now():
                return False
            await self.set(
                tx,
                booking.id,
                slot_start=to_db(start),
                slot_end=to_db(datetime.combine(local_day, end, tz)),
            )
        await self.rt.audit.record(
            tx, _actor(person), "slot_chosen", booking.subject, choice=choice
        )
        await self._enter(tx, await self._reload(tx, booking.id), person, "address")
        return True

    async def give_address(
        self, tx: Tx, booking: Booking, person: Person, address: Address
    ) -> None:
        """Remember the resident's address and put it on the booking."""
        await self.rt.people.set_address(tx, person.id, address)
        await self.rt.people.done_expecting(tx, person.id)
        await self.rt.audit.record(tx, _actor(person), "address_set", f"person:{person.id}")
        await self.set(
            tx, booking.id, building=address.building, unit=address.unit, room=address.room
        )
        await self._enter(
            tx, await self._reload(tx, booking.id), person, self._next_step(booking, "address")
        )

    async def give_note(self, tx: Tx, booking: Booking, person: Person, note: str | None) -> None:
        """Keep the resident's note (None: skipped)."""
        await self.rt.people.done_expecting(tx, person.id)
        await self.set(tx, booking.id, note=note[:500] if note else None)
        await self._enter(
            tx, await self._reload(tx, booking.id), person, self._next_step(booking, "note")
        )

    async def give_door_code(
        self, tx: Tx, booking: Booking, person: Person, code: str | None
    ) -> None:
        """Keep the door code encrypted (None: skipped)."""
        await self.rt.people.done_expecting(tx, person.id)
        if code:
            await self.set(tx, booking.id, door_code=self.box.seal(code.strip()[:100]))
            await self.rt.audit.record(tx, _actor(person), "door_code_stored", booking.subject)
        await self._enter(tx, await self._reload(tx, booking.id), person, "confirm")

    # -- dispatch --------------------------------------------------------------------------

    async def confirm(self, tx: Tx, booking: Booking, person: Person) -> None:
        """The resident confirmed: build the dispatch plan and make the first offer."""
        if booking.kind == "work_order":
            plan = [self._property_id()]
        else:
            found = [c.provider.id for c in await self.candidates(tx, booking.service, person.id)]
            first = [booking.provider_id] if booking.provider_id in found else []
            plan = first + [p for p in found if p not in first]
            backstop = self._property_id()
            if backstop not in plan and await self._backstop_usable(tx):
                plan.append(backstop)
            elif backstop in plan and plan[-1] != backstop and plan[0] != backstop:
                plan.remove(backstop)
                plan.append(backstop)
        await self.set(tx, booking.id, status="offered", plan=json.dumps(plan), attempt=-1)
        await self.rt.audit.record(tx, _actor(person), "confirmed", booking.subject, plan=plan)
        await self._dispatch_next(tx, await self._reload(tx, booking.id), None)

    async def recipients(self, tx: Tx, booking: Booking, provider_id: str) -> list[Person]:
        """Who an offer goes to: the provider's members; for the property's own team, also the
        housekeepers covering the resident's building."""
        provider = self.rt.community.provider(provider_id)
        people: list[Person] = []
        if provider is None or provider.kind == "property":
            building = booking.address.building if booking.address else ""
            for keeper in self.rt.community.housekeepers:
                if building in keeper.buildings:
                    people += await self.rt.people.holders(tx, "housekeeper", keeper.key)
        if provider is not None:
            people += await self.rt.people.holders(tx, "provider", provider.id)
        unique: dict[int, Person] = {}
        for person in people:
            unique.setdefault(person.id, person)
        return list(unique.values())

    async def _dispatch_next(self, tx: Tx, booking: Booking, previous: str | None) -> None:
        """Offer the job to the next provider in the plan, or alert staff when none is left."""
        attempt = booking.attempt + 1
        resident = await self.rt.people.by_id(tx, booking.resident_id)
        assert resident is not None
        now = self.rt.clock.now()
        while attempt < len(booking.plan):
            provider_id = booking.plan[attempt]
            people = await self.recipients(tx, booking, provider_id)
            if people:
                break
            await tx.execute(
                "INSERT OR IGNORE INTO booking_offers (booking_id, attempt, provider_id,"
                " offered_at, answered_at, outcome) VALUES (?, ?, ?, ?, ?, 'skipped')",
                (booking.id, attempt, provider_id, to_db(now), to_db(now)),
            )
            await self.rt.audit.record(
                tx,
                "system",
                "offer_skipped",
                booking.subject,
                provider=provider_id,
                why="no members",
            )
            attempt += 1
        if attempt >= len(booking.plan):
            await self.set(tx, booking.id, status="unassigned", attempt=attempt)
            _LOGGER.warning("Booking %s: nobody accepted; staff alerted", booking.id)
            await self.rt.audit.record(tx, "system", "unassigned", booking.subject)
            await self._to_resident(
                tx,
                resident.telegram_id,
                T("bookings.resident_unassigned"),
                key=f"bk{booking.id}:r:unassigned",
            )
            await self._alert_staff(tx, booking, "unassigned")
            return
        await self.set(tx, booking.id, status="offered", attempt=attempt, assignee_id=None)
        booking = await self._reload(tx, booking.id)
        window = self.rt.catalogue.response_window(
            booking.service, self._offer(provider_id, booking.service)
        )
        await tx.execute(
            "INSERT INTO booking_offers (booking_id, attempt, provider_id, recipients, offered_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (booking.id, attempt, provider_id, json.dumps([p.id for p in people]), to_db(now)),
        )
        await deadlines.schedule(
            tx,
            f"bk:{booking.id}:offer:{attempt}",
            "bk_offer",
            now + window,
            f"{booking.id}:{attempt}",
        )
        _LOGGER.info(
            "Booking %s offered to %s (attempt %s, %d people)",
            booking.id,
            provider_id,
            attempt,
            len(people),
        )
        await self.rt.audit.record(
            tx,
            "system",
            "offered",
            booking.subject,
            provider=provider_id,
            attempt=attempt,
            to=[p.id for p in people],
            window_s=int(window.total_seconds()),
        )
        offer_text = self._offer_text(booking)
        for person in people:
            await self.rt.outbox.send(
                tx,
                person.telegram_id,
                offer_text,
                key=f"bk{booking.id}:offer:{person.id}:{attempt}",
                buttons=[
                    [
                        self._button(T("bookings.button_accept"), "bk_acc", booking.id, attempt),
                        self._button(T("bookings.button_decline"), "bk_dec", booking.id, attempt),
                    ]
                ],
            )
        text = (
            T("bookings.resident_contacting", provider=self.provider_name(provider_id))
            if previous is None
            else self._redispatch_text(booking, previous, provider_id)
        )
        await self._to_resident(
            tx,
            resident.telegram_id,
            text,
            key=f"bk{booking.id}:r:contact:{attempt}",
            buttons=[[self._button(T("bookings.button_cancel_booking"), "bk_cx", booking.id)]],
        )

    def _redispatch_text(self, booking: Booking, previous: str, provider_id: str) -> Text:
        """Who could not take it and who is asked now, with the new price: it may differ."""
        names = {
            "previous": self.provider_name(previous),
            "provider": self.provider_name(provider_id),
        }
        offer = self._offer(provider_id, booking.service)
        if booking.kind != "service" or offer is None:
            return T("bookings.resident_redispatch", **names)
        return T(
            "bookings.resident_redispatch_price",
            price=money(offer.price),
            unit={"zh": offer.unit_zh, "en": offer.unit_en},
            **names,
        )

    def _offer_text(self, booking: Booking) -> Text:
        """What a worker sees before accepting: service, time, building (no room, no code)."""
        offer = self._offer(booking.current_provider, booking.service)
        return T(
            "bookings.worker_offer" if booking.kind == "service" else "bookings.worker_work_order",
            id=booking.id,
            service=self.rt.catalogue.name(booking.service),
            when=self.slot_text(booking),
            building=booking.address.building if booking.address else "-",
            price=T(
                "bookings.worker_price",
                price=money(offer.price),
                unit={"zh": offer.unit_zh, "en": offer.unit_en},
            )
            if offer is not None and booking.kind == "service"
            else "",
        )

    async def _alert_staff(self, tx: Tx, booking: Booking, why: str, **params: Any) -> None:
        for staff in await self.rt.people.staff(tx):
            await self.rt.outbox.send(
                tx,
                staff.telegram_id,
                T(
                    f"bookings.staff_{why}",
                    id=booking.id,
                    service=self.rt.catalogue.name(booking.service),
                    when=self.slot_text(booking),
                    **params,
                ),
                key=f"bk{booking.id}:staff:{why}:{booking.attempt}:{staff.id}",
            )

    async def _offer_recipients(self, tx: Tx, booking: Booking) -> list[int]:
        raw = await tx.scalar(
            "SELECT recipients FROM booking_offers WHERE booking_id = ? AND attempt = ?",
            (booking.id, booking.attempt),
        )
        return list(json.loads(raw)) if raw else []

    async def _close_offer(
        self, tx: Tx, booking: Booking, outcome: str, text: Text, skip: int | None = None
    ) -> None:
        """Record how the current offer ended and take its buttons away from every recipient."""
        await tx.execute(
            "UPDATE booking_offers SET outcome = ?, answered_at = ? WHERE booking_id = ?"
            " AND attempt = ? AND outcome IS NULL",
            (outcome, to_db(self.rt.clock.now()), booking.id, booking.attempt),
        )
        for person_id in await self._offer_recipients(tx, booking):
            person = await self.rt.people.by_id(tx, person_id)
            if person is None or person_id == skip:
                continue
            of_key = f"bk{booking.id}:offer:{person_id}:{booking.attempt}"
            await self.rt.outbox.edit(
                tx, person.telegram_id, text, key=f"{of_key}:closed", of_key=of_key
            )
        await deadlines.cancel(tx, f"bk:{booking.id}:offer:{booking.attempt}")

    async def accept(self, tx: Tx, booking_id: int, attempt: int, person: Person) -> Text | None:
        """A worker accepts; exactly one wins. Returns the toast for the press."""
        booking = await self.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != "offered":
            return T("bookings.offer_gone")
        if person.id not in await self._offer_recipients(tx, booking):
            return T("bookings.not_yours")
        won = await tx.changes(
            "UPDATE bookings SET status = 'accepted', assignee_id = ?, updated_at = ?"
            " WHERE id = ? AND status = 'offered' AND attempt = ?",
            (person.id, to_db(self.rt.clock.now()), booking_id, attempt),
        )
        if not won:
            return T("bookings.offer_gone")
        await self._close_offer(
            tx,
            booking,
            "accepted",
            T("bookings.offer_taken", id=booking.id, name=person.name),
            skip=person.id,
        )
        booking = await self._reload(tx, booking_id)
        await self.rt.audit.record(
            tx,
            _actor(person),
            "accepted",
            booking.subject,
            provider=booking.current_provider,
            attempt=attempt,
        )
        resident = await self.rt.people.by_id(tx, booking.resident_id)
        assert resident is not None
        await self._to_resident(
            tx,
            resident.telegram_id,
            T("bookings.resident_accepted", name=person.name, when=self.slot_text(booking))
            if booking.slot_start is not None
            else T("bookings.resident_accepted_asap", name=person.name),
            key=f"bk{booking.id}:r:accepted:{attempt}",
            buttons=[[self._button(T("bookings.button_cancel_booking"), "bk_cx", booking.id)]],
        )
        await self.rt.outbox.edit(
            tx,
            person.telegram_id,
            self._job_text(booking),
            key=f"bk{booking.id}:offer:{person.id}:{attempt}:won",
            of_key=f"bk{booking.id}:offer:{person.id}:{attempt}",
            buttons=self._job_buttons(booking, "accepted"),
        )
        if booking.slot_start is not None:
            remind_at = booking.slot_start - self.rt.community.policy.reminder_before
            if booking.slot_start > self.rt.clock.now():
                await deadlines.schedule(
                    tx,
                    f"bk:{booking.id}:remind:{attempt}",
                    "bk_remind",
                    max(remind_at, self.rt.clock.now()),
                    f"{booking.id}:{attempt}",
                )
        return T("bookings.accepted_toast")

    def _job_text(self, booking: Booking) -> Text:
        """The job for the assigned worker only (private chat): the full address and note."""
        return T(
            "bookings.worker_job",
            id=booking.id,
            service=self.rt.catalogue.name(booking.service),
            when=self.slot_text(booking),
            address=booking.address.label() if booking.address else "-",
            note=booking.note or "-",
            door=T("bookings.worker_door") if booking.has_door_code else "",
        )

    def _job_buttons(self, booking: Booking, status: str) -> Keyboard:
        rows: list[list[Button]] = []
        if status == "accepted":
            rows.append(
                [
                    self._button(T("bookings.button_arrived"), "bk_arr", booking.id),
                    self._button(T("bookings.button_withdraw"), "bk_wd", booking.id),
                ]
            )
        else:
            rows.append([self._button(T("bookings.button_done"), "bk_done", booking.id)])
        if booking.has_door_code:
            rows.append([self._button(T("bookings.button_door"), "bk_code", booking.id)])
        return rows

    async def decline(self, tx: Tx, booking_id: int, attempt: int, person: Person) -> Text | None:
        """A worker declines for their provider: the job moves on."""
        booking = await self.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != "offered":
            return T("bookings.offer_gone")
        if person.id not in await self._offer_recipients(tx, booking):
            return T("bookings.not_yours")
        await self._close_offer(
            tx, booking, "declined", T("bookings.offer_declined", id=booking.id)
        )
        await self.rt.audit.record(
            tx,
            _actor(person),
            "declined",
            booking.subject,
            provider=booking.current_provider,
            attempt=attempt,
        )
        await self._dispatch_next(tx, booking, booking.current_provider)
        return T("bookings.declined_toast")

    async def offer_timed_out(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """Nobody accepted within the response window: the job moves on."""
        booking = await self.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != "offered":
            return
        await self._close_offer(tx, booking, "timeout", T("bookings.offer_expired", id=booking.id))
        await self.rt.audit.record(
            tx,
            "system",
            "offer_timeout",
            booking.subject,
            provider=booking.current_provider,
            attempt=attempt,
        )
        await self._dispatch_next(tx, booking, booking.current_provider)

    async def remind(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """Before the slot: remind both sides."""
        booking = await self.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != "accepted":
            return
        resident = await self.rt.people.by_id(tx, booking.resident_id)
        worker = await self.rt.people.by_id(tx, booking.assignee_id or 0)
        if resident is None or worker is None:
            return
        await self.rt.audit.record(tx, "system", "reminded", booking.subject)
        await self._to_resident(
            tx,
            resident.telegram_id,
            T(
                "bookings.remind_resident",
                name=worker.name,
                when=self.slot_text(booking),
                service=self.rt.catalogue.name(booking.service),
            ),
            key=f"bk{booking.id}:r:remind:{attempt}",
        )
        await self.rt.outbox.send(
            tx,
            worker.telegram_id,
            T("bookings.remind_worker", id=booking.id, when=self.slot_text(booking)),
            key=f"bk{booking.id}:w:remind:{attempt}",
            buttons=self._job_buttons(booking, "accepted"),
        )

    async def _assigned(
        self, tx: Tx, booking_id: int, person: Person, status: str
    ) -> Booking | Text:
        booking = await self.get(tx, booking_id)
        if booking is None or booking.status != status:
            return T("common.stale_button")
        if booking.assignee_id != person.id:
            return T("bookings.not_yours")
        return booking

    async def arrived(self, tx: Tx, booking_id: int, person: Person) -> Text | None:
        """The worker is at the door."""
        found = await self._assigned(tx, booking_id, person, "accepted")
        if isinstance(found, Text):
            return found
        await self.set(tx, found.id, status="arrived")
        await deadlines.cancel_prefix(tx, f"bk:{found.id}:remind:")
        await self.rt.audit.record(tx, _actor(person), "arrived", found.subject)
        resident = await self.rt.people.by_id(tx, found.resident_id)
        assert resident is not None
        await self._to_resident(
            tx,
            resident.telegram_id,
            T("bookings.resident_arrived", name=person.name),
            key=f"bk{found.id}:r:arrived",
        )
        await self.rt.outbox.send(
            tx,
            person.telegram_id,
            T("bookings.worker_arrived", id=found.id),
            key=f"bk{found.id}:w:arrived",
            buttons=self._job_buttons(found, "arrived"),
        )
        return T("bookings.ok_toast")

    async def done(self, tx: Tx, booking_id: int, person: Person) -> Text | None:
        """The worker finished: the door code is purged and the resident asked to rate."""
        found = await self._assigned(tx, booking_id, person, "arrived")
        if isinstance(found, Text):
            return found
        await self.set(tx, found.id, status="done", door_code=None)
        await self.rt.audit.record(tx, _actor(person), "done", found.subject)
        if found.has_door_code:
            await self.rt.audit.record(tx, "system", "door_code_purged", found.subject)
        resident = await self.rt.people.by_id(tx, found.resident_id)
        assert resident is not None
        stars = [
            self._button(T(f"bookings.stars.{n}"), "bk_rate", found.id, n) for n in range(1, 6)
        ]
        await self._to_resident(
            tx,
            resident.telegram_id,
            T(
                "bookings.resident_done",
                name=person.name,
                service=self.rt.catalogue.name(found.service),
            ),
            key=f"bk{found.id}:r:done",
            buttons=[stars],
        )
        await self.rt.outbox.send(
            tx,
            person.telegram_id,
            T("bookings.worker_done", id=found.id),
            key=f"bk{found.id}:w:done",
        )
        return T("bookings.ok_toast")

    async def rate(self, tx: Tx, booking_id: int, person: Person, stars: int) -> Text | None:
        """The resident rates the finished job; low ratings reach staff and block the provider."""
        booking = await self.get(tx, booking_id)
        if booking is None or booking.resident_id != person.id:
            return T("bookings.not_yours")
        if booking.status != "done" or not 1 <= stars <= 5:
            return T("common.stale_button")
        provider_id = booking.current_provider or ""
        await self.set(tx, booking.id, status="rated")
        await tx.execute(
            "INSERT INTO ratings (booking_id, provider_id, resident_id, stars, at)"
            " VALUES (?, ?, ?, ?, ?)",
            (booking.id, provider_id, person.id, stars, to_db(self.rt.clock.now())),
        )
        await self.rt.audit.record(
            tx, _actor(person), "rated", booking.subject, stars=stars, provider=provider_id
        )
        await self.rt.people.expect(tx, person.id, "booking_comment", booking=booking.id)
        skip = self._button(T("bookings.skip"), "bk_skip", booking.id, "comment")
        await self._to_resident(
            tx,
            person.telegram_id,
            T("bookings.ask_comment", stars=stars),
            key=f"bk{booking.id}:r:rated",
            buttons=[[skip]],
        )
        if stars <= 2:
            await tx.execute(
                "INSERT OR IGNORE INTO provider_blocks (resident_id, provider_id, at)"
                " VALUES (?, ?, ?)",
                (person.id, provider_id, to_db(self.rt.clock.now())),
            )
            await self._alert_staff(
                tx, booking, "low_rating", stars=stars, provider=self.provider_name(provider_id)
            )
        provider = self.rt.community.provider(provider_id)
        if provider is not None:
            await self._usable(
                tx, provider, await self.stats(tx)
            )  # tells staff if below the floor
        return T("bookings.thanks_toast")

    async def comment(self, tx: Tx, booking_id: int, person: Person, text: str | None) -> None:
        """The resident's optional comment on their rating."""
        await self.rt.people.done_expecting(tx, person.id)
        if text:
            await tx.execute(
                "UPDATE ratings SET comment = ? WHERE booking_id = ? AND resident_id = ?",
                (text[:500], booking_id, person.id),
            )
            await self.rt.audit.record(tx, _actor(person), "commented", f"booking:{booking_id}")
        await self._to_resident(
            tx, person.telegram_id, T("bookings.thanks"), key=f"bk{booking_id}:r:thanks"
        )

    async def withdraw(self, tx: Tx, booking_id: int, person: Person) -> Text | None:
        """The assigned worker cannot do it after all: re-dispatch to the next provider."""
        found = await self._assigned(tx, booking_id, person, "accepted")
        if isinstance(found, Text):
            return found
        await tx.execute(
            "UPDATE booking_offers SET outcome = 'withdrawn' WHERE booking_id = ? AND attempt = ?",
            (found.id, found.attempt),
        )
        await deadlines.cancel_prefix(tx, f"bk:{found.id}:remind:")
        await self.rt.audit.record(
            tx, _actor(person), "withdrawn", found.subject, provider=found.current_provider
        )
        await self.rt.outbox.send(
            tx,
            person.telegram_id,
            T("bookings.worker_withdrawn", id=found.id),
            key=f"bk{found.id}:w:withdrawn:{found.attempt}",
        )
        await self._dispatch_next(tx, found, found.current_provider)
        return T("bookings.ok_toast")

    async def reveal_door_code(self, tx: Tx, booking_id: int, person: Person) -> Text:
        """Only the assigned worker, only between accept and done; every reveal audited."""
        booking = await self.get(tx, booking_id)
        if (
            booking is None
            or booking.status not in ("accepted", "arrived")
            or not booking.has_door_code
        ):
            return T("common.stale_button")
        if booking.assignee_id != person.id:
            await self.rt.audit.record(tx, _actor(person), "door_code_refused", booking.subject)
            return T("bookings.not_yours")
        sealed = await tx.scalar("SELECT door_code FROM bookings WHERE id = ?", (booking.id,))
        code = self.box.open(sealed) if sealed else None
        if code is None:
            return T("common.stale_button")
        await self.rt.audit.record(tx, _actor(person), "door_code_revealed", booking.subject)
        return T("bookings.door_code", code=code)

    # -- cancelling ------------------------------------------------------------------------

    def free_to_cancel(self, booking: Booking) -> bool:
        """Free until policy.cancel_free_hours before the slot."""
        if booking.status in ("draft", "unassigned") or booking.slot_start is None:
            return True
        hours = self.rt.community.policy.cancel_free_hours
        return booking.slot_start - self.rt.clock.now() >= timedelta(hours=hours)

    async def cancel(
        self, tx: Tx, booking: Booking, person: Person, *, late: bool = False
    ) -> None:
        """Cancel a booking: the worker (or the offer's recipients) told, door code purged."""
        previous = booking.status
        await self.set(tx, booking.id, status="cancelled", door_code=None, late_cancel=int(late))
        await deadlines.cancel_prefix(tx, f"bk:{booking.id}:")
        if previous == "draft":
            await self.rt.people.done_expecting(tx, person.id)
        await self.rt.audit.record(
            tx, _actor(person), "cancelled", booking.subject, was=previous, late=late
        )
        if previous == "offered":
            await self._close_offer(
                tx, booking, "cancelled", T("bookings.offer_cancelled", id=booking.id)
            )
        elif previous in ("accepted", "arrived") and booking.assignee_id is not None:
            worker = await self.rt.people.by_id(tx, booking.assignee_id)
            if worker is not None:
                await self.rt.outbox.send(
                    tx,
                    worker.telegram_id,
                    T("bookings.worker_cancelled", id=booking.id, when=self.slot_text(booking)),
                    key=f"bk{booking.id}:w:cancelled",
                )
        await self._to_resident(
            tx,
            person.telegram_id,
            T(
                "bookings.resident_cancelled_late" if late else "bookings.resident_cancelled",
                service=self.rt.catalogue.name(booking.service),
            ),
            key=f"bk{booking.id}:r:cancelled",
        )
