"""Whether a writer's later words are about their open emergency (intents.followup), as a
table: signs of the emergency are passed on, plain chatter is not, and what shows neither is
passed on (safety first). Session 8 residents' report, problem 3: "Lovely sunset tonight
everyone" and a question to the desk were passed to staff as news of the emergency."""

from __future__ import annotations

import pytest

from intents.followup import FollowUp, read_follow_up

ABOUT, UNSURE, CHATTER = FollowUp.ABOUT, FollowUp.UNSURE, FollowUp.CHATTER
FIRE = "楼下着火了 好大的烟"
LIFT = "3栋电梯困人了！"
FALL = "my dad fell in the bathroom and can't get up"


@pytest.mark.parametrize(
    ("text", "emergency", "reading"),
    [
        # waiting, arrival, how it stands
        ("还在等", LIFT, ABOUT),
        ("人来了吗", LIFT, ABOUT),
        ("怎么还没人来啊", LIFT, ABOUT),
        ("等了十分钟了", LIFT, ABOUT),
        ("没事了 是有人在烧纸 虚惊一场", FIRE, ABOUT),
        ("人已经出来了", LIFT, ABOUT),
        ("已经打了119", FIRE, ABOUT),
        ("谢谢大家", FIRE, ABOUT),
        ("is anyone coming?", FALL, ABOUT),
        ("we are still waiting", FALL, ABOUT),
        ("The ambulance is here", FALL, ABOUT),
        ("he's ok now, thanks", FALL, ABOUT),
        # more details: a place, a person, the danger's own words
        ("在2栋1单元门口", FIRE, ABOUT),
        ("3-2-501", FALL, ABOUT),
        ("里面还有个老人", LIFT, ABOUT),
        ("烟越来越大", FIRE, ABOUT),
        ("他头上流血了", FALL, ABOUT),
        ("kitchen", FIRE, ABOUT),
        # words of the report itself
        ("楼下那边", FIRE, ABOUT),
        # a question to the desk that may be about it: passed on (and answered)
        ("物业电话多少", LIFT, ABOUT),
        # plain chatter
        ("Lovely sunset tonight everyone", FALL, CHATTER),
        ("今天天气真好", LIFT, CHATTER),
        ("今天的晚霞好漂亮", LIFT, CHATTER),
        ("晚上吃什么", FIRE, CHATTER),
        ("哈哈哈", FIRE, CHATTER),
        ("早上好", LIFT, CHATTER),
        ("楼下的猫又胖了", LIFT, CHATTER),
        ("👍", LIFT, CHATTER),
        # neither: passed on within the short window
        ("明天几点开会", LIFT, UNSURE),
        ("好的", LIFT, UNSURE),
        ("快递到了", LIFT, UNSURE),
    ],
)
def test_how_a_later_message_relates_to_the_emergency(
    text: str, emergency: str, reading: FollowUp
) -> None:
    assert read_follow_up(text, emergency) is reading


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("快递驿站几点关门？", CHATTER),  # a listed question, no sign: answered, not passed on
        ("物业电话多少，电梯里还有人", ABOUT),  # a sign wins: passed on and answered
    ],
)
def test_a_question_the_desk_answers_is_not_news_unless_it_shows_a_sign(
    text: str, reading: FollowUp
) -> None:
    assert read_follow_up(text, LIFT, question=True) is reading
