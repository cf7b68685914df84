"""Keeping private data out of places it must never reach: group chats, logs, stored misses.

Personal here means a phone number, an address or a door code. Chat ids, update ids, deadline
names and dates are not: an operator needs them to tell which chat failed and when, so logs keep
them (:func:`redact_log`). What people wrote (a stored miss) is redacted more strictly
(:func:`redact`): any longer run of digits in someone's words may be a code.
"""

from __future__ import annotations

import logging
import re

_PERSONAL = (
    # Chinese mobiles, with or without +86 and separators: 13812345678, 138-1234-5678.
    # Not inside a longer number, nor after "-" (group chat ids are -100...). A user id that
    # looks exactly like a mobile number is redacted too: privacy wins over that rare case.
    re.compile(r"(?<![\d\-])(?:\+?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{4}){2}(?!\d)"),
    # Any number written with a country code: +86 21 6123 4567, +1-202-555-0100.
    re.compile(r"\+\d{1,3}(?:[\s\-]?\(?\d{2,4}\)?){2,4}"),
    # Landlines with an area code: 021-61234567, (0571) 8888 6666, 0571-8888 6666.
    re.compile(r"(?<![\d\-])\(?0\d{2,3}\)?[\s\-]?\d{3,4}[\s\-]?\d{4}(?!\d)"),
    # Building-unit-room addresses: 3栋2单元501, 5 号楼 1 单元 302 室, 2单元501室, 3-2-501.
    re.compile(r"\d+\s*(?:栋|号楼|幢|座)\s*\d*\s*(?:单元)?\s*\d*\s*(?:室|号)?"),
    re.compile(r"\d+\s*单元\s*\d+\s*(?:室|号)?"),
    re.compile(r"\b\d{1,3}-\d{1,3}-\d{2,5}\b"),
)
# A code after the words that introduce one: "door code 908172", "门锁密码 8642#", "密码是：2580",
# "门禁 8866#" (the retest of issue 15: a staff note), "gate code: 1234", "the code is 4321".
# A code has a digit, so words after them ("门禁坏了", "gate code works now") stay.
_CODE = re.compile(
    r"(?i)(\b(?:door|cabinet|gate|entry|access|keypad|lock|building|front[\s_\-]*door)"
    r"[\s_\-]*(?:code|pin)|\bpass(?:code|word)|\bpin\b|\bcode(?=\s*(?:is\b|:|=))"
    r"|门禁(?:密码|码|卡号)?|(?:门锁|开门|大门|单元门|入户门|门)(?:密码|码)|密码锁?)"
    r"((?:\s*(?:是|为|:|：|=|is\b|号码))*\s*)#?(?=[0-9A-Za-z#*]*\d)[0-9A-Za-z#*]{3,}"
)
# In someone's words, a run of six or more digits (with separators) may be a code or a phone.
_DIGITS = re.compile(r"\+?\d[\d\- ]{4,}\d")


def redact_log(text: str) -> str:
    """Replace phone numbers, addresses and door codes with '***'; keep ids, dates, times."""
    for pattern in _PERSONAL:
        text = pattern.sub("***", text)
    return _CODE.sub(r"\1\2***", text)


def personal_numbers(text: str) -> list[str]:
    """The phone numbers and door codes in a text, as written (what a notice would post to
    every group: staff are shown them before it is saved)."""
    found = [m.group(0).strip() for p in _PERSONAL[:3] for m in p.finditer(text)]
    return found + [m.group(0).strip() for m in _CODE.finditer(text)]


def mobile_said(text: str) -> bool:
    """Whether a text shows a mobile number (13812345678, +86 138-1234-5678): a group reply
    warns its writer that everyone can read it."""
    return _PERSONAL[0].search(text) is not None


def redact_codes(text: str) -> str:
    """Only the door codes ("门禁密码1234#" -> "门禁密码***"): words kept for their writer's
    own follow-up keep their address and times, never a code written in a group."""
    return _CODE.sub(r"\1\2***", text)


def redact(text: str) -> str:
    """Redact what a person wrote: everything :func:`redact_log` removes, and long digit runs."""
    return _DIGITS.sub("***", redact_log(text))


def redact_contacts(text: str) -> str:
    """What staff read of someone's free words (a note, a comment): :func:`redact`, and contact
    details too (WeChat/QQ ids, e-mails, @usernames, contact links: the private line's rules)."""
    # imported here: the bookings package imports this module (a pure function, no cycle)
    from bot.domain.bookings.onsite.contacts import hide_contacts

    return hide_contacts(redact(text)).text


# A door number's room, after its building (and unit), for staff's eyes: "3栋2单元501" ->
# "3栋2单元***", "2单元501室" -> "2单元***", "3-2-501" -> "3-2-***"; a building alone ("3栋电梯")
# is no secret and stays.
_ROOMS = (
    re.compile(r"(\d+\s*(?:栋|号楼|幢|座)\s*(?:\d+\s*单元)?\s*)\d+(?!\s*单元|\d)\s*(?:室|号)?"),
    re.compile(r"(\d+\s*单元\s*)\d+\s*(?:室|号)?"),
    re.compile(r"\b(\d{1,3}-\d{1,3}-)\d{2,5}\b"),
)


def redact_rooms(text: str) -> str:
    """What staff read of someone's words or an incident's place: :func:`redact_contacts`, but
    the building and unit kept (they are where to go, and not private); only the room number,
    phone numbers, door codes and contact details masked."""
    from bot.domain.bookings.onsite.contacts import hide_contacts

    for phone in _PERSONAL[:3]:
        text = phone.sub("***", text)
    for room in _ROOMS:
        text = room.sub(r"\1***", text)
    return hide_contacts(_DIGITS.sub("***", _CODE.sub(r"\1\2***", text))).text


class RedactingFilter(logging.Filter):
    """A logging filter that redacts every record's rendered message (see :func:`redact_log`)."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message (and any traceback) once, redacted."""
        message = record.getMessage()
        redacted = redact_log(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when set, so the traceback is printed redacted too.
            record.exc_text = redact_log(self._formatter.formatException(record.exc_info))
        return True


class UnreadableAnswerFilter(logging.Filter):
    """One line for a Bot API answer python-telegram-bot could not read, without its body.

    It logs such an answer whole (the body may echo a message's text: an address, a door code)
    with a traceback, at ERROR. For the bot it is a routine, handled failure: the message's row
    ends ``uncertain`` (docs/reliability.md), polling and a start try again. The exception that
    follows carries what the operator needs.
    """

    _PREFIX = "Can not load invalid JSON data"

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite python-telegram-bot's record; leave every other record alone."""
        if record.name.startswith("telegram.request") and str(record.msg).startswith(self._PREFIX):
            size = (
                len(str(record.args[0])) if isinstance(record.args, tuple) and record.args else 0
            )
            record.msg = "The Bot API answered with a body that is not JSON (%d characters)"
            record.args = (size,)
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
