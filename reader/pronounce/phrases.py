"""What the two dictionaries list: pypinyin's phrases and CC-CEDICT's words, looked up inside a
word (the longest listed phrase covering each character) and across whole words of a sentence
(一丝不差 = 一丝 + 不差), in our tone-number form."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import cache
from typing import NamedTuple

from reader.pronounce import cedict, forms
from reader.pronounce.neighbours import Tagged

PhraseReadings = tuple[tuple[str, ...], ...]  # per character, its listed readings
Lookup = Callable[[str], PhraseReadings | None]
NO_PHRASE: tuple[str, tuple[str, ...]] = ("", ())

# The longest phrase looked for across words, in words and in characters.
_SPAN_WORDS = 4
_SPAN_CHARS = 8
# Words no phrase across words may include: punctuation, digits, Latin ("x"), lexicon entries.
_OUTSIDE = ("x", "lex")


@cache
def _pypinyin_phrases() -> dict[str, list[list[str]]]:
    from pypinyin.phrases_dict import phrases_dict

    listed: dict[str, list[list[str]]] = phrases_dict
    return listed


def is_listed(phrase: str) -> bool:
    """Whether pypinyin's phrase dictionary lists `phrase`."""
    return phrase in _pypinyin_phrases()


def _surname_opens(phrase: str, index: int) -> bool:
    return index == 0


def _adverb_all(phrase: str, index: int) -> bool:
    return index == len(phrase) - 1 or phrase[index + 1] == "是"  # 全都, 谁都, 都是


def _counting_not_by(phrase: str, index: int) -> bool:
    return phrase[index + 1 : index + 2] != "以"  # 数以万计 "by the tens of thousands"


def _not_autumn_sowing(phrase: str, index: int) -> bool:
    return phrase != "秋种"  # as 春种, 夏种 and 冬种 are zhòng


# What a verb's potential complement begins with after 得: 信得过, 比得上, 办得到.
_COMPLEMENT_STARTS = frozenset("过上到住起来见懂着及下开消出动完去清透")
# Before 得 "obtain" in a word: 不得, 获得, 取得.
_OBTAINING = frozenset("不获取求赢博值难")


def can_do(phrase: str, index: int) -> bool:
    """Whether 得 at `index` stands between a verb and its complement, and so is de (信得过
    "can be trusted", 看得见): pypinyin's phrases have dé in 信得过, 办得到, 比得上, 看得上,
    说得过去, and CC-CEDICT in 看得见, 跟得上."""
    verb = phrase[0] not in _OBTAINING  # not 不得开交, 获得过
    return index == 1 and verb and phrase[2:3] != "" and phrase[2] in _COMPLEMENT_STARTS


def _not_can_do(phrase: str, index: int) -> bool:
    return not can_do(phrase, index)


# What is Tibetan after 藏 (zàng): 藏医, 藏药, 藏袍, 藏族, 藏语, 藏戏, 藏历, 藏胞.
TIBETAN = frozenset("医药袍族语文戏历胞獒")


def _not_tibetan(phrase: str, index: int) -> bool:
    following = phrase[index + 1 : index + 2]
    return not following or following not in TIBETAN


class _Slip(NamedTuple):
    reading: str  # the reading pypinyin's phrases give the character too often
    right_where: Callable[[str, int], bool]  # (phrase, index): where that reading is right
    otherwise: str


# Systematic slips of pypinyin's phrase dictionary, found by reading every phrase it lists
# with the character:
# - 朴 piáo is only the surname; 11 words (质朴, 简朴, 古朴) have it for the adjective pǔ,
#   which its other 32 (朴素, 俭朴) and CC-CEDICT have.
# - 都 dōu is only the adverb "all" (全都, 谁都); 13 of its 17 phrases with dōu are the
#   capital dū: places and names (洪都拉斯, 都柏林, 昌都县) and idioms (通都大埠).
# - 种 zhǒng in 秋种 "autumn sowing", where 春种, 夏种 and 冬种 have zhòng.
# - 数 shǔ "count" is right in 数不清 and 数不胜数, not in 数以万计: "number" shù, as CC-CEDICT
#   and the unlisted 数以千计 have it.
# - 得 dé between a verb and its complement in five phrases (信得过, 办得到): de.
# - 藏 cáng "hide" in 藏医, 藏胞, 藏袍, where 藏药, 藏族 and 藏戏 have the Tibetan zàng.
_SLIPS = {
    "朴": _Slip("piao2", _surname_opens, "pu3"),
    "都": _Slip("dou1", _adverb_all, "du1"),
    "数": _Slip("shu3", _counting_not_by, "shu4"),
    "种": _Slip("zhong3", _not_autumn_sowing, "zhong4"),
    "得": _Slip("de2", _not_can_do, "de5"),
    "藏": _Slip("cang2", _not_tibetan, "zang4"),
}


