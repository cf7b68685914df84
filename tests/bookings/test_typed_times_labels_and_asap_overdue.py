"""Rules behind the retest of issue 13's minor findings, as tables: a typed time alone, a typed
button label, the language someone's words show, the shell's deep links, and when a job wanted
as soon as possible is overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.devtools.shell import start_payload
from bot.domain.bookings.model import Booking
from bot.domain.bookings.policy import overdue
from bot.domain.bookings.typed import only_a_time
from bot.domain.people.language import followed_language
from bot.i18n import T
from bot.i18n.labels import says_label
from intents import parse_when

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 13, 30, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("7pm", True),
        ("7 pm", True),
        ("晚上7点半", True),
        ("下午三点", True),
        ("改到明天下午3点吧", True),
        ("时间改成后天上午", True),
        ("tomorrow at 4pm please", True),
        ("make it saturday morning", True),
        ("尽快", True),
        ("now", True),
        ("明天", True),
        # a note that mentions a time is a note
        ("下午3点前到，家里有狗", False),
        ("3点以后来，门口放鞋套", False),
        ("come after 4pm, the dog bites", False),
        # no time at all
        ("3-2-501", False),
        ("778899", False),
        ("确认", False),
        ("later", False),
    ],
)
def test_a_time_alone(text: str, alone: bool) -> None:
    """Only words that are a time and nothing more change a draft's time at a later step."""
    assert only_a_time(text, parse_when(text, NOW, TZ)) is alone


LATER = T("onboarding.address_later")  # [稍后再说] / [Later]


@pytest.mark.parametrize(
    ("text", "labels", "said"),
    [
        ("later", [LATER], True),
        ("Later.", [LATER], True),
        ("  LATER ", [LATER], True),
        ("稍后再说", [LATER], True),
        ("稍后", [LATER], True),  # the start of a Chinese label
        ("稍", [LATER], False),  # one character says nothing
        ("lat", [LATER], False),  # English needs the whole label
        ("later today at 5", [LATER], False),
        ("3-2-501", [LATER], False),
        ("跳过", [T("bookings.skip")], True),
        ("skip", [T("bookings.skip")], True),
        ("✅ 确认预约", ["✅ 确认预约"], True),
        ("确认预约", ["✅ 确认预约"], True),
        ("no", ["Not a service"], False),
    ],
)
def test_a_typed_button_label(text: str, labels: list[object], said: bool) -> None:
    """Typed words are the button when they are its label in either language."""
    assert says_label(text, labels) is said  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("need someone to clean my kitchen hood tomorrow", "en"),
        ("the aircon in my bedroom is dripping water", "en"),
        ("明天上午想洗油烟机", "zh"),
        ("我的预约", "zh"),
        ("ok", None),  # Chinese speakers type "ok"
        ("later", None),
        ("my bookings", None),  # two words: not enough to switch
        ("ok thanks", None),
        ("谢", None),
        ("3-2-501", None),
        ("👍", None),
        ("/start req_abc", None),
        ("/language en please switch now", None),
        ("帮我 book a cleaner please tomorrow", "zh"),
    ],
)
def test_the_language_words_show(text: str, lang: str | None) -> None:
    """An English sentence or Chinese words switch the language; a word or two does not."""
    assert followed_language(text) == lang


@pytest.mark.parametrize(
    ("url", "payload"),
    [
        ("https://t.me/xiangxi_concierge_bot?start=req_2UE52gkYj7gs", "req_2UE52gkYj7gs"),
        ("https://t.me/Xiangxi_Concierge_Bot?start=inv_x", "inv_x"),
        ("https://t.me/xiangxi_concierge_bot", ""),
        ("tg://resolve?domain=xiangxi_concierge_bot&start=req_1", "req_1"),
        ("https://t.me/another_bot?start=req_1", None),
        ("https://example.com/?start=req_1", None),
        ("https://maps.example.com/place", None),
        ("not a url", None),
    ],
)
def test_the_shell_follows_only_links_to_the_bot(url: str, payload: str | None) -> None:
    """A t.me link to the bot opens it (with /start PAYLOAD); any other link is printed."""
    assert start_payload(url, "xiangxi_concierge_bot") == payload


def _asap(status: str, **more: object) -> Booking:
    booking = Booking(
        id=7, resident_id=1, service="drain_unclog", kind="service", status=status,
        step="confirm", provider_id="kuaixiu", plan=["kuaixiu", "property_team"], attempt=1,
        assignee_id=None, slot_start=None, slot_end=None, address=None, note=None,
        has_door_code=False, asap=True, created_at=NOW - timedelta(minutes=45),
    )  # fmt: skip
    return replace(booking, **more)  # type: ignore[arg-type]


WINDOW = timedelta(minutes=15)


@pytest.mark.parametrize(
    ("booking", "window", "late"),
    [
        # re-offered after a no-show, asked for 45 minutes ago: the promise passed long ago
        (_asap("offered"), WINDOW, True),
        (_asap("offered", created_at=NOW - timedelta(minutes=10)), WINDOW, False),
        (_asap("offered"), None, False),  # no window known: nothing to count from
        # accepted: the worker's arrival time is the promise
        (_asap("accepted", eta_at=NOW - timedelta(minutes=1)), WINDOW, True),
        (_asap("accepted", eta_at=NOW + timedelta(minutes=20)), WINDOW, False),
        (_asap("arrived", eta_at=NOW - timedelta(minutes=30)), WINDOW, False),  # it came
        (_asap("unassigned"), WINDOW, True),
        (_asap("done"), WINDOW, False),
    ],
)
def test_an_asap_job_is_overdue_from_its_promise(
    booking: Booking, window: timedelta | None, late: bool
) -> None:
    """尽快 has no slot: overdue once the arrival promise or the response window passed."""
    assert overdue(booking, NOW, window) is late
