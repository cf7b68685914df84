"""A private text is understood once per update, however many handlers ask what it means: the
message handler, the private line's first look (is this a reply to a worker, a cancel?), an
awaited answer's cancel test. Understanding is the costliest step of the private path."""

from __future__ import annotations

from typing import Any

import pytest

from intents import Understanding
from tests.harness import Harness

REQUEST = "明天上午想找人洗一下油烟机"


async def test_a_private_request_is_understood_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resident's request in private, then another while the first one's draft waits: each
    is read once, and answered as before (the draft with its providers)."""
    async with harness.running() as h:
        await h.join(h.person(4101, "赵阿姨"), "provider", "jiejia")  # someone takes the job
        resident = h.person(5001, "小李")
        await h.ask(resident, "你好")
        understander = h.runtime.understander
        real = understander.understand
        read: list[str] = []

        def counted(text: str, **kwargs: Any) -> Understanding:
            read.append(text)
            return real(text, **kwargs)

        monkeypatch.setattr(understander, "understand", counted)
        await h.ask(resident, REQUEST, contains="油烟机")
        await h.sb.wait_idle(quiet=0.05)
        assert read == [REQUEST]
        await h.ask(resident, REQUEST, contains="油烟机")
        await h.sb.wait_idle(quiet=0.05)
        assert read == [REQUEST, REQUEST]
