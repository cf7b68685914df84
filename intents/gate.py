"""Request cues and the reasons a message is not a request.

Works on normalised text (see :func:`intents.normalize.normalize`). Every list here is data;
the decision itself lives in :mod:`intents.pipeline`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from intents.fastre import Chars, Cue, marks_of


def _words_re(alternatives: str) -> Cue:
    """Compile "a|b|c" English phrases into one pattern matched on word boundaries."""
    return Cue(r"\b(?:" + alternatives + r")\b")


def _any_re(alternatives: str) -> Cue:
    """Compile "a|b|c" fragments (Chinese, or English with explicit \\b) into one pattern.

    Compiled as a :class:`~intents.fastre.Cue`: a text without the characters a branch needs
    never tries that branch, which keeps the forty lists below cheap on chatter."""
    return Cue(alternatives)


_ASCII_WORDS = re.compile(r"[a-z0-9]+")

# Negated wants ("不需要", "不想") must not count as request cues.
NEGATED_WANT = _any_re(
    # "没用" is "useless" ("灯泡换了也没用"), not "no need".
    # ("要不要", "需不需要", "用不用" ask; they do not refuse.)
    r"(?<![要用想需必])(?:不|别|无)(?:需要|用|要|想|必)[^\s?]{0,3}|没(?:需要|要|想|必)[^\s?]{0,3}"
    r"|找不到|找不着|没找到"
    # "上周请人擦的玻璃" is a past relative clause; "约个擦玻璃的" still asks for one.
    # ("新买的书柜" describes an object, not a service someone already did.)
    r"|(?:请|找|约|叫|订|借)(?!个|一个|位|一位)[^\s?]{0,4}的"
)

# Someone already hired ("刚请人把空调洗了", "上次找的师傅") asks for nobody now.
PAST_HIRE = _any_re(
    r"(?:刚|刚刚|已经|上次|前几天|昨天|上周)(?:刚|已经|也)?(?:请|找|叫|约)了?(?:人|师傅|阿姨)"
    # thanking for a favour already done: "谢谢12栋的邻居帮我收快递"
    r"|(?:谢谢|感谢|多谢)[^\s?]{0,8}?帮(?:我|忙)?"
    # a favour done: "帮邻居带了点菜" (not "帮我把空调洗了吧")
    r"|帮[^\s?]{0,4}?(?:带|买|拿|收|修|搬|装|送|接|取|遛|喂|浇|陪|洗|擦|扛|抬|打印)了(?!吧|吗|没)"
    # hired before, as experience: "我之前请过保洁", "找过他们修空调"
    r"|(?:请|找|叫|约)过(?!吗|没)"
    # remembering is no wish: "现在想起来都头大", "现在想想还好"
    r"|(?:现在|如今|回头)?(?:想起来|想想|回想)"
    # someone sent and the job done: "后来物业派人修了"
    r"|(?:派|找|请|叫)了?人(?:来)?(?:修|换|通|弄|处理|搞|看)(?:好)?了(?![吗没吧])"
    # a worker's or neighbour's favour told as news: "师傅今天特意帮我把柜子抬上楼"
    r"|(?:小哥|师傅|阿姨|邻居|保安|物业|快递员|大哥|大姐|大爷)"
    r"(?:今天|刚才|刚刚|昨天|已经|又|都|还|特意|主动|专门)+帮[^\s?吧吗]{0,12}(?=\s|$)"
)

# Denied problems ("没坏", "not broken") are not problems.
DENIED_PROBLEM = _any_re(
    r"没坏|没有坏|没堵|不堵|没漏|不漏|没问题|没事|\bnot broken\b|\bnothing wrong\b"
    r"|\bno problem\b"
)

CANCEL_ZH = _any_re(
    r"取消|退订|撤销|不用来|别来了|不用借|不借了|不修了|先不用|暂时不用|不用了|不需要了|不要了"
    r"|(?:不用|不需要|不要|不必)\S{0,8}了"
    r"|不(?:搬|修|借|洗|来|装|约|订|擦|通|送|喂|陪|打扫|去|做|弄|办|寄|接|打印)了|算了|改天吧|先不"
    r"|别(?:送|来|修|借|洗|装|搬|约|订|擦|通|喂|陪|打扫|弄|寄|接|打印)了"
    r"|暂停|先停|停一下|停几天|停掉|撤单|撤了|不订了|先不订|退掉|退了吧"
)
# Calling off in so many words: sure even when no booking is named ("please cancel").
CANCEL_EXPLICIT = _any_re(
    r"取消|退订|撤销|撤单|\bcancel\w*|\bcall(?:ing|ed)? (?:it )?off\b|\bplans? (?:have )?changed\b"
    r"|\bchange of plans?\b"
)
CANCEL_EN = _words_re(
    r"cancel\w*|call off|calling off|call it off|called off"
    r"|no longer need\w*|dont need \w+(?: \w+)? anymore|no \w+(?: \w+)? needed"
    r"|dont come|never ?mind|not needed anymore|dont need it|no need anymore"
    r"|(?:doesnt|dont|wont|no) need (?:to come|the \w+|it)|wont be needing|no need to come"
    r"|no need for|pause|put on hold|plans? (?:have )?changed|change of plans?"
)
BOOKING_WORDS = _any_re(
    r"预约|订单|预订|约的|师傅|上门|来|修|借|保洁|booking|appointment|order|booked|visit"
    # calling off what was being ordered: "先不订了", "不约了"
    r"|(?:不|别)(?:订|约|预约)了"
)

PRICE_ZH = _any_re(
    r"多少钱|收费|价格|价钱|什么价|啥价|费用|报价|贵不贵|怎么算钱|几块钱|几多钱|多钱|价位"
    r"|咋收费|怎么收|贵吗|便宜吗|价目"
    # slang and indirect wording: "多少米" (money), "几毛", "收钱吗", "要加钱吗", "上门费多少"
    r"|免费吗|是免费的吗|按(?:平米|平方|面积|小时|次|天|件|台|个|窗户|人头)|还是按"
    r"|多少米|几毛|几块|收钱|要钱吗|加钱|另收|额外收|上门费|(?<!多)(?<![浪消免话电水气业车])费多少|怎么算|咋算|按.{1,4}算吗"
    r"|(?:一|每)(?:台|次|个|件|平|位|小时|天|趟|桶|张|页)(?:要)?多少|多少(?:钱)?一(?:台|次|个|件|平|位|小时|天|趟|桶|张|页)"
    r"|(?:大概|大约|一般|差不多)多少|(?<!电话)(?<!号码)(?<!密码)(?<!电话是)(?<!号码是)(?<!号是)(?<!密码是)多少(?:啊|呀|呢)?\s*\??\s*$"
    # "几钱" (how much, southern), any fee asked about ("有配送费吗", "运费怎么算"), charging
    # asked either way ("收不收费", "要不要钱", "贵不"), "怎么收/怎么算" the bill
    # (not a bill of one's own: "浪费", "电费", "物业费", "停车费")
    r"|几钱|(?<![浪消免话电水气业车])费(?:吗|呢|多少|是多少|怎么|贵|高不高|\?)"
    r"|(?:有|要|收|加)[^\s?]{0,3}(?<![浪消免话电水气业车])费(?:吗|没|不)"
    r"|收不收|要不要钱|要钱不|贵不(?!贵)|(?:多少|几)(?:钱|块)\S{0,2}(?:一|每)|花多少|得多少|要花多少"
    r"|怎么(?:收|算)(?:钱|费)?|咋(?:收|算)"
)
PRICE_EN = _words_re(
    r"how much|price\w*|cost\w*|rate|rates|fee|fees|charge\w*|quote|pricing|expensive"
    r"|what do you charge|is it free|extra for"
    r"|pricey|cheap|affordable|how pricey|what would it be|whats the damage|delivery fee"
    r"|call ?out fee|free of charge|any charge|cost me|set me back"
)

# ("谁有空陪…" asks who is free to do something, not who has a thing)
BORROW_ZH = _any_re(
    r"借|租一下|租个|用一下|用用|使一下|谁家有|谁有(?!空|时间)|有没有人有(?!空|时间)"
)
BORROW_EN = _words_re(r"borrow\w*|lend|loan|rent|can i use|could i use|free to use")
POSSESS_ZH = _any_re(
    r"有没有|谁家有|谁有(?!空|时间)|有人有(?!空|时间)|哪家有|有吗|有.{1,8}吗|在谁那|在谁家|在哪"
)
POSSESS_EN = _words_re(
    r"anyone have|anybody have|anyone got|does anyone have|do you have|has anyone got|got a"
    r"|have a spare"
    r"|available|free to borrow"
)

# "要开荒保洁", "该洗洗了", "有师傅吗", "借我用下": asking for something to be done or lent.
_NEEDS_DOING = (
    r"|(?:要|该|需)(?!是|不)[^\s?]{0,3}?(?:洗|修|装|组装|通|搬|擦|打扫|清洗|保洁|磨|挂号|浇|喂)"
    r"|有(?:师傅|人|谁)(?:能|会|可以)?[^\s?]{0,6}吗|能来吗|来一趟"
    r"|有(?:会|能)[^\s?]{1,8}(?:师傅|人|的吗|吗)|再来|来(?:一|两|三|几|\d)[^\s?]{0,2}?(?:桶|份|袋|箱|个|位)"
    r"|怎么调|怎么设置"
    # is there someone who does X: "有磨刀的吗", "有没有上门修空调的"
    r"|有(?:没有)?(?:上门)?(?:磨|修|洗|通|疏通|搬|装|安装|开锁|换锁|配钥匙|送|擦|打扫|遛|喂|陪|打印|复印"
    r"|代收|接送|清洗|灭|除|布置)[^\s?]{0,5}的(?:吗|没|不|师傅|人|阿姨|\?|\s|$)"
    # a worker's number asked for: "修水管的师傅电话是多少"
    r"|(?:师傅|阿姨|电工|工人|保洁)\S{0,3}(?:电话|联系方式|微信|手机号)"
    r"|借(?![的了过到走])"
)
REQUEST_ZH = _any_re(
    r"帮|找|求|需要|要|想|请|麻烦|约|订|叫个|叫人|派|安排|谁能|谁会|谁可以|谁有空|谁有时间|能不能|能否"
    r"|可不可以|可以.{0,10}吗|能.{0,12}吗|有没有|有人能|有人会|有人可以|会.{0,6}吗|咋办|怎么办"
    r"|怎么弄|咋整|咋弄|怎么整|叫一|叫师傅|上门|来人|快来|急|教|代|求助|推荐一|推荐个|推荐下|有推荐"
    r"|给我|来一下|来个|看看|看一下|处理|修一下|修修|弄一下"
    r"|(?:通|疏通|洗|清洗|擦|装|安装|搬|磨|打扫|复印|打印)一下"
    # an order with a count: "复印两份", "送两桶"
    r"|(?:复印|打印|彩打|扫描|送|订)[^\s?了]{0,6}?(?:一|两|三|四|五|六|几|\d+)\s*(?:份|张|页|桶|箱)"
    r"|哪里可以|哪里能|哪儿能|哪儿可以|哪里有|在哪里能|去哪"
    r"|来(?:洗|修|擦|打扫|装|搬|通|看|喂|送|收|接|陪|布置|磨|打印)" + _NEEDS_DOING
)
# Cues that still ask for something when the message also talks about the past
# ("上次找的师傅" is a story; "上次修过又坏了，能再来吗" is a request).
FORWARD_ZH = _any_re(
    r"帮|求|需要|想|请|麻烦|谁能|谁会|谁可以|谁有空|谁有时间|有人有空|能不能|能否|可不可以|可以.{0,10}吗|能.{0,12}吗"
    r"|有没有|咋办|怎么办|咋整|急|求助|有人会|有人能|会.{0,6}吗|\?"
    r"|哪里可以|哪里能|哪儿能|哪儿可以|哪里有|在哪里能|去哪"
    r"|找人|找个|请人|请个|约个|叫个|派个|派人" + _NEEDS_DOING
)
FORWARD_EN = _words_re(
    r"need\w*|can you|could you|can someone|could someone|please|pls|help|anyone|asap"
    r"|urgent\w*|want\w*|would like|would love|wed love|id love|hoping someone|hope someone"
    r"|where can|where do i|where could"
)

REQUEST_EN = _words_re(
    r"need\w*|anyone|anybody|someone|somebody|can you|could you|can i|could i|please|pls|plz"
    r"|help|looking for|want\w*|would like|id like|book|order|schedule|arrange|recommend"
    r"|can we|could we"
    r"|who can|is there|how do i|asap|urgent\w*|send|get|fix|sort out|come"
    r"|would love|wed love|id love|hoping someone|hope someone"
    r"|where can|where do i|where could"
)

PROBLEM_ZH = _any_re(
    r"堵|坏了|坏掉|坏啦|坏的|漏水|漏了|在漏|渗水|不制冷|不制热|不出热水|没热水|没有热水|打不开"
    r"|关不上|关不严|不转|不亮|跳闸|停电|没电|冒火花|冒烟|爆了|滴水|进不去|进不了|没人喂"
    r"|没人浇|没人接|没人管|没人照顾|没气|没了|卡住|钝了|太脏|太乱|有蟑螂|有老鼠|有虫|不能用"
    r"|不好用|失灵|故障|不工作|没反应|救命|出差|不在家|出门|回老家|不会用|不方便|锁家里|锁里面"
    r"|丢了|停了|困|结婚|搬家|冲不下|下不去|不下水|不冷|不热|喝完|用完|吃完|用光|没有了|不动了"
    r"|不行了|不能用了|打不着|点不着"
    r"|冻住|冻裂|冻坏|没水"
    r"|掉了|断了|断在|脱落|松了|裂了|破了|碎了|掉下来|歪了|变形|生锈|发霉|有味|异味|臭"
    r"|结冰|结霜|不会投屏|不会弄"
    r"|有(?:跳蚤|蟑螂|老鼠|虫|白蚁|蚂蚁|臭虫|螨虫|蚊子)|被咬|咬了|很慢|太慢"
    # nobody to do it, away from home, not knowing how
    r"|反锁|没人(?:带|看|陪|遛|管|照看|接送|送)|出去玩|出国|旅游|出远门|去外地|住院"
    r"|闷得慌|孤单|寂寞|没人说话|不会(?:装|修|设置|操作)|(?:弄|搞|装)不(?:来|好|上|定)"
    r"|不知道怎么|不懂怎么|受不了"
    # broken for days, or failing again and again: "灯坏好几天了", "总闸老跳"
    r"|坏(?:了)?(?:好|这)?(?:几|两|三|多)天|(?:老|总|总是|老是|一直|经常)(?:跳|断|灭|闪|堵|漏|响)"
    r"|反味|返味|积水"
)
PROBLEM_EN = _words_re(
    r"broken|broke|stopped working|not working|doesnt work|wont \w+|isnt working|blocked"
    r"|clogged|leak\w*|jammed|stuck|locked out|burst|flat tyre|flat tire|dead|ran out|run out"
    r"|no hot water"
    r"|no power|tripped|dripping|away|infest\w*|sparks|smells?|filthy|dirty"
    # the writer being away (not "my cleaner is on holiday")
    r"|(?:im|i am|ill be|we are|were|well be|going|while i m|while im|when im)"
    r" (?:on holiday|on vacation|travell?ing|out of town|on a trip|abroad)|business trip"
    r"|lives? alone|living alone|by (?:himself|herself) all day"
    r"|is out|went out|flicker\w*|cockroach\w*|roache?s?|mice|rats|termites?|bed ?bugs|flooded"
    r"|fell off|fell down|came off|snapped|cracked|loose|mou?ldy|smelly"
)

# "can anyone escort my mum…", "could anybody help…": asked of whoever can do it, as "can
# someone" is (not "can anyone recommend / tell me", which asks what neighbours know).
_ANYONE_TO_DO = (
    r"|\b(?:can|could) (?:anyone|anybody)\b"
    r"(?! (?:else|know|tell|recommend|suggest|explain|share|confirm|advise|remember|see|hear))"
)
# Asking for a person ("找人", "a plumber") rather than a tool.
PERSON = _any_re(
    r"找人|请人|叫人|派人|来人|有人|师傅|阿姨|工人|上门|电工|水工|\bsomeone\b|\bsomebody\b"
    r"|\bplumber\b|\belectrician\b|\bprofessional\b|\bhandyman\b|\bsend\b"
    r"|谁有空|谁有时间" + _ANYONE_TO_DO
)
# Opinions and other people's doings: chatter unless something is also asked.
ASIDE = _any_re(
    r"觉得|感觉|隔壁在|邻居在|楼上在|楼下在|(?:邻居|楼上|楼下|隔壁|对门)(?:家|那家)?(?:一直|又|天天|老是|总是)?(?:在|正在)|别人家(?!都)|人家在|有人(?:在|搬|装)|谁家在"
    r"|开玩笑|逗你|\bjust kidding\b|\bjk\b|\bi think\b|\bi feel\b"
    # praise for past work: "这次搬家公司挺靠谱"
    r"|靠谱|挺好|不错|很专业|满意|给力|五星|\breliable\b|\bgreat job\b|\bdid a great\b"
    # feelings about what happened ("气死", "太感动了") and what worked ("挺管用的")
    r"|气死|气人|无语|郁闷|心疼|感动|暖心|(?<!不)管用|挺好用|很好用|有效果"
    r"|\bworked (?:well|great|a treat|wonders)\b"
    # the writer doing it themselves ("我先去买菜"), a neighbour's household ("隔壁家的狗")
    r"|我(?:先|自己|就|得|正要|准备)去(?:买|拿|取|接|送|遛|修)"
    # a sighting: "打气筒在保安室 我刚看到"
    r"|我(?:刚|刚才)?(?:看到|看见)(?:了)?(?=\s*(?:\||$))|\bi (?:just )?saw it\b"
    r"|(?<!我)(?:楼下|楼上|隔壁|对门|邻居)\S{0,3}家的"
)
LAUGHING = _any_re(r"哈哈|嘿嘿|呵呵|\bhaha\w*|\blol\b|\blmao\b")

CLEAN_WORDS = _any_re(r"洗|擦|打扫|清洁|清理|脏|\bclean\w*|\bwash\w*|\bdirty\b")

# Something is broken (as opposed to dirty): favours repair over cleaning for the same object.
BROKEN = _any_re(
    r"坏|不亮|不转|不制冷|不制热|不冷|不热|不工作|故障|失灵|漏|不吸|打不着|没反应|不启动|冒烟|跳闸"
    r"|\bbroken\b|\bnot working\b|\bstopped working\b|\bisnt working\b|\bdoesnt work\b"
    r"|\bleak\w*|\bfaulty\b"
)

THANKS = _any_re(
    r"谢谢|感谢|多谢|谢了|辛苦了|好评|点赞|\bthanks?\b|\bthank you\b|\bthx\b|\bcheers\b|\bty\b"
    r"|点个赞|赞一个|给.{0,6}点赞|不客气|不用谢|\byoure welcome\b|感动|暖心"
)
COMPLETED = _any_re(
    r"修好|弄好|搞好|已经好了|好了|通了|洗完|搬完|装完|弄完|修完|做完|擦完|打扫完|清洗完了"
    r"|干完|搞定|解决了|真干净|很干净|干净了|恢复了|来电了|来水了|刚.{0,6}完|\bfixed\b"
    r"|\bworks again\b|\bworking again\b|\bsorted\b|\ball good\b|\brepaired\b|\bback on\b"
    r"|\bresolved\b|\bis done\b|一切正常|正常了|没事了|没问题了|找到了|\ball fine\b"
    r"|(?:干净|凉快|舒服|安静|亮堂)多了"
    r"|终于(?:不|好|通|修好|来电|来水|没)"
    # got what was hard to get: "挂上了专家号", "约到了"
    r"|(?:挂|约|抢|订)(?:上|到)了(?!吗|没)"
    # "已经换了", "不漏了", "finally fixed", "the plumber sorted it", "back to normal"
    r"|已经(?:换|通|修|弄|装|洗|处理|清理)(?:好)?了|不(?:漏|堵|滴|臭)了(?!吗)"
    r"|\bfinally\b(?: \w+){0,4} (?:fixed|working|works|sorted|done|back|got|came|arrived"
    r"|unblocked|unclogged|repaired|replaced|changed|cleaned|installed)\b"
    r"|\bback to normal\b|\bgood as new\b|\bproblem solved\b|\bsorted (?:it|them)\b"
)
PAST = _any_re(
    r"刚(?:请|找|叫|约)了?人|前阵子|前段时间|前些天|前些日子|(?:花|付|给|收)了(?:多少|几)|前年|大前天|小时候|后来|那次|有一次|[坏堵漏修洗通换]过(?:一|两|几|好几)次|(?:^|(?<=\s)|(?<=我)|(?<=们)|(?<=我家)|(?<=们家)|(?<=家里)|(?<=他)|(?<=她))之前(?!想|要|需要|请|找|约)|我\S{0,3}(?:请|找|约|叫|用|试)过(?!吗)|昨天|昨晚|昨夜|前天|前几天|上周|上星期|上礼拜|上次|上个月|去年|以前|那天|刚才|当时|\byesterday\b"
    r"|\blast (?:week|night|time|month|year)\b|\bused to\b|\bearlier\b|\bago\b"
    r"|上回|上一回|上一次|那回|想起来|回想起来|折腾(?:了|到)"
    r"|\bthe other day\b|\bover the weekend\b"
)
# "还好" (luckily) and "还了" (returned) say nothing is still going on.
# ("现在想起来", "now that I think of it" remember the past; they say nothing is going on.)
ONGOING = _any_re(
    r"还(?!好|了|给|回|到物业)|一直|现在(?!想起|想想|回想|说起|回头)|仍然|依然|又|\bstill\b|\bagain\b"
)
# Broken again after a repair ("修好了又坏了", "fixed it but it's clogged again"): the fix is
# over, the problem is now.
RELAPSE = _any_re(
    r"又(?:坏|堵|漏|不|没|跳|响|滴|冒|开始|出|卡|断|掉|停|臭)|还是(?:不|没|漏|堵|坏|老样子)"
    r"|(?<!working )(?<!works )(?<!running )(?<!cooling )(?<!heating )(?<!flowing )"
    r"(?<!normal )(?<!fine )(?<!on )\bagain\b"
)
ANNOUNCE = _any_re(
    r"通知|公告|温馨提示|提醒大家|提醒各位|各位业主|请大家|大家注意|请各位|【|\bnotice\b"
    r"|\bannouncement\b|\breminder\b|\battention all\b|\bfyi\b|\bheads up\b"
    r"|免费(?!吗|的吗)|社区有|有活动|活动|讲座|报名|义诊|\bevent\b"
    # "free" as in no charge, not "is the saw free this weekend" (available)
    r"|(?<!anyone )(?<!anybody )(?<!someone )(?<!you )(?<!are )"
    r"\bfree\b(?! to (?:borrow|use)| (?:this|next|on|tomorrow|today|now|at|tonight))"
    r"|\bworkshop\b"
    # maintenance notices: a planned outage or works over a time range
    r"|(?:检修|维修|施工|保养|年检|维保|消杀|停电|停水|停气|断水|断电)[^\n]{0,16}?\d{1,2}(?:点|:\d\d)?\s*(?:到|至|-|~)"
    r"|\d{1,2}(?:点|:\d\d)?\s*(?:到|至|-|~)\s*\d{1,2}(?:点|:\d\d)?[^\n]{0,16}?(?:检修|施工|保养|年检|维保|消杀|停电|停水|停气|断水|断电)"
    r"|届时|暂停使用|停止使用|请关好门窗|物业统一|统一(?:安排|组织)"
    r"|^物业\s*[:：]|请走楼梯|请绕行|请勿|敬请|带来不便|不便之处"
    r"|(?:会|将|将会|要)(?:停电|停水|停气|断水|断电)|暂停供(?:水|电|气)"
    # asking whether the whole place is cut off: "是不是又停水了", "今天停水"
    r"|是不是(?:又)?停(?:水|电|气)|停(?:水|电|气)了吗|今天(?:又)?停(?:水|电|气)(?!了)"
    r"|\bplanned (?:outage|maintenance)\b|\bwill be (?:off|shut off|cut)\b"
    r"|\bmaintenance (?:from|between|on|tomorrow|today)\b|\bfor maintenance\b"
    r"|\bwill be (?:out of service|closed|unavailable)\b"
)
ADVICE = _any_re(
    r"推荐大家|给大家推荐|强烈推荐|建议大家|大家可以|可以找|可以联系|安利|我推荐|我建议|建议"
    r"|分享一下|团购|拼团|拼单|推荐给|值得推荐|真心推荐|力荐|强推|可以推荐"
    r"|\bi recommend\b|\bhighly recommend\b|\bi suggest\b|\byou should\b"
    r"|\byou can call\b|\bpro tip\b|\btip\b|(?<![不没])记得|别忘了|\bremember to\b|\bdont forget\b"
    # a tip: "可以先用皮搋子试试", "you could try vinegar"
    r"|可以(?:先)?用\S{0,8}?试|先用\S{0,8}?试试|不妨|\btry using\b|\byou could try\b"
    r"|千万(?:别|不要)|(?:要|得|记得)先\S{0,3}(?:断电|关电|关水|关闸|关阀|关总阀|拔掉?插头)"
    r"|大家小心|注意安全|\bbe careful\b|\bwatch out\b"
)
OTHERS = _any_re(
    r"你们家|你家|大家家|大家都|大家是|大家的|有人.{0,12}过吗|你们.{0,10}吗|哪年"
    # asking who has tried something: "有没有人请过…靠谱吗", "anyone tried the…"
    r"|有没有人\S{0,8}?(?:用|请|找|叫|约|试|做|买|弄)过|有人(?:用|请|找|叫|约|试|做|买|弄)过"
    r"|\b(?:has anyone|anyone|anybody|has anybody) (?:tried|used|had)\b|\bany good\b"
    r"|\banyones\b|\banybodys\b|\b(?:anyone|anybody) elses\b|\bmine (?:does|did|too)\b"
    r"|\bdid anyone\b|\banyone else\b|\bdid you\b|\bhave you\b|\bdoes anyone know when\b"
    r"|\byou guys\b"
    # asking for experience or an opinion: "有经验的说说", "自己洗还是请人洗划算"
    r"|有经验的|过来人|还是\S{0,8}(?:划算|合适|省钱)|划算吗|值不值|一般(?:要|需要)?几个人"
    r"|(?:有人|有没有人|谁)(?:跟|和)我一样|\bsame here\b|\bme too\b"
    r"|有没有人觉得|有人觉得|大家觉得|你们觉得|\bis it just me\b|\bdoes anyone think\b"
)
COMPLAINT = _any_re(
    r"太坑|再也不|坑人|差评|骗子|\bnever again\b|\brip ?off\b"
    r"|白擦|白洗|白花|白修|白搭|浪费钱|\bwaste of money\b"
)
# Selling, giving away, lost and found: a notice about an object, never a request for it
# ("闲置梯子自提", "捡到一个打气筒", "sofa for sale").
OFFER = _any_re(
    r"出售|转让|转卖|闲置|自提|自取|送人(?!去|到)|白送|送给有需要|送大家|分给大家|[七八九]成新"
    r"|全新未|二手|便宜出|低价出|便宜卖|出(?:一|个|台|把|辆|张|套)(?:个|台|把|辆|张|套)?(?=闲置|九|八|七|全新|二手|\S{0,6}(?:元|块|自提|\d))"
    r"|需要的(?:联系|私|找我|来拿)|有需要(?:的)?(?:联系|私聊|私信|找我)"
    # "旧的有人要吗", "要用的找他"
    r"|有人要吗|有没有人要|有谁要|谁要吗|有要的吗|(?:要用|需要|想用|想要)的(?:找|联系|来拿)"
    r"|\bfor sale\b|\bgiving away\b|\bgive away\b|\bfree to (?:a )?good home\b|\bselling\b"
    # left out for whoever wants it: "放门卫了 谁要自己去拿", "先到先得"
    r"|^(?:出|卖)(?:一|个|台|把|辆|张|套)|谁要(?:就|的话)?(?:送|给)(?:谁|你)"
    r"|多(?:了|出|出来)(?:一|两|几)?(?:台|个|把|张|套|箱)\S{0,8}谁要"
    r"|谁要(?:的话)?(?:就)?(?:自己|直接)?(?:去|来)?拿|自己(?:去|来)拿|先到先得"
    r"|\bpick(?:ed)? up only\b|\bfor (?:whoever|anyone who|anybody who) (?:needs|wants)\b"
    r"|\bif (?:anyone|anybody|someone) (?:wants|needs)\b|\bup for grabs\b"
)
# The reply line of an offer ("需要的联系", "有需要私聊") is not the writer needing anything.
OFFER_REPLY = _any_re(r"(?:有)?需要(?:的)?(?:请|可|可以)?(?:联系|私聊|私信|私我|找我|来拿)")
# Lost and found: never a request, even when it asks ("麻烦失主联系我").
LOST_FOUND = _any_re(
    r"捡到|拾到|失物|招领|失主|谁丢了|谁的\S{0,10}(?:丢|落|忘)在"
    r"|\bfound an? \w+|\bwho lost\b|\blost and found\b"
    # asking who has seen something lost: "有人看到我家的小狗吗", "has anyone seen my cat"
    r"|(?:有人|有没有人|谁|大家|谁家)(?:看到|看见|见到|见过|捡到|拾到)(?:过|了)?(?:我|一|个|只|条|把|件|吗|\S{0,6}吗)"
    r"|丢了\S{0,10}(?:有人|谁)(?:看到|看见|见到|捡到)|(?:落|忘|丢)在\S{0,8}(?:有人|谁)(?:看到|看见|捡到)"
    r"|\b(?:has anyone|have you|did anyone|did anybody|has anybody|anyone|anybody|someone)"
    r" (?:seen|found|spotted|picked up)\b|\bif found\b|\bseen (?:it|them|him|her)\b"
)
# Asking neighbours what they know ("谁知道…几点开门", "does anyone know where…"): information,
# not a service, unless something is asked outright or a problem is described.
INQUIRY = _any_re(r"谁知道|有人知道|有谁知道|大家知道|\bdoes anyone know\b|\banyone know\b")
# Information neighbours can give: opening hours, phone numbers ("快递柜几点关门",
# "what time does the supermarket open").
INFO_ASK = _any_re(
    r"几点(?:开门|关门|开|关|营业|上班|下班|打烊|停)|(?:营业|开门|关门|上班|办公)时间|开到几点"
    r"|电话(?:是)?多少|电话号码|\bwhat time\b.{0,40}\b(?:open|opens|close|closes|shut)\b"
    r"|\bopening (?:hours|times)\b|\bwhen does\b.{0,40}\b(?:open|close)\b|\bphone number\b"
)
# ... but asking who can do a job ("谁知道靠谱的开锁师傅", "anyone know a good plumber?")
# is asking for the service.
PROVIDER_ASK = _any_re(
    r"靠谱|哪里能|哪里可以|哪儿能|哪儿可以|在哪里能|\b(?:a|any) (?:good|reliable|decent)\b"
)
# Asking neighbours for a spare object ("谁家有多余的纸箱"): a favour between neighbours that
# may name a service's object, but asks for no service.
SPARE = _any_re(
    r"(?:谁|哪家|有没有人|有人|大家)(?:家)?(?:有|还有)(?:没有)?(?:多余|闲置|不用|用不上|用不着|旧|剩)"
    r"|\b(?:spare|old|unused) (?:boxes|box|\w+) (?:anyone|i could have)\b"
)
# Someone else's words relayed ("阿姨说下午两点到"): news, not a request.
REPORTED = _any_re(
    # ("陪她说说话" is company, not hearsay.)
    r"(?<![陪和跟给对找让])"
    r"(?:阿姨|师傅|物业|管家|保安|小哥|快递员|客服|前台|他|她|他们|她们|老公|老婆|我妈|我爸|邻居|的人|人家)"
    r"(?:说(?!说|话|一下)|讲(?!讲)|回复|告诉我)|\b(?:he|she|they|the \w+) (?:said|says|told me)\b"
)
# Hearsay ("听说下周统一洗空调"): news, unless the writer also asks ("听说能上门磨刀 来一趟").
HEARD = _any_re(r"听说|据说|\bi heard\b|\bheard that\b")
# Asking after a booking already made ("保洁阿姨今天没来吗", "送水的还没到吗").
FOLLOWUP = _any_re(
    r"没来吗|还没来|还没到|没到吗|怎么还没|还不来|到哪了|到哪儿了|什么时候到|几点到吗|来了没"
    r"|(?:走|来|到)了(?:吗|没)|来过了吗"
    r"|\b(?:come|arrived|here|turned up|shown up) yet\b|\bon (?:his|her|their) way\b"
    r"|\bnot here yet\b|\bstill not here\b|\bhasnt (?:come|arrived|shown up)\b"
    r"|\bnot (?:come|arrived|shown up) yet\b|\bany update\b"
    r"|\bhas the \w+(?: \w+)? (?:come|arrived|been)\b"
    # the booked worker cannot come: news, not a request ("阿姨今天请假了")
    r"|请假|有事来不了|来不了了"
    # confirming what was booked: "阿姨是约的周五对吧", "订的是两桶吧"
    r"|(?:是|已经)(?:约|订|预约|预订)(?:好)?的|(?:约|订)的是|约好的|订好的"
    r"|(?:对吧|是吧|没错吧|对不对)(?=\s*\??\s*(?:\||$))|\b(?:right|correct)\s*\?|\bis that right\b"
)
# Asking about one's own booking: the list ("我的预约", "my bookings") or when the worker comes
# ("师傅几点到", "阿姨怎么还没来", "when will the plumber come"). Relayed news ("阿姨说下午到")
# is not asking; see ``REPORTED``.
_WORKER_ZH = (
    r"(?:师傅|阿姨|工人|电工|水工|保洁|维修工|修理工|小哥|管家|人"
    r"|(?:送水|修\S{1,3}|洗\S{1,3}|通\S{1,3}|擦\S{1,3}|装\S{1,3}|搬\S{0,3}|开锁|送餐)的)"
)
# ... but "师傅什么时候能来修" asks for the job to be done: a request, not a status question.
_NOT_JOB = r"(?!修|洗|通|装|擦|打扫|看|弄|搬|帮|处理|我|你|玩|吃|参加|开会|电|水|气)"
STATUS_ZH = _any_re(
    r"我的(?:预约|订单|预订|预定|单子)|(?:查|看)(?:一下|下|看)?(?:我的)?(?:预约|订单)"
    r"|(?:预约|订单|单子)(?:的)?(?:状态|进度|怎么样了|到哪|有人接)"
    rf"|{_WORKER_ZH}[^\s?，,。]{{0,6}}?(?:几点|什么时候|啥时候|多久|何时|大概几点)(?:能|会|可以)?"
    rf"(?:到|来|上门|过来){_NOT_JOB}"
    rf"|^(?:几点|什么时候|啥时候|大概几点)(?:能|会|可以)?(?:到|来|上门|过来){_NOT_JOB}"
    rf"|{_WORKER_ZH}[^\s?，,。]{{0,6}}?(?:到哪了|到哪儿了|到了吗|到了没|来了吗|来了没|还没(?:到|来)"
    r"|怎么还没|还不来|出发了吗|在路上了?吗|几点出发)"
    r"|有人接(?:单)?了(?:吗|没)|(?:接单|派单)了(?:吗|没)"
    rf"|{_WORKER_ZH}[^\s?，,。]{{0,6}}?(?:到底)?(?:还)?(?:来不来|来没来)"
    r"|我(?:约|订|预约|预订)的\S{1,6}呢|(?:预约|订单)(?:记录|历史)"
)
# "人呢" alone: after one's own booking when asked in private, chatter in a group.
WHERE_IS_EVERYONE = _any_re(r"^人呢[?？!！。]*$")
STATUS_EN = _words_re(
    r"my (?:bookings?|appointments?|orders?|reservations?|jobs?)"
    r"|(?:when|what time) (?:will|is|does|would|should) (?:he|she|they|(?:the|my|our|your) \w+"
    r"(?: \w+)?) (?:come|coming|arrive|arriving|get here|be here|turn up|show up)"
    r"|(?:where is|wheres|hows) (?:the|my|our) (?:worker|plumber|electrician|cleaner|technician"
    r"|handyman|repairman|locksmith|guy|booking|order|appointment|job)"
    r"|(?:come|arrived|here|turned up|shown up) yet|on (?:his|her|their) way|not here yet"
    r"|still not here|hasnt (?:come|arrived|shown up)|not (?:come|arrived|shown up) yet|eta"
    r"|status of (?:my|the) \w+|any update on|is (?:the|my) \w+ (?:still )?coming"
    r"|(?:has|did) (?:anyone|someone|somebody) (?:accept|take|pick up)\w*"
    r"|what (?:did|have) i (?:book|order)(?:ed)?|what i (?:booked|ordered)|whats booked"
)
# The booked worker cannot come: news, not a question about the booking.
NEWS = _any_re(r"请假|有事来不了|来不了了")

# Giving back what was borrowed.
RETURNING = _any_re(
    r"借给\S{0,6}了|"
    r"借走了|(?:晚上|今晚|下午|回头|马上|待会|一会|过两天|周末)还(?![要有没是在得])|"
    r"放(?:在|到)?(?:门卫|物业|保安室|前台|门口)(?:那|那里|那儿|了)"
    r"|还了|还回|归还|放回|还给|送回|还到|明天还|就还|用完还|\breturned\b|\bgave (?:it )?back\b"
    r"|\bbrought (?:it )?back\b|\bput (?:it )?back\b"
)
# Borrowing being asked for now ("借下冲击钻 打俩孔就还"), not a past loan ("借的电钻明天还").
BORROW_NOW = _any_re(
    r"借(?![的了过到给走])|\b(?:can|could|may) i borrow\b|\bborrow (?:a|the|your)\b"
)
USE_YOURS = _any_re(r"用(?:一)?下你|用用你")
# Words that ask outright, which outweigh a relayed, followed-up or praising tone.
ASK_EXPLICIT = _any_re(
    r"帮|请你|请帮|麻烦|能不能|能否|可不可以|能.{0,8}吗|可以.{0,8}吗|需要|求|急"
    r"|\bplease\b|\bneed\b|\bcan you\b|\bcould you\b|\bcan someone\b|\bcould someone\b"
    + _ANYONE_TO_DO
)
PRAISE = _any_re(
    r"不错|挺好|很好|真好|靠谱|很专业|满意|给力|好评|效果好|(?:干净|凉快|舒服|安静|亮堂)多了|\bgreat\b|\breliable\b"
    r"|\bgood job\b|\bexcellent\b"
)
QUESTION = _any_re(r"\?|吗|呢|不\s?$")


# Emoji are folded away by normalisation, so they are read from the raw text: folded hands
# plead ("开荒保洁🙏"), distress faces and SOS say something is wrong ("钥匙锁屋里了😭").
PLEA_EMOJI = Cue("[\U0001f64f\U0001f97a]")
DISTRESS_EMOJI = Cue("[\U0001f62d\U0001f629\U0001f62b\U0001f631\U0001f198\u203c]")
# A full door number says where to come ("送两桶到5-2-301", "3栋1单元502"); a building
# alone ("5栋的电梯今天好快") does not. Read from the raw text: normalising drops the hyphens.
ADDRESS = Cue(
    r"\d+-\d+-\d{3,4}|\d+\s*(?:栋|幢|号楼)\s*\d+\s*单元\s*\d{3,4}|\d+\s*单元\s*\d{3,4}"
    r"|\d{3,4}\s*室|\d+\s*(?:栋|幢|号楼)\s*\d{3,4}|(?:送到|送至|到|来)\s*\d+\s*(?:栋|幢|号楼)"
)


def read_raw(raw: str) -> tuple[bool, bool, bool]:
    """(pleading, distressed, addressed to a door) from the raw, unnormalised message."""
    chars = marks_of(raw)
    return (
        PLEA_EMOJI.found(raw, chars),
        DISTRESS_EMOJI.found(raw, chars),
        ADDRESS.found(raw, chars),
    )


def _asks_the_group(text: str, chars: Chars) -> bool:
    """A question to everyone about their own habits ("大家都用哪家…吗"), not a request."""
    return "大家" in text and "我" not in text and "借" not in text and QUESTION.found(text, chars)


@dataclass(frozen=True)
class Signals:
    """What the wording of a message says, independent of which service it names."""

    request: bool
    forward: bool
    negated: bool
    question: bool
    problem: bool
    broken: bool
    cleaning: bool
    person: bool
    laughing: bool
    aside: bool
    price: bool
    borrow: bool
    possess: bool
    cancel: bool
    booking_words: bool
    thanks: bool
    completed: bool
    past: bool
    ongoing: bool
    announcement: bool
    advice: bool
    others: bool
    complaint: bool
    explicit_cancel: bool = False
    reported: bool = False
    followup: bool = False
    returning: bool = False
    asks_outright: bool = False
    praise: bool = False
    offer: bool = False
    inquiry: bool = False
    heard: bool = False
    spare: bool = False
    relapse: bool = False
    status: bool = False
    news: bool = False

    @property
    def blocked(self) -> bool:
        """Announcements, advice, questions about others and complaints are never requests."""
        return self.announcement or self.advice or self.others or self.complaint or self.offer

    @property
    def hearsay(self) -> bool:
        """Relayed words, a follow-up on a booking, or praise for past work, asking nothing."""
        if self.asks_outright:
            return False
        if self.inquiry and not self.problem:
            return True
        if self.heard and (self.question or not self.forward):
            return True
        return self.reported or self.followup or (self.praise and self.past)

    @property
    def narrative(self) -> bool:
        """Thanks, finished work or the past, with nothing still going on."""
        if self.thanks or (self.completed and not self.relapse):
            return True
        return self.past and not self.ongoing

    @property
    def past_story(self) -> bool:
        """Narrative, opinion or gossip that does not also ask for something now."""
        return (self.narrative or self.aside) and not self.forward


def _names_provider(text: str, chars: Chars) -> bool:
    """Whether an inquiry ("谁知道…") names a worker or where a job is done, past its own words."""
    rest = INQUIRY.sub(" ", text, chars)
    marks = chars if rest == text else None  # (what a change adds is read anew)
    return PERSON.found(rest, marks) or PROVIDER_ASK.found(rest, marks)


@dataclass(frozen=True)
class FirstCues:
    """The cues read first, and the forms of the text the others are read from: without
    any of these (and with no target named) a message is none of the bot's business, so
    :func:`read_signals` runs only when one is present or a target is named."""

    text: str
    english: str
    positive: str
    positive_en: str
    both: str
    provider: bool
    request: bool
    problem: bool
    price: bool
    borrow: bool
    cancel: bool
    status: bool
    # The marks of ``both`` (its characters and pairs, see :mod:`intents.fastre`), which hold
    # those of ``text`` and ``english``: the cues skip what they cannot match by them.
    chars: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @property
    def any(self) -> bool:
        """Whether the message asks, reports a problem, cancels or asks after a booking."""
        return (
            self.request or self.problem or self.price or self.borrow or self.cancel or self.status
        )


def read_first(normalized: str) -> FirstCues:
    """Read the cues that decide whether a message without a target needs any more reading."""
    text = normalized
    english = " ".join(_ASCII_WORDS.findall(text))
    both = text + " | " + english
    chars = marks_of(both)  # both holds text and english: their marks are among these
    positive = text
    for cue in (NEGATED_WANT, PAST_HIRE, OFFER_REPLY):
        positive = cue.sub(" ", positive, chars if positive == text else None)
    positive_en = NEGATED_WANT.sub(" ", english, chars) if english else english
    positive_chars = chars if positive == text else marks_of(positive)
    positive_en_chars = chars if positive_en == english else marks_of(positive_en)
    # "有人知道靠谱的保洁阿姨吗": asking who can do the job asks for it
    provider = INQUIRY.found(both, chars) and _names_provider(both, chars)
    return FirstCues(
        text=text,
        english=english,
        positive=positive,
        positive_en=positive_en,
        both=both,
        provider=provider,
        request=provider
        or REQUEST_ZH.found(positive, positive_chars)
        or (bool(positive_en) and REQUEST_EN.found(positive_en, positive_en_chars)),
        problem=not DENIED_PROBLEM.found(both, chars)
        and (
            PROBLEM_ZH.found(text, chars) or (bool(english) and PROBLEM_EN.found(english, chars))
        ),
        price=PRICE_ZH.found(text, chars) or (bool(english) and PRICE_EN.found(english, chars)),
        borrow=BORROW_ZH.found(text, chars) or (bool(english) and BORROW_EN.found(english, chars)),
        cancel=CANCEL_ZH.found(text, chars) or (bool(english) and CANCEL_EN.found(english, chars)),
        status=STATUS_ZH.found(text, chars) or (bool(english) and STATUS_EN.found(english, chars)),
        chars=chars,
    )


def read_signals(normalized: str, first: FirstCues | None = None) -> Signals:
    """Read the cues of an already normalised message (reusing those read first)."""
    first = first or read_first(normalized)
    text, english, both = first.text, first.english, first.both
    positive, positive_en = first.positive, first.positive_en
    chars = first.chars or marks_of(both)
    english_cue = bool(english)  # the English-only lists need a word to match

    def on(cue: Cue, where: str) -> bool:
        return cue.found(where, chars)

    def on_positive(cue: Cue, where: str, form: str) -> bool:
        # (the positive forms hold the marks of their source unless something was blanked)
        return cue.found(where, chars if where == form else None)

    asks_outright = on_positive(ASK_EXPLICIT, positive, text) or on_positive(
        ASK_EXPLICIT, positive_en, english
    )
    denied = on(DENIED_PROBLEM, both)
    borrow_now = on(BORROW_NOW, both)
    return Signals(
        request=first.request,
        forward=first.provider
        or on_positive(FORWARD_ZH, positive, text)
        or (english_cue and on_positive(FORWARD_EN, positive_en, english)),
        negated=on(NEGATED_WANT, text) or denied,
        question=on(QUESTION, text),
        problem=first.problem,
        broken=not denied and on(BROKEN, both),
        cleaning=on(CLEAN_WORDS, both),
        person=on(PERSON, both),
        laughing=on(LAUGHING, both),
        aside=on(ASIDE, both),
        price=first.price,
        borrow=first.borrow,
        possess=on(POSSESS_ZH, text) or (english_cue and on(POSSESS_EN, english)),
        cancel=first.cancel,
        booking_words=on(BOOKING_WORDS, text),
        thanks=on(THANKS, both),
        completed=on(COMPLETED, both),
        past=on(PAST, both),
        ongoing=on(ONGOING, both),
        announcement=on(ANNOUNCE, both),
        advice=on(ADVICE, both),
        # "借你家梯子用下" asks the neighbour for the tool, not about their household
        others=(on(OTHERS, both) or _asks_the_group(text, chars))
        and not (borrow_now or on(USE_YOURS, text)),
        complaint=on(COMPLAINT, both),
        explicit_cancel=on(CANCEL_EXPLICIT, both),
        reported=on(REPORTED, both),
        followup=on(FOLLOWUP, both),
        returning=on(RETURNING, both) and not borrow_now and not asks_outright,
        asks_outright=asks_outright,
        praise=on(PRAISE, both),
        # selling or giving away, unless the writer also asks for help ("旧沙发送人 需要人搬")
        offer=on(LOST_FOUND, both) or (on(OFFER, both) and not asks_outright),
        # ("有人知道" asks what neighbours know; its "有人" is nobody being asked for)
        # ("师傅电话是多少" asks for the worker, so for the service)
        inquiry=(on(INQUIRY, both) or on(INFO_ASK, both)) and not _names_provider(both, chars),
        heard=on(HEARD, both),
        spare=on(SPARE, both),
        relapse=on(RELAPSE, both),
        status=first.status,
        news=on(NEWS, text),
    )
