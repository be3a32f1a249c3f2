"""Listed words that running text often splits into two words, which the neighbours tell.

pypinyin's phrase dictionary reads each of these words in the one sense a dictionary gives
it, and the arbitration keeps a listed word's reading. In news the same two characters are
as often two words, and then one of them reads otherwise:
- 大都 "the capital" dū, but "mostly" dōu before what it qualifies or after its subject
  (大都已散佚, 大都是, 资金大都流向);
- 人为 "man-made" wéi, but "people … for" wèi before a pronoun (纽约人为他们…);
- 乐得 "be glad to" dé, but "so happy that" de before who it moves or how (乐得她又蹦又跳,
  乐得合不拢嘴, 乐得又蹦又跳), and so 累得 (累得一句话也说不出来); 都乐了 lè; 连觉都顾不上
  睡 jiào;
- 应从 "comply" yìngcóng, but the modal yīng before what it governs (应从外延转向内涵);
- 过得 "passable" dé, but the complement marker de before how (生活过得越来越好);
- 重重 "layer upon layer" chóng, but "heavily" zhòng before the adverbial 地 (重重地摔);
- 觉醒 "awaken" jué, but 一觉 "one sleep" jiào in 一觉醒来;
- 排长队 is 排 + 长队 "queue up" cháng, not 排长 "platoon leader" zhǎng;
- 上当 "be fooled" dàng, but 上 + 当 "serve as" dāng before a job (铁路线上当巡道工);
- 一干 "all those" gān, but 一 + 干 "once at work" gàn (一干就是三十年);
- 得到, 得出 "obtain, reach" dé, but the complement marker de after a one-character verb
  or adjective (买得到, 拿得出, 大得出了名);
- 人数, 钱数 "number", but the verb "count" shǔ glued to who counts or what (老人 数了数,
  她把钱 数了一遍);
- 总长 "chief" zǒngzhǎng, but "total length" cháng before a figure (总长八十公里);
- 当年 "in those years" dāng, but "the same year" dàng said twice (当年投产当年见效);
- 结果 "result" jié, but "bear fruit" jiē after 开花, a tree or a modal (明年就能结果), and
  in 开花结果 as 现代汉语词典 has it; the HMM's 结了 before fruit jiē, before ice jié;
- 当回事 dàng and 长满 zhǎng, as CC-CEDICT reads them, where g2pM alone would not;
- 为主 "mainly" wéi, but 为 + 主队 "for the home team" wèi;
- 朝阳 cháo (the district), but "the morning sun" zhāo (一轮朝阳, 朝阳照在); 口角 "corner
  of the mouth" jiǎo, but "a quarrel" jué (发生了口角); 转一转 "take a stroll" zhuàn;
- 教会 "church" jiào, but "taught" jiāo before 了 or whom (教会了我); 上调 "transfer up"
  diào, but "raise" tiáo where prices are (价格上调); 难处 "hard to get along" chǔ, but
  "difficulty" chù after 有 or 的 (有了难处); 长时间 cháng and 麻将 jiàng as CC-CEDICT has
  them, where g2pM alone would not;
- 一行 "a party" xíng (代表团一行五人), but "a line" or "a trade" háng after 这 or 排成,
  before what is written, and repeated (这一行, 一行大字, 一行一行地; 干一行爱一行);
- 着重 "stress", 着手 "set about", 着眼 "focus on" zhuó, but the aspect zhe after a verb
  (存在着 重经济轻教育, 握着 手, 闭着 眼); 越长越 zhǎng; 一行行 háng;
- 地上, 地下 "ground", 地道 "genuine", 地热 "geothermal", but the adverbial de after a
  modifier and before a verb's aspect (警惕地下了床, 迅速地上了车, 认真地道了歉, 渐渐地热
  起来), and always after a reduplicated one (哗哗地下个不停).
Each rule gives one character's reading, or None where the word keeps its dictionary sense.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.pronounce import verbs
from reader.pronounce.neighbours import (
    Rule,
    Tagged,
    char_tag,
    clause_after,
    ends_clause,
    has_tag,
    spaced,
    tags_of,
    text_of,
    word_after,
    word_before,
)

# What 大都 "mostly" comes before: an adverb, a verb, a preposition or an adjective.
_QUALIFIED = ("d", "v", "p", "a")
# What a complement says about a verb: 过得越来越好, 过得很好, 过得舒心, 过得红红火火.
_HOW = ("a", "d", "z", "l", "i")
# Aspect particles: the character before them is a verb (下了床), so 地 before it is no noun.
_ASPECT = spaced("了 着 过")
# Verbs that end at a place: after them 地上 is the ground (扔到地上了).
_TOWARDS_A_PLACE = tuple("到在进入回落倒")


def mostly_dou(words: Sequence[Tagged], at: int, index: int) -> str | None:
    before, after = word_before(words, at), word_after(words, at)
    subject = has_tag(before, ("n", "r")) and not has_tag(before, ("ns",))  # 资金 大都 流向
    return "dou1" if index == 1 and (has_tag(after, _QUALIFIED) or subject) else None


def people_for_wei(words: Sequence[Tagged], at: int, index: int) -> str | None:
    after = word_after(words, at)
    matter = after is not None and (after.tag.startswith("r") or after.text in _SMALL_MATTERS)
    return "wei4" if index == 1 and matter else None


# What people quarrel or worry "for": 两个人为一点小事, 人为这件事.
_SMALL_MATTERS = spaced("一点 这点 那点 这件 那件 一件 此 点")


def so_happy_de(words: Sequence[Tagged], at: int, index: int) -> str | None:
    after = word_after(words, at)
    moved = after is not None and after.tag.startswith(("r", "l", "i"))  # 乐得合不拢嘴
    moved = moved or text_of(after).startswith("直")  # 乐得直拍大腿
    moved = moved or (has_tag(after, ("d", "m")) and text_of(after) != "不")  # 乐得又蹦又跳
    return "de5" if index == 1 and moved else None


def one_sleep_jiao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    before, after = word_before(words, at), word_after(words, at)
    slept = text_of(before) == "一" and text_of(after).startswith("来")
    return "jiao4" if index == 0 and slept else None


def aspect_zhe(words: Sequence[Tagged], at: int, index: int) -> str | None:
    before = word_before(words, at)
    verb = before is not None and (
        before.tag.startswith("v") or char_tag(before.text[-1]).startswith("v")
    )
    verb = verb and text_of(before) not in _MODALS  # 要着重抓好: "stress"
    return "zhe5" if index == 0 and verb else None


def serving_dang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    after = word_after(words, at)
    fooled = after is None or after.text in _AFTER_FOOLED or after.text.startswith("受")
    serving = not fooled and after is not None and not after.tag.startswith(("x", "u", "y"))
    return "dang1" if index == 1 and serving else None


# What follows 上当 "be fooled": 上当了, 上当受骗, 上当吃亏.
_AFTER_FOOLED = spaced("了 过 啦 吃亏 上当")


def working_gan(words: Sequence[Tagged], at: int, index: int) -> str | None:
    after = word_after(words, at)
    working = after is not None and after.text.startswith(("就", "起来", "到"))
    return "gan4" if index == 1 and working else None


def how_de(words: Sequence[Tagged], at: int, index: int) -> str | None:
    after = word_after(words, at)
    compared = after is not None and after.text == "比"  # 日子过得比以前充实
    doubled = len(text_of(after)) == 4 and text_of(after)[0] == text_of(after)[1]  # 和和美美
    return "de5" if index == 1 and (has_tag(after, _HOW) or compared or doubled) else None


def should_ying(words: Sequence[Tagged], at: int, index: int) -> str | None:
    return "ying1" if index == 0 and word_after(words, at) is not None else None


# Listed words jieba makes of the adverbial 地 and the verb after it (认真地道了歉, 渐渐地
# 热起来), and what follows them then besides an aspect.
_GLUED_DE = {"地道": ("出", "出了"), "地热": ("起来",)}


def adverbial_before_verb_de(words: Sequence[Tagged], at: int, index: int) -> str | None:
    before, after = word_before(words, at), word_after(words, at)
    if index != 0 or before is None or after is None:
        return None
    doubled = len(before.text) in (2, 4) and before.text[0] == before.text[1]
    if doubled:
        return "de5"  # a reduplicated modifier: 哗哗地下个不停, 淅淅沥沥地下, 慢慢地上来
    if after.text not in _ASPECT and after.text not in _GLUED_DE.get(words[at].text, ()):
        return None
    # an adverbial: 慢慢, 认真, 小心翼翼 (i), 有说有笑 (l), 高兴 (b), 一点一点 (m)
    adverbial = ("a", "d", "z", "v", "i", "l", "b") + (("m",) if len(before.text) >= 4 else ())
    modifier = len(before.text) >= 2 and tags_of(before)[1].startswith(adverbial)
    return "de5" if modifier and not before.text.endswith(_TOWARDS_A_PLACE) else None


# What a line holds: 一行字, 一行大字, 一行诗, 一行热泪, 一行大雁, 一行杨树.
_WRITTEN = tuple("字诗泪雁树印")
# Words before 一行 "a line" or "a trade": 这一行, 哪一行, 第一行, 排成一行, 爱一行.
_BEFORE_A_LINE = spaced("这 那 哪 每 第 干 爱 排成 站成 连成 写成")


def line_hang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    word = words[at]
    if index != len(word.text) - 1:
        return "gan4" if word.text[index] == "干" else None  # 干一行 "do a trade"
    if word.text != "一行":
        return "hang2"  # 第一行, 干一行
    before, after = text_of(word_before(words, at)), text_of(word_after(words, at))
    if before in _BEFORE_A_LINE or "一行" in (before, after):  # 一行一行地
        return "hang2"
    for ahead in clause_after(words, at):  # what the line holds, before any verb
        if ahead.text.endswith(_WRITTEN):
            return "hang2"
        if ahead.tag.startswith("v") and ahead.tag != "vn":  # not 工整 vn
            break
    return None


# What stands before 得到 "obtain" as a one-character word: modals and adverbs (要得到).
_BEFORE_OBTAINING = spaced(
    "要 想 能 会 可 应 该 愿 肯 敢 须 将 没 未 不 也 都 就 才 还 又 所 再 已 曾 便 必"
)


def reached_de(words: Sequence[Tagged], at: int, index: int) -> str | None:
    if index != 0:
        return None
    before = word_before(words, at)
    one_verb = before is not None and len(before.text) == 1 and has_tag(before, ("v", "a"))
    return "de5" if one_verb and text_of(before) not in _BEFORE_OBTAINING else "de2"


def counting_shu(words: Sequence[Tagged], at: int, index: int) -> str | None:
    if index != 1:
        return None
    after, later = text_of(word_after(words, at)), text_of(word_after(words, at + 1))
    taken = text_of(word_before(words, at)) == "把"  # 把钱数了一遍
    counting = after == "着" or (after == "了" and (later == "数" or taken or later[:1] in "一三"))
    return "shu3" if counting else None


def total_length_chang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    after = word_after(words, at)
    measured = has_tag(after, ("m",)) or text_of(after)[:1] in ("约", "达", "近", "超")
    return "chang2" if index == 1 and measured else None


def same_year_dang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    # 当年投产当年见效: the second 当年 says "in the same year", and so does the first.
    twice = sum(word.text == "当年" for word in words) >= 2
    return "dang4" if index == 0 and twice else None


# Before 结果 "bear fruit": where a tree is and what it can do (开花结果, 明年就能结果).
_BEFORE_BEARING = spaced("开花 能 就 要 会 开始 已经 已 不 没 没有 才 还 正在 都 年 年年")


def cheering_wei(words: Sequence[Tagged], at: int, index: int) -> str | None:
    home = text_of(word_after(words, at))[:1] in ("队", "场")  # 为 主队 加油: "for the home team"
    return "wei4" if index == 0 and home else None


# Around 朝阳 "the morning sun" zhāo (a district and city are cháo): 一轮朝阳, 迎着朝阳,
# 朝阳照在, 朝阳升起.
_BEFORE_SUNRISE = spaced("一轮 轮 迎着 着 初升 的")
_AFTER_SUNRISE = ("照", "升", "从", "冉冉", "映", "刚")


def morning_sun_zhao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    before, after = text_of(word_before(words, at)), text_of(word_after(words, at))
    sun = before in _BEFORE_SUNRISE or after.startswith(_AFTER_SUNRISE)
    return "zhao1" if index == 0 and sun else None


def quarrel_jue(words: Sequence[Tagged], at: int, index: int) -> str | None:
    before, after = text_of(word_before(words, at)), text_of(word_after(words, at))
    quarrel = before in ("发生", "起", "闹", "有", "了") or after.startswith("之争")
    return "jue2" if index == 1 and quarrel else None  # 发生了口角: "a quarrel"


# Modal verbs: 着重, 着手 after them are the verbs "stress", "set about" (要着重抓好).
_MODALS = spaced("要 能 应 应该 应当 需要 必须 还要 更要 要求 将 会 得 可以")


def taught_jiao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    after = word_after(words, at)
    taught = text_of(after) in ("了", "过") or has_tag(after, ("r",))  # 教会了我, 教会我们
    return "jiao1" if index == 0 and taught else None


def raised_tiao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    # 价格上调, 上调百分之五, 利率上调: prices are raised (shàngtiáo), people moved up diào
    priced = any(("价" in word.text or "率" in word.text) for word in words)
    return "tiao2" if index == 1 and (priced or has_tag(word_after(words, at), ("m",))) else None


def difficulty_chu(words: Sequence[Tagged], at: int, index: int) -> str | None:
    before = word_before(words, at)
    owned = text_of(before) in _HAVING or has_tag(before, ("uj",))  # 有了难处, 家里的难处
    return "chu4" if index == 1 and owned else None


_HAVING = spaced("有 有了 了 什么 些 许多 不少 种种 他的 她的 我的 你的")


def planted_zhong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    sown = text_of(word_before(words, at)) == "种"  # 种 树种 草: "plant trees, plant grass"
    return "zhong4" if index == 1 and sown else None


def weighing_zhong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    weighed = text_of(word_before(words, at)).endswith(("有", "斤", "两"))  # 有多重, 半斤多重
    after = word_after(words, at)
    asked = after is None or ends_clause(after) or after.text in ("呢", "吗", "啊")
    return "zhong4" if index == 1 and weighed and asked else None  # not 有多重身份


def formed_jie(words: Sequence[Tagged], at: int, index: int) -> str | None:
    return verbs.what_forms(words, at) if index == 0 else None


def bearing_fruit_jie(words: Sequence[Tagged], at: int, index: int) -> str | None:
    before = text_of(word_before(words, at))
    bearing = before in _BEFORE_BEARING or before.endswith("树")
    return "jie1" if index == 0 and bearing else None


def all_glad_le(words: Sequence[Tagged], at: int, index: int) -> str | None:
    return "le4" if index == 1 and word_after(words, at) is not None else None  # 大家都乐了


def walked_off_de(words: Sequence[Tagged], at: int, index: int) -> str | None:
    # jieba's 地走了 after how one went (头也不回地走了, 气呼呼地走了)
    return "de5" if index == 0 and word_before(words, at) is not None else None


# Words jieba keeps whole whose reading in running text is one, where pypinyin's phrase or
# g2pM gives another: character index -> reading.
_FIXED: dict[str, dict[int, str]] = {
    "排长队": {1: "chang2"},
    "重重地": {0: "zhong4", 1: "zhong4"},
    "连觉": {1: "jiao4"},
    "越长越": {1: "zhang3"},
    "单县": {0: "shan4"},
    "播种面积": {1: "zhong4"},
    "审计长": {2: "zhang3"},
    "检察长": {2: "zhang3"},
    "老少边穷": {1: "shao3"},
    "一行行": {1: "hang2", 2: "hang2"},
    "开花结果": {2: "jie1"},
    "系上": {0: "ji4"},
    "长时间": {0: "chang2"},
    "麻将": {1: "jiang4"},
    "打麻将": {2: "jiang4"},
    "当回事": {0: "dang4"},
    "长满": {0: "zhang3"},
    "转一转": {0: "zhuan4", 2: "zhuan4"},
}


RULES: dict[str, Rule] = {
    "大都": mostly_dou,
    "人为": people_for_wei,
    "乐得": so_happy_de,
    "累得": so_happy_de,
    "都乐": all_glad_le,
    "地走了": walked_off_de,
    "树种": planted_zhong,
    "多重": weighing_zhong,
    "应从": should_ying,
    "过得": how_de,
    "地上": adverbial_before_verb_de,
    "地下": adverbial_before_verb_de,
    "地道": adverbial_before_verb_de,
    "地热": adverbial_before_verb_de,
    "觉醒": one_sleep_jiao,
    "着重": aspect_zhe,
    "着手": aspect_zhe,
    "着眼": aspect_zhe,
    "上当": serving_dang,
    "一干": working_gan,
    "一行": line_hang,
    "第一行": line_hang,
    "干一行": line_hang,
    "得到": reached_de,
    "得出": reached_de,
    "人数": counting_shu,
    "钱数": counting_shu,
    "总长": total_length_chang,
    "当年": same_year_dang,
    "结果": bearing_fruit_jie,
    "结了": formed_jie,
    "为主": cheering_wei,
    "朝阳": morning_sun_zhao,
    "口角": quarrel_jue,
    "教会": taught_jiao,
    "上调": raised_tiao,
    "难处": difficulty_chu,
}


def knows(word: str) -> bool:
    """Whether `word` is one of the words this module reads."""
    return word in RULES or word in _FIXED


def reading(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """The reading the neighbours give character `index` of the listed word `words[at]`."""
    fixed = _FIXED.get(words[at].text)
    if fixed is not None:
        return fixed.get(index)
    rule = RULES.get(words[at].text)
    return rule(words, at, index) if rule is not None else None
