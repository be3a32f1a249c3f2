"""为 read from its neighbours: "for, in order to" wèi (为群众办实事, 为实现…, 为我们, 请她为…助兴,
为…而努力) or "to be, to act as, into" wéi (改为, 封…为王, 以…为…, 为…所…, 为五亿元, 分别为).
One of `grammar.RULES`; like the others it says None where grammar does not decide."""

from __future__ import annotations

from collections.abc import Sequence

from reader.pronounce.neighbours import (
    FOUND_BY_HMM,
    NUMERAL,
    VERB,
    Tagged,
    char_tag,
    clause_after,
    clause_before,
    has_tag,
    spaced,
    split_glued,
    tags_of,
    text_of,
    word_after,
    word_before,
)

# Auxiliaries and verbs of being that come before a purpose 为 (是为了, 要为群众): not "turn into".
_AUXILIARY = spaced(
    "是 要 能 能够 会 可 可以 应 应该 应当 该 将 愿 愿意 想 敢 肯 不肯 得 必须 需要 决心 努力 "
    "坚持 继续 立志 致力"
)
# Adverbs before a copula 为 "to be": 分别为跳远…, 均为, 多为.
_BEFORE_COPULA = spaced("分别 均 皆 即 乃 亦 原 现 复 多 大多 多数 主要 全 全部 都 仍")


def _opens_with_verb(word: Tagged) -> bool:
    """A word of three or more characters led by a verb: 办实事, 做贡献, 实现目标 (jieba tags
    them n)."""
    return _verb_led(word.text)


def _verb_led(text: str) -> bool:
    if len(text) < 3:
        return False
    return char_tag(text[0]).startswith("v") or (len(text) >= 4 and char_tag(text[:2]) == "v")


def _opens_with_yi(word: Tagged) -> bool:
    """以 "taking … (as)", alone or glued by the HMM to the next character (以市)."""
    return word.text == "以" or (word.tag in FOUND_BY_HMM and word.text[0] == "以")