# Characters whose reading CC-CEDICT's word gets right in every phrase where it and pypinyin
# disagree on full tones (checked one by one: 18 with 差, 6 with 累, 3 to 6 with the others):
# 差 chā "difference" in 温差, 时差, 逆差 (pypinyin: chà); 累 lěi in 常年累月; 当 dàng in
# 不正当竞争; 好 hào in 偏好, 好强; 曲 qū in 屈曲; 切 qiè in 不切实际; 乐 yuè in 乐句; 帖 tiě
# in 发帖; 塞 sài in 塞内加尔; 磨 mò in 电磨; 载 zài in 配载; 重 chóng in 重设, zhòng in 重犯;
# 还 huán in 还款; 长 zhǎng in 乡长 and 长机, cháng in 见长; 少 shǎo in 少不了, 少不得.
_CEDICT_KNOWS_BETTER = frozenset("差累当好曲切乐帖塞磨载重还长少")

# Words news readers say with a neutral last syllable where pypinyin writes the full tone, as
# 现代汉语词典 marks them (guān·xì: usually neutral): every 关系, 头发 and 较量 of the THCHS-30
# dev sentences was read so (9 of 9). Other neutral-tone words of that dictionary were read
# with the full tone there (力量 lìliàng, 困难 kùnnán), so only these are mended, in both
# dictionaries; so are the words that end in 关系 (人际关系, 两国关系).
_SPOKEN_NEUTRAL = ("关系", "头发", "较量")


@cache
def pypinyin(phrase: str) -> PhraseReadings | None:
    """pypinyin's readings of a phrase it lists (its slips mended, see `_SLIPS` and
    `_CEDICT_KNOWS_BETTER`), or None."""
    entry = _pypinyin_phrases().get(phrase)
    if entry is None:
        return None
    readings = (tuple(forms.from_marks(r) for r in listed) for listed in entry)
    mended = tuple(
        _mended(phrase, index, listed) if index < len(phrase) else listed
        for index, listed in enumerate(readings)
    )
    if spoken_neutral(phrase) and len(mended) == len(phrase):
        *rest, (last, *_) = mended
        return (*rest, (last[:-1] + "5",))
    return mended


def spoken_neutral(phrase: str) -> bool:
    """Whether `phrase` is a word news readers say with a neutral last syllable, or a word
    ending in 关系 (人际关系); not an idiom ending in one (锱铢较量 jiàoliàng)."""
    return phrase in _SPOKEN_NEUTRAL or phrase.endswith("关系")


def _mended(phrase: str, index: int, listed: tuple[str, ...]) -> tuple[str, ...]:
    """One character's listed readings with pypinyin's slips mended."""
    char = phrase[index]
    slip = _SLIPS.get(char)
    if slip is not None:
        wrong = listed == (slip.reading,) and not slip.right_where(phrase, index)
        return (slip.otherwise,) if wrong else listed
    if char not in _CEDICT_KNOWS_BETTER or len(listed) != 1 or listed[0].endswith("5"):
        return listed
    word = cedict.reading(phrase)
    if word is None or len(word) != len(phrase) or word[index].endswith("5"):
        return listed
    return (word[index],)


def second(phrase: str) -> PhraseReadings | None:
    """CC-CEDICT's one reading of a word it lists (`_SPOKEN_NEUTRAL` and `can_do` mended),
    or None."""
    found = cedict.reading(phrase)
    if found is None:
        return None
    if spoken_neutral(phrase):
        found = (*found[:-1], found[-1][:-1] + "5")
    if found[1:2] == ("de2",) and can_do(phrase, 1):
        found = (found[0], "de5", *found[2:])
    return tuple((syllable,) for syllable in found)


@cache
def _openings() -> frozenset[str]:
    """Every proper beginning of a listed phrase: a run of words that is none can be
    extended into no phrase, so the search across words stops there."""
    return frozenset(
        phrase[:end] for phrase in _pypinyin_phrases() for end in range(1, len(phrase))
    )


