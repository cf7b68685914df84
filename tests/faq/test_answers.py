"""The community's FAQ answers: from the file, from a notice on its days, and the file's
[[faq]] checked at start (a notice that does not exist, an entry nobody can ask)."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest

from bot.config import ConfigError, load_community
from bot.domain.faq import CommunityFaq
from bot.i18n import render
from tests.harness import START  # a Saturday: the vegetable stall's day

FAQ = CommunityFaq(load_community())


def _answer(entry: str, days: int = 0, lang: str = "zh") -> str:
    text = FAQ.answer_to(entry, START + timedelta(days=days))
    assert text is not None
    return render(text, "en" if lang == "en" else "zh")


def test_an_answer_comes_from_the_file_in_each_language() -> None:
    assert "0571-8888 6666" in _answer("office_phone")
    assert "Property service centre" in _answer("office_phone", lang="en")


def test_a_notice_entry_answers_with_the_notice_on_its_days_only() -> None:
    assert _answer("veg_stall").startswith("今天的通知：🥬 今天 8:00-11:00 菜摊在西门凉亭")
    monday = _answer("veg_stall", days=2)
    assert monday.startswith("今天没有菜摊（没有通知）。") and "周三、周六" in monday
    english = _answer("veg_stall", days=2, lang="en")
    assert english.startswith("No vegetable stall today (no notice).") and "west gate" in english


def test_an_unknown_entry_has_no_answer() -> None:
    assert FAQ.answer_to("nothing_like_it", START) is None


def _sample() -> str:
    return resources.files("bot.data").joinpath("sample-community.toml").read_text("utf-8")


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            '[[faq]]\nid = "x"\nask_zh = ["菜摊"]\nanswer_zh = "a"\nanswer_en = "a"\n'
            'notice = "gone"\n',
            "faq[6].notice: no notice with id 'gone'",
        ),
        ('[[faq]]\nid = "x"\nanswer_zh = "a"\nanswer_en = "a"\n', "at least one way of asking"),
        (
            '[[faq]]\nid = "office_phone"\nask_zh = ["电话"]\nanswer_zh = "a"\nanswer_en = "a"\n',
            "faq: duplicate id 'office_phone'",
        ),
    ],
)
def test_a_broken_faq_entry_is_one_clear_line(entry: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_community(Path("mine.toml"), text=_sample() + "\n" + entry)
    assert problem in str(caught.value)
