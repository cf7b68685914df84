"""Booking texts exist in both languages, and English speakers get them in English."""

from __future__ import annotations

import ast
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from bot.i18n import placeholders
from tests.booking_steps import crew, offer_to, press
from tests.harness import Harness

ROOT = Path(__file__).resolve().parent.parent


def _flat(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        out.update(_flat(value, name) if isinstance(value, dict) else {name: value})
    return out


def _catalogue(lang: str) -> dict[str, str]:
    text = resources.files("bot.i18n").joinpath(lang, "bookings.toml").read_text("utf-8")
    return _flat(tomllib.loads(text))


def test_same_keys_and_placeholders_in_both_languages() -> None:
    """Every booking string has a twin with the same {placeholders}."""
    zh, en = _catalogue("zh"), _catalogue("en")
    assert zh.keys() == en.keys()
    for key, template in zh.items():
        assert placeholders(template) == placeholders(en[key]), key


def test_no_literal_strings_sent_by_booking_code() -> None:
    """send/reply/tell/set_toast/edit get Text, never a literal string."""
    package = sorted(ROOT.glob("bot/domain/bookings/**/*.py"))
    assert package, "the bookings package moved"
    handlers = (ROOT / "handlers/bookings.py", ROOT / "handlers/bookings_onsite.py")
    for path in (*package, *handlers, ROOT / "bot/devtools/demo_bookings.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("send", "reply", "tell", "set_toast", "edit"):
                literal = [
                    a
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                assert not literal, f"{path}:{node.lineno} passes a literal string"


async def test_english_speaker_books_in_english(bot: Harness) -> None:
    """The whole private flow renders from the English catalogue for an English speaker."""
    people = await crew(bot)
    emma = bot.person(6002, "Emma", language="en")
    choice = await bot.ask(emma, "I need someone to clean the range hood tomorrow morning")
    assert "Choose a provider" in choice.content and "Market price: ¥240" in choice.content
    assert (
        choice.button_texts[0] == "Jiejia Home Services ¥180/unit · no ratings yet · new provider"
    )
    await press(bot, emma, choice, 0)
    slot = await bot.sb.wait_for_message(emma.id, contains="Keep it", after=choice)
    await press(bot, emma, slot, 0)
    await bot.sb.wait_for_message(emma.id, contains="Building-unit-room", after=slot)
    note = await bot.ask(emma, "5-1-302", contains="Anything the worker")
    await press(bot, emma, note, "Skip")
    confirm = await bot.sb.wait_for_message(emma.id, contains="Please confirm", after=note)
    await press(bot, emma, confirm, "✅ Confirm")
    await bot.sb.wait_for_message(emma.id, contains="Contacting Jiejia Home Services")
    offer = await offer_to(bot, people.zhao)  # the worker reads Chinese
    assert "新订单" in offer.content and "5栋" in offer.content


def test_the_building_line_reads_the_same_in_every_staff_and_worker_message() -> None:
    """'楼栋：5' in one alert and '楼栋：5栋' in the next (tester item 11): every Chinese
    building line writes the number with its 栋."""
    for name in ("bookings.toml", "onsite.toml"):
        text = resources.files("bot.i18n").joinpath("zh", name).read_text("utf-8")
        for key, template in _flat(tomllib.loads(text)).items():
            if "楼栋：{building}" in template:
                assert "楼栋：{building}栋" in template, (name, key)
