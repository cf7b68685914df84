"""Downtime in webhook mode: what Telegram kept while the bot was down is delivered and
handled before the overdue deadlines run, as polling reads its queue first. The stories are
the polling ones (tests/e2e/test_downtime.py), run on a bot in webhook mode: an answer given
while the bot was down still stops the step it answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from tests.e2e import test_downtime as stories
from tests.harness import Harness

Story = Callable[[Harness], Awaitable[None]]


@pytest.mark.parametrize(
    "story",
    [
        stories.test_an_answer_written_while_down_stops_the_ladder,
        stories.test_an_accept_pressed_while_down_beats_the_response_window,
        stories.test_a_return_confirmed_while_down_is_not_reported_overdue,
        stories.test_a_group_bound_while_down_gets_the_notice_due_meanwhile,
    ],
    ids=["checkin-answer", "booking-accept", "tool-return", "group-bound"],
)
async def test_what_was_done_while_down_wins_in_webhook_mode(
    webhook_harness: Harness, story: Story
) -> None:
    """The story passes with updates delivered by webhook, and no getUpdates at all."""
    await story(webhook_harness)
    assert webhook_harness.sb.calls("getUpdates") == []
    assert webhook_harness.sb.webhook.deliveries
