"""How an unanswered incident keeps escalating, and telling the person and family honestly.

Pure policy first: nobody pressing 我去处理 never ends the reminders. The first ``max_rounds``
rounds come every ``ack_window`` (each adds the next housekeeper on the list and reminds staff
and everyone already asked); after that ``TELL_EVERY`` more every ``SLOW_FACTOR`` windows (an
hour by default), then one an hour (``HOURLY``; retest 15: every 15 minutes for three days,
"第 320 次提醒", buried the call in noise) until someone acknowledges or confirms the person
safe. The person in trouble and their family are told the truth (nobody has said they are
going yet; call 120 if it is urgent) at round 2, at the end of the 15-minute rounds, and then
every hour, so nobody waits on a promise that is not kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.config import EmergencyPolicy
from bot.domain.incidents import messages
from bot.domain.incidents.model import Incident, Kind
from bot.i18n import T, Text
from bot.storage import Tx

if TYPE_CHECKING:
    from bot.domain.incidents.service import Incidents

SLOW_FACTOR = 3  # after max_rounds: a round every 3 windows (15 minutes by default)
FIRST_TELL = 2  # the round at which the person and family first hear nobody has answered
TELL_EVERY = 4  # then every 4th slow round (every hour by default)


HOURLY = timedelta(hours=1)  # at most this long between rounds once the slow ones are done


def next_wait(policy: EmergencyPolicy, round_: int) -> timedelta:
    """How long until the next round, after round `round_` (never "no more rounds")."""
    if round_ < policy.max_rounds:
        return policy.ack_window
    if round_ < policy.max_rounds + TELL_EVERY:
        return policy.ack_window * SLOW_FACTOR
    return max(policy.ack_window * SLOW_FACTOR, HOURLY)


def waited(since: datetime, now: datetime) -> Text:
    """How long since the call, as a person reads it ("25 分钟", "1 小时 5 分钟", "3 小时"):
    the real wait at the moment the reminder is written, whenever its deadline ran (a bot that
    was down, or busy, never says "5 分钟" half an hour on)."""
    total = max(0, int((now - since).total_seconds() // 60))
    if total < 60:
        return T("incidents.waited_m", m=total)
    hours, mins = divmod(total, 60)
    return T("incidents.waited_hm", h=hours, m=mins) if mins else T("incidents.waited_h", h=hours)


def tells_waiting(policy: EmergencyPolicy, round_: int) -> bool:
    """Whether the person and family hear, at this round, that nobody has answered yet."""
    if round_ == FIRST_TELL:
        return True
    slow = round_ - max(policy.max_rounds, FIRST_TELL)
    return slow > 0 and (slow % TELL_EVERY == 0 or round_ >= policy.max_rounds + TELL_EVERY)


WAITING_ADVICE = frozenset({Kind.LIFT, Kind.FLOOD, Kind.GAS, Kind.FIRE})


def waiting_subject(policy: EmergencyPolicy, kind: Kind, wait: Text) -> Text:
    """The still-waiting message for the person in trouble, with the number that fits: a lift
    is the lift rescue line and the property, a flood the valve and the property, gas and fire
    119 (tester2: lift and flood reminders said "call 120 (ambulance)"); then the property
    office's public number, a human to call now."""
    if kind in WAITING_ADVICE:
        text = T(f"incidents.waiting_subject_{kind}", waited=wait, lift_phone=policy.lift_phone)
    else:
        text = T("incidents.waiting_subject", waited=wait)
    if not policy.office_phone:
        return text
    return T("common.lines", lines=[text, T("incidents.office_line", phone=policy.office_phone)])


async def tell_waiting(inc: Incidents, tx: Tx, incident: Incident, wait: Text) -> None:
    """The person in trouble and their family: nobody has said they are going yet, more people
    are being asked, and 120 if it is urgent (no promise that someone is on the way)."""
    for person in await inc.repo.on_call(tx, incident.id):
        if person.role == "subject":
            if not await inc.people.reachable(tx, person.chat_id):
                continue  # wrote only in a group: never opened a chat, Telegram would refuse
            text = waiting_subject(inc.policy, incident.kind, wait)
        elif person.role == "family" and incident.kind == Kind.HELP_CALL:
            text = T("incidents.waiting_family", name=incident.subject_name, waited=wait)
        elif person.role == "family":  # an emergency at her home: the reporter is not her
            text = T("incidents.waiting_family_home", kind=messages.kind(incident), waited=wait)
        else:
            continue
        key = f"inc{incident.id}:{incident.round}:waiting:{person.chat_id}"
        safety = person.role == "subject"  # revoked or not, the person in trouble is told
        await inc.outbox.send(tx, person.chat_id, text, key=key, to_revoked=safety)
