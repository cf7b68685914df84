"""The cabinet's and notices' strings exist in both languages with the same placeholders."""

from __future__ import annotations

import tomllib
from importlib import resources

from bot.i18n import placeholders


def _flat(lang: str) -> dict[str, str]:
    text = resources.files("bot.i18n").joinpath(lang, "tools.toml").read_text("utf-8")
    return {
        f"{section}.{key}": value
        for section, table in tomllib.loads(text).items()
        for key, value in table.items()
    }


def test_same_keys_and_placeholders_in_zh_and_en() -> None:
    """Every key of tools.toml is in both files, using the same {placeholders}."""
    zh, en = _flat("zh"), _flat("en")
    assert zh.keys() == en.keys()
    for key in zh:
        assert placeholders(zh[key]) == placeholders(en[key]), key
