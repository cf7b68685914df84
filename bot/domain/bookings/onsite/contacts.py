"""Hiding contact details on the private line, pure: resident and worker talk through the bot,
never around it, so a phone number, WeChat or QQ id, e-mail, Telegram username or contact link
is replaced by *** before a message is relayed or kept for staff.

People write contacts in many ways, and each family here is a table in
``tests/bookings/test_contacts.py`` (with a table of ordinary messages that must come through
untouched: times, prices, rooms, dates):

- numbers: a run of 7 or more digits, Arabic, full-width or Chinese ("一三九一二三四五六七八",
  "幺三九…", mixed "139一二三四5678"), with spaces, dots, dashes or brackets between them
  ("139 1234 5678", "+86 139-1234-5679", "(021) 6688 9900"). A date written with digits
  ("2026-11-28") is a date. Shorter numbers (rooms "3-2-501", prices, times) stay;
- ids after a contact word: 微信 / 威信 / 薇信 / V信 / vx / wx / "加我V" / WeChat / QQ / 扣扣 /
  邮箱 / email / telegram / tg / whatsapp, then a Latin or numeric id ("我微信是 sun-shifu_2024",
  "加我V：sunsf2024", "QQ 12345");
- e-mail in all its disguises: "a.b@example.com", "sun＠163.com", "sun at 163 dot com",
  "sun(at)163(dot)com", "sun@163点com";
- @usernames and t.me / telegram.me / wa.me / tg:// links;
- numbers spelled in English words or pinyin digits ("one three nine one two…", "139 one
  two…", "yao san jiu…"), 7 digits or more (``tests/bookings/test_spelled_phone_numbers.py``).

Addresses are not hidden: the assigned worker has the booking's address already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MASK = "***"

_DIGIT = "[0-9０-９〇零一二三四五六七八九幺]"
_SEP = r"[\s.\-－—–_·•/()（）．。、]"
# 7+ digits with at most three separators between any two: a phone number or an account number.
_DIGIT_RUN = re.compile(rf"(?:\+|＋|[(（])?{_DIGIT}(?:{_SEP}{{0,3}}{_DIGIT}){{6,}}")
# What looks like a long number but is not a contact, kept aside before numbers are looked
# for: a date ("2026-11-28"), a room ("3-2-1102", 楼栋-单元-房号), a clock ("15:00-17:00"),
# an amount ("¥1000-1500", "1200元").
_KEEP = re.compile(
    r"\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?"
    r"|(?<![\d+＋])\d{1,2}\s?[-－—]\s?\d{1,2}\s?[-－—]\s?\d{3,4}(?![\d\-－—])"
    r"|\d{1,2}[:：]\d{2}(?:\s?[-~～到至]\s?\d{1,2}[:：]\d{2})?"
    r"|[¥￥$]\s?\d[\d,.]*(?:\s?[-~～到至]\s?[¥￥$]?\s?\d[\d,.]*)?"
    r"|\d[\d,.]*(?:\s?[-~～到至]\s?\d[\d,.]*)?\s?(?:元|块|rmb|yuan)"
)
_SLOT = "\ue000"  # stands in for a kept part while numbers are hidden (private use: never typed)
_HANDLE = re.compile(r"[@＠][A-Za-z][A-Za-z0-9_]{2,}")
_LINK = re.compile(
    r"(?:https?://)?(?:t\.me|telegram\.me|telegram\.dog|wa\.me)/\S+|tg://\S+", re.IGNORECASE
)
_AT = r"(?:\s*[@＠]\s*|\s*[(\[{（【]\s*at\s*[)\]}）】]\s*|\s+at\s+|\s*艾特\s*)"
_DOT = r"(?:\s*[.。．]\s*|\s*[(\[{（【]\s*dot\s*[)\]}）】]\s*|\s+dot\s+|\s*点\s*)"
_EMAIL = re.compile(
    rf"[A-Za-z0-9][\w.+\-]*{_AT}[A-Za-z0-9][\w\-]*(?:{_DOT}[A-Za-z0-9][\w\-]*)*"
    rf"{_DOT}(?:com|cn|net|org|edu|gov|io|me|co|info|hk|tw|uk|de|jp)\b",
    re.IGNORECASE,
)
# A contact word, a few joining words or signs, then the id itself.
_WORD = (
    r"微信号?|威信|薇信|徽信|[vV]信|weixin|wechat|(?<![A-Za-z])(?:vx|wx|v|qq)(?![A-Za-z])"
    r"|扣扣|企鹅号?|邮箱|e-?mail|telegram|电报|(?<![A-Za-z])tg(?![A-Za-z])|whatsapp|line\s?id"
)
_JOIN = r"(?:[\s:：,，.。是的为号码账叫名字搜加我一下吧]|\b(?:is|id|me|at)\b){0,8}?"
_ID = r"[A-Za-z0-9][\w\-.]{3,}[A-Za-z0-9_]"
_CONTACT = re.compile(rf"({_WORD})({_JOIN})({_ID})", re.IGNORECASE)


# A number spelled in words (session 15: "one three nine one two…" reached the worker):
# English number words or pinyin digits, alone or mixed with digit groups, 7 digits or more.
_SAID = (
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine"
    r"|yao|ling|yi|er|san|si|wu|liu|qi|ba|jiu"
)
_TOKEN = rf"(?<![A-Za-z0-9])(?:{_SAID}|\d+)(?![A-Za-z0-9])"
_SPELLED = re.compile(rf"{_TOKEN}(?:[\s,，.\-]{{1,3}}{_TOKEN})+", re.IGNORECASE)


def _spelled(text: str) -> str:
    """Hide a run of number words (with digit groups) that makes 7 digits or more."""

    def hide(m: re.Match[str]) -> str:
        parts = re.findall(rf"{_SAID}|\d+", m.group(), re.IGNORECASE)
        digits = sum(len(p) if p.isdigit() else 1 for p in parts)
        words = any(not p.isdigit() for p in parts)
        return MASK if words and digits >= 7 else m.group()

    return _SPELLED.sub(hide, text)


@dataclass(frozen=True)
class Hidden:
    """A text with its contact details replaced, and whether anything was."""

    text: str
    hidden: bool


def _numbers(text: str) -> str:
    """Hide long numbers (in digits or spelled), keeping dates, rooms, clocks and amounts."""
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group())
        return _SLOT

    masked = _DIGIT_RUN.sub(MASK, _spelled(_KEEP.sub(keep, text)))
    parts = masked.split(_SLOT)
    return "".join(p + (kept[i] if i < len(kept) else "") for i, p in enumerate(parts))


def _contact(m: re.Match[str]) -> str:
    """Keep the contact word and the joining words ("我微信是 ***"), hide the id."""
    return f"{m.group(1)}{m.group(2)}{MASK}"


def hide_contacts(text: str) -> Hidden:
    """The text with every contact detail replaced by ***, and whether there was one."""
    masked = _LINK.sub(MASK, text)
    masked = _EMAIL.sub(MASK, masked)
    masked = _CONTACT.sub(_contact, masked)
    masked = _HANDLE.sub("@" + MASK, masked)
    masked = _numbers(masked)
    return Hidden(masked, masked != text)


def mask_contacts(text: str) -> str:
    """The text with contact details replaced by *** (see :func:`hide_contacts`)."""
    return hide_contacts(text).text
