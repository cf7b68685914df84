"""`concierge shell`: talk to the real bot as a chosen person, offline, against the sandbox.

Type a message to send it as the current person in the current chat. Lines starting with ':'
are shell commands (see HELP). Buttons on the bot's messages are numbered; press one with
`:press N` (the latest message with buttons in the current chat) or just `N`.
"""

from __future__ import annotations

import asyncio
import os
import traceback
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from bot.config import parse_duration
from bot.devtools.sandbox import SandboxChat, SandboxMessage, SandboxUser
from bot.devtools.scenario import Scenario, scenario

HELP = """Shell commands:
  :as NAME          speak as someone (created if new), e.g. :as 小李  (:who lists people)
  :lang zh|en       the current person's Telegram language (for new people)
  :group [TITLE]    speak in the community group (created, bot added and bound by staff)
  :private          speak in your private chat with the bot
  :press N  or  N   press button N of the bot's latest message with buttons here
                    (a t.me link to the bot opens it in private; other links are printed)
  :wait 30m         let time pass (30s, 10m, 2h, 1d) so reminders and ladders run
  :join ROLE KEY    staff invite you as someone of the community file and you open the link,
                    e.g. :as 王阿姨 then :join elder elder_wang (roles: elder, family,
                    housekeeper, staff, provider; keys are in bot/data/sample-community.toml)
  :who              list people;  :help  this text;  :quit  leave
Anything else is sent as a message."""


class Shell:
    """The state of one shell session."""

    def __init__(self, s: Scenario) -> None:
        self.s = s
        self.people: dict[str, SandboxUser] = {"刘主任": s.sb.user(1001, "刘主任")}
        self.current = self.people["刘主任"]
        self.chat: SandboxChat | None = None
        self.group: SandboxChat | None = None
        self.language = "zh-hans"

    def prompt(self) -> str:
        """Who is speaking where."""
        where = self.chat.name if self.chat is not None else "private"
        return f"{self.current.name} @ {where}> "

    async def handle(self, line: str) -> bool:
        """Act on one input line; False to quit.

        A mistake (a bad argument, a sandbox refusal, a bug in the bot's answer path) is printed
        and the session goes on: losing a long hand-built scene to one typo is worse than a
        traceback on screen."""
        try:
            return await self._handle(line)
        except Exception as exc:  # the shell must survive anything typed into it
            traceback.print_exc()
            print(f"(shell) that failed: {exc}")
            return True

    async def _handle(self, line: str) -> bool:
        line = line.strip()
        if not line:
            return True
        if line.isdigit():
            line = f":press {line}"
        if not line.startswith(":"):
            await self.s.say(self.current, line, self.chat)
            return True
        command, _, arg = line[1:].partition(" ")
        arg = arg.strip()
        if command in ("quit", "q", "exit"):
            return False
        action = {
            "as": self._as,
            "lang": self._lang,
            "group": self._group,
            "private": self._private,
            "press": self._press,
            "wait": self._wait,
            "join": self._join,
            "who": self._who,
        }.get(command)
        if action is None:
            print(HELP)
        else:
            await action(arg)
        return True

    async def _as(self, name: str) -> None:
        if not name:
            print("usage: :as NAME")
            return
        if name not in self.people:
            self.people[name] = self.s.sb.user(
                6000 + len(self.people), name, language_code=self.language
            )
        self.current = self.people[name]
        if self.chat is not None and self.chat.is_private:
            self.chat = None

    async def _lang(self, code: str) -> None:
        self.language = "en" if code.startswith("en") else "zh-hans"
        print(f"new people will use {self.language}")

    async def _group(self, title: str) -> None:
        if self.group is None:
            staff = self.people["刘主任"]
            self.group = self.s.sb.group(-1001001, title or "香溪美地业主群", admins=[staff])
            await self.s.sb.add_bot_to_group(staff, self.group)
            await self.s.settle()
            await self.s.say(staff, "/bind", self.group)
        self.chat = self.group

    async def _private(self, _: str) -> None:
        self.chat = None

    async def _press(self, arg: str) -> None:
        chat_id = self.chat.id if self.chat is not None else self.current.id
        with_buttons = [m for m in self.s.sb.sent(chat_id) if m.buttons and not m.deleted]
        if not with_buttons or not arg.isdigit():
            print("no button to press here" if not with_buttons else "usage: :press N")
            return
        message: SandboxMessage = with_buttons[-1]
        index = int(arg) - 1
        if not 0 <= index < len(message.buttons):
            print(f"that message has buttons 1..{len(message.buttons)}")
            return
        url = message.buttons[index].get("url")
        if url is None:
            await self.s.press(self.current, message, index)
            return
        payload = start_payload(str(url), self.s.sb.bot.username or "")
        if payload is None:
            print(f"(link) {url}")
            return
        # Telegram opens the private chat and sends /start PAYLOAD on the person's behalf.
        self.chat = None
        await self.s.say(self.current, f"/start {payload}" if payload else "/start")

    async def _wait(self, arg: str) -> None:
        try:
            delta = parse_duration(arg or "30m")
        except ValueError as exc:
            print(exc)
            return
        await self.s.advance(delta, stamp=lambda at: print(f"  ⏱ {at:%Y-%m-%d %H:%M}"))
        print(f"time is now {self.s.runtime.local_now():%Y-%m-%d %H:%M}")

    async def _join(self, arg: str) -> None:
        """Become who the community file names: an elder, her family, a housekeeper... The
        bot only knows a Telegram account as one of them after it opened a staff invite."""
        role, _, key = arg.partition(" ")
        if not role or not key.strip():
            print("usage: :join ROLE KEY   e.g. :join elder elder_wang")
            return
        staff = self.people["刘主任"]
        if self.current is staff:
            print("speak as the person first (:as NAME), then :join")
            return
        self.chat = None
        await self.s.say(staff, f"/invite {role} {key.strip()}")
        if not any("url" in b for b in self.s.last_from_bot(staff.id).buttons):
            return  # the bot said why (an unknown key or role), in 刘主任's chat above
        await self.s.follow_link(self.current, staff.id)

    async def _who(self, _: str) -> None:
        print(", ".join(self.people))


def start_payload(url: str, bot_username: str) -> str | None:
    """The deep-link payload when `url` opens this bot (t.me/BOT or t.me/BOT?start=X), else None.

    "" means the bot is opened without a payload; any other link (a map, another bot, a web
    page) is None, so the shell prints it instead of pretending to follow it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https", "tg") or not bot_username:
        return None
    if parts.scheme == "tg":
        query = parse_qs(parts.query)
        domain = query.get("domain", [""])[0]
        if parts.netloc != "resolve" or domain.lower() != bot_username.lower():
            return None
        return query.get("start", [""])[0]
    if parts.netloc.lower() not in ("t.me", "telegram.me", "www.t.me"):
        return None
    if parts.path.strip("/").lower() != bot_username.lower():
        return None
    return parse_qs(parts.query).get("start", [""])[0]


async def run_shell() -> int:
    """Run the interactive shell until :quit or end of input."""
    print("Concierge shell · offline sandbox · sample community 香溪美地")
    print(HELP)
    async with scenario(datetime.now().astimezone(), env=os.environ) as s:
        where = getattr(s.runtime.servers[0], "base_url", "") if s.runtime.servers else ""
        print(f"console: {where}  (:as 刘主任, then /console, gives a sign-in link)")
        shell = Shell(s)
        while True:
            try:
                line = await asyncio.to_thread(input, shell.prompt())
            except EOFError:
                break
            if not await shell.handle(line):
                break
    return 0
