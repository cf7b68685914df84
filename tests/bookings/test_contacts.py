"""Hiding contact details on the private line (issue 13, tester's finding 3): every common way
of writing a phone number, WeChat/QQ id, e-mail, username or link is hidden, and ordinary
messages (times, prices, rooms, dates, durations) come through untouched."""

from __future__ import annotations

import pytest

from bot.domain.bookings.onsite.contacts import MASK, hide_contacts


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # WeChat ids, as people write them
        ("我微信是 sun-shifu_2024", f"我微信是 {MASK}"),
        ("加我V：sunsf2024", f"加我V：{MASK}"),
        ("加我v sunsf2024 聊", f"加我v {MASK} 聊"),
        ("vx: sunsf2024", f"vx: {MASK}"),
        ("wx sunsf_2024", f"wx {MASK}"),
        ("wx:abc12345", f"wx:{MASK}"),
        ("加薇信 sunsf2024", f"加薇信 {MASK}"),
        ("我威信号是sunsf2024", f"我威信号是{MASK}"),
        ("V信：sun.shifu", f"V信：{MASK}"),
        ("微信号：chen_laoshi88", f"微信号：{MASK}"),
        ("加微信 chen_laoshi88", f"加微信 {MASK}"),
        ("my wechat is sunplumber", f"my wechat is {MASK}"),
        ("WeChat: sun-plumber", f"WeChat: {MASK}"),
        # QQ
        ("QQ 123456789", f"QQ {MASK}"),
        ("扣扣：12345", f"扣扣：{MASK}"),
        ("qq号 88776", f"qq号 {MASK}"),
        # phone numbers: digits, full-width, Chinese numerals, mixed, separated
        ("我电话 138 1234 5678，到了打我", f"我电话 {MASK}，到了打我"),
        ("打 13812345678", f"打 {MASK}"),
        ("+86 139-1234-5679", MASK),
        ("+86-138-1234-5678", MASK),
        ("139.1234.5678", MASK),
        ("139 - 1234 - 5678", MASK),
        ("1 3 9 1 2 3 4 5 6 7 8", MASK),
        ("１３９１２３４５６７８", MASK),
        ("电话一三九一二三四五六七八", f"电话{MASK}"),
        ("幺三九一二三四五六七八", MASK),
        ("幺三九 一二三四 五六七八 打给我", f"{MASK} 打给我"),
        ("139一二三四5678", MASK),
        ("座机0571-8888 6666", f"座机{MASK}"),
        ("(021) 6688 9900", MASK),
        ("给我打电话13912345678好吗", f"给我打电话{MASK}好吗"),
        # e-mail in all its disguises
        ("mail me: a.b@example.com", f"mail me: {MASK}"),
        ("sun＠163.com", MASK),
        ("sun at 163 dot com", MASK),
        ("邮箱 sun(at)163(dot)com", f"邮箱 {MASK}"),
        ("sun [at] qq [dot] com 发我", f"{MASK} 发我"),
        ("发到 sun@163点com", f"发到 {MASK}"),
        ("email sunsf2024", f"email {MASK}"),
        # Telegram and links
        ("我的tg是 @zhao_ayi", f"我的tg是 @{MASK}"),
        ("找 @sunplumber 就行", f"找 @{MASK} 就行"),
        ("t.me/zhao_ayi 聊", f"{MASK} 聊"),
        ("https://t.me/sunplumber", MASK),
        ("tg://resolve?domain=sun", MASK),
        ("wa.me/8613912345678", MASK),
        # an address next to a phone: the phone goes, the room stays
        ("我在3-2-501，电话13912345678", f"我在3-2-501，电话{MASK}"),
    ],
)
def test_contacts_are_hidden(text: str, masked: str) -> None:
    got = hide_contacts(text)
    assert (got.text, got.hidden) == (masked, True)


@pytest.mark.parametrize(
    "text",
    [
        "下午3点到",
        "大概3点到，501是吧",
        "门锁密码在便签上",
        "一共¥180",
        "我大概15:30到，10:00-12:00也行",
        "价格 ¥120，材料另算",
        "¥1000-1500 之间",
        "大概1200元",
        "3-2-501",
        "地址 3-2-1102 10点到",
        "6-1-2203 门口有个鞋柜",
        "6栋1单元2203",
        "三栋二单元一一零二",
        "2026-12-05 上午",
        "12月5日 周六 15:00-17:00",
        "订单 #12 我20分钟到",
        "大概30分钟，堵车",
        "微信支付可以吗",
        "我没有微信",
        "加我一下好友吧",
        "电话里说不清楚，我到了再说",
        "the dog is friendly, please bring your own mop",
        "I'll be there at 3, see you at the gate",
        "meet at the lobby",
        "room 2203, building 6",
        "水已经漫到客厅了",
        "好的，谢谢师傅",
        "wx",
        "v",
    ],
)
def test_ordinary_messages_are_untouched(text: str) -> None:
    got = hide_contacts(text)
    assert (got.text, got.hidden) == (text, False)
