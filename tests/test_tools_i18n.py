"""The cabinet's and notices' strings exist in both languages with the same placeholders."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from bot.i18n import placeholders


def _flat(lang: str, topic: str) -> dict[str, str]:
    text = resources.files("bot.i18n").joinpath(lang, f"{topic}.toml").read_text("utf-8")
    return {
        f"{section}.{key}": value
        for section, table in tomllib.loads(text).items()
        for key, value in table.items()
    }


@pytest.mark.parametrize("topic", ["tools", "notices"])
def test_same_keys_and_placeholders_in_zh_and_en(topic: str) -> None:
    """Every key of the topic's file is in both languages, using the same {placeholders}."""
    zh, en = _flat("zh", topic), _flat("en", topic)
    assert zh and zh.keys() == en.keys()
    for key in zh:
        assert placeholders(zh[key]) == placeholders(en[key]), key
