"""Tester 1's group findings: a request in the anti-flood "got it" keeps its deep link, a price
asked "just asking" gets the price (never "noted"), a grumble is no FAQ question, and a phone
number posted in the group is warned about like a door code."""

from __future__ import annotations

from tests.booking_steps import book, crew, offer_to, press
from tests.harness import Harness


async def test_a_reschedule_in_the_paced_ack_continues_in_private(bot: Harness) -> None:
    """Right after her request was answered in the group, "could we push … instead?" only
    gets the anti-flood "got it": its button carries the reschedule, so opening the private
    chat proposes the new time to the worker (it was a bare link and the change was lost)."""
    people = await crew(bot)
    group = await bot.group()
    emma = bot.person(6101, "Emma", language="en")
    await bot.ask(emma, "/start")
    await bot.ask(emma, "3-2-501", contains="address")
    await book(bot, emma, "明天上午想找人洗一下油烟机", group=group)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(emma.id, contains="已接单")
    said = await bot.say(
        emma, "hey could we push the range hood cleaning to Sunday afternoon instead?", group
    )
    paced = await bot.sb.wait_for_message(group.id, contains="tidy", after=said.message_id)
    url = next(b["url"] for b in paced.buttons if "url" in b)
    assert "start=req_" in url, url
    opened = await bot.sb.press_start(emma, url.rsplit("start=", 1)[1])
    sent = await bot.sb.wait_for_message(emma.id, contains="new time", after=opened.message_id)
    assert "14:00" in sent.content, sent.content
    asked = await bot.sb.wait_for_message(people.zhao.id, contains="想把时间从")
    assert "14:00-17:00" in asked.content


async def test_just_asking_the_price_gets_the_price_never_a_noted_request(bot: Harness) -> None:
    """ "有人知道保洁一般多少钱一小时吗，我就问问，不约" right after another answer to the same
    writer: the anti-flood reply gives the price, it does not say the request was noted."""
    await crew(bot)
    group = await bot.group()
    resident = bot.person(6102, "阿强")
    first = await bot.say(resident, "明天上午想找人洗一下油烟机，有人能约吗？", group)
    await bot.sb.wait_for_message(group.id, after=first.message_id)
    asked = await bot.say(resident, "有人知道保洁一般多少钱一小时吗，我就问问，不约", group)
    answer = await bot.sb.wait_for_message(group.id, after=asked.message_id)
    assert "家庭保洁" in answer.content and "¥45" in answer.content, answer.content
    assert "已记下" not in answer.content


async def test_a_grumble_is_no_faq_question_and_a_phone_number_is_warned(bot: Harness) -> None:
    """ "物业费是不是又涨了？" is left alone while "物业费怎么交" is answered; a request showing a
    mobile number is answered with advice to delete it, the number never repeated."""
    await crew(bot)
    group = await bot.group()
    resident = bot.person(6103, "老张")
    grumble = await bot.say(resident, "物业费是不是又涨了？去年还是2块一平", group)
    await bot.sb.wait_idle(quiet=0.2)
    assert not [m for m in bot.sb.sent(group.id) if m.message_id > grumble.message_id]
    neighbour = bot.person(6104, "小王")
    question = await bot.say(neighbour, "物业费怎么交", group)
    await bot.sb.wait_for_message(group.id, contains="缴纳", after=question.message_id)
    emma = bot.person(6105, "Emma", language="en")
    said = await bot.say(
        emma, "phone 13900001111, need my range hood cleaned tomorrow morning", group
    )
    answer = await bot.sb.wait_for_message(group.id, after=said.message_id)
    assert "phone number everyone in the group can read" in answer.content, answer.content
    assert "13900001111" not in answer.content


async def test_the_group_and_private_chat_give_the_same_afternoon(bot: Harness) -> None:
    """ "need my AC cleaned tomorrow afternoon, 2 units" (tester item 11): the group said
    13:00-18:00 and private then offered 14:00-17:00; both now say the visit part."""
    await crew(bot)
    group = await bot.group()
    emma = bot.person(6103, "Emma", language="en")
    said = await bot.say(emma, "need my AC cleaned tomorrow afternoon, 2 units", group)
    answer = await bot.sb.wait_for_message(group.id, contains="When:", after=said.message_id)
    assert "14:00-17:00" in answer.content and "13:00" not in answer.content, answer.content
    url = next(b["url"] for b in answer.buttons if "url" in b)
    opened = await bot.sb.press_start(emma, url.rsplit("start=", 1)[1])
    choice = await bot.sb.wait_for_message(emma.id, after=opened.message_id, contains="¥")
    await press(bot, emma, choice, choice.button_texts[0])
    asked = await bot.sb.wait_for_message(emma.id, contains="14:00-17:00", after=choice)
    assert "13:00" not in asked.content
