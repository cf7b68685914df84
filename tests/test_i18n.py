"""Both languages, everywhere: same keys, same placeholders, and no literal text sent."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.i18n import LANGUAGES, T, Text, catalogue, normalise_lang, placeholders, render

ROOT = Path(__file__).parents[1]
SENDING_CALLS = {
    "send",
    "edit",
    "reply",
    "tell",
    "set_toast",
    "send_message",
    "reply_text",
    "edit_message_text",
    "answer",
    "Button",
}
KEY_LITERAL = re.compile(r"""\bT\(\s*f?["']([a-z_]+\.[a-z0-9_.{}]+)["']""")


def test_catalogues_have_the_same_keys() -> None:
    """Every string exists in Chinese and in English."""
    zh, en = catalogue("zh"), catalogue("en")
    assert sorted(set(zh) ^ set(en)) == []


def test_placeholders_match_across_languages() -> None:
    """A {name} used in one language is used in the other."""
    zh, en = catalogue("zh"), catalogue("en")
    mismatched = [k for k in zh if placeholders(zh[k]) != placeholders(en[k])]
    assert mismatched == []


def _code_files() -> list[Path]:
    return sorted(
        p
        for folder in ("bot", "handlers")
        for p in (ROOT / folder).rglob("*.py")
        if "sandbox" not in p.parts
    )


def test_every_key_used_in_code_exists() -> None:
    """T("x.y") in code names a real key (f-string keys are checked by their fixed prefix)."""
    zh = catalogue("zh")
    missing = []
    for path in _code_files():
        for key in KEY_LITERAL.findall(path.read_text("utf-8")):
            if "{" in key:
                prefix = key.split("{", 1)[0]
                if not any(k.startswith(prefix) for k in zh):
                    missing.append(f"{path.name}: {key}")
            elif key not in zh:
                missing.append(f"{path.name}: {key}")
    assert missing == []


def _literal_text_args(tree: ast.AST) -> list[int]:
    """Lines where a sending call gets a plain string (or f-string) as its message or label."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = (
            node.func.attr
            if isinstance(node.func, ast.Attribute)
            else getattr(node.func, "id", "")
        )
        if name not in SENDING_CALLS:
            continue
        positional = node.args[:1] if name == "Button" else node.args
        candidates = list(positional) + [
            k.value for k in node.keywords if k.arg in ("text", "label")
        ]
        for arg in candidates:
            if isinstance(arg, ast.JoinedStr) or (
                isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.strip()
            ):
                lines.append(node.lineno)
    return sorted(set(lines))


def test_no_handler_or_domain_code_sends_a_literal_string() -> None:
    """User-visible text always comes from the catalogues, never from a string in code."""
    offenders = []
    for path in _code_files():
        if path.name in ("cli.py", "demo.py", "shell.py", "scenario.py") or path.name.startswith(
            "demo_"
        ):
            continue  # console output for operators, not messages to people
        for line in _literal_text_args(ast.parse(path.read_text("utf-8"))):
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert offenders == []


def test_the_scan_catches_a_literal() -> None:
    """The scanner itself flags the pattern it exists to forbid."""
    tree = ast.parse(
        'async def f(u):\n    await u.message.reply_text("hello")\n    x = Button("ok", "d")\n'
    )
    assert _literal_text_args(tree) == [2, 3]


@pytest.mark.parametrize(
    ("code", "lang"),
    [("en", "en"), ("en-GB", "en"), ("zh-hans", "zh"), (None, "zh"), ("ru", "zh")],
)
def test_language_from_telegram(code: str | None, lang: str) -> None:
    """English for English speakers, Chinese for everyone else (the community default)."""
    assert normalise_lang(code) == lang


def test_render_nested_params_and_lists() -> None:
    """Params may be Texts, bilingual dicts and lists of lines, rendered in one language."""
    text = T(
        "requests.card",
        service={"zh": "油烟机清洗", "en": "Range hood cleaning"},
        lines=[T("requests.market_line", market="¥240")],
    )
    assert render(text, "zh") == "油烟机清洗\n市场参考价：¥240"
    assert render(text, "en") == "Range hood cleaning\nMarket price: ¥240"
    assert all(isinstance(render(Text("common.error"), lang), str) for lang in LANGUAGES)
