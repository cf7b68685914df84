"""Session 15 retest (welfare #2, #12, #13): an enrolled elder's words about her body that the
welfare reading did not place ("头那晕晕", "心跳得很快 手发麻 一个人在家", "从床上下不来了")
got only "收到，谢谢您跟我说～" and nobody was told. Heart and stroke signs (palpitations,
numbness, weakness on one side, slurred speech) are urgent: a help call; dialect dizziness is
not well: the grid worker calls; being kept in bed is urgent. Near-misses stay quiet."""

from __future__ import annotations

import pytest

from intents.welfare import WelfareLevel, read_welfare

URGENT, UNWELL, FINE, NONE = (
    WelfareLevel.URGENT,
    WelfareLevel.UNWELL,
    WelfareLevel.FINE,
    WelfareLevel.NONE,
)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # heart: palpitations
        ("心跳得很快 手发麻 一个人在家", URGENT),
        ("心跳得很快", URGENT),
        ("心跳好快 慌得很", URGENT),
        ("心怦怦跳 停不下来", URGENT),
        ("心跳乱七八糟的 一会快一会慢", URGENT),
        ("心慌", URGENT),
        ("我心悸 出冷汗", URGENT),
        ("my heart is racing", URGENT),
        ("heart pounding and my arm is numb", URGENT),
        # stroke: numbness, one side weak, slurred speech, face
        ("手发麻", URGENT),
        ("左手麻了 拿不住筷子", URGENT),
        ("半边脸麻木", URGENT),
        ("一边手脚没力气", URGENT),
        ("右边胳膊抬不起来", URGENT),
        ("说话说不清楚了 舌头发硬", URGENT),
        ("口齿不清", URGENT),
        ("my words are slurred", URGENT),
        ("my left arm is numb", URGENT),
        # kept in bed (alone, nobody brings food or medicine)
        ("从床上下不来了", URGENT),
        ("我一个人在家 腿没力气 从床上下不来了", URGENT),
        ("起不来床了", URGENT),
        ("下不了床", URGENT),
        ("今天起不了床 浑身没劲", URGENT),
        # dialect dizziness: not well, the grid worker calls today
        ("𠊎今晡日唔多舒服 头那晕晕", UNWELL),
        ("头那晕晕", UNWELL),
        ("头昏昏的", UNWELL),
        ("头壳晕", UNWELL),
        ("头壳痛", UNWELL),
        ("今朝头昏脑涨", UNWELL),
        ("头重脚轻的", UNWELL),
        ("眼花 看东西模糊", UNWELL),
        # near-misses: stay as they were
        ("心情很好 孙子来看我了", FINE),
        ("开心得跳起来", NONE),
        ("手机麻烦帮我看看", NONE),
        ("今天天气不错", NONE),
        ("早上起不来床 太困了 赖床了", NONE),
        ("头发剪短了 挺好的", FINE),
        ("头不晕了", FINE),
        ("心跳正常 放心", FINE),
        ("猫从沙发上下不来了 哈哈", NONE),
    ],
)
def test_body_signs(text: str, level: WelfareLevel) -> None:
    assert read_welfare(text).level == level, read_welfare(text)
