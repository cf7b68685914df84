"""Yes in words to two questions of a booking (session 15, findings 4 and 6): "就按这个时间，还是
换一个？" is answered "好 / 可以 / 行 / ok / keep it" (the time stays; an elderly user looped on
"没看懂这个时间"), and the fee warning of a late change is answered with its own button label
("确定改时间") or "yes" / "好". A new time or a refusal is neither."""

from __future__ import annotations

import pytest

from intents.replies import confirms_move, keeps_time


@pytest.mark.parametrize(
    ("text", "keeps"),
    [
        ("好", True),
        ("可以", True),
        ("就这个时间", True),
        ("行", True),
        ("对", True),
        ("确认", True),
        ("ok", True),
        ("OK!", True),
        ("yes", True),
        ("keep it", True),
        ("Keep it.", True),
        ("就这样", True),
        ("就按这个时间", True),
        ("这个时间可以", True),
        ("that works", True),
        ("明天下午3点", False),
        ("换一个", False),
        ("不行", False),
        ("三栋二单元五零一", False),
    ],
)
def test_keeps_time(text: str, keeps: bool) -> None:
    assert keeps_time(text) is keeps


@pytest.mark.parametrize(
    ("text", "confirms"),
    [
        ("确定改时间", True),
        ("确认改时间", True),
        ("yes", True),
        ("好", True),
        ("可以", True),
        ("改吧", True),
        ("Yes, change it", True),
        ("change it", True),
        ("ok", True),
        ("不改了", False),
        ("算了", False),
        ("no", False),
        ("改到6点", False),
    ],
)
def test_confirms_move(text: str, confirms: bool) -> None:
    assert confirms_move(text) is confirms
