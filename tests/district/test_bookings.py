"""Two communities side by side: a group request becomes a booking and is accepted in each,
by a provider member serving both; nothing of one community shows in the other's chats,
lists or store."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox, SandboxUser
from tests.booking_steps import book, offer_to, press
from tests.district.support import District, Side, district_settings, texts, write_folder

XIANGXI, YINXING = "香溪美地", "银杏苑"


async def join(side: Side, user: SandboxUser, what: str) -> None:
    """The community's staff invites the person and they open the link."""
    await side.settle_staff()
    link = await side.ask(side.staff, f"/invite {what}", contains="邀请链接已生成")
    url = next(b["url"] for b in link.buttons if "url" in b)
    payload = url.rsplit("start=", 1)[1]
    assert payload.startswith(f"{side.name}-"), payload  # the link names its community
    started = await side.sb.press_start(user, payload)
    await side.sb.wait_for_message(user.id, after=started.message_id)
    await side.sb.wait_idle(quiet=0.05)


async def rows(side: Side, sql: str) -> list[tuple[object, ...]]:
    async with side.runtime.db.read() as tx:
        return [tuple(r) for r in await tx.all(sql)]


async def test_bookings_side_by_side_never_cross(district: District) -> None:
    xiangxi, yinxing = district.side("xiangxi"), district.side("yinxing")
    group_x = await xiangxi.group(-1001, "香溪美地业主群")
    group_y = await yinxing.group(-2001, "银杏苑业主群")
    zhao = district.person(3001, "赵阿姨")  # 洁家家政 serves both communities
    await join(xiangxi, zhao, "provider jiejia")
    await join(yinxing, zhao, "provider jiejia")

    li = district.person(5001, "小李")  # lives in 香溪美地
    wu = district.person(5002, "小吴")  # lives in 银杏苑
    await book(xiangxi, li, group=group_x, address="2-3-602")
    offer_x = await offer_to(district, zhao)
    assert XIANGXI in offer_x.content and YINXING not in offer_x.content  # labelled
    await press(district, zhao, offer_x, "✅ 接单")
    await district.sb.wait_for_message(li.id, contains="已接单")

    await book(yinxing, wu, "后天上午想找人洗一下油烟机", group=group_y, address="5-1-302")
    offer_y = await offer_to(district, zhao, after=offer_x.message_id)
    assert YINXING in offer_y.content and XIANGXI not in offer_y.content
    await press(district, zhao, offer_y, "✅ 接单")
    await district.sb.wait_for_message(wu.id, contains="已接单")

    # Each booking is in its own community's store, and only there.
    assert await rows(xiangxi, "SELECT COUNT(*) FROM bookings") == [(1,)]
    assert await rows(yinxing, "SELECT COUNT(*) FROM bookings") == [(1,)]
    assert await rows(yinxing, "SELECT COUNT(*) FROM people WHERE telegram_id = 5001") == [(0,)]
    assert await rows(xiangxi, "SELECT COUNT(*) FROM people WHERE telegram_id = 5002") == [(0,)]

    # Groups, residents and staff hear only their own community.
    for chat, other in ((group_x.id, YINXING), (group_y.id, XIANGXI)):
        assert other not in texts(district.sb.sent(chat))
    assert "5-1-302" not in texts(district.sb.sent(li.id)) + texts(district.sb.sent(1001))
    assert "2-3-602" not in texts(district.sb.sent(wu.id)) + texts(district.sb.sent(1002))

    # Staff /bookings lists only their own community's jobs.
    listing_x = await xiangxi.ask(xiangxi.staff, "/bookings")
    listing_y = await yinxing.ask(yinxing.staff, "/bookings")
    assert "订单 1 个" in listing_x.content and "订单 1 个" in listing_y.content
    assert "11月29日" in listing_x.content and "11月30日" not in listing_x.content
    assert "11月30日" in listing_y.content and "11月29日" not in listing_y.content

    # Residents' own lists: one community each.
    mine = await district.ask(li, "/mybookings", contains="您的预约")
    assert "#1" in mine.content and YINXING not in mine.content


async def test_after_a_restart_offers_to_a_provider_of_both_are_still_labelled(
    sandbox: Sandbox, stores: tuple[Path | str, Path | str], clock: FakeClock, tmp_path: Path
) -> None:
    """Who works in several communities is read from the stores at start: the first offer
    after a restart is labelled although the provider has not written since."""
    folder = write_folder(tmp_path / "communities")
    district = District(sandbox, district_settings(sandbox, folder, stores), clock)
    zhao = district.person(3001, "赵阿姨")
    async with district.running():
        await join(district.side("xiangxi"), zhao, "provider jiejia")
        await join(district.side("yinxing"), zhao, "provider jiejia")
    async with district.running():
        wu = district.person(5002, "小吴")
        started = await district.sb.press_start(wu, "yinxing")  # the community's chat link
        await district.sb.wait_for_messages(wu.id, count=2, after=started.message_id)
        await book(district.side("yinxing"), wu, "后天上午想找人洗一下油烟机", address="5-1-302")
        offer = await offer_to(district, zhao)
        assert offer.content.startswith(f"【{YINXING}】")
