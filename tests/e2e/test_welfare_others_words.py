"""Tester session 15, W2 and W3 over the sandbox: the grid worker's own words "我刚上门看过了
… 没事" are answered with a one-tap 确认 王阿姨 平安？ (never the service menu) and the tap
settles the ladder; family's "我刚给我妈打了电话 她没事" reaches the grid worker and ends
nothing; afterwards "我妈今天怎么样" says who confirmed her, and her own greeting is never
marked as answered by her."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.test_checkins import Cast, care  # noqa: F401  (the fixture)


async def test_the_grid_workers_words_ask_one_tap_that_settles_it(care: Cast) -> None:  # noqa: F811
    await care.advance(timedelta(minutes=30))
    await care.ping(care.wang)
    await care.advance(timedelta(minutes=60))
    await care.bot.sb.wait_for_message(care.zhang.id, contains="一直没有回复")
    await care.bot.say(care.daughter, "我刚给我妈打了电话 她没事 手机调静音了")
    passed = await care.bot.sb.wait_for_message(care.zhang.id, contains="手机调静音了")
    assert passed.button_texts == ["✅ 已确认平安"]
    await care.bot.sb.wait_for_message(care.daughter.id, contains="已把您的话转告 张管家")
    await care.bot.say(care.zhang, "我刚上门看过了 王阿姨在家看电视呢 没事 手机静音了")
    ask = await care.bot.sb.wait_for_message(care.zhang.id, contains="确认 王阿姨 平安？")
    assert ask.button_texts == ["✅ 已确认平安"]
    await care.idle()
    assert care.count(care.zhang, "答不上来") == 0
    await care.bot.sb.press(care.zhang, ask, "✅ 已确认平安")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="已记录：平安")
    await care.bot.sb.wait_for_message(care.daughter.id, contains="张管家已确认")
    await care.advance(timedelta(hours=1))
    assert care.count(care.bot.staff, "关爱升级：王阿姨") == 0
    await care.bot.say(care.daughter, "我妈今天怎么样")
    news = await care.bot.sb.wait_for_message(care.daughter.id, contains="由张管家确认平安")
    assert "回复了问候" not in news.content
    await care.idle()
    assert care.count(care.wang, "✅ 已收到，谢谢") == 0
