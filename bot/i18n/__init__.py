"""Every user-visible string, in Chinese (default) and English.

Catalogues are TOML files per topic under ``zh/`` and ``en/``; a key may be defined once per
language. ``Text`` carries a key and its parameters so the outbox can render it in each
recipient's language at the moment the message is written.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGUAGES: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


@dataclass(frozen=True)
class Text:
    """A message to render later: catalogue key plus format parameters.

    A parameter may itself be a Text (rendered in the same language), a list of parameters
    (rendered one per line), or a dict of language -> string (for names that come from the
    community file in both languages).
    """

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def T(key: str, **params: Any) -> Text:
    """Build a Text."""
    return Text(key, params)


def both(zh: str, en: str) -> dict[str, str]:
    """A name in both languages (from the community file), as a Text parameter."""
    return {"zh": zh, "en": en}


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, str], source: str) -> None:
    for name, value in table.items():
        key = f"{prefix}.{name}" if prefix else name
        if isinstance(value, dict):
            _flatten(key, value, out, source)
        elif isinstance(value, str):
            if key in out:
                raise ValueError(f"i18n key {key!r} defined twice ({source})")
            out[key] = value
        else:
            raise ValueError(f"i18n key {key!r} in {source} is not a string")


@cache
def catalogue(lang: Lang) -> dict[str, str]:
    """All strings of one language, keyed by dotted name."""
    out: dict[str, str] = {}
    folder = resources.files("bot.i18n").joinpath(lang)
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            _flatten("", tomllib.loads(item.read_text("utf-8")), out, f"{lang}/{item.name}")
    return out


def placeholders(template: str) -> set[str]:
    """The {names} a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def normalise_lang(code: str | None) -> Lang:
    """Telegram language_code -> our language: English for en*, Chinese otherwise."""
    return "en" if code and code.lower().startswith("en") else DEFAULT_LANG


def render(text: Text | str, lang: Lang) -> str:
    """Render a Text (or pass through an already-rendered string) in a language."""
    if isinstance(text, str):
        return text
    template = catalogue(lang).get(text.key)
    if template is None:
        raise KeyError(f"missing i18n key {text.key!r} for {lang}")
    params = {name: _render_param(value, lang) for name, value in text.params.items()}
    return template.format(**params)


def _render_param(value: Any, lang: Lang) -> Any:
    if isinstance(value, Text):
        return render(value, lang)
    if isinstance(value, list):
        return "\n".join(str(_render_param(item, lang)) for item in value)
    if isinstance(value, dict) and set(value) <= set(LANGUAGES) and value:
        return value.get(lang) or next(iter(value.values()))
    return value
