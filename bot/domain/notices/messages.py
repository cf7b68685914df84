"""Every text of notices, from the catalogue (``bot/i18n/*/notices.toml``)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config import Notice
from bot.domain.notices.model import TimeProblem
from bot.i18n import T, Text
from bot.i18n.fmt import when_both


def recurring_text(text_zh: str, text_en: str) -> Text:
    """A recurring notice as posted: Chinese, then English; once only when one language is
    empty or both say the same (the console's form copies the Chinese into a blank English)."""
    zh, en = text_zh.strip(), text_en.strip()
    if not zh or not en or zh == en:
        return T("notices.recurring_one", text=zh or en)
    return T("notices.recurring", zh=text_zh, en=text_en)


class NoticeTexts:
    """Notices as posted to groups, and staff's answers."""

    def __init__(self, tz: ZoneInfo) -> None:
        self._tz = tz

    def recurring(self, notice: Notice) -> Text:
        """A file notice as posted (:func:`recurring_text`)."""
        return recurring_text(notice.text_zh, notice.text_en)

    def once(self, text: str) -> Text:
        """A staff notice, as written, under a bilingual header."""
        return T("notices.once", text=text)

    def posted(self, groups: int) -> Text:
        """The author is told their notice went out."""
        return T("notices.posted", groups=groups)

    def skipped(self, text: str) -> Text:
        """The author is told their notice came too late and was not posted."""
        return T("notices.skipped", text=text)

    def scheduled(self, post_at: datetime, groups: int) -> Text:
        """Staff's confirmation: when, and to how many groups."""
        return T("notices.scheduled", when=when_both(post_at, None, self._tz), groups=groups)

    def usage(self) -> Text:
        """How to write /notice."""
        return T("notices.usage")

    def problem(self, problem: TimeProblem) -> Text:
        """Why the time was not accepted."""
        return T(f"notices.{problem}")
