"""Readings that grammar decides: function words read from their neighbours' parts of speech.

g2pM learned its polyphones from Wikipedia, where 地 is mostly "ground" and 为 mostly "to be";
news is full of the other senses: the adverbial particle (积极地参加 de), purpose and benefit
(为群众办实事 wèi), the modal 应 (应当, 应与 yīng), the complement marker (变得 de) and the
modal 得 (必须得 děi). Each rule below reads one such character from jieba's part-of-speech
tags (its dictionary tags, or "new" for a word its HMM found) and the words around it, and
says nothing (None) where grammar does not decide, leaving the character to the model.
Rules only see characters that no listed dictionary phrase covers (`BEFORE_PHRASES` may read
the first character of a listed two-character word where the word before leaves one sense).
Content words whose sense the neighbours decide (差, 切, 弄, 挨 …) are in `senses.py`, words
of amount and degree (都, 少, 只, 重, 更, 数) in `amounts.py`.
The rules were written from the errors on THCHS-30 dev and CPP dev (both halves were looked
at, so neither odd half is a clean held-out figure for them) and on news and prose sentences
helper sessions wrote and checked against a frozen copy of the code, and checked against the
dictionary probe (bench/bench_news.py, bench_pinyin.py, bench_dictionary_probe.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.pronounce import amounts, name_tags, phrases, senses, surnames, verbs, wei
from reader.pronounce.neighbours import (
    ADJECTIVE,
    DEGREE,
    FOUND_BY_HMM,
    NUMERAL,
    PEOPLE,
    VERB,
    Rule,
    Tagged,
    char_tag,
    clause_after,
    ends_clause,
    has_tag,
    spaced,
    split_glued,
    tags_of,
    text_of,
    word_after,
    word_before,
)

# 地 after these is the noun "ground, place": 在地上, 着地, 此地, 两地 (a particle needs a
# modifier before it).
_BEFORE_GROUND = ("p", "m", "q", "r", "f", "uj", "uz", "ul", "ud", "c")
# Adverbs before a modal 得 děi (必须得有, 还得讲, 就得走).
_BEFORE_MODAL_DEI = spaced(
    "必须 还 就 都 全 全都 也 总 总是 非 非得 只 只好 一样 可 却 又 才 仍 仍然"
)
# Feelings and states whose 得 introduces how far they go (气得发抖; jieba tags 气 a noun).
_STATES = frozenset("气急笑哭吓疼痛乐累冻饿热冷羞怕愁忙困醉馋")
# Invitation words that make 应 "respond to" (应…之邀, 应…邀请): yìng.
_INVITATION = spaced("邀 之邀 邀请 约 之约 聘 聘请 要求 请求")


def _reduplicated(text: str) -> bool:
    """AA or AABB before a suffix: 呆呆, 短短, 歪歪曲曲."""
    return (len(text) == 2 and text[0] == text[1]) or (
        len(text) == 4 and text[0] == text[1] and text[2] == text[3]
    )


# Characters before 地 that make the noun "place, ground" of a word jieba glued into a longer
# one (全省各地, 就地): 各地, 此地, 本地, 外地, 当地, 两地, 就地.
_PLACE_BEFORE_DI = frozenset("各此本外当两该异遍原就内")
# Characters that make a word tagged m a number (两地, 三地: places); jieba tags 大声 and
# 三三两两 m too, and those are adverbials.
_NUMBER_CHARS = frozenset("一二三四五六七八九十百千万亿两几零〇半多数第每")


def _modifier(words: Sequence[Tagged], at: int, before: Tagged) -> bool:
    """Whether the word before a lone 地 is an adverbial it closes, though its tag says a
    number or a place: 一步步, 三三两两, 大声, 三五成群 (m), 满头大汗 (ns: a listed idiom)."""
    text = before.text
    if _counted_one_by_one(text) or _linking(before) or _repeated(words, at):
        return True
    if before.tag.startswith("m"):
        words_in_it = len(set(text) - _NUMBER_CHARS)  # 三五成群: a set phrase, not a number
        set_phrase = len(text) == 4 and words_in_it >= 2  # not 一辈子 (种了一辈子地)
        if set_phrase or _reduplicated(text) or words_in_it == len(text):
            return True
    elif before.tag != "ns":
        return False
    return len(text) == 4 and (phrases.is_listed(text) or phrases.second(text) is not None)


def adverbial_de(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """地 closing an adverbial before the verb it modifies: 积极地参加, 呆呆地看着, 创造性地."""
    word = words[at]
    before = word_before(words, at)
    modifier = before is not None and _modifier(words, at, before)
    if len(word.text) > 1:
        if index == 0:  # jieba's HMM glued 地 to the verb after it: 友好 地笑
            new = word.tag in FOUND_BY_HMM  # or a listed word after a set modifier: 一块块 地垒
            ground = before is None or (has_tag(before, _BEFORE_GROUND) and not modifier)
            return "de5" if (new or modifier) and not ground else None
        if index != len(word.text) - 1:
            return None
        stem = word.text[:-1]  # a word jieba glued with its modifier: 呆呆地, 创造性地, 倏地
        if stem[-1] in _PLACE_BEFORE_DI or text_of(word_after(words, at))[:1] in "块区段带":
            return None  # the place: 全省各地, 低洼地 块
        sound = tags_of(word)[0].startswith("o")  # 嗡地一声
        adverbial = word.tag.startswith(("z", "d")) or _reduplicated(stem) or len(stem) >= 2
        adverbial = adverbial or sound
        return "de5" if adverbial else None
    after = word_after(words, at)
    if before is not None and _repeated(words, at) and after is not None:
        return "de5"  # a repeated measure: 一步一步地走, 一年又一年地, 一个接一个地
    if before is None or (has_tag(before, _BEFORE_GROUND) and not modifier) or after is None:
        return None
    if before.text in ("就", "等"):
        return None  # 就地办公: "on the spot"; 上海、西安等地参观: "places"
    if after.text[0] in "上下里面" or (has_tag(before, ("ns",)) and not modifier):
        return None  # the noun: 堂屋地上, 咸阳地市 (jieba tags 一封封 ns)
    return "de5"


def _repeated(words: Sequence[Tagged], at: int) -> bool:
    """The words before `at` repeat one another: 一代 一代, 一年 又 一年, 一个 接 一个."""
    if at < 2:
        return False
    last = words[at - 1].text
    if words[at - 2].text == last:
        return True
    linked = words[at - 2].text in ("又", "接", "连", "接着", "挨着", "连着")  # 一座接着一座地
    return at >= 3 and linked and words[at - 3].text == last


def _counted_one_by_one(text: str) -> bool:
    """一个个, 一步步, 一天天: a numeral and a doubled measure, "one by one"; 一点一滴,
    一家一户: one and one."""
    if len(text) == 4:
        return text[0] == text[2] == "一"
    return len(text) == 3 and text[0] == "一" and text[1] == text[2]


def _linking(word: Tagged) -> bool:
    """A word jieba's dictionary tags a conjunction that is an adverbial too (及时 c): only
    a one-character conjunction (和地, 与地) stands before the noun 地."""
    return word.tag.startswith("c") and len(word.text) >= 2


def complement_de(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """得 after a verb or adjective, marking its complement: 估计得更充分, 变得矮小, 绿得鲜活;
    the modal děi after an adverb before a verb: 必须得有, 还得讲. 得 as "obtain" is left to
    the dictionary (获得, 取得) and the model."""
    word = words[at]
    before, after = word_before(words, at), word_after(words, at)
    if len(word.text) == 2 and index == 1:
        return _closing_two_characters(word, after)
    if len(word.text) >= 3 and index == 1:
        verb = char_tag(word.text[0]).startswith(("v", "a")) and len(word.text) == 3
        if verb or phrases.can_do(word.text, 1):
            return "de5"  # jieba's 说得对, 跑得快, 站得住脚: a verb, 得 and how
    if len(word.text) > 1:
        return None
    if before is not None and before.text == "深" and has_tag(after, ("n", "r", "v", "vn")):
        return "de2"  # 深得群众的信赖: "win deeply"
    if has_tag(before, VERB + ADJECTIVE + ("z", "i", "l", "b")):  # (jieba: 高兴 b)
        return "de5"
    if (
        before is not None
        and before.text in _BEFORE_MODAL_DEI
        and _must_do(after, after_adverb=True)
    ):
        return "dei3"  # 就得先修路, 都得从头做起
    if before is not None and after is not None and after.text in DEGREE and word.tag == "ud":
        return "de5"  # 苹果树结 得特别多: how much, not "must"
    subject = has_tag(before, ("n", "r")) and before is not None and before.tag not in FOUND_BY_HMM
    # not a verb or adjective jieba glued into a noun: 脸红 得像, 火烧 得整条街
    subject = (
        subject and before is not None and not char_tag(before.text[-1]).startswith(("a", "v"))
    )
    pronoun = subject and has_tag(before, ("r",)) and text_of(before) not in ("这", "那")
    if subject and (has_tag(after, ("ad",)) or _must_do(after, after_adverb=pronoun)):
        return "dei3"  # after its subject, before what must be done: 问题得认真研究, 你得多吃
    if pronoun and has_tag(after, ("a",)):
        return "dei3"  # 你得快一点: "must be quick"
    # 他得了, 连得四分, 闻得淮阴庖厨: "obtain, get to" (玩得十分快乐 was read above)
    counted = has_tag(after, (*NUMERAL, "ns", "nt")) and text_of(after)[:1] not in "整满全"
    obtained = after is None or after.text in ("了", "过") or counted
    if (
        word.tag == "ud"
        and before is not None
        and before.text not in _BEFORE_MODAL_DEI
        and not has_tag(before, ("r",))
        and not obtained
    ):
        return "de5"  # jieba's complement marker, after what it completes: 雨下 得很大
    return None


# Words a modal 得 děi comes before besides verbs (你得多吃点, 就得有点骨气, 得先修路).
_MODAL_NEXT_WORDS = spaced("多 少 先 赶紧 马上 立即 有点 有人 有个")


def _must_do(after: Tagged | None, *, after_adverb: bool = False) -> bool:
    """Whether what follows a lone 得 is what must be done: a verb, a preposition before one
    (得把话说清楚, 得跟家里人商量), an adverb; after a modal's adverb (就得, 还得) also a set
    phrase (还得从长计议) or a verb phrase jieba tags a name (就得加倍努力)."""
    if has_tag(after, (*VERB, "p", "r", "d")) or text_of(after) in _MODAL_NEXT_WORDS:
        return True
    if after is not None and after.tag in FOUND_BY_HMM and after.text[0] in "多先":
        return True  # the HMM's 多学 (点儿知识)
    if not after_adverb or after is None:
        return False
    verb_first = len(after.text) >= 2 and char_tag(after.text[0]).startswith("v")
    return verb_first or has_tag(after, ("l", "i"))


def _closing_two_characters(word: Tagged, after: Tagged | None) -> str | None:
    """得 closing a two-character word: a verb jieba keeps with its 得 (变得, 翻得), or one
    the HMM glued (全得, 会得, 少得, 干得, 深得, 钱得)."""
    glued = word.tag in FOUND_BY_HMM
    if glued and word.text[0] in "会能要":
        return "de2"  # the HMM's 会得 各种疾病: "catch, get"
    if glued and word.text[0] in _BEFORE_MODAL_DEI and has_tag(after, VERB):
        return "dei3"  # the HMM glued 全 得: 全得暂入当铺
    if glued and after is not None and (after.text == "多" or after.text in DEGREE):
        return "de5"  # the HMM's 少得 多 "much less", 干得 十分出色
    if has_tag(after, NUMERAL):
        return None  # 换得一枚: "obtain"
    if word.text == "深得" and has_tag(after, ("n", "r", "v", "vn")):
        return "de2"  # the HMM's 深得 群众的信赖: "win deeply"
    if word.text[0] in _STATES:
        return "de5"  # 气得浑身发抖, 急得直哭: a feeling and how far it goes
    subject = glued and tags_of(word)[0].startswith(("n", "r"))
    if subject and (has_tag(after, ("ad",)) or _must_do(after)):
        return "dei3"  # the HMM glued 得 to its subject: 这笔 钱得 还给他
    return "de5" if tags_of(word)[0].startswith(("v", "a", "z")) else None


def modal_ying(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """应 as the modal "should" (应与, 应以, 应予, 还应) is yīng; glued to a verb before it
    (叫应) or before an invitation (应…之邀) it is "respond" yìng."""
    word = words[at]
    if len(word.text) > 1:
        if word.tag not in FOUND_BY_HMM:  # a dictionary word no phrase lists: 应税, 叫应
            return "ying1" if index == 0 and word.tag.startswith("v") else None
        # The HMM glued a lone 应 to a neighbour: 还应, 应是.
        parts = name_tags.word_parts(word.text)
        at_part = next((k for k, (part, _) in enumerate(parts) if part == "应"), None)
        if at_part is None or (at_part > 0 and parts[at_part - 1][1].startswith("v")):
            return None
        return "ying1"
    before, after = word_before(words, at), word_after(words, at)
    if before is not None and len(before.text) == 1 and has_tag(before, VERB):
        return None  # 叫 应: "respond"; a modal follows its subject, not a bare verb
    if any(later.text in _INVITATION for later in clause_after(words, at)):
        return "ying4"
    if after is not None and after.text in ("了", "着", "过"):
        return "ying4"  # 应了一声: a verb takes an aspect, a modal does not
    if after is None or ends_clause(after):
        return "ying4"  # 没人应: a modal needs a verb after it
    if has_tag(after, ("n", "ns")) and phrases.is_listed("应" + after.text):
        return None  # 应门, 应市: a listed word, and a modal takes no noun
    return "ying1"


RULES: dict[str, Rule] = {
    "地": adverbial_de,
    "得": complement_de,
    "为": wei.purpose_wei,
    "应": modal_ying,
    "曾": surnames.surname_zeng,
    "都": amounts.all_dou,
    "少": amounts.few_shao,
    "种": verbs.planting_zhong,
    "只": amounts.counted_zhi,
    "薄": amounts.thin_bao,
    "干": verbs.doing_gan,
    "着": verbs.wearing_zhuo,
    "重": amounts.again_chong,
    "更": amounts.more_geng,
    "数": amounts.several_shu,
    "行": verbs.counted_hang,
    "教": verbs.teaching_jiao,
    "量": verbs.measuring_liang,
    "当": verbs.treating_dang,
    "降": verbs.surrendering_xiang,
    "相": surnames.given_xiang,
    "空": verbs.vacant_kong,
    "结": verbs.bearing_jie,
    "藏": verbs.hiding_cang,
    "调": verbs.adjusting_tiao,
    "处": senses.place_chu,
    "涌": senses.creek_chong,
    "还": senses.returning_huan,
    "难": senses.disaster_nan,
    "累": senses.tired_lei,
    "长": senses.growing_zhang,
    "似": senses.like_shi,
    "冲": senses.towards_chong,
    "系": senses.tying_ji,
    "差": senses.lacking_cha,
    "切": senses.transliterated_qie,
    "转": senses.turning_zhuan,
    "觉": senses.sleeping_jiao,
    "弄": senses.doing_nong,
    "汗": senses.khan_han,
    "乐": senses.glad_le,
    "假": senses.leave_jia,
    "挨": senses.suffering_ai,
    "尽": senses.entirely_jin,
    "晕": senses.halo_yun,
    "哦": senses.particle_o,
    **dict.fromkeys(verbs.VERB_READINGS, verbs.verb_reading),
}


def more_after_de(words: Sequence[Tagged], at: int) -> str | None:
    """更 right after the complement marker 得 is "more" gèng, even where it opens a listed
    word: 思考得更深 (not 更深 gēng shēn "late at night"), 变得更新."""
    before = word_before(words, at)
    return "geng4" if before is not None and before.text == "得" and before.tag == "ud" else None


# Rules that may read the first character of a two-character word pypinyin lists, where the
# word before leaves only one sense: `before_phrase`.
BEFORE_PHRASES: dict[str, Callable[[Sequence[Tagged], int], str | None]] = {"更": more_after_de}


def before_phrase(words: Sequence[Tagged], at: int) -> str | None:
    """The reading grammar gives the first character of `words[at]`, or None."""
    return BEFORE_PHRASES[words[at].text[0]](words, at)


# The words g2pM reads poorly in news: in a whole word CC-CEDICT lists, that word decides
# them without the model, as grammar would have (重开 chóng, 身着 zhuó). Not the verbs of
# `verbs.VERB_READINGS` nor the content words 累 长 似 冲 系 …: CC-CEDICT's transcriptions
# (恺撒 sǎ, 德累斯顿 lèi) do not bind them.
_CONTENT_WORDS = frozenset("累长似冲系行教量藏调空结降相当乐假")
FUNCTION_WORDS = frozenset(RULES) - frozenset(verbs.VERB_READINGS) - _CONTENT_WORDS

# Characters whose rules read them inside longer words too (创造性地, 变得, 曾荫权): a phrase
# CC-CEDICT lists inside such a word (性地) must not hide the character from its rule.
WITHIN_WORDS = frozenset("地得为应曾少只重切觉弄差着")

# Rules that read a character from one word next to it: a listed phrase made of whole words
# (差 可 = 差可, 跟 差 = 跟差) knows better.
YIELDING = frozenset("差切转觉教难")


def reading(words: Sequence[Tagged], at: int, index: int) -> str | None:
    """The reading grammar gives character `index` of `words[at]`, or None."""
    rule = RULES.get(words[at].text[index])
    if rule is None:
        return None
    word = words[at]
    if word.tag in FOUND_BY_HMM and len(word.text) == 2 and index == 1 and word.text[0] in PEOPLE:
        # The HMM glues a pronoun to the verb after it (他种 了一棵树, 我数 了三遍): two words.
        return rule(split_glued(words, at, ("r", char_tag(word.text[1]))), at + 1, 0)
    found = rule(words, at, index)
    if found is None and word.text[index] in _READ_APART and _glued(word, index):
        # Read it again with the glued word cut into its characters (很冲, 调小, 菜切, 不怕累).
        pieces = split_glued(words, at, [char_tag(char) or "x" for char in word.text])
        return rule(pieces, at + index, 0)
    return found


# Characters whose rules read the word next to them and know nothing of glued words; the
# others (为 得 地 曾 只 少 …) read glued words themselves.
_READ_APART = frozenset("冲调切累教难干应长种着量藏数转觉重空结降系")


def _glued(word: Tagged, index: int) -> bool:
    """A short word the HMM made up, or an idiom, number or noun jieba lists that no
    dictionary reads (不怕累 l, 一干 m, 看病难 n, not 种鸡): a run of words as far as a rule
    reading the character from the word before it is concerned."""
    if not 2 <= len(word.text) <= 4:
        return False
    closing_noun = word.tag.startswith("n") and index == len(word.text) - 1
    return closing_noun or word.tag.startswith((*FOUND_BY_HMM, "l", "m"))
