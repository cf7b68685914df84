"""Text entities the way Telegram computes them: HTML parse mode and commands/mentions in input.

Offsets and lengths are in UTF-16 code units, as in the Bot API. MarkdownV2 is not parsed: the
text is stored as sent (documented limitation).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bot.devtools.sandbox.models import JsonDict, bad_request, utf16_len

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_ALL_TAGS = {*_SIMPLE_TAGS, "a", "span", "tg-emoji"}


class _TelegramHtml(HTMLParser):
    """Collect plain text and entities from Telegram's HTML subset."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.position = 0
        self.stack: list[tuple[str, int, JsonDict]] = []
        self.entities: list[JsonDict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALL_TAGS:
            raise bad_request(f'can\'t parse entities: Unsupported start tag "{tag}"')
        values = dict(attrs)
        entity: JsonDict
        if tag == "a":
            href = values.get("href")
            if not href:
                raise bad_request("can't parse entities: text_link without url")
            entity = {"type": "text_link", "url": href}
        elif tag == "span":
            if values.get("class") != "tg-spoiler":
                raise bad_request('can\'t parse entities: Unsupported start tag "span"')
            entity = {"type": "spoiler"}
        elif tag == "tg-emoji":
            entity = {"type": "custom_emoji", "custom_emoji_id": values.get("emoji-id", "")}
        else:
            entity = {"type": _SIMPLE_TAGS[tag]}
        self.stack.append((tag, self.position, entity))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            raise bad_request(f'can\'t parse entities: Unexpected end tag "{tag}"')
        _, start, entity = self.stack.pop()
        if tag == "code" and self.stack and self.stack[-1][0] == "pre":
            # <pre><code class="language-x"> is one pre entity with a language.
            return
        if self.position > start:
            self.entities.append({**entity, "offset": start, "length": self.position - start})

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.position += utf16_len(data)


def parse_html(text: str) -> tuple[str, list[JsonDict]]:
    """Turn Telegram-HTML into plain text plus entities; raise 400 like Telegram on bad markup."""
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    if parser.stack:
        tag = parser.stack[-1][0]
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{tag}\""
        )
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.parts), entities


_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}\b")


def detect_entities(text: str) -> list[JsonDict]:
    """Entities Telegram attaches to user input: a leading bot_command and @mentions."""
    entities: list[JsonDict] = []
    command = _COMMAND.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command[0])})
    for mention in _MENTION.finditer(text):
        if command and mention.start() < command.end():
            continue
        entities.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: mention.start()]),
                "length": utf16_len(mention[0]),
            }
        )
    return entities
