"""Seeded junk for the fuzz test (issue 11): updates of every shape Telegram can deliver, and
several it should not, made through the sandbox so replies reach real chats.

:class:`Fuzzer` makes one update at a time as ``(kind, payload)``; the sandbox gives it an
update id (and, for people's messages and presses, stores the message or the query, so the
bot's answers succeed as they would on Telegram). Forged input is made separately
(:meth:`Fuzzer.forged`): the test checks it changes nothing.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CommandHandler

from bot.callbacks import CallbackSigner
from bot.devtools.sandbox import Sandbox, SandboxChat, SandboxMessage, SandboxUser

JsonDict = dict[str, Any]

# What the fuzz may type; some of it private (the test checks none of it reaches a group or a
# log): a phone number, an address and a door code.
SECRETS = ("13812345678", "3栋2单元501", "6-1-1203", "8642#")
PHRASES = (
    "马桶堵了，谁能来通一下？",
    "明天上午想找人洗一下油烟机",
    "洗油烟机多少钱",
    "谁有梯子借我用一下",
    "取消明天的保洁",
    "楼道灯坏了",
    "着火了！快来人",
    "我摔倒了，起不来",
    "今天天气真好",
    "哈哈哈哈",
    "my kitchen sink is blocked, can someone come today?",
    "我很好",
    "下周去女儿家住几天",
    "我住3栋2单元501，电话13812345678，门锁密码8642#",
    "地址 6-1-1203",
    "不用修了，谢谢",
    "@concierge_test_bot 帮个忙",
)


def app_commands(app: Application[Any, Any, Any, Any, Any, Any]) -> tuple[str, ...]:
    """Every command the built application answers, plus one it does not: taken from its
    handlers, so a new command is fuzzed the day it is added."""
    names = {
        name
        for handlers in app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    return (*sorted(names), "nosuchcommand")


# Buttons meant for one person (or role): pressed by anyone else they must change nothing.
PERSONAL_ACTIONS = frozenset(
    {
        *("bk_p", "bk_t", "bk_skip", "bk_ok", "bk_cx", "bk_cxl", "bk_acc", "bk_dec", "bk_arr"),
        *("bk_done", "bk_wd", "bk_code", "bk_rate"),
        *("ci_fine", "ci_unwell", "ci_help", "ci_helpnow", "ci_ok", "ci_sup", "ci_mood", "ci_fam"),
        *("inc_ack", "inc_safe", "inc_sup"),
        *("tcan", "thand", "tpick", "tret", "tlong", "tadm", "tun", "tadd"),
    }
)
MEDIA = ("photo", "sticker", "voice")
ODD_MEDIA: dict[str, Any] = {
    "document": {"file_id": "d", "file_unique_id": "d", "file_name": "a.pdf"},
    "location": {"latitude": 30.27, "longitude": 120.15},
    "contact": {"phone_number": "13812345678", "first_name": "某人"},
    "dice": {"emoji": "🎲", "value": 3},
}


@dataclass
class Cast:
    """The people and chats of the run: residents and workers who joined, strangers, groups."""

    members: list[SandboxUser]
    strangers: list[SandboxUser]
    group: SandboxChat
    unbound: SandboxChat


@dataclass
class Fuzzer:
    """Makes seeded updates through the sandbox; each call returns ``(kind, update)``."""

    sb: Sandbox
    cast: Cast
    signer: CallbackSigner
    seed: int
    commands: tuple[str, ...]
    rng: random.Random = field(init=False)
    written: list[SandboxMessage] = field(default_factory=list)
    buttons: list[tuple[SandboxMessage, str]] = field(default_factory=list)
    personal: list[tuple[SandboxMessage, str]] = field(default_factory=list)  # of buttons
    next_id: int = 9_000_000

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    # -- text ------------------------------------------------------------------------------

    def text(self) -> str:
        """Junk, a huge text, or something people really write, often mixed."""
        r = self.rng
        pick = r.random()
        if pick < 0.35:
            return r.choice(PHRASES)
        if pick < 0.45:
            return "".join(r.choices("马桶堵了洗油烟机梯子😀🆘\u202e\u200b\n ", k=4000))
        if pick < 0.7:
            alphabet = string.printable + "²³①١٢ー〇𝟘\u0000\ufeff\U0010ffff丶乂"
            return "".join(r.choices(alphabet, k=r.randint(1, 60)))
        return r.choice(PHRASES) + " " + r.choice(SECRETS) + r.choice(("", "!!", "？", "\n\n"))

    def command(self) -> str:
        """A command with junk arguments, or a junk deep link."""
        r = self.rng
        name = r.choice(self.commands)
        args = [
            r.choice(("²", "9" * 25, "-1", "0", "jiejia", "provider", "elder_wang", "3-2-501"))
            for _ in range(r.randint(0, 3))
        ]
        if name == "start" and r.random() < 0.7:
            args = [r.choice(("req_", "inv_", "", "🙂", "x" * 80)) + self.text()[:20].strip()]
        if name == "enroll" and r.random() < 0.5:
            args = ["|".join(self.text()[:8] for _ in range(r.randint(0, 7)))]
        suffix = r.choice(("", "", "@concierge_test_bot", "@other_bot"))
        return f"/{name}{suffix} {' '.join(args)}".strip()

    # -- updates ---------------------------------------------------------------------------

    def _anyone(self) -> SandboxUser:
        pool = self.cast.members if self.rng.random() < 0.6 else self.cast.strangers
        return self.rng.choice(pool)

    def _take(self) -> JsonDict:
        """The update the sandbox just queued (removed from the queue: the test feeds it)."""
        return self.sb.state.updates.pop()

    def _write(self, chat: SandboxChat | None, text: str) -> JsonDict:
        user = self._anyone()
        where = chat or self.sb.private_chat(user)
        self.written.append(self.sb.state.user_writes(user, where, text))
        return self._take()

    def _raw(self, kind: str, payload: JsonDict) -> JsonDict:
        self.sb.state.enqueue(kind, payload)
        return self._take()

    def _chat_message(self, chat: JsonDict, **fields: Any) -> JsonDict:
        self.next_id += 1
        return {"message_id": self.next_id, "date": 1_800_000_000, "chat": chat, **fields}

    def _from(self) -> JsonDict:
        user = self._anyone()
        data = user.to_api()
        if self.rng.random() < 0.2:
            data["first_name"] = self.rng.choice(("", " ", "\u200b", "🙂" * 40))
        return data

    def update(self) -> tuple[str, JsonDict]:
        """One update of a randomly chosen kind."""
        makers: list[tuple[float, str, Callable[[], JsonDict]]] = [
            (20, "private text", lambda: self._write(None, self.text())),
            (15, "group text", lambda: self._write(self.cast.group, self.text())),
            (3, "unbound group text", lambda: self._write(self.cast.unbound, self.text())),
            (12, "command", lambda: self._write(None, self.command())),
            (3, "group command", lambda: self._write(self.cast.group, self.command())),
            (6, "media", self._media),
            (7, "edit", self._edit),
            (3, "channel post", self._channel_post),
            (3, "no from", self._no_from),
            (3, "unknown chat type", self._unknown_chat),
            (8, "signed junk press", self._signed_junk_press),
            (5, "own press", self._own_press),
            (2, "inline press", self._inline_press),
            (2, "membership", self._membership),
        ]
        weights = [w for w, _, _ in makers]
        _, kind, make = self.rng.choices(makers, weights=weights)[0]
        return kind, make()

    def _media(self) -> JsonDict:
        chat = self.rng.choice((None, self.cast.group))
        user = self._anyone()
        where = chat or self.sb.private_chat(user)
        if self.rng.random() < 0.6:
            self.sb.state.user_sends_media(user, where, self.rng.choice(MEDIA))
            return self._take()
        kind = self.rng.choice(list(ODD_MEDIA))
        message = self._chat_message(where.to_api(), **{"from": user.to_api()})
        message[kind] = ODD_MEDIA[kind]
        return self._raw("message", message)

    def _edit(self) -> JsonDict:
        if not self.written:
            return self._write(None, self.text())
        message = self.rng.choice(self.written[-200:])
        payload = message.to_api()
        payload.pop("entities", None)
        payload["text"] = self.text()
        payload["edit_date"] = message.date + 1
        return self._raw("edited_message", payload)

    def _channel_post(self) -> JsonDict:
        channel = {"id": -1007777, "type": "channel", "title": "公告"}
        kind = self.rng.choice(("channel_post", "edited_channel_post"))
        fields: JsonDict = {"text": self.rng.choice((self.text(), self.command()))}
        if kind == "edited_channel_post":
            fields["edit_date"] = 1_800_000_001
        return self._raw(kind, self._chat_message(channel, **fields))

    def _no_from(self) -> JsonDict:
        sender_chat = {"id": -1009999, "type": "channel", "title": "频道"}
        text = self.rng.choice((self.text(), self.command()))
        message = self._chat_message(self.cast.group.to_api(), sender_chat=sender_chat, text=text)
        return self._raw("message", message)

    def _unknown_chat(self) -> JsonDict:
        chat = {"id": -1008888, "type": self.rng.choice(("guild", "", "secret")), "title": "?"}
        text = self.rng.choice((self.text(), self.command()))
        message = self._chat_message(chat, **{"from": self._from(), "text": text})
        return self._raw("message", message)

    def _membership(self) -> JsonDict:
        status = self.rng.choice(("member", "administrator", "left", "kicked"))
        chat = self.rng.choice((self.cast.group, self.cast.unbound))
        bot = self.sb.bot.to_api()
        payload = {
            "chat": chat.to_api(),
            "from": self._from(),
            "date": 1_800_000_000,
            "old_chat_member": {"user": bot, "status": "left"},
            "new_chat_member": {"user": bot, "status": status},
        }
        if status == "kicked":
            payload["new_chat_member"]["until_date"] = 0
        if status == "administrator":
            payload["new_chat_member"].update(
                {k: False for k in _ADMIN_RIGHTS} | {"can_be_edited": False}
            )
        return self._raw("my_chat_member", payload)

    # -- presses ---------------------------------------------------------------------------

    def _press(self, user: SandboxUser, data: str, message_id: int = 1) -> JsonDict:
        self.sb.state.user_presses(user, self.sb.private_chat(user), message_id, data)
        return self._take()

    def _signed_junk_press(self) -> JsonDict:
        """A real action, signed by the bot, with arguments that are not ids."""
        signer = self.signer
        action = self.rng.choice((*sorted(PERSONAL_ACTIONS), "cat", "item", "lang", "addr_later"))
        junk = ("²", "9" * 19, "-1", "", "0", "维修", "yes", "keep", "ok")
        args = [self.rng.choice(junk) for _ in range(self.rng.randint(0, 3))]
        try:
            data = signer.make(action, *args)
        except ValueError:  # too long or a separator: Telegram would not carry it either
            data = signer.make(action)
        return self._press(self._anyone(), data)

    def _own_press(self) -> JsonDict:
        """Someone presses a real button in their own chat (a legitimate press)."""
        if not self.buttons:
            return self._signed_junk_press()
        message, data = self.rng.choice(self.buttons)
        owner = message.chat.user
        if owner is None:
            return self._signed_junk_press()
        self.sb.state.user_presses(owner, message.chat, message.message_id, data)
        return self._take()

    def _inline_press(self) -> JsonDict:
        payload = {
            "id": f"inline-{self.rng.random()}",
            "from": self._from(),
            "chat_instance": "1",
            "inline_message_id": "abc",
            "data": self.rng.choice(("", "x", "bk_acc:1:1|签名签名", "🙂" * 10)),
        }
        return self._raw("callback_query", payload)

    def forged(self) -> tuple[str, JsonDict]:
        """Forged input: junk or foreign data, or a stranger pressing someone else's button."""
        r = self.rng
        stranger = r.choice(self.cast.strangers)
        theirs = [(m, d) for m, d in self.personal if m.chat.id != stranger.id]
        if theirs and r.random() < 0.5:
            message, data = r.choice(theirs)
            return "stranger's press", self._press(stranger, data, message.message_id)
        real = r.choice(theirs)[1] if theirs else "bk_acc:1:1|AAAAAAAA"
        forged = r.choice(
            (
                real[:-1] + r.choice("AB签é"),
                real.rsplit("|", 1)[0] + "|" + "".join(r.choices(string.ascii_letters, k=8)),
                CallbackSigner("another deployment's key").make(_action(real), 1, 1),
                "".join(r.choice("签名é😀|:²") for _ in range(r.randint(0, 30))),
                "|",
                "",
            )
        )
        return "forged press", self._press(stranger, forged)

    def harvest(self) -> None:
        """Remember every callback button the bot has sent to a private chat so far."""
        seen = {(m.chat.id, m.message_id, d) for m, d in self.buttons}
        for message in self.sb.sent():
            if message.chat.user is None:
                continue
            for button in message.buttons:
                data = button.get("callback_data")
                if data and (message.chat.id, message.message_id, data) not in seen:
                    self.buttons.append((message, str(data)))
                    if _action(str(data)) in PERSONAL_ACTIONS:
                        self.personal.append((message, str(data)))


_ADMIN_RIGHTS = (
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


def _action(data: str) -> str:
    """The action of button data (``action:args|sig``)."""
    return data.split("|", 1)[0].split(":", 1)[0]
