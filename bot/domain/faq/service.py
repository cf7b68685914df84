"""Which ``[[faq]]`` entry a message asks about, and what to answer today.

An entry tied to a notice (``notice = "veg_stall"``) answers with the notice's text on the
notice's days ("今天菜摊几点开" on a Saturday), and with its own answer on other days, saying
there is no such notice today. No database: the file is the source.
"""

from __future__ import annotations

from datetime import datetime

from bot.config import WEEKDAYS, Community, FaqEntry
from bot.i18n import T, Text, both
from intents.faq import FaqItem, FaqMatch, FaqMatcher


class CommunityFaq:
    """The community's questions and answers, matched and answered."""

    def __init__(self, community: Community) -> None:
        self._community = community
        self._entries = {entry.id: entry for entry in community.faq}
        self._matcher = FaqMatcher(
            FaqItem(e.id, tuple(e.ask_zh + e.ask_en), tuple(e.keywords_zh + e.keywords_en))
            for e in community.faq
        )

    def for_group(self, text: str, *, addressed: bool = False) -> FaqMatch | None:
        """The entry to answer in a group (a clear question to the desk), if any."""
        if not self._entries:
            return None
        return self._matcher.for_group(text, addressed=addressed)

    def for_private(self, text: str, *, strong_only: bool = False) -> FaqMatch | None:
        """The entry to answer in private, if any (``strong_only``: see
        :meth:`FaqMatcher.for_private`)."""
        if not self._entries:
            return None
        return self._matcher.for_private(text, strong_only=strong_only)

    def answer_to(self, entry_id: str, now: datetime) -> Text | None:
        """The answer to an entry at this moment (None for an unknown id)."""
        entry = self._entries.get(entry_id)
        if entry is None:
            return None
        own = both(entry.answer_zh, entry.answer_en)
        if entry.notice is None:
            return T("faq.answer", text=own)
        notice = next(n for n in self._community.notices if n.id == entry.notice)
        today = WEEKDAYS[now.astimezone(self._community.tz).weekday()]
        if today in notice.days:
            return T("faq.notice_today", text=both(notice.text_zh, notice.text_en))
        if entry.topic_zh is not None:
            topic = both(entry.topic_zh, entry.topic_en or entry.topic_zh)
            return T("faq.not_today_topic", topic=topic, answer=own)
        return T("faq.not_today", answer=own)

    def entry(self, entry_id: str) -> FaqEntry | None:
        """An entry by id."""
        return self._entries.get(entry_id)
