"""News function words read from grammar (reader/pronounce/grammar.py), both readings each,
dictionary words two dictionaries agree on, and surname-led pairs that are no names."""

from __future__ import annotations

import pytest

from reader.pronounce import readings


def reading_of(sentence: str, char: str, nth: int = 0) -> str | None:
    found = readings.read([sentence])[0]
    positions = [k for k, c in enumerate(sentence) if c == char]
    return found.syllables[positions[nth]]


@pytest.mark.parametrize(
    ("sentence", "char", "expected", "nth"),
    [
        # 地: the adverbial particle after a modifier, the noun "ground, place" elsewhere
        ("代表们积极地参加讨论", "地", "de5", 0),
        ("他们创造性地开展工作", "地", "de5", 0),
        ("孩子们呆呆地看着窗外", "地", "de5", 0),
        ("降落伞落在地上", "地", "di4", 0),
        ("当地群众修好了道路", "地", "di4", 0),
        # 为: "for, in order to" before a verb phrase; "to be, into" after a verb or with 以
        ("为实现这个目标而努力", "为", "wei4", 0),
        ("我们为群众办实事", "为", "wei4", 0),
        ("他不肯为孩子买玩具", "为", "wei4", 0),
        ("学校为学生用心准备", "为", "wei4", 0),
        ("不是人人皆可为的", "为", "wei2", 0),
        ("更好地为人民服务", "为", "wei4", 0),  # the HMM glues 地为
        ("热情地为顾客服务", "为", "wei4", 0),
        ("政府应为企业创造良好环境", "为", "wei4", 0),  # jieba's word 应为
        ("文中的北京应为南京", "为", "wei2", 0),  # "should be"
        ("他们的工作为改革奠定了基础", "为", "wei4", 0),  # a verbal noun before 为
        ("小镇逐步发展为城市", "为", "wei2", 0),
        ("这些房屋多为木结构", "为", "wei2", 0),  # the HMM glues 多为
        ("各项工作都为经济建设服务", "为", "wei4", 0),  # 都 + 为 someone + a verb
        ("这些人都为农民", "为", "wei2", 0),
        ("老人们都为村里的发展出过主意", "为", "wei4", 0),  # a verb with its aspect, not last
        ("这次访问为两国关系发展奠定了基础", "为", "wei4", 0),  # a verb word as the subject
        ("他也为这件事操碎了心", "为", "wei4", 0),  # 这件 is no amount
        ("她一早起来为家人做饭", "为", "wei4", 0),  # after a verb of coming and going
        ("这个厂为灾区捐赠了一批棉被", "为", "wei4", 0),  # the HMM's 厂为: two words
        ("要把资源优势转化为经济优势", "为", "wei2", 0),
        ("这家商店已更名为某某商场", "为", "wei2", 0),  # 某某 is no one it is for
        ("全村的主要收入来源为种植业", "为", "wei2", 0),  # 种植业 is a trade, not an act
        ("我们都为之骄傲", "为", "wei4", 0),
        ("他们都在为实现目标而努力", "为", "wei4", 0),  # 为…而…
        ("赛距为职业运动员最长的距离", "为", "wei2", 0),
        ("他们为国争光", "为", "wei4", 0),  # an idiom no dictionary lists
        ("要把为民办实事作为标准", "为", "wei4", 0),  # jieba's word 为民 before a verb
        ("宋真宗封五岳为帝", "为", "wei2", 0),
        ("委员会为他们提供帮助", "为", "wei4", 0),
        ("这个县被宣布为示范县", "为", "wei2", 0),
        ("以发展外贸为主", "为", "wei2", 0),
        ("五项比赛分别为跳远和游泳", "为", "wei2", 0),
        # 应: the modal yīng; "respond" yìng after an invitation or glued to a verb
        ("各地应与部队联合行动", "应", "ying1", 0),
        ("这些问题应予肯定", "应", "ying1", 0),
        ("他应邀出席会议", "应", "ying4", 0),
        # 得: the complement marker de, the modal děi, "obtain" dé
        ("她的身材又变得那么矮小", "得", "de5", 0),
        ("估计得更充分", "得", "de5", 0),
        ("这件事必须得有人负责", "得", "dei3", 0),
        ("他获得了冠军", "得", "de2", 0),
        ("这个问题得认真研究", "得", "dei3", 0),  # after its subject
        ("这笔钱得还给他", "得", "dei3", 0),  # the HMM glues 钱得
        ("他得了一等奖", "得", "de2", 0),
        ("生活过得越来越好", "得", "de5", 0),  # CC-CEDICT's 过得 dé gives way
        # 曾: the surname before a name or 某, "once" before a verb
        ("交通部门责令曾某赔偿", "曾", "zeng1", 0),
        ("他曾在北京工作", "曾", "ceng2", 0),
        # 种: the verb "plant" before a noun, the measure word after a numeral
        ("农民在山坡上种树", "种", "zhong4", 0),
        ("这是两种不同的办法", "种", "zhong3", 0),
        ("种粮大户得到补贴", "种", "zhong4", 0),  # a word no dictionary lists: 种 + noun
        ("农民种菜致富", "种", "zhong4", 0),
        ("养殖场引进了种鸡", "种", "zhong3", 0),  # "breeding", not a crop
        ("小区里种满了花草树木", "种", "zhong4", 0),  # before a result (the HMM's 里种)
        ("山坡上种上了果树", "种", "zhong4", 0),
        # 处: "be situated" before 在/于 and in CC-CEDICT's 处在, 身处; a place after a numeral
        ("我国正处在关键时期", "处", "chu3", 0),
        ("他身处险境", "处", "chu3", 0),
        ("山上有一处古迹", "处", "chu4", 0),
        # 还: the verb closing its clause, the adverb before what it qualifies
        ("借了钱要按时还", "还", "huan2", 0),
        ("他还在北京工作", "还", "hai2", 0),
        ("欠的钱早就还了", "还", "huan2", 0),
        ("这本书我明天还你", "还", "huan2", 0),
        ("他还你一个公道", "还", "huan2", 0),
        ("她气得浑身发抖", "得", "de5", 0),  # the HMM glues 气得; jieba tags 气 a noun
        ("他的担子很重", "重", "zhong4", 0),  # after a degree adverb
        ("她高兴得跳了起来", "得", "de5", 0),  # jieba tags 高兴 b
        # 涌: the Cantonese "creek" closing a place name, the verb "surge" elsewhere
        ("船队驶过乌涌和黄埔", "涌", "chong1", 0),
        ("游客涌向景区", "涌", "yong3", 0),
        ("新人新事不断涌现", "涌", "yong3", 0),
        # 少: shǎo at a word's end
        ("天上的云越来越少", "少", "shao3", 0),
        # 只: the measure word after a numeral
        ("他那两只大眼睛", "只", "zhi1", 0),
        # 薄: the everyday adjective on its own, bó in listed words
        ("瓷厂生产的薄白瓷小杯", "薄", "bao2", 0),
        ("这是一个薄弱环节", "薄", "bo2", 0),
        # 干: the verb "do" after a verb, gān in listed words
        ("我们可以放心去干", "干", "gan4", 0),
        ("路上要带好干粮", "干", "gan1", 0),
        ("各级干部要带头干", "干", "gan4", 1),  # closing its clause
        # 重: "again" before a verb, "heavy" in a noun or adjective
        ("中国同美国重开农业谈判", "重", "chong2", 0),
        ("来到遭重灾的乡村", "重", "zhong4", 0),
        ("失火虽损失惨重", "重", "zhong4", 0),
        # 更: "more" before an adjective, gēng in listed words; 数 "several" before a numeral
        ("春天的山更青翠柳更嫩绿", "更", "geng4", 1),
        ("系统需要更新", "更", "geng1", 0),
        ("数百名群众参加了活动", "数", "shu4", 0),
        # 着: "wear" between an adverb and a noun, the particle after a verb
        ("街头的姑娘已着裙装", "着", "zhuo2", 0),
        ("他用馍夹着肉在火上烤", "着", "zhe5", 0),
        # 为 after someone a verb governs, after a naming verb, after an auxiliary
        ("老师请学生为大家唱歌", "为", "wei4", 0),
        ("朝廷封他为将军", "为", "wei2", 0),
        ("我们能够为社会做贡献", "为", "wei4", 0),
        # 得 glued by the HMM to the adverb before it; 地 after a sound word
        ("这些钱全得交给国家", "得", "dei3", 0),
        ("门砰地一声关上了", "地", "de5", 0),
        # 差 on its own, and after 之
        ("他的成绩很差", "差", "cha4", 0),
        ("两队只有一球之差", "差", "cha1", 0),
        # 切 in foreign names, 转 around, 觉 slept, 曾 before a name the HMM found
        ("切尔西队获胜", "切", "qie4", 0),
        ("他在操场上转了两圈", "转", "zhuan4", 0),
        ("他转身就走", "转", "zhuan3", 0),
        ("他中午睡了个好觉", "觉", "jiao4", 0),
        ("我觉得很好", "觉", "jue2", 0),
        ("老板曾小明发言", "曾", "zeng1", 0),
        # 弄 as a verb
        ("他把衣服弄干了", "弄", "nong4", 0),
        ("这件事一定要弄清楚", "弄", "nong4", 0),
        # verbs before their complement, not the nouns
        ("在桌上铺上一块布", "铺", "pu1", 0),
        ("把画钉在墙上", "钉", "ding4", 0),
        ("她把扣子缝好了", "缝", "feng2", 0),
        ("把种子撒在地里", "撒", "sa3", 0),
        ("街角有一家小铺", "铺", "pu4", 0),
        ("农民从地里刨出一块石碑", "刨", "pao2", 0),
        # 汗 after a name is the khan
        ("成吉思汗统一了蒙古", "汗", "han2", 0),
        ("他累得出了一身汗", "汗", "han4", 0),
        # 挨 suffered or next to, 尽 entirely, 晕 the halo
        # 差: "poor" after a degree adverb jieba keeps with it, "range, error" as a noun
        ("这批产品质量极差", "差", "cha4", 0),
        ("全班成绩最差的是他", "差", "cha4", 0),
        ("统计中的极差很大", "差", "cha1", 0),
        ("测量误差不大", "差", "cha1", 0),
        ("地球绕着太阳转", "转", "zhuan4", 0),
        ("他一步一步地走到门口", "地", "de5", 0),  # a repeated measure before 地
        ("他一个个地问", "地", "de5", 0),  # one by one (the HMM glues 地问)
        ("他们及时地发现了问题", "地", "de5", 0),  # jieba tags 及时 a conjunction
        ("他和地方干部一起", "地", "di4", 0),
        ("他应了一声", "应", "ying4", 0),  # a verb with its aspect
        ("她遭了难", "难", "nan4", 0),
        ("这件事很难", "难", "nan2", 0),
        ("他累得满头大汗", "累", "lei4", 0),
        ("他长得很像他父亲", "长", "zhang3", 0),  # the HMM glues 他长
        ("他累得满头大汗", "汗", "han4", 0),  # CC-CEDICT's 满头大汗, not pypinyin's 大汗 hán
        ("知识是一点一滴积累的", "累", "lei3", 0),
        ("他转身走了", "转", "zhuan3", 0),
        ("车轮转得飞快", "转", "zhuan4", 0),  # how fast it turns
        ("他种了一棵树", "种", "zhong4", 0),  # the HMM glues 他种: two words
        ("我数了三遍", "数", "shu3", 0),
        ("他在理发店工作", "发", "fa4", 0),  # pypinyin's 理发 and CC-CEDICT's 理发店 agree
        ("他飞也似的跑了", "似", "shi4", 0),  # 似 closing a comparison before 的
        ("两人长得很相似", "似", "si4", 0),
        ("他冲着我笑", "冲", "chong4", 0),  # the preposition 冲着
        ("他冲上了山顶", "冲", "chong1", 0),
        ("请系上安全带", "系", "ji4", 0),  # "tie" before its complement (the HMM's 请系)
        ("他系好了鞋带", "系", "ji4", 0),
        ("他在中文系读书", "系", "xi4", 0),
        ("他挨了一顿打", "挨", "ai2", 0),
        ("房子紧挨着河岸", "挨", "ai1", 0),
        ("他的积蓄尽归他人", "尽", "jin4", 0),
        ("请尽快回复", "尽", "jin3", 0),
        ("星系外面有暗物质晕", "晕", "yun4", 0),
        # 哦 closing a clause
        ("出门记得带伞哦。", "哦", "o5", 0),
        # 更 after the complement 得, even where it opens a listed word (更深 gēng shēn)
        ("把风险思考得更深", "更", "geng4", 0),
        ("他变得更新潮", "更", "geng4", 0),
        ("夜已更深", "更", "geng1", 0),
        # 行 counted after a numeral is a line; a party after 一; in words as listed
        ("她流下了两行热泪", "行", "hang2", 0),
        ("信里只写了几行字", "行", "hang2", 0),
        ("请看第十二行", "行", "hang2", 0),
        ("代表团一行五人到达北京", "行", "xing2", 0),
        ("部队转战太行各地", "行", "hang2", 0),  # 太行 begins the listed 太行山
        ("多行不义必自毙", "行", "xing2", 0),
        ("双方进行了会谈", "行", "xing2", 0),
        # 得 that jieba tags the complement marker, after a verb the HMM glued to its subject
        ("昨夜雨下得很急", "得", "de5", 0),
        ("院子被灯照得通亮", "得", "de5", 0),
        ("要致富就得先修路", "得", "dei3", 0),
        ("他在比赛中得了两枚金牌", "得", "de2", 0),
        # 长 alone: "grow" before 得, 着, a result or what grew; "long" after a degree or a length
        ("那棵树长得很高", "长", "zhang3", 0),
        ("小姑娘长着一头卷发", "长", "zhang3", 0),
        ("他脸上长了一颗痣", "长", "zhang3", 0),
        ("这根绳子很长", "长", "chang2", 0),
        ("这条公路长八十公里", "长", "chang2", 0),
        ("这块木板有两米长", "长", "chang2", 0),
        ("乡长带领村民修路", "长", "zhang3", 0),  # pypinyin: cháng; CC-CEDICT's word
        # 地 after a repeated or paired measure is the particle
        ("他们一年又一年地植树造林", "地", "de5", 0),
        ("队员们一个接一个地跳进河里", "地", "de5", 0),
        ("他一字一句地念给大家听", "地", "de5", 0),
        # 着 "catch, reach" before 了 after no verb, and closing 不着
        ("孩子们夜里着了凉", "着", "zhao2", 0),
        ("他整夜睡不着", "着", "zhao2", 0),
        ("他手里拿着一本书", "着", "zhe5", 0),
        # 量 the verb before an aspect or 一下; 转 counting revolutions; 该行 "this bank"
        ("护士给他量了血压", "量", "liang2", 0),
        ("请你量一下尺寸", "量", "liang2", 0),
        ("电机每分钟两千转", "转", "zhuan4", 0),
        ("该行今年的贷款余额增加", "行", "hang2", 0),
        # content words read from the word next to them, also where jieba glues them to it
        ("这姑娘说话很冲", "冲", "chong4", 0),
        ("他冲我点了点头", "冲", "chong4", 0),
        ("老李当了护林员一干就是三十年", "干", "gan4", 0),
        ("请把电视的声音调小一点", "调", "tiao2", 0),
        ("他以一票之差落选", "差", "cha1", 0),
        ("敲了半天门也没人应", "应", "ying4", 0),
        ("妈妈把肉切好了", "切", "qie1", 0),
        ("战士们不怕苦不怕累", "累", "lei4", 0),
        ("为了孩子再苦再累也值得", "累", "lei4", 0),
        ("他把日记藏在枕头底下", "藏", "cang2", 0),
        ("这头猪重一百多公斤", "重", "zhong4", 0),
        ("过去山里人看病难", "难", "nan2", 0),
        ("全家逃过了一场难", "难", "nan4", 0),
        ("他整夜睡不着觉", "觉", "jiao4", 0),
        # 只 "only" after a span of time; 还 the adverb before a verb; 数 counted again
        ("他一年只回一次老家", "只", "zhi3", 0),
        ("村里养了三百只羊", "只", "zhi1", 0),
        ("大会还听取了财政预算报告", "还", "hai2", 0),
        ("你数一数有几个人", "数", "shu3", 0),
        ("你数一数有几个人", "数", "shu3", 1),
        # 转 spinning; 空 left empty; 结 bearing fruit; 外长 after jieba's 国外
        ("电扇在头顶上呼呼地转着", "转", "zhuan4", 0),
        ("请把第一排座位空着", "空", "kong4", 0),
        ("院里的枣树结满了枣子", "结", "jie1", 0),
        ("他们明年结婚", "结", "jie2", 0),
        ("两国外长举行了会谈", "长", "zhang3", 0),
        ("市民们一早就来排长队", "长", "chang2", 0),
        ("他一觉醒来天已大亮", "觉", "jiao4", 0),
        ("人民终于觉醒了", "觉", "jue2", 0),
        # 着 reached or alight; 得 "catch, get" before 过 or after 会
        ("火柴怎么也划不着", "着", "zhao2", 0),
        ("他一伸手就抓着了缰绳", "着", "zhao2", 0),
        ("她年轻时得过一场重病", "得", "de2", 0),
        ("现在的日子过得比过去好", "得", "de5", 0),
        # from the last unseen sets: 得 in jieba's 说得对, 调高 prices, 转 a number of turns
        ("你这话说得对", "得", "de5", 0),
        ("今年的雨水比去年少得多", "得", "de5", 0),
        ("银行调低了存款利率", "调", "tiao2", 0),
        ("你帮我把闹钟调一调", "调", "tiao2", 0),
        ("叶轮每分钟转五千圈", "转", "zhuan4", 0),
        ("他在外面长了不少见识", "长", "zhang3", 0),
        ("曾大伯是村里的老党员", "曾", "zeng1", 0),
        # 降 surrendering to a state, falling to a figure; 长 closing a clause after what is long
        ("李陵兵败后降汉", "降", "xiang2", 0),
        ("物价指数已降至百分之三", "降", "jiang4", 0),
        ("这次干旱持续时间长", "长", "chang2", 0),
        ("他后来当了副团长", "长", "zhang3", 0),
        ("这里的土地种什么都行", "种", "zhong4", 0),
        # given names: 相 xiàng, 少 shào
        ("行长戴相龙出席了会议", "相", "xiang4", 0),
        ("新当选的主席张少华讲了话", "少", "shao4", 0),
        ("他们互相帮助", "相", "xiang1", 0),
        # the last unseen sets: glued 干得, 着重 and 着手 after a verb, 空着手, 调一调, 自己种的,
        # 系在, and 干 of what was wet
        ("工人们干得十分卖力", "得", "de5", 0),
        ("一些单位仍存在着重数量轻质量的现象", "着", "zhe5", 0),
        ("我们已经着手准备", "着", "zhuo2", 0),
        ("老两口紧紧地握着手", "着", "zhe5", 0),
        ("他空着手回来了", "空", "kong1", 0),
        ("你帮我把音量调一调", "调", "tiao2", 1),
        ("这些菜都是我们自己种的", "种", "zhong4", 0),
        ("他把马系在树上", "系", "ji4", 0),
        ("这口井早就干了", "干", "gan1", 0),
        ("他在厂里干了十年", "干", "gan4", 0),
        # the final unseen sets: 深得 dé, 上 + 当 a job, 一干就是, 把…当, 为一点小事, 秋种
        ("老校长深得学生们的爱戴", "得", "de2", 0),
        ("他年轻时在货轮上当过大副", "当", "dang1", 0),
        ("千万不要上当受骗", "当", "dang4", 0),
        ("老张在这个岗位上一干就是二十年", "干", "gan4", 0),
        ("大家都把他当亲人", "当", "dang4", 0),
        ("两口子常为一点小事吵架", "为", "wei4", 0),
        ("各地抓紧秋收秋种", "种", "zhong4", 0),
        # 教 alone is "teach"; jiào in words, and in listed words made of two (受教)
        ("李老师教我们数学", "教", "jiao1", 0),
        ("她在乡村小学教了二十年书", "教", "jiao1", 0),
        ("他虚心向老工人请教", "教", "jiao4", 0),
        ("他们都信教", "教", "jiao4", 0),
        # 种 the verb, glued by the HMM to the place before it or the result after it
        ("他家后院里种着几棵枣树", "种", "zhong4", 0),
        ("这些果树都是五年前种的", "种", "zhong4", 0),
        ("村民在坡地上种满了核桃", "种", "zhong4", 0),
        ("奶奶在阳台上种些葱蒜", "种", "zhong4", 0),
        ("他们今年种了五亩花生", "种", "zhong4", 0),
        ("这种做法值得推广", "种", "zhong3", 0),
        # 只 counts after 这, 那, 每 before what is counted; "only" before a verb
        ("这只花瓶是宋代的", "只", "zhi1", 0),
        ("每只鸡都打了疫苗", "只", "zhi1", 0),
        ("那只生病的小猫好了", "只", "zhi1", 0),
        ("这只说明他还年轻", "只", "zhi3", 0),
        # 都 standing alone is the adverb, even where 都会 or 天都 are listed across words
        ("全村老少都会游泳", "都", "dou1", 0),
        ("每年春天都要植树", "都", "dou1", 0),
        ("北京是中国的首都", "都", "du1", 0),
    ],
)
def test_news_function_words_read_by_grammar(
    sentence: str, char: str, expected: str, nth: int
) -> None:
    assert reading_of(sentence, char, nth) == expected


