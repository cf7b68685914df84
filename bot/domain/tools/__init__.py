"""The shared tool cabinet: units, reservations, loans, the waitlist and their deadlines.

Rooms: :mod:`.model` (pure states, transition tables, lending rules), :mod:`.repo` (the only
SQL, compare-and-set), :mod:`.service` (reserving, the waitlist, a reservation's end),
:mod:`.lending` (hand-over to return), :mod:`.staff` (inventory), :mod:`.notify` (who is told),
:mod:`.messages` (texts and keyboards), :mod:`.contract` (button actions, deadline kinds).
:class:`Tools` wires them from explicit dependencies; nothing here imports Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.audit import Audit
from bot.callbacks import CallbackSigner
from bot.clock import Clock
from bot.config import Community
from bot.deadlines import Handler
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.people import People
from bot.domain.tools.contract import DeadlineKind
from bot.domain.tools.lending import Lending
from bot.domain.tools.messages import ToolTexts
from bot.domain.tools.model import Loan, Unit
from bot.domain.tools.notify import LoanNotifier
from bot.domain.tools.repo import ToolRepo
from bot.domain.tools.service import Reservations
from bot.domain.tools.staff import Stock
from bot.domain.tools.withdraw import LoanWithdrawal
from bot.outbox import Outbox

__all__ = ["Loan", "Tools", "Unit"]


@dataclass(frozen=True)
class Tools:
    """The cabinet's use cases and texts, built once from what they depend on."""

    texts: ToolTexts
    repo: ToolRepo
    reservations: Reservations
    lending: Lending
    stock: Stock
    withdrawal: LoanWithdrawal  # a revoked keeper's loan messages taken back

    @classmethod
    def build(
        cls,
        community: Community,
        catalogue: ServiceCatalogue,
        people: People,
        outbox: Outbox,
        audit: Audit,
        clock: Clock,
        signer: CallbackSigner,
    ) -> Tools:
        """Wire the cabinet (no I/O)."""
        texts = ToolTexts(catalogue, community.tz, signer, community.policy.max_tools_at_once)
        repo = ToolRepo()
        notify = LoanNotifier(community, people, outbox, texts)
        reservations = Reservations(community, repo, notify, texts, audit, clock)
        lending = Lending(community, repo, reservations, notify, texts, audit, clock)
        stock = Stock(community, repo, reservations, notify, texts, audit)
        return cls(texts, repo, reservations, lending, stock, LoanWithdrawal(repo, outbox, texts))

    def deadline_handlers(self) -> dict[str, Handler]:
        """Which use case handles each deadline kind the cabinet schedules."""
        return {
            DeadlineKind.HOLD: self.reservations.hold_expired,
            DeadlineKind.REMIND: self.lending.remind,
            DeadlineKind.DUE: self.lending.came_due,
        }
