"""Characters whose sense the words around them decide: content words g2pM reads in their
commoner sense where news means the other (很差 chà, 切尔西 qiè, 转了一圈 zhuàn, 睡早觉 jiào,
弄干 nòng, 拉藏汗 hán, 挨打 ái, 尽得 jìn, 暗物质晕 yùn, 签名哦 o, 种粮 zhòng, 处在 chǔ,
数百 shù, 麻涌 chōng) and verbs whose reading
differs from the noun's (铺上 pū, 钉在 dìng, 缝好 féng, 撒在 sǎ, 刨出 páo). `grammar.RULES`
holds them with the function words; like those rules, each says None where it cannot tell.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.han import HAN_RE
from reader.pronounce import name_tags
from reader.pronounce.neighbours import (
    DEGREE,
    FOUND_BY_HMM,
    NUMERAL,
    PEOPLE,
    VERB,
    Tagged,
    char_tag,
    ends_clause,
    has_tag,
    spaced,
    tags_of,
    word_after,
    word_before,
)


def lacking_cha(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """差 on its own is "poor, short of" chà (体质极差, 差一点); "difference" chā and "errand"
    chāi live in listed words (差别, 出差), and after 之 (一字之差)."""
    word = words[at]
    if len(word.text) == 2 and index == 1 and word.text[0] in DEGREE:
        # jieba keeps a degree adverb with it: 极差, 最差; after 的 it is a noun (的极差 chā)
        return None if has_tag(word_before(words, at), ("uj",)) else "cha4"
    if word.text.endswith("之差") and index == len(word.text) - 1:
        return "cha1"  # jieba's 一分之差, 一票之差: "margin"
    if len(word.text) > 1:  # the HMM may glue it to the next character: 密度 差内芯
        alone = index == 0 and word.tag in FOUND_BY_HMM
        return "cha4" if alone and name_tags.word_parts(word.text)[0][0] == "差" else None
    before = word_before(words, at)
    return "cha1" if before is not None and before.text[-1] == "之" else "cha4"  # 一分之差


def transliterated_qie(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """切 in a foreign name is qiè (切尔诺梅尔金, 雷切特); 切 "cut" qiē stands alone or in
    listed words."""
    word = words[at]
    foreign = len(word.text) > 1 and tags_of(word)[0].startswith(("nrt", "ns"))
    if foreign or word.text[index + 1 : index + 2] == "尔":
        return "qie4"
    after = word_after(words, at)
    cut = len(word.text) == 1 and after is not None and after.text[0] in _CUT_INTO
    return "qie1" if cut else None  # 把菜切好了, 切成片


_CUT_INTO = frozenset("好开成碎下断片丝块")


def turning_zhuan(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """转 before a round is "go around" zhuàn (转了一圈, 转两圈), and so is 转 closing a clause
    that goes around something (绕着太阳转)."""
    if len(words[at].text) > 1:
        return None
    after = word_after(words, at)
    if after is None and any("绕" in w.text for w in words[:at]):
        return "zhuan4"
    if after is not None and after.text == "得":
        return "zhuan4"  # 车轮转得飞快: how fast it turns
    if has_tag(word_before(words, at), NUMERAL) and (after is None or ends_clause(after)):
        return "zhuan4"  # 每分钟三千转: revolutions
    if after is not None and after.text == "着":
        return "zhuan4"  # 轮子飞快地转着: spinning
    spinning = _text(word_before(words, at)) == "地" and (after is None or ends_clause(after))
    if spinning:
        return "zhuan4"  # 陀螺滴溜溜地转
    for word in words[at + 1 : at + 3]:
        if "圈" in word.text:
            return "zhuan4"
        if word.text not in ("了", "过", "一") and not has_tag(word, NUMERAL):
            break  # 转了一圈, 转三千圈
    return None


def sleeping_jiao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """觉 at the end of what one sleeps is "a sleep" jiào (睡早觉, 睡个好觉)."""
    if index != len(words[at].text) - 1:
        return None
    slept = any("睡" in word.text for word in words[max(0, at - 5) : at])  # 睡不着 觉, 睡…的觉
    before, after = word_before(words, at), word_after(words, at)
    one = before is not None and before.text == "一" and after is not None  # 一觉醒来
    return "jiao4" if slept or one else None


def doing_nong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """弄 opening a verb is "do, make" nòng (把羽毛弄干, 弄清楚); after a number, a road or a
    place (40弄, 王家弄) it is the lane lòng, as in listed words (弄堂, 里弄)."""
    word, before = words[at], word_before(words, at)
    lane = before is not None and (
        before.tag.startswith(("m", "x", "ns", "nr")) or before.text[-1] in "路街巷里家村"
    )
    if index != 0 or lane or word.tag.startswith(("m", "ns", "nr")):
        return None
    return "nong4"


def khan_han(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """汗 right after a name is the title "khan" hán (拉藏汗, 伊什木汗); "sweat" hàn lives in
    listed words (出汗, 满头大汗) or stands after the body."""
    word = words[at]
    if len(word.text) > 1:
        named = index == len(word.text) - 1 and word.tag.startswith(("nr", "ns"))
        return "han2" if named else None  # 成吉思汗
    before = word_before(words, at)
    after_name = before is not None and (
        before.tag in FOUND_BY_HMM or before.tag.startswith(("nr", "ns"))
    )
    return "han2" if after_name else None


def suffering_ai(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """挨 before what one suffers is ái (挨了一顿打, 挨批评); before a place or a person it is
    "next to" āi (紧挨岩壁, 挨着他)."""
    word, after = words[at], word_after(words, at)
    if len(word.text) > 1:
        return "ai1" if index == len(word.text) - 1 else None  # 紧挨
    if after is None:
        return None
    suffered = after.text[0] in "了过" or has_tag(after, VERB)
    return "ai2" if suffered else "ai1"


def entirely_jin(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """尽 on its own before a verb is "entirely" jìn (尽得其真传, 尽交); jǐn "as far as
    possible" lives in listed words (尽快, 尽量, 尽管)."""
    word = words[at]
    if len(word.text) > 1:  # the HMM glued it to the verb: 尽交
        glued = index == 0 and word.tag in FOUND_BY_HMM
        return "jin4" if glued and char_tag(word.text[1]).startswith("v") else None
    return "jin4" if has_tag(word_after(words, at), VERB) else None