@pytest.mark.parametrize(
    ("word", "char", "expected"),
    [
        ("丽水", "丽", "li2"),
        ("横财", "横", "heng4"),
        ("症结", "症", "zheng1"),
        ("粘贴", "粘", "zhan1"),
        ("落枕", "落", "lao4"),
        ("殷红", "殷", "yan1"),
        ("可汗", "可", "ke4"),
    ],
)
def test_dictionary_words_are_not_overruled_by_the_model(
    word: str, char: str, expected: str
) -> None:
    assert reading_of(f"他说这就是{word}。", char) == expected


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("必须常怀忧患之心", "常怀"),
        ("精准施策防风险", "施策"),  # jieba tags 精准 a noun
        ("坚持科学施策", "施策"),
    ],
)
def test_a_pair_after_an_adverbial_is_no_name(sentence: str, pair: str) -> None:
    words = readings.read([sentence])[0].words
    assert [w.tag for w in words if w.text == pair] == ["glued"]


def test_a_name_after_a_title_stays_a_name() -> None:
    words = readings.read(["记者李明报道"])[0].words
    assert [w.tag for w in words if w.text == "李明"] == ["new"]


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("公司重用年轻人", "重", "zhong4"),  # CC-CEDICT's whole word, not the 重 rule
        ("她身着红裙", "着", "zhuo2"),
        ("这声音你听得到吗", "得", "de5"),  # pypinyin's 听得到 across 听 + 得到
        ("伞兵安然着地", "着", "zhao2"),  # CC-CEDICT's 着地 across 着 + 地
        ("他从事分子物理学研究", "分", "fen1"),  # 分子物理学 across 分子 + 物理学
        ("他是一名知识分子", "分", "fen4"),
        ("她以为我不记得了", "得", "de5"),  # 记得, not pypinyin's 不记得 dé
    ],
)
def test_a_listed_word_beats_grammar(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


def test_the_text_never_overrides_what_grammar_read() -> None:
    # One text where the dictionary's words read 地 dì (土地, 各地): an unknown word holding
    # the adverbial 地 keeps de.
    found = readings.read(["各地的土地都很好", "她轻如耳语地问他"], one_text=True)
    sentence = "她轻如耳语地问他"
    assert found[1].syllables[sentence.index("地")] == "de5"


def test_a_word_listed_only_inside_longer_phrases_reads_as_they_do() -> None:
    # 太行 is listed only as the start of 太行山 (háng); g2pM alone says xíng.
    assert reading_of("车流奔波于太行南北", "行") == "hang2"


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("他的文风质朴自然", "朴", "pu3"),  # pypinyin's phrase dictionary says piáo here
        ("老人生活简朴", "朴", "pu3"),
        ("朴槿惠访问中国", "朴", "piao2"),  # the surname
        ("代表团访问洪都拉斯", "都", "du1"),  # pypinyin: dōu
        ("他们全都来了", "都", "dou1"),  # the adverb
        ("今年外贸出现逆差", "差", "cha1"),  # pypinyin: chà
        ("山区昼夜温差很大", "差", "cha1"),
        ("他常年累月在外奔波", "累", "lei3"),  # pypinyin: lèi
        ("他今天太累了", "累", "lei4"),
        ("银行按月收取还款", "还", "huan2"),  # pypinyin: hái
        ("数以万计的群众来到广场", "数", "shu4"),  # pypinyin: shǔ
        ("这股势头不可阻挡", "头", "tou5"),  # pypinyin's neutral tone, not the model's tóu
        ("天上的星星数不清", "数", "shu3"),
    ],
)
def test_slips_of_the_phrase_dictionary_are_mended(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        # A character alone before a title is a surname: CC-CEDICT's surname reading
        ("市民解先生说", "解", "xie4"),
        ("查先生向记者反映", "查", "zha1"),
        ("区老师是一名退休教师", "区", "ou1"),
        ("盖女士介绍说", "盖", "ge3"),
        ("曾先生表示", "曾", "zeng1"),
        # in a name jieba finds, after a title or before 同志
        ("省委书记解振华在会上讲话", "解", "xie4"),
        ("副市长朴成哲会见了客人", "朴", "piao2"),
        ("分行行长单国庆介绍", "单", "shan4"),
        ("单维新同志因病逝世", "单", "shan4"),
        ("曾庆元同志早年参加革命", "曾", "zeng1"),
        ("书记曾多次指出", "曾", "ceng2"),
        ("乡党委书记单长海介绍说", "单", "shan4"),  # a title that ends in one (党委书记)
        ("副县长单志强到会讲话", "单", "shan4"),
        ("市政协主任查培新在会上讲话", "查", "zha1"),
        # after 姓, any surname
        ("我的同桌姓单", "单", "shan4"),
        ("这位老人姓曾", "曾", "zeng1"),
        # and the same characters in words keep their own readings
        ("他们很快解决了问题", "解", "jie3"),
        ("检查组来到区政府", "区", "qu1"),
        ("覆盖面很广", "盖", "gai4"),
    ],
)
def test_a_surname_before_a_title(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("两国关系发展顺利", "系", "xi5"),  # as news readers say it; pypinyin: xì
        ("要理顺政企关系", "系", "xi5"),
        ("他很重视人际关系", "系", "xi5"),
        ("没关系，我们再来", "系", "xi5"),
        ("他剪短了头发", "发", "fa5"),
        ("两队在决赛中展开较量", "量", "liang5"),
        ("这套系统运行稳定", "系", "xi4"),  # the full tone elsewhere
        ("她考上了中文系", "系", "xi4"),
        ("他去理发店理发", "发", "fa4"),
        ("经济发展很快", "发", "fa1"),
        ("人民的力量是无穷的", "量", "liang4"),
        ("产品数量大增", "量", "liang4"),
    ],
)
def test_words_news_readers_say_with_a_neutral_tone(
    sentence: str, char: str, expected: str
) -> None:
    assert reading_of(sentence, char, nth=-1 if sentence.count(char) > 1 else 0) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("工作组就地解决群众的困难", "地", "di4"),  # 就地 "on the spot"
        ("全省各地都下了雨", "地", "di4"),  # 各地 glued into 全省各地
        ("放学后同学们三三两两地走回家", "地", "de5"),  # jieba tags the adverbial m
        ("队员们三五成群地聊天", "地", "de5"),
        ("他满头大汗地跑进教室", "地", "de5"),  # jieba tags the idiom ns
        ("两地群众来往密切", "地", "di4"),
        ("他在这一行干了三十年", "行", "hang2"),  # "a trade"
        ("干哪一行都要吃苦", "行", "hang2"),
        ("纸上写着一行工整的小字", "行", "hang2"),  # "a line"
        ("战士们排成一行", "行", "hang2"),
        ("他一行一行地检查", "行", "hang2"),
        ("请看第一行", "行", "hang2"),
        ("访问团一行六人昨天抵达", "行", "xing2"),  # "a party"
        ("省长一行考察了汉字博物馆", "行", "xing2"),
    ],
)
def test_place_and_line_read_from_their_neighbours(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


def test_do_a_trade() -> None:
    assert list(readings.read(["干一行爱一行"])[0].syllables) == [
        "gan4", "yi1", "hang2", "ai4", "yi1", "hang2"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("这家老店的信誉大家都信得过", "得", "de5"),  # pypinyin's phrase: dé
        ("我们的服务比得上大城市", "得", "de5"),
        ("年轻人干活跟得上", "得", "de5"),
        ("这个理由站得住脚", "得", "de5"),
        ("晴天在这里看得见大海", "得", "de5"),
        ("这种零件在县城买得到", "得", "de5"),  # jieba's 买 得到
        ("这笔钱他们拿得出", "得", "de5"),
        ("他的力气大得出奇", "得", "de5"),
        ("他终于得到了回报", "得", "de2"),  # "obtain"
        ("企业要得到银行的贷款", "得", "de2"),
        ("专家们分析数据后得出结论", "得", "de2"),
        ("局面一时闹得不可开交", "得", "de5"),
    ],
)
def test_can_do_complements_and_obtaining(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char, nth=-1 if sentence.count(char) > 1 else 0) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected", "nth"),
    [
        ("会计数了数抽屉里的现金", "数", "shu3", 1),  # the verb "count"
        ("小女孩一边数星星一边唱歌", "数", "shu3", 0),
        ("他把票子数了一遍", "数", "shu3", 0),
        ("老汉数着手里的种子", "数", "shu3", 0),
        ("参加比赛的人数超过一千", "数", "shu4", 0),  # the number
        ("数百名群众赶来帮忙", "数", "shu4", 0),
        ("这副担子比什么都重", "重", "zhong4", 0),  # "heavy" closing a comparison
        ("工作一年比一年重了", "重", "zhong4", 0),
        ("任务又多又重", "重", "zhong4", 0),
        ("老战士重走当年的路", "重", "chong2", 0),  # "again"
    ],
)
def test_counting_and_heavy(sentence: str, char: str, expected: str, nth: int) -> None:
    assert reading_of(sentence, char, nth) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected", "nth"),
    [
        ("这项工程当年开工当年完成", "当", "dang4", 0),  # "the same year", said twice
        ("这项工程当年开工当年完成", "当", "dang4", 1),
        ("当年他只有十八岁", "当", "dang1", 0),  # "in those years"
        ("有人根本不把安全当回事", "当", "dang4", 0),
        ("新建的公路总长六十公里", "长", "chang2", 0),  # total length
        ("山坡上长满了野花", "长", "zhang3", 0),
        ("治安大队长王小平介绍了情况", "长", "zhang3", 0),  # the head of a unit
        ("果园里的桃树开花结果了", "结", "jie1", 0),  # "bear fruit"
        ("新栽的梨树明年就能结果", "结", "jie1", 0),
        ("老枣树结了不少枣", "结", "jie1", 0),
        ("河面上结了一层薄冰", "结", "jie2", 0),  # "form"
        ("比赛结果出来了", "结", "jie2", 0),  # "result"
    ],
)
def test_same_year_total_length_and_bearing(
    sentence: str, char: str, expected: str, nth: int
) -> None:
    assert reading_of(sentence, char, nth) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("老党员处处为集体着想", "wei4"),  # an adverbial before 为 "for"
        ("这家银行累计为企业发放贷款三亿元", "wei4"),
        ("他几十年始终为乡亲们看病", "wei4"),
        ("看台上写有为祖国争光的大字", "wei4"),
        ("客队球迷也在为主队鼓掌", "wei4"),
        ("他为人正直热情", "wei2"),  # "as a person"
        ("村里把荒坡改造为茶园增加了收入", "wei2"),  # "into"
        ("她被任命为学校的校长", "wei2"),
        ("小店已经发展为拥有三家分店的公司", "wei2"),
        ("这种精神一直为后人所敬仰", "wei2"),  # 为…所: passive
        ("农村改革为经济发展奠定了基础", "wei4"),
    ],
)
def test_wei_after_adverbials_and_verbs_of_becoming(sentence: str, expected: str) -> None:
    assert reading_of(sentence, "为") == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("我家种的南瓜又大又甜", "种", "zhong4"),  # the verb after a household
        ("他把几亩坡地种得很好", "种", "zhong4"),
        ("这里适合种麦子", "种", "zhong4"),
        ("这种的确少见", "种", "zhong3"),  # the measure word
        ("这一带常年少雨", "少", "shao3"),
        ("办这种事少不了花钱", "少", "shao3"),  # pypinyin's phrase: shào
        ("他是一个只会埋头苦干的人", "只", "zhi3"),  # "only" after a measure word
        ("这是一家只卖布鞋的小店", "只", "zhi3"),
        ("他举起两只手", "只", "zhi1"),  # the measure word
        ("大家一听就乐了", "乐", "le4"),  # "be glad"
        ("老人乐得直拍手", "乐", "le4"),
        ("他从小喜欢音乐", "乐", "yue4"),  # "music"
    ],
)
def test_planting_little_only_and_glad(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("技术员单晓东改进了这台机器", "单", "shan4"),  # after an occupation
        ("养殖户查长林今年卖了三十头猪", "查", "zha1"),
        ("镇长解国平带队检查", "解", "xie4"),  # after a title ending in 长
        ("区志刚是这个村的老支书", "区", "ou1"),  # opening the sentence before 是
        ("我们采访了查老先生", "查", "zha1"),
        ("退休教师仇永年捐出了积蓄", "仇", "qiu2"),  # only after a title
        ("他们之间有仇", "仇", "chou2"),
        ("三十岁的曾志强获得冠军", "曾", "zeng1"),  # after 的, before a name
        ("他曾多次获得冠军", "曾", "ceng2"),
        ("工作人员查了三遍", "查", "cha2"),
    ],
)
def test_surnames_after_occupations_and_at_the_start(
    sentence: str, char: str, expected: str
) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("他在拉萨学习藏医", "藏", "zang4"),  # pypinyin's phrase: cáng
        ("牧民们穿着藏袍跳舞", "藏", "zang4"),
        ("档案馆里藏有许多老照片", "藏", "cang2"),  # "hold"
        ("巴黎被称为时装之都", "都", "du1"),  # "capital"
        ("景德镇被誉为瓷都", "都", "du1"),
        ("他们都来了", "都", "dou1"),
        ("河水的水质变差了", "差", "cha4"),  # "get worse"
        ("群众反映上学难的问题", "难", "nan2"),  # "hard"
        ("这里实行退耕还林还草", "还", "huan2"),  # "give back"
        ("妈妈给孩子系上围巾", "系", "ji4"),  # "tie"
        ("有一位姓干的老人", "干", "gan1"),  # the surname
    ],
)
def test_tibetan_capital_worse_and_tied(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char, nth=-1 if sentence.count(char) > 1 else 0) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("你得多喝点水", "得", "dei3"),  # "must", after its subject
        ("咱们得把账算清楚", "得", "dei3"),
        ("这件事得跟厂长商量", "得", "dei3"),
        ("遇到困难也得想办法克服", "得", "dei3"),
        ("这个问题还得从长计议", "得", "dei3"),
        ("他的脸红得像苹果", "得", "de5"),  # jieba's 脸红: a complement
        ("大火烧得整条街都变了样", "得", "de5"),
        ("他的画画得栩栩如生", "得", "de5"),
        ("他得了三分", "得", "de2"),  # "obtain"
        ("他乐得直拍手", "得", "de5"),
        ("乡亲们的日子过得红红火火", "得", "de5"),
        ("这座古塔共有九重", "重", "chong2"),  # layers
        ("这条鱼足有三公斤重", "重", "zhong4"),
    ],
)
def test_must_and_complement_de(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("一轮朝阳照在山坡上", "朝", "zhao1"),  # the morning sun
        ("迎着朝阳出发", "朝", "zhao1"),
        ("他家住在北京朝阳区", "朝", "chao2"),  # the district
        ("两人为一点小事发生了口角", "角", "jue2"),  # a quarrel
        ("他的口角挂着微笑", "角", "jiao3"),
        ("饭后到河边转一转", "转", "zhuan4"),  # a stroll
        ("她十年没有请过一天假", "假", "jia4"),  # leave
        ("这张发票是假的", "假", "jia3"),
        ("这种机会可遇不可求，摸得着的实惠更重要", "着", "zhao2"),
    ],
)
def test_morning_sun_quarrel_stroll_and_leave(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("你得快一点", "得", "dei3"),  # "must", after a pronoun
        ("我们得抓紧时间", "得", "dei3"),
        ("志愿者以实际行动为群众排忧解难", "为", "wei4"),  # 以…为 + who + a verb: "for"
        ("以市场为导向，以效益为中心", "为", "wei2"),
        ("今后要着重抓好质量", "着", "zhuo2"),  # "stress", after a modal
        ("他累倒在工地上", "累", "lei4"),
        ("大夫每天给他量两次血压", "量", "liang2"),  # "measure"
        ("她只盖了一床薄被", "薄", "bao2"),
        ("师傅教会了我开车", "教", "jiao1"),  # "taught"
        ("他们去教会做礼拜", "教", "jiao4"),  # "church"
        ("你累不累", "累", "lei4"),
        ("来的人太少了", "少", "shao3"),
        ("房子一座接着一座地建起来", "地", "de5"),
        ("打更的老人敲过了三更", "更", "geng1"),
        ("他教孩子们怎样种果树", "种", "zhong4"),
        ("汽油价格将上调百分之五", "调", "tiao2"),  # prices "raised"
        ("他从县里上调到省里", "调", "diao4"),
        ("谁家有了难处他都帮忙", "处", "chu4"),  # "difficulty"
        ("观众长时间地鼓掌", "长", "chang2"),
        ("天上飞过一行大雁", "行", "hang2"),
    ],
)
def test_more_senses_the_neighbours_decide(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("他诚恳地道了歉", "de5"),  # jieba's 地道: the adverbial and the verb 道
        ("天气慢慢地热起来了", "de5"),
        ("这是地道的四川菜", "di4"),  # "genuine"
        ("这里地热资源丰富", "di4"),
    ],
)
def test_adverbial_de_glued_to_the_verb(sentence: str, expected: str) -> None:
    assert reading_of(sentence, "地") == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("干部要为群众多办实事", "为", "wei4"),  # 为 + who + 多 + a verb
        ("新桥建成为沿江群众出行提供了方便", "为", "wei4"),
        ("听到这个消息大家都乐了", "乐", "le4"),
        ("全村人都乐坏了", "乐", "le4"),
        ("他忙得连觉都顾不上睡", "觉", "jiao4"),  # sleep
        ("干了一天活也不觉得累", "累", "lei4"),
        ("他累得一句话也说不出来", "得", "de5"),
        ("他小心翼翼地下了楼", "地", "de5"),  # an idiom, 地 and the verb 下
        ("我们有说有笑地上了车", "地", "de5"),
        ("公路两旁是一行行白杨树", "行", "hang2"),
        ("雪地上留下一行深深的脚印", "行", "hang2"),
        ("他闭着眼想了一会儿", "着", "zhe5"),  # after a verb: the aspect
        ("我们要着眼长远", "着", "zhuo2"),
        ("这孩子越长越高", "长", "zhang3"),
        ("我们在街上转了大半天", "转", "zhuan4"),
        ("院子里种起了花", "种", "zhong4"),
        ("西安是著名的古都", "都", "du1"),
        ("医院连一台X光机都没有", "都", "dou1"),
        ("果园很大，种的全是苹果", "种", "zhong4"),
        ("不要强迫农民种这种作物", "种", "zhong4"),
    ],
)
def test_senses_from_the_last_unseen_rounds(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("奶奶一针一线地缝补衣服", "地", "de5"),  # after 一X一Y: the adverbial
        ("全乡数他家的收入最高", "数", "shu3"),  # "rank as the most"
        ("他的病一天比一天重大家都很着急", "重", "zhong4"),  # no punctuation, as in THCHS-30
        ("这棵梨树年年结果", "结", "jie1"),
        ("墙上的油漆还没干", "干", "gan1"),
    ],
)
def test_modifiers_ranks_and_comparisons(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("代表团还将前往上海、西安等地参观", "地", "di4"),  # 等地: "places"
        ("一些低洼地块积水严重", "地", "di4"),
        ("雨淅淅沥沥地下个不停", "地", "de5"),
        ("他头也不回地走了", "地", "de5"),
        ("这份工作就得多学点知识", "得", "dei3"),
        ("校长曾国华介绍了情况", "曾", "zeng1"),  # after a title
        ("这位老同志曾任县委书记", "曾", "ceng2"),
        ("希望工程为数十万儿童创造了条件", "为", "wei4"),
        ("总额为数十万元", "为", "wei2"),
        ("坚持为人民服务的宗旨", "为", "wei4"),
        ("祝贺他当选为该国总理", "为", "wei2"),
        ("窗户上结满了冰花", "结", "jie2"),
        ("秸秆粉碎后还田", "还", "huan2"),
        ("对欠债不还的企业要依法处理", "还", "huan2"),
        ("这个箱子有多重", "重", "zhong4"),
        ("他有多重身份", "重", "chong2"),
        ("群众种树种草", "种", "zhong4"),
        ("山东省单县", "单", "shan4"),
        ("加快老少边穷地区的发展", "少", "shao3"),
        ("国家审计长", "长", "zhang3"),
    ],
)
def test_places_titles_and_weights(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char, nth=-1 if sentence.count(char) > 1 else 0) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("今年全县小麦播种面积扩大了", "种", "zhong4"),  # bōzhòng miànjī
        ("农民把种子播种到地里", "种", "zhong3"),
        ("这种西瓜个大皮薄", "薄", "bao2"),
    ],
)
def test_sown_area_and_thin_skin(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char, nth=-1) == expected


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        ("她们母女俩处得很好", "处", "chu3"),  # "get along"
        ("这菜的味道调得正好", "调", "tiao2"),  # how it is set
        ("他被调到北京工作", "调", "diao4"),  # transferred
        ("用麻绳系成一捆", "系", "ji4"),  # "tie"
    ],
)
def test_get_along_set_and_tie(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


def test_wei_for_someone_counted_is_no_amount() -> None:
    assert reading_of("医生为一名患者成功地进行了手术", "为") == "wei4"
    assert reading_of("今年的出口总额为五亿元", "为") == "wei2"
