"""Verbs whose reading is not the noun's or the other sense's, read from the words around
them: 种 zhòng "plant" (种着, 种满了, 种什么), 藏 cáng "hide" (藏在), 调 tiáo "adjust"
(调小, 调高), 空 kòng "leave empty" (空着), 结 jiē "bear fruit" (结满了), 降 xiáng
"surrender" (降汉) or jiàng "fall" (降至), 量 liáng "measure" (量了体温), 教 jiāo "teach",
行 háng "line" after a numeral (两行), 干 gàn "do" (一干就是), 着 zháo "reach" and zhuó
"wear" (着了凉, 已着裙装), and 铺 钉 缝 撒 刨 before their complements. Like
`grammar.RULES`, each says None where it cannot tell."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from reader.pronounce import phrases
from reader.pronounce.neighbours import (
    FOUND_BY_HMM,
    NUMERAL,
    PEOPLE,
    VERB,
    Tagged,
    char_tag,
    clause_after,
    clause_before,
    ends_clause,
    has_tag,
    is_punctuation,
    spaced,
    text_of,
    word_after,
    word_before,
)

# Crops: 种 before them is "plant" (种粮大户); before animals and other nouns it is "seed,
# breed" zhǒng (种鸡, 种质, 种业), and g2pM reads those.
_CROPS = frozenset("粮棉瓜豆麦果菜稻茶桑")


# Results of planting: 种 before them is the verb (种满了花草, 种上树, 种好庄稼).
_RESULTS = "满上下好完活出起"
_AFTER_PLANTING = ("着", "了", "过", "的", "些")
# Places the HMM glues to the verb after them: 院子里种着, 十年前种的.
_PLACES = frozenset("里前后上中旁边")


# Demonstratives of a kind after the verb 种 (种这种作物, 种那些花).
_KINDS = spaced("这种 那种 这些 那些 这个 那个 哪种 什么样")


def planting_zhong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """种 after a numeral or demonstrative is the measure word zhǒng (这种, 两种); before a
    noun or 的 with no numeral it is the verb "plant" zhòng (种草, 种的草)."""
    word = words[at]
    if word.text == "种得" and index == 0:
        return "zhong4"  # jieba's 种得 (很好): how it was planted
    if len(word.text) >= 2 and index == 0 and word.text[1] in _CROPS:
        return "zhong4"  # a word no dictionary lists: the verb before a crop (种粮, 种麦子)
    before, after = word_before(words, at), word_after(words, at)
    if word.tag in FOUND_BY_HMM and len(word.text) == 2:
        if index == 0 and word.text[1] in _RESULTS + "些":
            return "zhong4"  # the HMM's 种满, 种上, 种些 (花草)
        done = after is not None and (after.text in _AFTER_PLANTING or after.text[0] in _RESULTS)
        if index == 1 and word.text[0] in _PLACES and done:
            return "zhong4"  # 院子里种着, 十年前种的, 河滩上种满
    glued = word.tag in FOUND_BY_HMM and index == len(word.text) - 1  # the HMM's 里种
    if (len(word.text) == 1 or glued) and after is not None and after.text[0] in _RESULTS:
        return None if has_tag(before, NUMERAL) else "zhong4"  # 种满了, 种上, 种好
    if len(word.text) > 1:
        return None
    if after is not None and after.text in ("什么", "多少", "啥"):
        return "zhong4"  # 种什么都长不好
    if text_of(before) in ("怎样", "怎么", "如何"):
        return "zhong4"  # 怎样种庄稼
    if after is not None and (after.text in ("着", "了", "过", "得") or after.text[0] in "在到"):
        return None if has_tag(before, NUMERAL) else "zhong4"  # 种着, 种了三亩, 种得好
    # 他种了, 我自己种的, 他家种的: a subject, no measure
    household = before is not None and before.text[-1:] == "家" and before.text[0] in PEOPLE
    someone = before is not None and (before.text in PEOPLE or before.text in ("自己", "大家"))
    someone = someone or household
    if before is None and text_of(after) == "的":
        return "zhong4"  # ，种的全是苹果: what is planted
    if text_of(after) in _KINDS and not has_tag(before, (*NUMERAL, "r")):
        return "zhong4"  # 农民种这种作物
    if before is None or (has_tag(before, (*NUMERAL, "r")) and not someone):
        return None
    if has_tag(after, ("n", "uj", "ul")):
        return "zhong4"
    return None


def hiding_cang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """藏 standing alone before where or how it is hidden is the verb cáng (藏在箱子底下,
    藏起来); zàng "Tibet" and "treasury" live in words (西藏, 宝藏)."""
    word, after = words[at], word_after(words, at)
    if index == 0 and len(word.text) >= 2 and word.text[1] in phrases.TIBETAN:
        return "zang4"  # 藏医, 藏药, 藏医院: Tibetan
    if word.text == "藏有" and index == 0:
        return "cang2"  # 馆里藏有: "hold"
    hidden = len(word.text) == 1 and after is not None and after.text[0] in "在于着了起好进"
    return "cang2" if hidden else None


def adjusting_tiao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """调 standing alone before what it is set to is "adjust" tiáo (把音量调小, 调好); diào
    "transfer" goes somewhere (调到北京) and is left to the model."""
    word = words[at]
    if len(word.text) == 2 and index == 0 and word.text[1] in _SETTINGS:
        return "tiao2"  # jieba's 调高, 调低 (prices, rates)
    if (word.text[:2] == "调得" and index == 0) or (
        word.text == "调" and text_of(word_after(words, at)) == "得"
    ):
        return "tiao2"  # 味道调得正好: how it is set (a transfer takes no 得)
    after = word_after(words, at)
    if len(word.text) > 1:
        return None
    if text_of(word_before(words, at)) in ("调", "一"):
        return "tiao2"  # the second 调 of 调调, 调一调
    if after is None:
        return None
    again = after.text == "一" and text_of(word_after(words, at + 1)) == "调"  # 调一调
    return "tiao2" if after.text in _SETTINGS or again or after.text == "调" else None


_SETTINGS = spaced("小 大 高 低 好 准 慢 快 匀 亮 暗 整")


def vacant_kong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """空 standing alone before 着 or 出 is "leave empty, vacant" kòng (座位空着, 空出来)."""
    after = word_after(words, at)
    left = len(words[at].text) == 1 and after is not None and after.text in ("着", "出", "出来")
    if left and text_of(word_after(words, at + 1)) in _EMPTY_HANDED:
        return "kong1"  # 空着手, 空着肚子: "empty"
    return "kong4" if left else None


_EMPTY_HANDED = spaced("手 双手 两手 肚子 手来")


def bearing_jie(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """结 of fruit is "bear" jiē: before 满, 得, 出 or the fruit (结满了果子, 结得特别多,
    结了很多果子); jié "tie, form" lives in words (结婚, 结构)."""
    word = words[at]
    if word.text in ("结得", "结满", "结出") and index == 0:
        return what_forms(words, at) or "jie1"  # 结满了冰花 jié
    if len(word.text) > 1:
        return None
    after = word_after(words, at)
    if after is None:
        return None
    if after.text[0] in "满得出" or after.text in ("果子", "果实"):
        return "jie1"
    formed = what_forms(words, at)
    if formed is not None:
        return formed
    later = word_after(words, at + 1)
    many = later is not None and (later.text in ("很多", "不少", "好几") or has_tag(later, NUMERAL))
    return "jie1" if after.text == "了" and many else None


# What a plant bears (结了不少枣, 结几百斤梨) and what forms on a surface (结了一层冰).
_FRUIT = frozenset("果枣梨桃杏李瓜豆穗籽荚葡萄柿橘")
_FORMED = frozenset("冰霜茧痂晶冻")


def what_forms(words: Sequence[Tagged], at: int) -> str | None:
    """结 "bear" jiē before fruit, "form" jié before ice, in the clause after it; or None."""
    for later in islice(clause_after(words, at), 5):
        if _FRUIT.intersection(later.text):
            return "jie1"
        if _FORMED.intersection(later.text):
            return "jie2"
    return None


# States and dynasties one surrenders to (降汉, 降清).
_STATES = frozenset("汉秦楚齐燕赵魏韩蜀吴晋隋唐宋辽金元明清周")


def surrendering_xiang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """降 before a state or dynasty is "surrender" xiáng (降汉, 降清); before where a figure
    goes (降至, 降到, 降了五度) it is "fall" jiàng."""
    word = words[at]
    if len(word.text) == 2 and index == 0 and word.tag in FOUND_BY_HMM:
        following = word.text[1]
    elif len(word.text) == 1:
        after = word_after(words, at)
        if after is None:
            return None
        if has_tag(after, NUMERAL):
            return "jiang4"
        following = after.text if len(after.text) == 1 or after.text == "匈奴" else ""
    else:
        return None
    if following in _STATES or following in ("敌", "匈奴"):
        return "xiang2"
    return "jiang4" if following in ("至", "到", "为", "低", "了") else None


def treating_dang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """当 alone after 把 or 拿 and what is taken is "treat as" dàng (把我当外人, 拿别人当猴耍),
    and so is 当 closing a clause after 上 (上过一次当 "be fooled")."""
    if len(words[at].text) > 1:
        return None
    before = list(clause_before(words, at))[:3]
    if any(word.text in ("把", "拿") for word in before[1:]):
        return "dang4"
    after = word_after(words, at)
    fooled = any(word.text == "上" for word in before) and (after is None or ends_clause(after))
    return "dang4" if fooled else None


def measuring_liang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """量 standing alone before an aspect or 一下 is the verb "measure" liáng (量了体温, 量了量,
    量一下); the amount liàng lives in words (数量, 质量)."""
    word = words[at]
    if word.text == "一量" and index == 1 and text_of(word_before(words, at)).endswith("量"):
        return "liang2"  # the second 量 of 量一量
    if len(word.text) > 1:
        return None
    after = word_after(words, at)
    if after is not None and (after.text in ("了", "过", "着") or after.text.startswith("一")):
        return "liang2"
    if has_tag(after, ("m",)) and text_of(after)[-1:] in "次遍回":
        return "liang2"  # 一天量两次体温
    done = at >= 2 and words[at - 1].text == "了" and words[at - 2].text == "量"
    return "liang2" if done else None  # the second 量 of 量了量


def teaching_jiao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """教 standing alone is the verb "teach" jiāo (教孩子们认字, 教了一辈子书); jiào lives in
    words (教育, 宗教, 请教)."""
    return "jiao1" if len(words[at].text) == 1 else None


# Numerals that count lines (两行热泪, 几行字, 第三行). Not 一: 一行 is mostly "a party"
# (代表团一行十人). Not 多: 多行不义.
_LINE_COUNTS = frozenset("两二三四五六七八九十百千几数")


def counted_hang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """行 after a numeral is the measure "line, row" háng (两行热泪, 几行字, 第三行); xíng
    "go, do" and háng "trade" live in listed words (进行, 银行)."""
    if words[at].text == "该行":
        return "hang2"  # "this bank" in business news (该行各项存款)
    count = words[at].text[:index] if index else text_of(word_before(words, at))
    counted = bool(count) and count[-1] in _LINE_COUNTS and set(count) <= _LINE_COUNTS | {"第"}
    return "hang2" if counted else None


# Characters whose verb reading differs from the noun's (铺 pū "spread" / pù "shop", 钉 dìng
# "nail down" / dīng "a nail", 缝 féng "sew" / fèng "a seam", 撒 sǎ "sprinkle" / sā "let go",
# 刨 páo "dig" / bào "a plane").
VERB_READINGS = {"铺": "pu1", "钉": "ding4", "缝": "feng2", "撒": "sa3", "刨": "pao2"}
# What follows a verb as its complement: 铺上, 钉在, 缝好, 撒在, 刨出, 刨塌.
_COMPLEMENTS = frozenset("上下在到好了着过起进入出满平开成落遍坏倒塌碎断掉")


def verb_reading(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """A character on its own right before a verb complement is the verb: 铺上金钱 pū,
    钉在墙上 dìng, 缝好 féng, 撒在家乡 sǎ."""
    word, after = words[at], word_after(words, at)
    if len(word.text) == 2 and index == 0 and word.tag.startswith("v"):
        following = word.text[1]  # jieba keeps some together: 铺上
    elif len(word.text) == 1 and after is not None:
        following = after.text[0]
    else:
        return None
    return VERB_READINGS[word.text[0]] if following in _COMPLEMENTS else None


# Things that dry up: 干 in their clause is gān (河水干了, 衣服还没有干).
_WET = (
    "水",
    "井",
    "河",
    "湖",
    "塘",
    "泉",
    "衣服",
    "衣裳",
    "头发",
    "墨",
    "漆",
    "墨迹",
    "油漆",
    "泪",
    "嗓子",
    "喉咙",
)


# Which job or what: 干 before them is "do" (干哪一行, 干这个, 干什么).
_WHICH_JOB = spaced("哪 哪一行 这 那 这个 那个 这行 这一行 啥 什么")


def doing_gan(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """干 on its own after a verb, or closing its clause, is the verb "do" gàn (去干, 要干,
    带头干); "dry" gān takes 了 or stands in listed words (晒干, 干燥)."""
    if len(words[at].text) > 1:
        return None
    before, after = word_before(words, at), word_after(words, at)
    if text_of(before) == "姓":
        return None  # 姓干: the surname, read by surnames.py
    if any(word.text.endswith(_WET) for word in clause_before(words, at)):
        return "gan1"  # 这口井早就干了, 衣服还没有干: what was wet is dry
    closing = before is not None and not has_tag(before, NUMERAL) and after is None
    once = text_of(before) == "一" and text_of(after).startswith("就")
    which = text_of(after) in _WHICH_JOB  # 干哪一行都不容易, 干这个
    return "gan4" if has_tag(before, VERB) or closing or once or which else None  # 一干就是三年


def wearing_zhuo(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """着 on its own between an adverb and a noun is the verb "wear, touch" zhuó (已着裙装);
    before 了, and after 不 or 得 closing a word, it is "catch, reach" zháo (着了迷, 抓着了,
    火着了, 睡不着, 摸得着); after a verb (夹着肉) it is the particle zhe, which the model
    reads well."""
    word = words[at]
    before, after = word_before(words, at), word_after(words, at)
    if len(word.text) > 1:
        caught = after is not None and after.text == "了"
        if word.tag in FOUND_BY_HMM and len(word.text) == 2 and index == 1:
            # the HMM's 火着 了
            return "zhao2" if caught and not char_tag(word.text[0]).startswith("v") else None
        if word.tag == "v" and len(word.text) == 2 and index == 1 and caught:
            return "zhao2"  # 打着了, 划着了: reached, caught fire
        closing = index == len(word.text) - 1 and word.text.endswith(("不着", "得着"))
        return "zhao2" if closing and len(word.text) >= 3 else None
    if has_tag(before, ("d",)) and has_tag(after, ("n",)) and not has_tag(after, ("nr",)):
        return "zhuo2"
    if after is not None and after.text == "了" and before is not None:
        return None if is_punctuation(before) else "zhao2"  # 着了迷, 抓着了: reached
    return None