def purpose_wei(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """为 as "for, in order to" (为群众办实事, 为实现…, 为我们, 请她为…助兴) is wèi; as "to be,
    to act as" (改为, 封…为王, 以…为…, 为…所…, 为五亿元) wéi."""
    word = words[at]
    first = word.text[0]
    glued_to = first in _AUXILIARY or first in _BEFORE_COPULA or first == "地"
    found = word.tag in FOUND_BY_HMM and len(word.text) == 2 and first != "图"
    if len(word.text) == 2 and index == 1 and (glued_to or found):
        # A word no dictionary lists ends in 为 (应为, 均为; the HMM's 地为, 现为, 市为, 常为):
        # the two characters are two words. (图为 "the picture shows" is left to g2pM.)
        split = split_glued(words, at, ("uv" if first == "地" else char_tag(first) or "n", "p"))
        return purpose_wei(split, at + 1, 0)
    if found and index == 0 and not _named_before(words, at):
        split = split_glued(words, at, ("p", char_tag(word.text[1]) or "n"))  # the HMM's 为村
        return purpose_wei(split, at, 0)
    if index == 0 and words[at].text in ("为民", "为国"):
        # jieba's 为民, 为国 (no dictionary reads them): "for" the people when a verb follows
        after = word_after(words, at)
        acts = after is not None and (has_tag(after, VERB) or _does_something(after))
        return "wei4" if acts else None
    if index == 0 and words[at].tag.startswith(("l", "i")) and len(words[at].text) >= 4:
        # An idiom no dictionary lists: 为国争光 "for", where a verb follows the beneficiary
        return "wei4" if char_tag(words[at].text[2]).startswith("v") else None
    if len(words[at].text) > 1:  # the HMM glued 为 to what follows: 封她为扎基公主
        glued = index == 0 and words[at].tag in FOUND_BY_HMM
        return "wei2" if glued and _named_before(words, at) else None
    before, after = word_before(words, at), word_after(words, at)
    if text_of(before) in ("当选", "被选", "被任命", "任命"):
        return "wei2"  # 当选为该国总理: "as"
    done = before is not None and before.text == "而"  # 知其不可为而为之: "do"
    someone = after is not None and after.tag.startswith("r") and not after.text.startswith("某")
    if after is not None and (someone or after.text == "之") and not done:
        return "wei4"  # 为我们, 为他们, 为之骄傲: "for"
    if before is not None and before.text in _BEFORE_COPULA:
        # 分别为, 多为木结构: "are"; 都为经济建设服务: "for" someone who is then served
        return "wei4" if _someone_then_verb(list(clause_after(words, at))) else "wei2"
    if _named_before(words, at) or _becoming(words, at) or text_of(before) in _NAMING:
        return "wei2"  # 封五岳为王, 任命他为, 被任命为, 改造为果园: "as, into"
    if text_of(after) == "人" and has_tag(word_after(words, at + 1), _HOW_ONE_IS):
        return "wei2"  # 他为人忠厚: "as a person"
    passive = any(word.text[0] == "所" for word in clause_after(words, at))  # 为后人所称道
    if _adverbial(words, at) and has_tag(after, _SOMEONE) and not passive:
        return "wei4"  # 处处为农民着想, 累计为国家创汇, 始终为群众: "for"
    auxiliary = before is not None and (before.text in _AUXILIARY or before.text[0] in "不没")
    following = list(clause_after(words, at))
    verb_follows = any(
        has_tag(word, VERB) or _does_something(word) or word.text in _VERBS_TAGGED_P
        for word in following
    )
    # 会谈为双方…奠定了: a verb word as the subject; a bare verb glued to 为 (召为) is "as".
    acted = before is not None and len(before.text) > 1 and _someone_then_verb(following)
    moving = before is not None and before.text in _MOVING
    subject = acted or (has_tag(before, ("vn",)) and verb_follows)  # 工作为改革奠定: "for"
    inscribed = text_of(before) == "有" and text_of(word_before(words, at - 1)) in _WRITING
    if inscribed and has_tag(after, _SOMEONE):
        return "wei4"  # 写有为人民服务: a slogan, "for"
    if has_tag(before, VERB) and not (auxiliary or moving or subject or inscribed):
        return "wei2"  # 做为, 宣布为, 发展为: "into, as"
    if (verb_follows and auxiliary) or _pivot(words, at):
        return "wei4"  # 能够为亚美…服务, 请她为娱乐城助兴: "for"
    if any(_opens_with_yi(word) for word in clause_before(words, at)):
        # 以发展为主, 以木桩为中心: "as"; but 以实际行动为灾区人民排忧解难: "for"
        role = bool(following) and following[0].text in _ROLES
        return "wei4" if _someone_then_verb(following) and not role else "wei2"
    amount = (  # 总额为五亿元; not 为这件事, 为一点小事
        has_tag(after, NUMERAL)
        and after is not None
        and after.text[0] not in _PICKING
        and after.text not in ("一点", "一些", "点")
        and not (after.text.startswith("数") and verb_follows)  # 为数十万儿童创造了条件
        and not _someone_then_verb(following[1:])  # 为一名患者进行了手术: "for" someone counted
    )
    if any(word.text[0] == "所" for word in following) or amount:
        return "wei2"  # 为人所知, 为债户所有, 总额为五亿元
    purpose = after is not None and after.text != "而" and any(w.text == "而" for w in following)
    if verb_follows or purpose:
        return "wei4"  # a verb follows: 为实现目标, 为人民服务; 为…而努力
    return None  # 应为淮南文联 "should be", 皆可为的 "do"


# Verbs of turning into something (改造为果园, 成长为劳动模范, 已经发展为): 为 is "into".
_BECOMING = spaced(
    "改造 转化 转变 演变 变 发展 成长 扩建 改建 改编 简化 升格 升级 合并 精简 缩减 压缩 "
    "增加 减少 提高 降低 上升 下降 扩大 缩小 改组 改制"
)
# Words jieba tags verbs that qualify how 为 "for" is done (处处为, 累计为, 共为).
_ADVERBIAL_VERBS = spaced("处处 事事 时时 累计 共计 总共 先后 多次 无偿 义务 专门 共 也 又 还 再")
# Who or what one does something for: a noun, a pronoun, a place, a body.
_SOMEONE = ("n", "r", "s", "j", "nt", "nr", "ns", "nz")
# How a person is (他为人忠厚, 为人正派): an adjective or an idiom.
_HOW_ONE_IS = ("a", "i", "l", "z", "ad", "d")


# Verbs of writing before 有 and the words written (写有为人民服务的标语).
_WRITING = spaced("写 刻 印 绣 题 标")


# What 以…为 makes something (以经济建设为中心, 以农业为基础): 为 is "as" before them.
_ROLES = spaced(
    "中心 主 主体 基础 纲 标准 目标 宗旨 核心 重点 龙头 动力 依据 前提 指导 指针 指引 原则 "
    "方向 出发点 落脚点 突破口 契机 荣 耻 己任 本 先 重 代价 手段 载体 主线 主导"
)


def _becoming(words: Sequence[Tagged], at: int) -> bool:
    """A verb of turning into something right before 为, used as a verb (not 经济发展 as the
    subject of 为…奠定了): tagged a verb, or after an adverb or 把/被."""
    before = word_before(words, at)
    if before is None or before.text not in _BECOMING:
        return False
    earlier = word_before(words, at - 1)
    return before.tag == "v" or has_tag(earlier, ("d", "p"))


def _adverbial(words: Sequence[Tagged], at: int) -> bool:
    """An adverbial right before 为 (始终, 一直, 处处, 累计): 为 is then the preposition."""
    before = word_before(words, at)
    if before is None:
        return False
    adverb = before.tag.startswith("d") and len(before.text) >= 2
    return before.text in _ADVERBIAL_VERBS or adverb


def _someone_then_verb(following: Sequence[Tagged]) -> bool:
    """为 + the one it is for + what is done: a verb closing the clause (都为 经济建设 服务)
    or taking an aspect (会谈为 双方 … 奠定了, 都为 家乡的建设 出过 力)."""
    if len(following) < 2 or not following[0].tag.startswith(("n", "r", "s", "j", "l", "f")):
        return False
    if any(word.text[0] == "所" for word in following):
        return False  # 为人所知
    for count, word in enumerate(following[1:], start=1):
        if not (has_tag(word, VERB) or _does_something(word)):
            continue
        later = following[count + 1] if count + 1 < len(following) else None
        if later is None or later.text in ("了", "着", "过") or word.text[-1] in "了着过":
            return True
    return False


def _does_something(word: Tagged) -> bool:
    """A verb phrase jieba tags n (办实事) or an adverb and a verb (多办实事), not a place or
    a thing led by a verb's character (荒漠区, 生产力)."""
    more = word.text[0] in "多少再早快" and _verb_led(word.text[1:])
    return (_opens_with_verb(word) or more) and word.text[-1] not in _THING_ENDINGS


_THING_ENDINGS = frozenset("区省县市州乡镇村地带力率性品者员费量值业")


# Demonstratives jieba tags numerals (为这件事): no amount.
_PICKING = frozenset("这那哪每各某")
# Verbs of coming and going before a purpose (起来为孩子们做饭, 前来为…演出).
_MOVING = spaced("来 去 起来 回来 出来 过来 下来 上来 赶来 前来 赶去 前去")

# Verbs jieba's dictionary tags as prepositions (为二孙子用乳母: "use").
_VERBS_TAGGED_P = spaced("用 拿")
# Verbs that name or appoint someone as something: 封…为王, 任命…为, 选…为 (为 wéi "as").
_NAMING = spaced(
    "封 特封 追封 册封 加封 尊 尊称 奉 任命 委任 聘 聘请 选 选举 推选 推举 评 评选 立 册立 "
    "列 视 认定 指定 命名 称 称作 看作 当作 视作 拜 当选"
)
# What may stand between such a verb and its 为: the one named (她, 五岳, 张三为…).
_NAMED = ("n", "r", "m", "q", "j", *FOUND_BY_HMM)


def _named_before(words: Sequence[Tagged], at: int) -> bool:
    """Whether a naming verb and the one it names come right before 为."""
    for count, word in enumerate(clause_before(words, at)):
        if count > 0 and (word.text in _NAMING or word.text[-1] == "封"):
            return True  # (jieba tags 封 a and 特封 nr: the text decides)
        if count > 3 or not tags_of(word)[1].startswith(_NAMED):
            return False
    return False


# Verbs that ask or move someone to act: 请她为…助兴, 号召青年为…服务.
_ASKING = spaced("请 让 叫 使 要求 号召 鼓励 动员 组织 带领 率领 帮 帮助 邀请 呼吁 希望 欢迎")


def _pivot(words: Sequence[Tagged], at: int) -> bool:
    """为 after someone a verb governs: after a pronoun (请她为, 让我们为) or after one asked
    to act (请学生为): the one governed acts "for" something."""
    before = word_before(words, at)
    governing = word_before(words, at - 1) if before is not None else None
    if before is None or governing is None:
        return False
    if before.tag.startswith("r"):
        return has_tag(governing, VERB)
    noun = before.tag.startswith("n") and before.tag not in FOUND_BY_HMM  # ("new" too)
    return noun and governing.text in _ASKING
