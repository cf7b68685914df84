"""Welfare check-ins for older residents living alone: pings, the ladder, answers, help calls,
pauses, visits, family requests and the staff view.

Every elder gets a ping at each check-in time (community timezone, never in quiet hours). No
answer walks a ladder of deadlines: a reminder to the elder, then the grid worker, then staff
(family told). Any answer stops the ladder and everyone alerted hears what she did; 需要帮助 or
distress opens her help call (:mod:`bot.domain.incidents`), which only a responder closes.

Rooms: :mod:`.model` (pure states, the ladder table, rules), :mod:`.repo` (the only SQL),
:mod:`.contract` (button actions, deadline kinds, names and refs), :mod:`.messages` (texts and
keyboards), and the use cases: :mod:`.planning`, :mod:`.ladder`, :mod:`.answers`, :mod:`.help`,
:mod:`.wrote`, :mod:`.early`, :mod:`.pauses`, :mod:`.visits`, :mod:`.family`, :mod:`.care`,
:mod:`.hearsay`, with :mod:`.reach` (who is told). :class:`Checkins` wires them from explicit
dependencies; no Telegram here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.audit import Audit
from bot.callbacks import CallbackSigner
from bot.clock import Clock
from bot.config import Community
from bot.deadlines import Handler
from bot.domain.checkins.answers import Answers
from bot.domain.checkins.care import Care
from bot.domain.checkins.contract import DeadlineKind
from bot.domain.checkins.early import EarlyWords
from bot.domain.checkins.family import Family
from bot.domain.checkins.hearsay import Hearsay
from bot.domain.checkins.help import HelpCalls
from bot.domain.checkins.ladder import Ladder
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import Checkin, Enrolled, Visit
from bot.domain.checkins.pauses import Pauses
from bot.domain.checkins.planning import Planning
from bot.domain.checkins.presses import Presses
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.visits import Visits
from bot.domain.checkins.wrote import ElderWrote
from bot.domain.incidents.service import Incidents
from bot.domain.people import People
from bot.outbox import Outbox
from bot.storage import Tx

__all__ = ["Checkin", "Checkins", "Enrolled", "Visit", "enrolled_name"]


@dataclass(frozen=True)
class Checkins:
    """Check-in use cases and texts, built once from what they depend on."""

    texts: CheckinTexts
    repo: CheckinRepo
    reach: Reach
    planning: Planning
    ladder: Ladder
    answers: Answers
    help: HelpCalls
    wrote: ElderWrote
    pauses: Pauses
    presses: Presses
    visits: Visits
    family: Family
    care: Care
    hearsay: Hearsay

    @classmethod
    def build(
        cls,
        community: Community,
        clock: Clock,
        people: People,
        outbox: Outbox,
        audit: Audit,
        signer: CallbackSigner,
        incidents: Incidents,
    ) -> Checkins:
        """Wire check-ins (no I/O); a closed help call settles the check-ins it carried."""
        texts = CheckinTexts(signer, community.tz)
        repo = CheckinRepo()
        reach = Reach(community, people, repo, outbox, texts)
        planning = Planning(community, repo, audit, clock)
        answers = Answers(repo, reach, texts, audit, clock)
        help_calls = HelpCalls(incidents, repo, reach, answers, clock)
        early = EarlyWords(community, repo, reach, answers, texts, audit)
        incidents.closed_listeners.append(help_calls.call_closed)
        return cls(
            texts=texts,
            repo=repo,
            reach=reach,
            planning=planning,
            ladder=Ladder(community, repo, reach, texts, audit, clock, early, help_calls),
            answers=answers,
            help=help_calls,
            wrote=ElderWrote(repo, reach, answers, help_calls, early, clock),
            pauses=Pauses(community, repo, reach, planning, texts, audit, clock),
            presses=Presses(repo, reach),
            visits=Visits(repo, reach, planning, texts, audit, clock),
            family=Family(repo, reach, texts, audit, clock),
            care=Care(repo, reach, incidents, texts, clock),
            hearsay=Hearsay(repo, reach, texts, audit),
        )

    def deadline_handlers(self) -> dict[str, Handler]:
        """Which use case handles each deadline kind check-ins schedule."""
        return {
            DeadlineKind.PING: self.ladder.on_ping,
            DeadlineKind.REMIND: self.ladder.on_remind,
            DeadlineKind.GRID: self.ladder.on_grid,
            DeadlineKind.STAFF: self.ladder.on_staff,
            DeadlineKind.RESUME: self.pauses.on_resume,
            DeadlineKind.VISIT_REMIND: self.visits.on_remind,
            DeadlineKind.VISIT_MISSED: self.visits.on_missed,
        }


async def enrolled_name(tx: Tx, key: str) -> str | None:
    """The name of an enrolled elder (from the file or /enroll), for invites; None if unknown."""
    elder = await CheckinRepo().elder(tx, key)
    return elder.name if elder is not None else None
