"""No internal word on the console's pages (retest of issue 15, finding 5): states, kinds,
actions, tools and providers in words, zh and en; every table column named."""

from __future__ import annotations

import re

import pytest

from bot.i18n import Lang, catalogue
from bot.web.views import action_label, word
from tests.booking_steps import book, crew, offer_to
from tests.console.pages_support import staff_client
from tests.harness import Harness

# Every action the bookings feature and the console record on a booking's timeline.
BOOKING_ACTIONS = [
    "draft_started",
    "provider_chosen",
    "slot_chosen",
    "address_set",
    "address_once",
    "door_code_stored",
    "door_code_refused",
    "door_code_revealed",
    "door_code_purged",
    "confirmed",
    "offered",
    "offer_skipped",
    "offer_timeout",
    "accepted",
    "declined",
    "withdrawn",
    "unassigned",
    "reminded",
    "arrived",
    "done",
    "day_done",
    "rated",
    "commented",
    "cancelled",
    "eta_set",
    "late",
    "late_unanswered",
    "arrival_confirmed",
    "no_show",
    "line_opened",
    "issue_chosen",
    "place_given",
    "photo_attached",
    "escalated",
    "rescheduled",
    "move_asked",
    "move_agreed",
    "move_refused",
    "move_expired",
    "staff_note",
    "staff_redispatched",
    "staff_assigned",
    "provider_excluded",
]

WORDS = [
    ("state", "abandoned"),
    *[("incident", s) for s in ("open", "acknowledged", "support")],
    *[("checkin", s) for s in ("pinged", "reminded", "grid", "escalated", "help", "unwell")],
    *[("loan", s) for s in ("overdue", "reserved", "lent", "returned", "cancelled", "expired")],
    *[("unit", s) for s in ("free", "reserved", "lent", "broken", "retired")],
    *[("notice", s) for s in ("scheduled", "posted", "skipped", "cancelled")],
    *[("visit", s) for s in ("scheduled", "missed", "done")],
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("action", BOOKING_ACTIONS)
def test_every_booking_action_has_words(action: str, lang: Lang) -> None:
    """The timeline never shows an action's internal name ("provider chosen")."""
    words = catalogue(lang)
    assert f"console.action.{action}" in words or f"bookings.action.{action}" in words, action
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", action_label(action, lang)), action


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("group", "value"), WORDS)
def test_every_state_has_words(group: str, value: str, lang: Lang) -> None:
    said = word(group, value, lang)
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", said), (group, value)
    else:
        assert said and "_" not in said


async def test_pages_say_states_and_names_in_words(bot: Harness) -> None:
    """Today, the bookings, one booking (its assign list), notices and tools: words and
    names, never "offered", "jiejia", "scheduled", "free" or an empty column header."""
    people = await crew(bot)
    await book(bot, bot.person(5201, "小李"))
    await offer_to(bot, people.zhao)
    await bot.ask(bot.staff, "/notice 明天 18:00 | 停水通知", contains="已安排")
    async with staff_client(bot) as web:
        _, today = await web.get("/")
        assert "派单中" in today and "· offered" not in today
        _, one = await web.get("/bookings/1")
        worker = one.split('id="worker"')[1].split("</select>")[0]
        assert "洁家家政" in worker and "· jiejia" not in worker
        _, notices = await web.get("/notices")
        assert "待发布" in notices and ">scheduled<" not in notices
        _, tools = await web.get("/tools")
        assert "空闲" in tools and ">free<" not in tools
        for path in ("/", "/notices", "/tools", "/providers", "/demand"):
            _, text = await web.get(path)
            heads = re.findall(r"<tr>((?:<th>[^<]*</th>)+)</tr>", text)
            for row in heads:
                cells = re.findall(r"<th>([^<]*)</th>", row)
                named = [c for c in cells if c]
                assert len(named) >= len(cells) - 1, (path, cells)  # at most an action column
