"""Characters whose sense the words around them decide: content words g2pM reads in their
commoner sense where news means the other (很差 chà, 切尔西 qiè, 转了一圈 zhuàn, 睡早觉 jiào,
弄干 nòng, 拉藏汗 hán, 挨打 ái, 尽得 jìn, 暗物质晕 yùn, 签名哦 o, 处在 chǔ, 数百 shù,
麻涌 chōng, 很长 cháng, 长着 zhǎng, 很冲 chòng). Verbs whose reading differs from the
noun's are in `verbs.py`. `grammar.RULES` holds them with the function words; like those
rules, each says None where it cannot tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

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
    clause_before,
    ends_clause,
    has_tag,
    is_found_name,
    spaced,
    tags_of,
    text_of,
    word_after,
    word_before,
)


def lacking_cha(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """差 on its own is "poor, short of" chà (体质极差, 差一点); "difference" chā and "errand"
    chāi live in listed words (差别, 出差), and after 之 (一字之差)."""
    word = words[at]
    if word.text == "变差" and index == 1:
        return "cha4"  # jieba's 变差 (了): "get worse"
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


# Spells of time one wanders about for: 转了半天, 转了一下午.
_SPELLS = ("半天", "一天", "整天", "下午", "上午", "晚上", "会儿")


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
    spinning = text_of(word_before(words, at)) == "地" and (after is None or ends_clause(after))
    if spinning:
        return "zhuan4"  # 陀螺滴溜溜地转
    for word in words[at + 1 : at + 3]:
        if "圈" in word.text or word.text.endswith(_SPELLS):
            return "zhuan4"  # 转了一圈, 在山里转了大半天
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


# What the verb 乐 "laugh, be glad" lè takes (乐了, 乐开了花, 乐得合不拢嘴), and the adverbs
# it closes a clause after (一见面就乐, 光顾着乐).
_AFTER_GLAD = frozenset("了着得开坏")
_BEFORE_GLAD = spaced("就 都 也 又 还 直 光 着 在 正 乐")


def glad_le(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """乐 on its own as the verb "be glad, laugh" is lè; yuè "music" lives in words (音乐,
    乐器), and the surname is left to the model."""
    word = words[at]
    if index == 0 and len(word.text) >= 2 and word.text[1] in "坏开":
        return "le4"  # jieba's 乐坏了, 乐开了花
    if len(word.text) > 1:
        return None
    before, after = word_before(words, at), word_after(words, at)
    if after is not None and after.text[0] in _AFTER_GLAD:
        return "le4"
    closing = after is None or ends_clause(after)
    return "le4" if closing and text_of(before) in _BEFORE_GLAD else None


# Verbs of leave before a lone 假 "holiday" (请过一天假, 休过假, 请了假).
_LEAVE = ("请", "休", "放", "度", "告")


def leave_jia(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """假 closing its clause after 请, 休 or 放 earlier in it is the noun "leave" jià; jiǎ
    "false" lives in words (假冒, 真假)."""
    if len(words[at].text) > 1:
        return None
    after = word_after(words, at)
    closing = after is None or ends_clause(after) or after.text in ("了", "的", "回家")
    taken = any(word.text.startswith(_LEAVE) for word in islice(clause_before(words, at), 4))
    return "jia4" if closing and taken else None


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


def place_chu(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """处 on its own before 在 or 于 is "be situated" chǔ (正处在); after a numeral it counts
    places chù (一处, 多处). Being in `RULES` also lets CC-CEDICT's whole words decide it
    (处在, 身处 chǔ), where g2pM says chù."""
    word = words[at]
    if word.text.startswith(("处得", "处不")) and index == 0:
        return "chu3"  # jieba's 处得 (很好), 处不来: "get along"
    if len(word.text) > 1:  # jieba keeps a numeral with it: 一处, 多处
        return "chu4" if word.tag.startswith("m") and index == len(word.text) - 1 else None
    after = word_after(words, at)
    if after is not None and after.text[0] in "在于得":
        return "chu3"  # 正处在, 处于, (两家人) 处得很好
    return "chu4" if has_tag(word_before(words, at), NUMERAL) else None


def returning_huan(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """还 closing its clause, or before 了 or someone, is the verb "give back" huán (要按时还,
    早就还了, 明天还你); the adverb hái always has a verb or adjective after it to qualify."""
    if len(words[at].text) > 1 or word_before(words, at) is None:
        return None
    if text_of(word_before(words, at)).startswith("退"):
        return "huan2"  # 退田还湖, 退耕还林: "give back"
    after = word_after(words, at)
    if text_of(after) in ("田", "钱", "债", "款", "贷"):
        return "huan2"  # 秸秆还田, 还钱: what is given back
    if text_of(word_before(words, at)) == "不" and text_of(after) in ("的", ""):
        return "huan2"  # 欠债不还的企业
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
    word = words[at]
    if len(word.text) >= 3 and index == len(word.text) - 1 and word.tag.startswith("n"):
        return "nan2"  # jieba's 看病难, 乘车难: what is hard to do
    described = after is not None and after.text == "的" and len(word.text) == 1
    if len(word.text) > 1 or (after is not None and not ends_clause(after) and not described):
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
    if len(word.text) == 2 and index == 0 and word.text[1] in "得倒病坏垮":
        return "lei4"  # 累得, jieba's 累倒, 累病
    if word.text == "累不累":
        return "lei4"
    after = word_after(words, at)
    if len(word.text) > 1:
        return None
    if after is not None and after.text[0] in "得了坏死极点也着":
        return "lei4"
    before = word_before(words, at)
    tired = before is not None and (before.text in DEGREE or before.text in _BEFORE_TIRED)
    return "lei4" if tired else None  # 再苦再累, 不怕累, 又苦又累


_BEFORE_TIRED = spaced("再 又 怕 不怕 苦 好 觉得 感到 感觉 喊")


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
    headed = before is not None and before.text[-1] in _UNITS and index == 0
    if word.tag in FOUND_BY_HMM and len(word.text) == 2:  # what the HMM glues to it
        if index == 0 and word.text[1] in "着得高大出":
            return "zhang3"  # 长着一双大眼睛
        if headed:
            return "zhang3"  # 刑警队 长仇 建军: the head of a unit, and a surname
        if index == 1 and word.text[0] in _LENGTH_DEGREE:
            return "chang2"  # 很长 一段时间
        if index == 1 and after is not None and after.text[0] in "高大胖粗厚壮":
            return "zhang3"  # 说长 高了: the HMM glued the verb before it
        if index == 1 and after is not None and after.text[0] == "得":
            return "zhang3"  # 人长 得非常相像
        return None
    if len(word.text) > 1:
        return None
    if headed and (has_tag(after, ("nr",)) or is_found_name(after)):
        return "zhang3"  # 交警大队 长 李建国
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
    if (word.tag in FOUND_BY_HMM or word.text == "系上") and len(word.text) == 2 and index == 0:
        return "ji4" if word.text[1] in "上好紧着在得成住" else None  # the HMM's 系在, 系住
    glued = word.tag in FOUND_BY_HMM and index == len(word.text) - 1  # the HMM's 请系, 他系
    if (len(word.text) > 1 and not glued) or after is None:
        return None
    return "ji4" if after.text in ("上", "好", "紧", "着", "在") else None


def creek_chong(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """涌 closing a place name no dictionary lists is the Cantonese "creek" chōng (麻涌,
    乌涌, 凤安涌); the verb "surge" yǒng stands alone or in listed words (涌现, 汹涌)."""
    word = words[at]
    return "chong1" if word.tag == "new" and index == len(word.text) - 1 else None