def halo_yun(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """晕 on its own after a noun is the halo yùn (暗物质晕, 月晕); "faint" yūn follows
    someone (他晕了)."""
    if len(words[at].text) > 1:
        return None
    before = word_before(words, at)
    noun = before is not None and before.tag.startswith("n") and before.tag not in FOUND_BY_HMM
    return "yun4" if noun else None


def particle_o(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """哦 closing a clause is the light sentence particle o (记得带伞哦, 签名哦。); at the start
    it is an interjection (哦，原来如此), left to the model."""
    before = word_before(words, at)
    if len(words[at].text) > 1 or before is None or not HAN_RE.search(before.text):
        return None  # (after a dash or a symbol it is said on its own: ——哦！)
    return "o5" if word_after(words, at) is None else None


# Crops: 种 before them is "plant" (种粮大户); before animals and other nouns it is "seed,
# breed" zhǒng (种鸡, 种质, 种业), and g2pM reads those.
_CROPS = frozenset("粮棉瓜豆麦果菜稻茶桑")


# Results of planting: 种 before them is the verb (种满了花草, 种上树, 种好庄稼).
_RESULTS = "满上下好完活出"
_AFTER_PLANTING = ("着", "了", "过", "的", "些")
# Places the HMM glues to the verb after them: 院子里种着, 十年前种的.
_PLACES = frozenset("里前后上中旁边")


def planting_zhong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """种 after a numeral or demonstrative is the measure word zhǒng (这种, 两种); before a
    noun or 的 with no numeral it is the verb "plant" zhòng (种草, 种的草)."""
    word = words[at]
    if len(word.text) == 2 and index == 0 and word.text[1] in _CROPS:
        return "zhong4"  # a word no dictionary lists: the verb before a crop (种粮, 种瓜)
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
    if after is not None and (after.text in ("着", "了", "过") or after.text[0] in "在到"):
        return None if has_tag(before, NUMERAL) else "zhong4"  # 种着, 种了三亩, 种在村口
    someone = before is not None and before.text in PEOPLE  # 他种了: a subject, no measure
    if before is None or (has_tag(before, (*NUMERAL, "r")) and not someone):
        return None
    if has_tag(after, ("n", "uj", "ul")):
        return "zhong4"
    return None


def place_chu(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """处 on its own before 在 or 于 is "be situated" chǔ (正处在); after a numeral it counts
    places chù (一处, 多处). Being in `RULES` also lets CC-CEDICT's whole words decide it
    (处在, 身处 chǔ), where g2pM says chù."""
    word = words[at]
    if len(word.text) > 1:  # jieba keeps a numeral with it: 一处, 多处
        return "chu4" if word.tag.startswith("m") and index == len(word.text) - 1 else None
    after = word_after(words, at)
    if after is not None and after.text[0] in "在于":
        return "chu3"
    return "chu4" if has_tag(word_before(words, at), NUMERAL) else None


def returning_huan(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """还 closing its clause, or before 了 or someone, is the verb "give back" huán (要按时还,
    早就还了, 明天还你); the adverb hái always has a verb or adjective after it to qualify."""
    if len(words[at].text) > 1 or word_before(words, at) is None:
        return None
    after = word_after(words, at)
    if words[at].tag == "d" and has_tag(after, VERB):
        return "hai2"  # 会议还审议通过了: jieba's adverb before a verb
    if after is None or after.text == "了":
        return "huan2"  # 要按时还, 早就还了: the adverb qualifies a verb, it takes no 了
    return "huan2" if after.text in PEOPLE else None  # 明天还你: the adverb precedes no one


def disaster_nan(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """难 closing its clause right after a verb of suffering or its 了 is the noun "disaster"
    nàn (遭了难, 逃了难); after other verbs it is "hard" nán (看病难), and after an adverb
    (很难) too, left to the dictionaries and the model."""
    after = word_after(words, at)
    if len(words[at].text) > 1 or (after is not None and not ends_clause(after)):
        return None
    before = word_before(words, at)
    if before is not None and before.text == "了":
        before = word_before(words, at - 1)
    if before is None or not has_tag(before, (*VERB, "n")):
        return None
    return "nan4" if has_tag(before, VERB) and before.text[-1] in _SUFFERING else "nan2"


_SUFFERING = frozenset("遭受逃避落罹蒙殉死遇")


def tired_lei(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """累 before the complement 得 or an aspect is "tired" lèi (累得满头大汗, 累了); lěi
    "accumulate" and léi live in listed words (积累, 累赘)."""
    word = words[at]
    if len(word.text) == 2 and index == 0 and word.text[1] == "得":
        return "lei4"
    after = word_after(words, at)
    if len(word.text) > 1:
        return None
    if after is not None and after.text[0] in "得了坏死极点也着":
        return "lei4"
    before = word_before(words, at)
    tired = before is not None and (before.text in DEGREE or before.text in _BEFORE_TIRED)
    return "lei4" if tired else None  # 再苦再累, 不怕累, 又苦又累


_BEFORE_TIRED = spaced("再 又 怕 不怕 苦 好")


_SOME = spaced("不少 很多 许多 好多 一些 些")
# Units whose head is a 长 zhǎng (旅长, 村长, 局长) when jieba cuts the title in two.
_UNITS = frozenset("军师旅团营连排班组科处局部厅司省市县区乡镇村队校院所站社馆场厂行会")
# After these, 长 is "long" cháng (很长, 又黑又长, 老长); not after 越 (越长越像 zhǎng) or 最
# (年纪最长 zhǎng "eldest").
_LENGTH_DEGREE = (DEGREE - {"越", "最"}) | {"又", "老", "多"}


def growing_zhang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """长 standing alone: "grow" zhǎng before 得, 着, a result (长高, 长出) or 了 and what
    grew (长了几颗痘); "long" cháng after a degree adverb (很长) or a length (一米长), and
    before one (长十二公里, 长约)."""
    word = words[at]
    before, after = word_before(words, at), word_after(words, at)
    if word.tag in FOUND_BY_HMM and len(word.text) == 2:  # what the HMM glues to it
        if index == 0 and word.text[1] in "着得高大出":
            return "zhang3"  # 长着一双大眼睛
        if index == 1 and word.text[0] in _LENGTH_DEGREE:
            return "chang2"  # 很长 一段时间
        if index == 1 and after is not None and after.text[0] == "得":
            return "zhang3"  # 人长 得非常相像
        return None
    if len(word.text) > 1:
        return None
    if after is not None:
        if after.text[0] == "得" or after.text == "着" or after.text in tuple("高大胖出满成在"):
            return "zhang3"  # 长得很像, 长着一双大眼睛, 长高了, 长在悬崖上
        if len(after.text) == 2 and after.text[0] == "不" and after.text[1] in "好大高出":
            return "zhang3"  # 长不好, 长不大
        grown = word_after(words, at + 1)
        some = has_tag(grown, (*NUMERAL, "n")) or (grown is not None and grown.text in _SOME)
        if after.text == "了" and some:
            return "zhang3"  # 长了几颗痘, 长了不少见识
        if has_tag(after, NUMERAL) or after.text[0] in "约达":
            return "chang2"
    if before is not None and before.text.endswith("国外"):
        return "zhang3"  # 两 国外 长: jieba's 国外 takes the 外 of 外长
    if before is not None and (before.text in _LENGTH_DEGREE or has_tag(before, NUMERAL)):
        return "chang2"
    closing = after is None or ends_clause(after)
    if has_tag(before, ("n",)) and before is not None and closing:
        # 腿长, 持续时间长: what is long; but 副旅 长, 村 长: the head of a unit
        return None if before.text[-1] in _UNITS else "chang2"
    return None


def like_shi(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """似 closing a comparison before 的 is shì (飞也似的, 像…似的); "resemble" sì lives in
    listed words (似乎, 相似)."""
    word, after = words[at], word_after(words, at)
    closing = index == len(word.text) - 1 and after is not None and after.text == "的"
    return "shi4" if closing else None


def towards_chong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """冲 "towards, facing" chòng: the preposition 冲着 (冲着我笑) and 冲 before someone (冲我
    笑了笑); after a degree adverb it is "blunt, strong" chòng too (说话很冲)."""
    word = words[at]
    if len(word.text) == 1:
        before, after = word_before(words, at), word_after(words, at)
        facing = after is not None and (
            after.text in PEOPLE or (after.tag in FOUND_BY_HMM and after.text[0] in "我你他她")
        )
        blunt = before is not None and before.text in DEGREE
        return "chong4" if facing or blunt else None
    return "chong4" if word.text == "冲着" and word.tag == "p" and index == 0 else None


def tying_ji(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """系 on its own before a complement is the verb "tie" jì (系上安全带, 系好鞋带); xì
    "system, department" lives in words (系统, 中文系)."""
    word, after = words[at], word_after(words, at)
    glued = word.tag in FOUND_BY_HMM and index == len(word.text) - 1  # the HMM's 请系, 他系
    if (len(word.text) > 1 and not glued) or after is None:
        return None
    return "ji4" if after.text in ("上", "好", "紧", "着", "在") else None


def creek_chong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """涌 closing a place name no dictionary lists is the Cantonese "creek" chōng (麻涌,
    乌涌, 凤安涌); the verb "surge" yǒng stands alone or in listed words (涌现, 汹涌)."""
    word = words[at]
    return "chong1" if word.tag == "new" and index == len(word.text) - 1 else None


def several_shu(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """数 on its own before a numeral is "several" shù (数十, 数百人); before an aspect it is
    the verb shǔ (数了三遍); before anything else it is left to the model (数一数 shǔ)."""
    if len(words[at].text) > 1:
        return None
    after = word_after(words, at)
    if after is not None and after.text in ("了", "着", "过", "来", "去"):
        return "shu3"  # 我数了三遍, 数来数去: the verb "count" takes an aspect
    if after is not None and after.text == "一" and _text(word_after(words, at + 1)) == "数":
        return "shu3"  # 数一数
    if any(word.text.startswith("数") for word in words[max(0, at - 3) : at]):
        return "shu3"  # the second 数 of 数一数, 数了数, 数了又数
    return "shu4" if after is not None and after.text[0] in "十百千万亿" else None


def hiding_cang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """藏 standing alone before where or how it is hidden is the verb cáng (藏在箱子底下,
    藏起来); zàng "Tibet" and "treasury" live in words (西藏, 宝藏)."""
    after = word_after(words, at)
    hidden = len(words[at].text) == 1 and after is not None and after.text[0] in "在于着了起好进"
    return "cang2" if hidden else None


def adjusting_tiao(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """调 standing alone before what it is set to is "adjust" tiáo (把音量调小, 调好); diào
    "transfer" goes somewhere (调到北京) and is left to the model."""
    word = words[at]
    if len(word.text) == 2 and index == 0 and word.text[1] in _SETTINGS:
        return "tiao2"  # jieba's 调高, 调低 (prices, rates)
    after = word_after(words, at)
    if len(word.text) > 1 or after is None:
        return None
    again = after.text == "一" and _text(word_after(words, at + 1)) == "调"  # 调一调
    redone = after.text == "调" or _text(word_before(words, at)) in ("调", "一")  # 调调, 调一调
    return "tiao2" if after.text in _SETTINGS or again or redone else None


_SETTINGS = spaced("小 大 高 低 好 准 慢 快 匀 亮 暗 整")


def vacant_kong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """空 standing alone before 着 or 出 is "leave empty, vacant" kòng (座位空着, 空出来)."""
    after = word_after(words, at)
    left = len(words[at].text) == 1 and after is not None and after.text in ("着", "出", "出来")
    return "kong4" if left else None


def bearing_jie(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """结 of fruit is "bear" jiē: before 满, 得, 出 or the fruit (结满了果子, 结得特别多,
    结了很多果子); jié "tie, form" lives in words (结婚, 结构)."""
    word = words[at]
    if word.text in ("结得", "结满", "结出") and index == 0:
        return "jie1"
    if len(word.text) > 1:
        return None
    after = word_after(words, at)
    if after is None:
        return None
    if after.text[0] in "满得出" or after.text in ("果子", "果实"):
        return "jie1"
    later = word_after(words, at + 1)
    many = later is not None and (later.text in ("很多", "不少", "好几") or has_tag(later, NUMERAL))
    return "jie1" if after.text == "了" and many else None


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


def measuring_liang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """量 standing alone before an aspect or 一下 is the verb "measure" liáng (量了体温, 量了量,
    量一下); the amount liàng lives in words (数量, 质量)."""
    if len(words[at].text) > 1:
        return None
    after = word_after(words, at)
    if after is not None and (after.text in ("了", "过", "着") or after.text.startswith("一")):
        return "liang2"
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
    count = words[at].text[:index] if index else _text(word_before(words, at))
    counted = bool(count) and count[-1] in _LINE_COUNTS and set(count) <= _LINE_COUNTS | {"第"}
    return "hang2" if counted else None


def _text(word: Tagged | None) -> str:
    return word.text if word is not None else ""


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
