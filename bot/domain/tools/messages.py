"""Every text and keyboard of the cabinet, built from the catalogue (``bot/i18n/*/tools.toml``).

Nothing here reads the database or sends: use cases and handlers pass in what happened and get
back a :class:`~bot.i18n.Text` (and buttons), rendered later in each recipient's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.callbacks import CallbackSigner
from bot.config import Tool
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.requests.contract import Action as Catalogue
from bot.domain.tools.contract import Action, ReturnKind, StaffAction
from bot.domain.tools.model import (
    Availability,
    EndReason,
    ExtendOutcome,
    Loan,
    Refusal,
    Unit,
    UnitState,
    WaitOutcome,
    staff_events,
    state_counts,
)
from bot.i18n import T, Text, both
from bot.i18n.fmt import duration, when_both
from bot.outbox import Button, Keyboard

Card = tuple[Text, Keyboard | None]

_ENDED = {
    EndReason.CANCELLED: "tools.cancelled",
    EndReason.EXPIRED: "tools.hold_expired",
    EndReason.BROKEN: "tools.reservation_broken",
}


class ToolTexts:
    """Names, labels, times and buttons of the cabinet, in both languages."""

    def __init__(
        self, catalogue: ServiceCatalogue, tz: ZoneInfo, signer: CallbackSigner, max_at_once: int
    ) -> None:
        self._catalogue = catalogue
        self._tz = tz
        self._signer = signer
        self._max = max_at_once

    # -- names -----------------------------------------------------------------------------

    def name(self, tool_id: str) -> dict[str, str]:
        """The tool's name in both languages (its id when the vocabulary does not know it)."""
        if tool_id in self._catalogue.vocabulary:
            return self._catalogue.name(tool_id)
        return both(tool_id, tool_id)

    def label(self, tool_id: str, seq: int) -> Text:
        """'梯子 #1'."""
        return T("tools.unit", tool=self.name(tool_id), seq=seq)

    def loan_label(self, loan: Loan) -> Text:
        """The unit a loan holds: '梯子 #1'."""
        return self.label(loan.tool_id, loan.seq)

    def when(self, moment: datetime) -> dict[str, str]:
        """A moment in the community's timezone, both languages."""
        return when_both(moment, None, self._tz)

    def who(self, name: str, address: str | None) -> Text:
        """'小李（3-2-501）' for a housekeeper's private chat."""
        if address is None:
            return T("tools.who", name=name)
        return T("tools.who_at", name=name, address=address)

    def _button(self, key: str, action: Action, *args: object) -> Button:
        return Button(T(key), self._signer.make(action, *args))

    # -- borrowing -------------------------------------------------------------------------

    def not_in_cabinet(self, tool_id: str, tools: Sequence[Tool]) -> Text:
        """The cabinet has no such tool; here is what it has."""
        names = [self.name(t.id) for t in tools]
        joined = both("、".join(n["zh"] for n in names), ", ".join(n["en"] for n in names))
        return T("tools.not_in_cabinet", tool=self.name(tool_id), tools=joined)

    def refusal(self, refusal: Refusal | str) -> Text:
        """Why no new reservation now."""
        if refusal == Refusal.OVERDUE:
            return T("tools.blocked_overdue")
        return T("tools.blocked_limit", max=self._max)

    def offer(self, tool: Tool, free: Availability, waiting: int, origin: str) -> Card:
        """What is free of a tool now, with 预约 (or 排队等候, or nothing when all broken)."""
        name = self.name(tool.id)
        if free.free > 0:
            location = both(tool.location_zh, tool.location_en)
            text = T(
                "tools.available", tool=name, free=free.free, usable=free.usable, location=location
            )
            return text, [[self._button("tools.btn_reserve", Action.RESERVE, tool.id, origin)]]
        if free.usable == 0:
            return T("tools.none_usable", tool=name), None
        due = self.when(free.next_due) if free.next_due else T("tools.soon")
        text = T("tools.none_free", tool=name, due=due, waiting=waiting)
        return text, self.waitlist_keyboard(tool.id)

    def waitlist_keyboard(self, tool_id: str) -> Keyboard:
        """[排队等候]."""
        return [[self._button("tools.btn_waitlist", Action.WAITLIST, tool_id)]]

    def just_taken(self, tool_id: str) -> Card:
        """The last unit went to someone else a moment ago."""
        return T("tools.just_taken", tool=self.name(tool_id)), self.waitlist_keyboard(tool_id)

    def menu(self, tools: Sequence[tuple[str, int]], mine: Sequence[Loan]) -> Card:
        """/borrow: one button per tool with its free count, and what the person holds."""
        buttons = [
            [
                Button(
                    T("tools.menu_item", tool=self.name(tool_id), free=free),
                    self._signer.make(Catalogue.ITEM, tool_id),
                )
            ]
            for tool_id, free in tools
        ]
        lines = [T(f"tools.mine_{x.status}", unit=self.loan_label(x)) for x in mine]
        return T("tools.menu", mine=T("tools.mine", lines=lines) if lines else ""), buttons

    def waitlist(self, outcome: WaitOutcome, tool_id: str, ahead: int) -> Text:
        """The answer to 排队等候."""
        name = self.name(tool_id)
        if outcome is WaitOutcome.OK:
            return T("tools.waitlist_joined", tool=name, ahead=ahead)
        if outcome is WaitOutcome.ALREADY:
            return T("tools.waitlist_already", tool=name)
        if outcome is WaitOutcome.FREE_NOW:
            return T("tools.waitlist_free_now", tool=name)
        return self.refusal(outcome)

    def reservation(self, loan: Loan, tool: Tool, *, waited: bool) -> Card:
        """The borrower's reservation: where, until when, the code (in private), buttons."""
        label = self.loan_label(loan)
        location = both(tool.location_zh, tool.location_en)
        lines: list[Text] = [
            T("tools.waitlist_ready" if waited else "tools.reserved", unit=label),
            T("tools.pickup", location=location, until=self.when(loan.hold_until)),
        ]
        if tool.cabinet_code:
            lines.append(T("tools.code", code=tool.cabinet_code))
        length = both(duration(tool.loan, "zh"), duration(tool.loan, "en"))
        lines.append(T("tools.loan_length", length=length))
        buttons: list[list[Button]] = []
        if tool.self_service:
            lines.append(T("tools.handover_self"))
            buttons.append([self._button("tools.btn_picked_up", Action.PICKED_UP, loan.id)])
        else:
            lines.append(T("tools.handover_keeper"))
        buttons.append([self._button("tools.btn_cancel", Action.CANCEL, loan.id)])
        return T("common.lines", lines=lines), buttons

    def keeper_reserved(self, who: Text, loan: Loan) -> Card:
        """The housekeeper's hand-over task."""
        text = T(
            "tools.keeper_reserved",
            who=who,
            unit=self.loan_label(loan),
            until=self.when(loan.hold_until),
        )
        return text, [[self._button("tools.btn_handover", Action.HAND_OVER, loan.id)]]

    def ended(self, reason: EndReason, loan: Loan) -> Text:
        """The borrower's reservation ended: cancelled, lapsed, or the unit broke."""
        return T(_ENDED[reason], unit=self.loan_label(loan))

    def keeper_ended(self, reason: EndReason, loan: Loan) -> Text:
        """The keeper's hand-over task is void (cancelled or lapsed)."""
        status = "expired" if reason is EndReason.EXPIRED else "cancelled"
        return T(f"tools.keeper_{status}", unit=self.loan_label(loan))

    def waitlist_kept(self, tool_id: str) -> Text:
        """No other free unit: the person keeps their place in line."""
        return T("tools.waitlist_kept", tool=self.name(tool_id))

    # -- loans -----------------------------------------------------------------------------

    def extend_keyboard(self, loan_id: int) -> Keyboard:
        """[续借]."""
        return [[self._button("tools.btn_extend", Action.EXTEND, loan_id)]]

    def return_keyboard(self, loan_id: int) -> Keyboard:
        """[确认归还] [归还但有损坏] for the housekeeper."""
        return [
            [
                self._button("tools.btn_returned", Action.RETURNED, loan_id, ReturnKind.OK),
                self._button(
                    "tools.btn_returned_broken", Action.RETURNED, loan_id, ReturnKind.BROKEN
                ),
            ]
        ]

    def lent(self, loan: Loan, due: datetime) -> Card:
        """The borrower has it now, until due."""
        text = T("tools.lent", unit=self.loan_label(loan), due=self.when(due))
        return text, self.extend_keyboard(loan.id)

    def keeper_lent(self, who: Text, loan: Loan, due: datetime) -> Card:
        """The housekeeper's view of a running loan, with the return buttons."""
        text = T("tools.keeper_lent", who=who, unit=self.loan_label(loan), due=self.when(due))
        return text, self.return_keyboard(loan.id)

    def remind(self, loan: Loan, due: datetime) -> Card:
        """The day-before reminder (with 续借 while not yet extended)."""
        text = T("tools.remind", unit=self.loan_label(loan), due=self.when(due))
        return text, None if loan.extended else self.extend_keyboard(loan.id)

    def overdue(self, loan: Loan, due: datetime) -> Text:
        """The borrower is late."""
        return T("tools.overdue", unit=self.loan_label(loan), due=self.when(due))

    def keeper_overdue(self, who: Text, loan: Loan, due: datetime) -> Card:
        """The housekeeper is asked to follow up, with the return buttons."""
        label = self.loan_label(loan)
        text = T("tools.keeper_overdue", who=who, unit=label, due=self.when(due))
        return text, self.return_keyboard(loan.id)

    def returned(self, loan: Loan) -> Text:
        """The borrower's thank-you."""
        return T("tools.returned", unit=self.loan_label(loan))

    def keeper_returned(self, loan: Loan, *, broken: bool) -> Text:
        """What the housekeeper's return message becomes."""
        key = "tools.keeper_returned_broken" if broken else "tools.keeper_returned"
        return T(key, unit=self.loan_label(loan))

    def extended(self, outcome: ExtendOutcome, loan: Loan) -> Text:
        """The answer to 续借 (the due moment shown is the current one)."""
        assert loan.due_at is not None
        return T(f"tools.extend_{outcome}", unit=self.loan_label(loan), due=self.when(loan.due_at))

    # -- staff -----------------------------------------------------------------------------

    def overview(self, tools: Sequence[tuple[str, Sequence[Unit]]]) -> Card:
        """/tools: free/reserved/lent/broken per tool, a 管理 button each."""
        lines = [T("tools.staff_line", tool=self.name(t), **state_counts(u)) for t, u in tools]
        buttons = [
            [
                Button(
                    T("tools.staff_manage", tool=self.name(t)), self._signer.make(Action.MANAGE, t)
                )
            ]
            for t, _ in tools
        ]
        return T("tools.staff_overview", lines=lines), buttons

    def unit_list(self, tool_id: str, units: Sequence[Unit]) -> Card:
        """A tool's units with state and note, and what staff may do to each."""
        lines: list[Text] = []
        buttons: list[list[Button]] = []
        for unit in units:
            if unit.state is UnitState.RETIRED:
                continue
            state = T(f"tools.state_{unit.state}")
            lines.append(T("tools.staff_unit", seq=unit.seq, state=state, note=unit.note))
            if row := self._unit_buttons(unit):
                buttons.append(row)
        buttons.append([self._button("tools.staff_btn_add", Action.ADD, tool_id)])
        return T("tools.staff_units", tool=self.name(tool_id), lines=lines), buttons

    def _unit_buttons(self, unit: Unit) -> list[Button]:
        codes = [StaffAction.of(e) for e in staff_events(unit.state)]
        return [
            Button(
                T(f"tools.staff_btn_{code}", seq=unit.seq),
                self._signer.make(Action.UNIT, unit.id, code, unit.version),
            )
            for code in codes
        ]

    def staff_done(self, action: StaffAction, unit: Unit, done: bool) -> Text:
        """Staff's answer after 报损 / 已修好 / 退役 (or: the unit changed meanwhile)."""
        key = {
            StaffAction.BREAK: "tools.staff_broken",
            StaffAction.REPAIR: "tools.staff_repaired",
            StaffAction.RETIRE: "tools.staff_retired",
        }[action]
        return T(key if done else "tools.staff_not_now", unit=self.label(unit.tool_id, unit.seq))

    def ask_note(self, unit: Unit) -> Text:
        """Staff are asked for a one-line note on the unit."""
        return T("tools.staff_ask_note", unit=self.label(unit.tool_id, unit.seq))

    def added(self, unit: Unit) -> Text:
        """Staff added a unit."""
        return T("tools.staff_added", unit=self.label(unit.tool_id, unit.seq))