@cache
def _extensions() -> dict[str, list[str]]:
    """Every beginning of two characters or more of a listed phrase: the phrases it begins."""
    found: dict[str, list[str]] = {}
    for phrase in _pypinyin_phrases():
        for end in range(2, len(phrase)):
            found.setdefault(phrase[:end], []).append(phrase)
    return found


@cache
def beginning(word: str) -> PhraseReadings | None:
    """The readings of a word pypinyin lists only as the beginning of longer phrases (太行 of
    太行山), where all of those phrases read it alike; else None."""
    longer = _extensions().get(word)
    if not longer:
        return None
    found: set[PhraseReadings] = set()
    for phrase in longer:
        listed = pypinyin(phrase)
        if listed is None or len(listed) != len(phrase):
            return None
        found.add(listed[: len(word)])
    return found.pop() if len(found) == 1 else None


@cache
def _second_openings() -> frozenset[str]:
    """`_openings` of CC-CEDICT's words."""
    return frozenset(word[:end] for word in cedict.words() for end in range(1, len(word)))


def load() -> None:
    """Read both dictionaries now, not in the middle of an article."""
    _openings()
    _extensions()
    cedict.load()
    _any_openings()


def covering(word: str, lookup: Lookup) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A dictionary's phrase readings of each character of `word`: from the word, or else the
    longest listed phrase inside it that covers the character (the leftmost on a tie)."""
    if len(word) < 2:
        return (NO_PHRASE,) * len(word)
    entry = lookup(word)
    if entry is not None and len(entry) == len(word):
        return tuple((word, listed) for listed in entry)
    size = len(word)
    # Listed phrases inside the word (not the word itself), leftmost first, longest first.
    spans = [
        (start, end, listed)
        for start in range(size - 1)
        for end in range(size - (start == 0), start + 1, -1)
        if (listed := lookup(word[start:end])) is not None
    ]
    found: list[tuple[str, tuple[str, ...]]] = []
    for index in range(size):
        best: tuple[int, int, PhraseReadings] | None = None
        for start, end, listed in spans:
            if start <= index < end and (best is None or end - start > best[1] - best[0]):
                best = (start, end, listed)
        if best is None:
            found.append(NO_PHRASE)
            continue
        start, end, listed = best
        found.append((word[start:end], listed[index - start]))
    return tuple(found)


class Span(NamedTuple):
    """A phrase a dictionary lists that is two or more whole words of a sentence."""

    first: int  # its first and last word
    last: int
    start: int  # its first character in the sentence
    phrase: str


class Spans(NamedTuple):
    """The phrases across whole words of a sentence, by dictionary."""

    pypinyin: list[Span]
    second: list[Span]  # CC-CEDICT's


@cache
def _any_openings() -> frozenset[str]:
    return _openings() | _second_openings()


def across_words(words: Sequence[Tagged]) -> Spans:
    """Every phrase pypinyin or CC-CEDICT lists in a sentence that is two or more of its whole
    words (one scan for both: it runs for most sentences)."""
    found = Spans([], [])
    dictionaries = (
        (_pypinyin_phrases(), _openings(), found.pypinyin),
        (cedict.words(), _second_openings(), found.second),
    )
    any_opening = _any_openings()
    start = 0
    for first, word in enumerate(words):
        if word.text in any_opening and word.tag not in _OUTSIDE:
            for listed, openings, spans in dictionaries:
                if word.text in openings:
                    _extend(words, first, start, listed, openings, spans)
        start += len(word.text)
    return found


def _extend(
    words: Sequence[Tagged],
    first: int,
    start: int,
    listed: Collection[str],
    openings: frozenset[str],
    found: list[Span],
) -> None:
    """The listed phrases that begin with words[first] and run over the words after it."""
    text = words[first].text
    for last in range(first + 1, min(len(words), first + _SPAN_WORDS)):
        following = words[last]
        if following.tag in _OUTSIDE:
            return
        text += following.text
        if len(text) > _SPAN_CHARS:
            return
        if text in listed:
            found.append(Span(first, last, start, text))
        if text not in openings:
            return


def clear_caches() -> None:
    """Forget every phrase's converted readings (for timing a cold run)."""
    pypinyin.cache_clear()
    beginning.cache_clear()
