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
    else:  # capitalised like every other line of the timeline ("Provider chosen")
        assert action_label(action, lang)[0].isupper(), action


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


CJK = re.compile(r"[\u4e00-\u9fff]")


async def test_no_ids_codes_or_english_labels_on_chinese_pages(bot: Harness) -> None:
    """The retest's raw words: recurring days in words (周三 周六, not "wed sat"), every
    aria-label in the page's language (never "range_hood_cleaning"), a ¥0 offer said free, a
    housekeeper's role on the revoke page by name (never "hk_chen"), an application's
    provider by name; and a saved edit says so."""
    await crew(bot)
    async with staff_client(bot) as web:
        _, notices = await web.get("/notices")
        assert "周三 周六" in notices and "wed sat" not in notices
        for path in ("/providers", "/providers/applications/new"):
            _, text = await web.get(path)
            labels = re.findall(r'aria-label="([^"]*)"', text)
            assert labels and all(CJK.search(label) for label in labels), (path, labels)
        _, providers = await web.get("/providers")
        offers = providers.split('id="offers-property_team"')[1].split("</table>")[0]
        assert "免费" in offers and "¥0<" not in offers and "¥0/" not in offers
        _, people = await web.get("/people")
        chen = re.search(r'<td[^>]*>陈管家</td>.*?href="(/people/\d+/revoke)"', people)
        assert chen is not None
        _, revoke = await web.get(chen.group(1))
        assert "hk_chen" not in revoke and "陈管家" in revoke.split("id='roles'")[1]
        fields = {"provider_id": "qingjie", "name_zh": "清洁小队", "name_en": "Clean Team"}
        await web.post("/providers/applications", **fields)
        _, listed = await web.get("/providers/applications")
        assert "清洁小队" in listed and "qingjie" not in listed
        status, saved = await web.post(
            "/providers/jiejia/price", service="range_hood_cleaning", price="170"
        )
        assert status == 200 and 'id="saved"' in saved and "已保存" in saved
        _, plain = await web.get("/providers")
        assert 'id="saved"' not in plain


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_document_types_and_days_have_words(lang: Lang) -> None:
    """A document's type and a recurring notice's day read as words in both languages."""
    from bot.web.provider_forms import DOC_TYPES, ow
    from bot.web.setup_forms import DAYS

    words = catalogue(lang)
    for key in DOC_TYPES.values():
        assert "/" not in ow(key, lang) and f"onboard.{key}" in words
    for day in DAYS:
        assert words[f"console.day_{day}"] != day
