"""Session 15 retest (#7): "家里有煤气味 请帮我打119" from a deaf resident was read as a fire
(the strong sign "打119") and he was told to evacuate by the stairs with a wet towel, not to
leave touching no switch. Asking someone to call 119 names a number, not a kind: any kind's
strong words win, and 119 alone is still a fire."""

from __future__ import annotations

import pytest

from intents.emergency import detect_emergency


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("家里有煤气味 请帮我打119", "gas"),
        ("我听不见 不能打电话 家里有煤气味 请帮我打119", "gas"),
        ("燃气泄漏了 快打119", "gas"),
        ("闻到好大一股煤气味 帮我叫119", "gas"),
        ("I smell gas, please call 119 for me", "gas"),
        # still a fire
        ("楼下着火了 快打119", "fire"),
        ("快打119", "fire"),
        ("浓烟 帮我打119", "fire"),
    ],
)
def test_the_kind_beats_the_number(text: str, kind: str) -> None:
    found = detect_emergency(text)
    assert found is not None and found.kind == kind, found
