"""Surnames and given names whose reading is not the character's everyday one, read from
the words around them: 曾 zēng before a name or a title (曾某, 曾庆元同志, 曾大伯), a
character alone before a title (单先生 shàn, 解女士 xiè), 单 解 查 区 朴 opening a name
(省委书记解振华, 行长单国庆), any surname after 姓, and 相 xiàng in a given name (戴相龙).
CC-CEDICT gives the surname readings (`cedict.surname`)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.han import HAN_RE
from reader.pronounce import cedict, name_tags
from reader.pronounce.neighbours import (
    FOUND_BY_HMM,
    Tagged,
    char_tag,
    has_tag,
    is_found_name,
    spaced,
    text_of,
    word_after,
    word_before,
)

# A 曾 before these is the surname (曾某), not "once".
_SOMEONE = spaced("某 某某 老 小")

# Family titles a surname comes before (曾大伯, 曾二叔, 曾大嫂).
_KIN = frozenset("伯叔嫂爷婶娘姨妈哥姐")


def surname_zeng(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """曾 before a name or 某 is the surname zēng (曾某, 曾荫权); before a verb it is céng."""
    word = words[at]
    before = word_before(words, at)  # 主任曾国强, 连长曾少华; not 老同志曾任
    titled = _titled(before) and not text_of(before).endswith(tuple(_ADDRESS))
    if len(word.text) > 1:
        named = word.tag.startswith("nr") or is_found_name(word)
        given = not char_tag(word.text[1]).startswith("v")  # not 曾任, 曾助
        glued = word.tag in ("glued", *FOUND_BY_HMM)  # not jieba's adverb 曾多次
        return "zeng1" if index == 0 and (named or (titled and given and glued)) else None
    after = word_after(words, at)
    if after is not None and len(after.text) <= 2 and after.text[-1] in _KIN:
        return "zeng1"  # 曾大伯, 曾二叔: a surname before a family title
    given = after is not None and not char_tag(after.text[0]).startswith("v")  # not 曾任
    if titled and given and has_tag(after, ("nr", "nz")):
        return "zeng1"
    if after is not None and (after.text in _SOMEONE or is_found_name(after)):
        return "zeng1"
    described = text_of(word_before(words, at)) == "的"  # 二十六岁的曾国强: who, not "once"
    if (
        described
        and has_tag(after, ("n", "nr", "nz"))
        and after is not None
        and len(after.text) <= 2
    ):
        return "zeng1"
    if after is not None and len(after.text) <= 2 and _addressed(word_after(words, at + 1)):
        return "zeng1"  # 曾庆元同志
    if after is not None and after.tag in FOUND_BY_HMM and len(after.text) <= 2:
        parts = name_tags.word_parts(word.text + after.text)  # 曾 召刚: a name together
        if len(parts) == 1 and parts[0][1].startswith("nr"):
            return "zeng1"
    return None


def given_xiang(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """相 in a given name is xiàng (戴相龙, 蔺相如); the surname (相某) and words keep xiāng."""
    word = words[at]
    return "xiang4" if index > 0 and (word.tag == "nr" or is_found_name(word)) else None


# Titles and forms of address after a surname: 单先生, 解女士, 区老师, 查某.
_TITLES = spaced(
    "先生 女士 小姐 老师 师傅 大爷 大妈 大娘 阿姨 老汉 同志 某 某某 教授 医生 书记 主任 经理 "
    "老板 局长 厂长 校长 部长 市长 县长 省长 科长 处长 院长 队长 总经理 董事长 姓 氏 "
    "老先生 老太太 老大爷 老大娘 老师傅 老奶奶"
)


def surname_before_title(words: Sequence[Tagged], at: int) -> str | None:
    """A character standing alone before a title is a surname (单先生 shàn, 解女士 xiè,
    区老师 ōu, 查某 zhā): CC-CEDICT's surname reading, where it gives only one."""
    after = word_after(words, at)
    if len(words[at].text) != 1 or after is None or after.text not in _TITLES:
        return None
    return cedict.surname(words[at].text)


# Titles news puts before a name, and what they end (行长单国庆, 知名人士区志坚, 县委书记),
# and words of address after it.
_TITLES_BEFORE = _TITLES | spaced(
    "行长 主席 委员 委员长 代表 模范 企业家 人士 战士 工程师 技术员 记者 专业户 养殖户 村民 "
    "农民 工人 伤员 画家 作家 教师 会计 司机 民警 干警 名叫 户 女工 连长 排长 营长 团长 "
    "师长 军长 班长 组长"
)
# Surnames read apart only between a title and the given name (退休工人仇德胜 qiú,
# 名叫干少华 gān): alone they are too often words (仇深, 干活).
_SURNAMES_AFTER_TITLE = frozenset("仇干")
# What follows a name that opens a sentence (区振华是…, 解振国说).
_AFTER_A_NAME = spaced("是 说 同志 介绍 告诉 表示")
_ADDRESS = spaced("同志 先生 女士")
# Surnames news names often whose reading is not the character's everyday one. Not all of
# CC-CEDICT's: jieba tags transliterations (柏培拉, 缪尔) and words (藉此, 仇深) names too.
_SURNAMES_READ_APART = frozenset("单解查区朴")


def surname_of_name(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """The first character of a person's name no dictionary lists is CC-CEDICT's surname
    reading: in a word jieba tags a name (解振华, 朴成哲) or that 同志 follows (解明同志), or
    alone between a title and the given name (行长单国庆)."""
    word = words[at]
    before, after = word_before(words, at), word_after(words, at)
    if word.text[:1] == "姓" and len(word.text) == 2 and index == 1:
        return cedict.surname(word.text[1])  # the HMM's 姓单: any surname after 姓
    if len(word.text) == 1 and before is not None and before.text == "姓":
        return cedict.surname(word.text)  # 姓 查, 姓 曾
    if index != 0 or word.text[0] not in _SURNAMES_READ_APART | _SURNAMES_AFTER_TITLE:
        return None
    surname = cedict.surname(word.text[0])
    if word.text[0] in _SURNAMES_AFTER_TITLE:
        given = len(word.text) == 3 or (len(word.text) == 1 and _given_name(after))
        return surname if _titled(before) and given else None
    if 2 <= len(word.text) <= 3:
        named = word.tag == "nr" or is_found_name(word) or _titled(before)  # 主任查培新
        return surname if named or _addressed(after) else None
    if len(word.text) != 1:
        return None
    titled = _titled(before) or _addressed(word_after(words, at + 1))
    opening = before is None and has_tag(after, ("nr", "nz", "ns"))  # 区振华是…
    opening = opening and word_after(words, at + 1) is not None
    opening = opening and text_of(word_after(words, at + 1)) in _AFTER_A_NAME
    return surname if (titled or opening) and _given_name(after) else None


def _given_name(word: Tagged | None) -> bool:
    return (
        word is not None
        and 1 <= len(word.text) <= 2
        and all(HAN_RE.match(char) for char in word.text)
        and not has_tag(word, ("u", "p", "c", "y", "d"))
    )


def _titled(word: Tagged | None) -> bool:
    """Whether `word` is or ends in a title (书记, 党委书记, 副县长, 区长)."""
    if word is None:
        return False
    head = len(word.text) >= 2 and word.text.endswith("长") and word.tag.startswith("n")
    return head or any(word.text.endswith(title) for title in _TITLES_BEFORE)


def _addressed(word: Tagged | None) -> bool:
    return word is not None and word.text in _ADDRESS
