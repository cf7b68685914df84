"""A revoked housekeeper keeps no relayed words of a help call (retest 15, finding 5): what the
person wrote after the alert ("我在客厅…", which may name the flat) was passed on to him, and
when staff revoke him it is withdrawn from his chat like the alert itself, not left as sent."""

from __future__ import annotations

from tests.e2e.test_checkins import Cast
from tests.e2e.test_revoked_keeper_help import _help_then_revoke, care

__all__ = ["care"]  # the fixture


async def test_relayed_words_are_withdrawn_from_a_revoked_keeper(care: Cast) -> None:
    await _help_then_revoke(care, before=_words_first)
    assert care.count(care.zhang, "我在客厅") == 0
    assert any(
        "工作身份已由物业工作人员撤销" in m.content for m in care.bot.sb.sent(care.zhang.id)
    )


async def _words_first(care: Cast) -> None:
    """王阿姨 writes where she is; 张管家 receives it."""
    await care.bot.say(care.wang, "我在客厅，门口是3栋2单元")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="我在客厅")
