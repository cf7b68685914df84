"""Who the person in trouble is told was reached: only the roles of those a message was really
queued for (a table), and never "everyone"."""

from __future__ import annotations

import pytest

from bot.domain.incidents import messages
from bot.i18n import T, render

WORKER, KEEPER, STAFF, FAMILY = "grid_worker", "responder", "staff", "family"


@pytest.mark.parametrize(
    ("roles", "zh", "en"),
    [
        (set(), "", ""),
        ({"subject"}, "", ""),  # the person herself is nobody reached
        ({STAFF}, "社区工作人员", "community staff"),
        ({WORKER}, "值班管家", "the housekeepers on duty"),
        ({KEEPER, STAFF}, "值班管家、社区工作人员", "the housekeepers on duty, community staff"),
        ({STAFF, FAMILY}, "社区工作人员、您的家人", "community staff, your family"),
        ({FAMILY}, "您的家人", "your family"),
        (
            {WORKER, KEEPER, STAFF, FAMILY},
            "值班管家、社区工作人员、您的家人",
            "the housekeepers on duty, community staff, your family",
        ),
    ],
)
def test_the_reached_phrase_names_exactly_the_roles_reached(
    roles: set[str], zh: str, en: str
) -> None:
    told = messages.joined(messages.reached(roles))
    assert told == {"zh": zh, "en": en}


def test_getting_worse_says_whom_it_alerted_again_not_everyone() -> None:
    told = messages.joined(messages.reached({STAFF}))
    text = T("incidents.subject_worse_ack", told=told, advice="")
    assert render(text, "zh").startswith("已再次紧急通知社区工作人员。")
    assert "所有人" not in render(text, "zh") and "Everyone" not in render(text, "en")
    assert "管家" not in render(text, "zh")
