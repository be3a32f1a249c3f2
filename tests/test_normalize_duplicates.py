"""Rule group 3: OCR doubling is undone, legitimate reduplication survives."""

from __future__ import annotations

import pytest

from reader.normalize import normalize
from reader.normalize.changes import ChangeLog
from reader.normalize.duplicates import (
    repair_duplicates,
    undo_doubled_line,
    undo_doubled_runs,
    undo_repeated_line,
)


def repair(text: str) -> str:
    return repair_duplicates(text, 1, ChangeLog())[0]


@pytest.mark.parametrize(
    ("doubled", "single"),
    [
        ("（（九九））", "（九）"),
        ("筑筑牢牢安安全全屏屏障障", "筑牢安全屏障"),
        ("筑筑牢牢安安全全屏屏障障 护护航航高高质质量量发发展展", "筑牢安全屏障 护航高质量发展"),
        ("日常巡逻维护和谐稳定日常巡逻维护和谐稳定", "日常巡逻维护和谐稳定"),
        ("日常巡逻维护和谐稳定 日常巡逻维护和谐稳定", "日常巡逻维护和谐稳定"),
        # a bold lead-in doubled inside a line, punctuation doubled too
        (
            "立立足足职职能能，，聚聚焦焦重重点点。。市司法局表示",
            "立足职能，聚焦重点。市司法局表示",
        ),
        # five doubled characters in a row is never prose
        ("在在平平安安晋晋中中建设中", "在平安晋中建设中"),
        # bold text that itself had reduplication
        ("方方方方面面面面好好", "方方面面好"),
    ],
)
def test_ocr_doubling_undone(doubled: str, single: str) -> None:
    assert repair(doubled) == single


@pytest.mark.parametrize(
    "text",
    [
        "方方面面",
        "兢兢业业",
        "家家户户",
        "时时放心不下",
        "常常",
        "研究研究",
        "社区干部家家户户上门，方方面面都记下，兢兢业业，时时放心不下，常常加班。",
        "说得明明白白清清楚楚。",  # four pairs: still prose
        "哈哈哈哈哈哈",
        "——我市持续加强风险防范",
        "……",
        "112233",
    ],
)
def test_legitimate_reduplication_survives(text: str) -> None:
    assert repair(text) == text


def test_rules_one_by_one() -> None:
    assert undo_repeated_line("甲乙丙甲乙丙") == "甲乙丙"
    assert undo_repeated_line("甲乙甲乙") == "甲乙甲乙"  # too short to tell from 研究研究
    assert undo_repeated_line("研究研究") == "研究研究"
    assert undo_doubled_line("安安全全屏屏") == "安全屏"
    assert undo_doubled_line("安安全全") == "安安全全"
    assert undo_doubled_runs("他说：安安全全屏屏障障很很重要") == "他说：安全屏障很重要"
    assert undo_doubled_runs("好好学习天天向上") == "好好学习天天向上"


def test_repair_reports_whole_line_and_is_stable() -> None:
    text, whole = repair_duplicates("（（九九））", 7, log := ChangeLog())
    assert (text, whole) == ("（九）", True)
    assert log.changes[0].line == 7
    assert repair_duplicates(text, 7, ChangeLog()) == ("（九）", False)


def test_duplicates_in_an_article_are_explained() -> None:
    result = normalize("国家安全是根基。\n\n日常巡逻日常巡逻\n")
    removed = [c for c in result.changes if c.rule == "repeated-line"]
    assert [(c.line, c.before, c.after) for c in removed] == [(3, "日常巡逻日常巡逻", "日常巡逻")]
