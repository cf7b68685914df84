"""Check-in texts and keyboards: the buttons of a ping, a ladder alert, a visit and a family
request, and the views staff and families read (/care, /enroll's answer, a pause, a visit)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.callbacks import CallbackSigner
from bot.domain.checkins.contract import Action, FamilyAnswer
from bot.domain.checkins.forms import Enrolment
from bot.domain.checkins.model import CareLine, Enrolled, Mood, Visit
from bot.domain.checkins.schedule import greeting
from bot.i18n import T, Text
from bot.i18n.fmt import when_both
from bot.outbox import Button

Keyboard = list[list[Button]]

STATE_ICON = {
    "help": "🆘",
    "unwell": "😐",
    "escalated": "🔴",
    "grid": "🟠",
    "reminded": "🟡",
    "pinged": "🟡",
    "paused": "⏸",
    "none": "⚪",
    "fine": "🟢",
}


class CheckinTexts:
    """Every keyboard and composed view of check-ins, in one place."""

    def __init__(self, signer: CallbackSigner, tz: ZoneInfo) -> None:
        self._signer = signer
        self.tz = tz

    # -- keyboards -------------------------------------------------------------------------

    def answers(self, checkin_id: int) -> Keyboard:
        """[😊 我很好] [😐 不太舒服] [🆘 需要帮助] under a ping or reminder."""
        return [
            [Button(T("checkins.btn_fine"), self._signer.make(Action.FINE, checkin_id))],
            [Button(T("checkins.btn_unwell"), self._signer.make(Action.UNWELL, checkin_id))],
            [Button(T("checkins.btn_help"), self._signer.make(Action.HELP, checkin_id))],
        ]

    def safe(self, checkin_id: int) -> Keyboard:
        """Staff's one button: 已确认平安."""
        return [[Button(T("checkins.btn_safe"), self._signer.make(Action.SAFE, checkin_id))]]

    def confirm(self, checkin_id: int) -> Keyboard:
        """The grid worker's buttons: 已确认平安 and 需要支援."""
        support = Button(T("checkins.btn_support"), self._signer.make(Action.SUPPORT, checkin_id))
        return [*self.safe(checkin_id), [support]]

    def help_now(self, key: str) -> Keyboard:
        """需要帮助 under "not so well" (no check-in needed)."""
        return [[Button(T("checkins.btn_help"), self._signer.make(Action.HELP_NOW, key))]]

    def moods(self, visit_id: int) -> Keyboard:
        """How the grid worker found the elder."""
        return [
            [
                Button(T(f"checkins.mood_{m}"), self._signer.make(Action.MOOD, visit_id, m))
                for m in Mood
            ]
        ]

    def family_decision(self, request_id: int) -> Keyboard:
        """同意 / 拒绝 for the elder (or staff) on a family request."""
        yes = self._signer.make(Action.FAMILY, request_id, FamilyAnswer.YES)
        no = self._signer.make(Action.FAMILY, request_id, FamilyAnswer.NO)
        return [[Button(T("checkins.btn_agree"), yes), Button(T("checkins.btn_refuse"), no)]]

    # -- texts -----------------------------------------------------------------------------

    def greeting(self, elder: Enrolled, due: datetime) -> Text:
        """早上好/下午好/晚上好 with her name, by the check-in's hour."""
        return T(f"checkins.greet_{greeting(due, self.tz)}", name=elder.name)

    def when(self, moment: datetime, until: datetime | None = None) -> dict[str, str]:
        """A moment (or span) in both calendars' words, community time."""
        return when_both(moment, until, self.tz)

    def mood(self, mood: str) -> Text:
        """好 / 一般 / 不太好."""
        return T(f"checkins.mood_{mood}")

    def note(self, note: str) -> Text | str:
        """The visit note, or "no note"."""
        return note or T("checkins.no_note")

    def enrolled(self, elder: Enrolled, form: Enrolment) -> Text:
        """/enroll's answer: the key, times, worker, risk and whether someone checks by proxy."""
        return T(
            "checkins.enrolled",
            name=elder.name,
            code=elder.key,
            times=", ".join(t.strftime("%H:%M") for t in elder.times),
            worker=form.grid_worker,
            risk=T(f"checkins.risk_{elder.risk}"),
            proxy=T("checkins.proxy_no") if form.has_telegram else T("checkins.proxy_yes"),
        )

    def enroll_usage(self, workers: list[str]) -> Text:
        """How to write /enroll, with the grid workers' keys."""
        return T("checkins.enroll_usage", workers=", ".join(workers))

    def paused(self, elder: Enrolled, begin: datetime, end: datetime, asked: datetime) -> Text:
        """The pause as applied; says so when it was capped."""
        capped = T("checkins.pause_capped") if end < asked else ""
        return T("checkins.paused", name=elder.name, span=self.when(begin, end), capped=capped)

    def care_line(self, line: CareLine) -> Text:
        """One elder in /care: icon, name, state, since when."""
        since: Text | str = ""
        if line.since is not None:
            since = T(
                "checkins.care_since", at=line.since.astimezone(self.tz).strftime("%m-%d %H:%M")
            )
        return T(
            "checkins.care_line",
            icon=STATE_ICON.get(line.state, "•"),
            name=line.elder.name,
            state=T(f"checkins.state_{line.state}"),
            since=since,
        )

    def care(
        self, lines: list[CareLine], overdue: list[tuple[Enrolled, Visit]], gaps: list[Text]
    ) -> Text:
        """The staff view: each elder most urgent first, overdue visits, and who cannot be told."""
        visits: list[Text] = [
            T(
                "checkins.care_visit",
                name=elder.name,
                due=self.when(visit.due_at),
                worker=elder.grid_worker,
            )
            for elder, visit in overdue
        ]
        view = T(
            "checkins.care",
            lines=[self.care_line(line) for line in lines] or [T("checkins.care_empty")],
            visits=visits or [T("checkins.care_no_visits")],
        )
        if gaps:
            view = T("common.lines", lines=[view, "", T("incidents.gaps", lines=gaps)])
        return view
