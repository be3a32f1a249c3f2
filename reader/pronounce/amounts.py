"""Readings of words of amount and degree that grammar decides: 都 "all", 少 "few", 只 as a
measure or "only", 薄 "thin", 重 "heavy" or "again", 更 "more", 数 "several" or "count" (see
`grammar.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from reader.pronounce import phrases
from reader.pronounce.neighbours import (
    DEGREE,
    FOUND_BY_HMM,
    NUMERAL,
    Tagged,
    char_tag,
    clause_after,
    clause_before,
    ends_clause,
    has_tag,
    is_found_name,
    spaced,
    text_of,
    word_after,
    word_before,
)

# What a capital 都 dū is of, or what is done to one: 瓷都, 煤都, 古都, 建都, 迁都.
_CAPITALS = frozenset("瓷煤钢花古故国旧新陪帝京首建迁定奠商")


def all_dou(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """都 standing alone is the adverb "all, already" dōu (秋天都要, 大家都会): the capital dū
    lives in words (首都, 成都, 都市), and across words only in 都于 "made its capital at"."""
    word = words[at]
    if len(word.text) == 2 and index == 1 and word.text[0] in _CAPITALS:
        return "du1"  # 瓷都, 煤都: "capital" (not jieba's 机都 of X光机都没有)
    if len(word.text) > 1:
        return None
    if text_of(word_before(words, at)) == "之":
        return "du1"  # 音乐之都, 钢铁之都
    after = word_after(words, at)
    return None if after is not None and after.text == "于" else "dou1"


# Little rain or snow: 天旱少雨, 冬天少雪 (jieba and its HMM keep them whole).
_LITTLE_WEATHER = spaced("少雨 少雪 少水")


def few_shao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """少 "few, little" shǎo as a word's last character (越来越少, 很少), and in the HMM's
    少得 (少得多); 少年 shào is listed."""
    word = words[at]
    if index == 0 and (word.text in ("少得", "少不了", "少不得") or word.text in _LITTLE_WEATHER):
        return "shao3"  # 少得多, 少不了, 天旱少雨
    degree = word.text[0] in "太很最更较极"  # jieba's 太少 nr
    if index > 0 and (word.tag == "nr" or is_found_name(word)) and not degree:
        return "shao4"  # a given name: 刘少奇, 张少华
    return "shao3" if index == len(word.text) - 1 and not word.tag.startswith("nr") else None


# Spans of time jieba tags numerals (一天, 一辈子): 只 after them is "only".
_SPANS = (*"天年月周辈生晚夜宿岁", "辈子", "星期")
# Words that pick out one or some of a kind before a measure word: 这只猫, 每只羊.
_DEMONSTRATIVES = spaced("这 那 每 哪 某 几 好几 这几 那几 成千上万 成百上千")


# Measure words a numeral takes before 只 "only" (一个只知道, 一家只生产): no second measure.
_MEASURES = frozenset("个家位种件项名批支条")


def counted_zhi(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """只 after a numeral counts animals and things (两只, 一只眼睛): zhī; so it does after 这,
    那 or 每 before what is counted (这只猫, 那只受伤的小鸟), not before a verb (这只说明)."""
    word = words[at]
    before = word_before(words, at)
    if len(word.text) > 1:
        if index == 1 and word.text[0] in "两二三四五六七八九几":
            return "zhi1"  # jieba's idiom 两只手
        number_word = word.tag.startswith("m") and index == len(word.text) - 1
        counted = word.tag in FOUND_BY_HMM and index == 0 and has_tag(before, NUMERAL)
        glued = counted and char_tag(word.text[1:2]).startswith("n")  # 两百 只鸡, not 只差
        return "zhi1" if number_word or glued else None
    if has_tag(before, NUMERAL) and before is not None:
        measured = len(before.text) >= 2 and before.text[-1] in _MEASURES  # 一个只知道干活的人
        only = before.text.endswith(_SPANS) or measured
        return "zhi3" if only else "zhi1"  # 一天只吃一顿: "only"
    if before is None or before.text not in _DEMONSTRATIVES:
        return None
    after = word_after(words, at)
    if after is None or ends_clause(after):
        return None
    if has_tag(after, ("v", "d", "p", "c", "r")):
        later = word_after(words, at + 1)
        return "zhi1" if later is not None and later.text == "的" else None
    return "zhi1"


# Everyday things that are thin (báo): 一床薄被, 薄纸, 薄衣.
_THIN_THINGS = frozenset("被纸衣饼片板毯")


def thin_bao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """薄 on its own is the everyday adjective "thin" báo (薄白瓷, 皮薄); bó lives in listed
    words (薄弱, 单薄) and in names (薄谷开来, 薄辽省)."""
    after = word_after(words, at)
    word = words[at]
    if len(word.text) == 2 and index == 0 and word.text[1] in _THIN_THINGS:
        return "bao2"  # jieba's 薄被, 薄纸
    if index == 0 and text_of(word_before(words, at)).endswith("皮"):
        return "bao2"  # 个大皮薄味甜: the HMM's 个大皮 薄味
    if len(word.text) > 1 or (after is not None and after.tag.startswith(("nr", "ns", "new"))):
        return None
    return "bao2"


# Particles after the adjective 重 "heavy" (担子也重了许多, 病一天比一天重了).
_AFTER_HEAVY = spaced("了 啊 呀 吗 呢 得 些 一些 许多 多了")


# A bare numeral before 重 closing a clause counts layers (十三重, 九重).
_NUMERALS = frozenset("一二三四五六七八九十百千万两几")
# Verbs of a weight after 重 "weigh" (重达四十六吨, 重约五斤).
_WEIGHING = frozenset("达约逾超近有")


def again_chong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """重 before a verb in a word no dictionary lists is "again" chóng (重开, 重录); in a noun or
    adjective (重灾, 惨重) it is "heavy" zhòng."""
    word = words[at]
    if len(word.text) == 1:  # after a degree adverb it is the adjective: 担子很重
        before, after = word_before(words, at), word_after(words, at)
        weighed = has_tag(after, NUMERAL) and after is not None and after.text[0] not in "这那"
        # Closing its clause, or before a particle, it says how heavy: 比什么都重, 又急又重.
        closing = after is None or ends_clause(after) or after.text in _AFTER_HEAVY
        degree = before is not None and before.text in DEGREE
        if closing and before is not None and set(before.text) <= _NUMERALS:
            return "chong2"  # 塔共有十三重: layers (三公斤重, 一天比一天重 are heavy)
        compared = any(w.text == "比" for w in islice(clause_before(words, at), 3))
        if degree or weighed or (closing and before is not None) or compared:
            return "zhong4"  # 一天比一天重 (全家人都很着急)
        if after is not None and after.text in _WEIGHING:
            return "zhong4"  # 重达四十六吨
        again = after is not None and len(after.text) == 1 and after.tag.startswith("v")
        listed = after is not None and phrases.is_listed("重" + after.text)  # 重望 "prestige"
        return "chong2" if again and not listed else None  # the HMM's 重走 cut apart
    if word.tag in FOUND_BY_HMM:
        return None
    if index == 0 and (word.tag.startswith("v") or char_tag(word.text[1]).startswith("v")):
        return "chong2"
    return "zhong4" if word.tag.startswith(("n", "a", "i")) else None


def more_geng(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """更 on its own before an adjective or verb is the adverb "more" gèng (柳更嫩绿, 更好);
    the verb gēng "change" and the night watch live in listed words (更换, 更事, 三更)."""
    if len(words[at].text) > 1:
        return None
    before = word_before(words, at)
    if text_of(before) in tuple("一二三四五"):
        return "geng1"  # 打了三更: the night watch
    if before is not None and before.text[-1] == "得":
        return "geng4"  # 变得更新潮
    return "geng4" if has_tag(word_after(words, at), ("a", "v", "d", "b", "z", "i", "l")) else None


# What one counts over and over: 数钱, 数日子, 数星星.
_COUNTED = spaced("钱 羊 牛 星星 日子 钞票 票子 人头 手指")
# "Once over" after the verb "count": 数一遍, 数一下.
_ONCE_OVER = ("一遍", "一下", "一数")


def several_shu(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """数 on its own before a numeral is "several" shù (数十, 数百人); before an aspect it is
    the verb shǔ (数了三遍); before anything else it is left to the model (数一数 shǔ)."""
    word = words[at]
    if word.text.startswith("数") and (
        word.text[1:].startswith(_ONCE_OVER) or word.text[1:] in _COUNTED
    ):
        return "shu3"  # jieba's 数一遍, 数星星
    if len(word.text) > 1:
        return None
    after = word_after(words, at)
    if after is not None and after.text in ("了", "着", "过", "来", "去", "清楚", "清"):
        return "shu3"  # 我数了三遍, 数来数去, 数清楚: the verb "count" takes an aspect
    if after is not None and after.text == "一" and text_of(word_after(words, at + 1)) == "数":
        return "shu3"  # 数一数
    if after is not None and after.text in _COUNTED:
        return "shu3"  # 数钱, 数日子
    ranked = any(w.text.startswith(("最", "第一")) for w in clause_after(words, at))
    if ranked and has_tag(after, ("r", "nr", "ns")):
        return "shu3"  # 数他家的日子过得最红火: "rank as the most"
    last = words[max(0, at - 3) : at]
    if any(w.text.startswith("数") for w in last) or (
        text_of(word_before(words, at)) == "了" and at >= 2 and words[at - 2].text.endswith("数")
    ):
        return "shu3"  # the second 数 of 数一数, 数了又数, (他)数了数
    return "shu4" if after is not None and after.text[0] in "十百千万亿" else None
