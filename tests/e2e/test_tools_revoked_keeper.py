"""A housekeeper revoked while a loan he handed over runs: his loan message (the borrower's
room, the return buttons) is taken back like his help-call alerts, naming only the unit."""

from __future__ import annotations

import re

from tests.console.pages_support import staff_client
from tests.console.test_revoke import person_id
from tests.harness import Harness
from tests.tools_support import borrow, keeper, resident


async def test_a_revoked_keepers_loan_message_loses_the_room_and_the_buttons(
    bot: Harness,
) -> None:
    zhang = await keeper(bot)
    li = await resident(bot, 6001, "小李")
    await borrow(bot, li, zhang, "想借个梯子")
    lent = await bot.sb.wait_for_message(zhang.id, contains="小李（3-2-501） 借用了 梯子 #1")
    assert lent.button_texts == ["确认归还", "归还但有损坏"]
    zhang_id = await person_id(bot, zhang.id)
    async with staff_client(bot) as web:
        _, page = await web.get(f"/people/{zhang_id}/revoke")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf is not None
        form = {"csrf": csrf.group(1), "sure": "on"}
        async with web.http.post(f"{web.root}/people/{zhang_id}/revoke", data=form) as response:
            assert response.status == 200
    await bot.sb.wait_for_message(zhang.id, contains="这条借用消息已收回")
    loans = [m for m in bot.sb.sent(zhang.id) if "梯子 #1" in m.content]
    assert loans
    for message in loans:
        assert "3-2-501" not in message.content
        assert not message.buttons
