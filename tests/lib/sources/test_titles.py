"""Titles become document kinds; of several versions of one document only the latest is kept."""

from datetime import date

import pytest

from orchestration.lib.sources.model import Announcement, clean_title
from orchestration.lib.sources.titles import classify, latest_versions
from tests.lib.sources.cninfo_fake import row


def _announcement(title: str, day: date = date(2023, 5, 1), announcement_id: str = "1") -> Announcement:
    return Announcement.from_row(row(announcement_id, "300001", title, day))


@pytest.mark.parametrize(("title", "kind"), [
    ("关于深圳证券交易所《关于某某公司申请向特定对象发行股票的审核问询函》的回复", "reply"),
    ("某某会计师事务所关于某某公司审核问询函的回复（修订稿）", "reply"),
    ("关于某某公司申请向特定对象发行股票审核问询函中有关财务事项的说明", "reply"),
    ("关于深圳证券交易所2023年年报问询函的回复", "reply"),
    ("首次公开发行股票并在创业板上市招股说明书", "prospectus"),
    ("2023年度向特定对象发行A股股票募集说明书（注册稿）", "prospectus"),
    ("向特定对象发行股票募集资金使用可行性分析报告", "feasibility"),
    ("2023年年度报告", "annual"),
    ("2023年半年度报告", "semiannual"),
])
def test_a_title_names_its_kind(title, kind):
    assert classify(_announcement(title)).kind == kind


@pytest.mark.parametrize("title", [
    "2023年年度报告摘要",
    "2023年半年度报告摘要",
    "2023 Annual Report",
    "2023年年度报告（英文版）",
    "关于审核问询函的回复（已取消）",
    "2023年年度报告（更正前）",
    "关于审核问询函回复的提示性公告",
    "关于2023年年度报告的更正公告",
    "第三季度报告",
    "关于召开2023年第一次临时股东大会的通知",
    "关于收到深圳证券交易所审核问询函的公告",
    "关于延期回复问询函的公告",
])
def test_summaries_english_cancelled_superseded_and_notices_are_not_documents(title):
    assert classify(_announcement(title)) is None


def test_em_highlights_are_removed_even_mid_word():
    assert clean_title("首次公开发行股票招股<em>说明</em>书（<em>注册稿</em>）") == "首次公开发行股票招股说明书（注册稿）"
    assert classify(_announcement("审核问询函的<em>回</em>复")).kind == "reply"


def test_a_revision_beats_the_original_and_the_latest_revision_wins():
    original = classify(_announcement("关于审核问询函的回复", date(2023, 5, 1), "11"))
    revised = classify(_announcement("关于审核问询函的回复（修订稿）", date(2023, 6, 1), "12"))
    revised_again = classify(_announcement("关于审核问询函的回复（二次修订稿）", date(2023, 7, 1), "13"))
    other_round = classify(_announcement("关于第二轮审核问询函的回复", date(2023, 7, 2), "14"))
    kept, superseded = latest_versions([original, revised_again, revised, other_round])
    assert [d.announcement.announcement_id for d in kept] == ["13", "14"]
    assert [d.announcement.announcement_id for d in superseded] == ["11", "12"]
    assert kept[0].version == "修订稿" and kept[1].version == "original"


@pytest.mark.parametrize("marker", ["豁免版", "更新后", "2023年半年度财务数据更新版"])
def test_an_exempted_or_updated_version_beats_an_original_of_the_same_day(marker):
    original = classify(_announcement("关于审核问询函的回复", date(2023, 5, 1), "21"))
    updated = classify(_announcement(f"关于审核问询函的回复（{marker}）", date(2023, 5, 1), "20"))
    kept, _ = latest_versions([original, updated])
    assert [d.announcement.announcement_id for d in kept] == ["20"]


def test_the_final_prospectus_supersedes_its_drafts():
    draft = classify(_announcement("招股说明书（注册稿）", date(2023, 3, 1), "31"))
    final = classify(_announcement("招股说明书", date(2023, 4, 1), "32"))
    kept, superseded = latest_versions([draft, final])
    assert [d.announcement.announcement_id for d in kept] == ["32"]
    assert [d.announcement.announcement_id for d in superseded] == ["31"]
