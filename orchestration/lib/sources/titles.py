"""Titles to document kinds, and of several versions of one document the one to keep.

A title names its document; the rules below read the generic words of Chinese disclosure titles, never
one issuer's phrasing. Excluded outright: summaries (摘要), English versions, cancelled (已取消) and
superseded-by-correction (更正前) documents, and notices (…公告) that only announce a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orchestration.lib.sources.model import Announcement

# Bracketed version markers: （修订稿） （二次修订稿） （豁免版） （更新后） （2023年半年报财务数据更新版） …
_BRACKETED = re.compile(r"[（(【\[]([^（）()【】\[\]]*)[）)】\]]")
REVISION_WORDS = ("修订稿", "修订版", "豁免版", "更新后", "更新稿", "更新版")
# Drafts of a prospectus: the final one has no marker and comes last, so the latest date decides.
DRAFT_WORDS = ("申报稿", "上会稿", "注册稿")
EXCLUDING_WORDS = ("摘要", "英文", "已取消", "更正前", "提示性公告")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# (kind, the title must match this, and must not match that); the first rule that fits decides.
_KIND_RULES = (
    # The answers to the exchange's letter, by the issuer, its sponsor or its auditor: 问询函的回复,
    # 《…问询函》之回复, 反馈意见的专项说明, 问询函中有关财务事项的说明, 关注函回复 … First, because a
    # reply to a letter about an annual report names the report too.
    ("reply", re.compile(r"(?:问询函?|反馈意见|关注函|监管函)[^，。；]{0,16}?(?:回复|答复|说明|核查意见)"), None),
    ("semiannual", re.compile(r"半年度报告|半年报"), None),
    ("annual", re.compile(r"年度报告|年报"), re.compile(r"半年|季度")),
    ("prospectus", re.compile(r"招股说明书|募集说明书"), None),
    ("feasibility", re.compile(r"可行性(?:研究|分析)?报告"), None),
)


@dataclass(frozen=True, slots=True)
class Classified:
    announcement: Announcement
    kind: str
    version: str  # "original", or the revision marker as printed (修订稿, 豁免版, 更新后, …)
    base_title: str  # the title without version markers: all versions of one document share it


def exclusion_reason(title: str) -> str | None:
    """Why a title is never fetched, or None."""
    for word in EXCLUDING_WORDS:
        if word in title:
            return word
    if not _CJK.search(title) or "English" in title or "english" in title:
        return "English version"
    return None


def classify(announcement: Announcement) -> Classified | None:
    """The document kind and version of an announcement, or None when it is none of the kinds."""
    title = announcement.title
    if exclusion_reason(title):
        return None
    base, version = _split_version(title)
    if base.endswith("公告"):
        return None  # a notice about a document, not the document
    for kind, wanted, unwanted in _KIND_RULES:
        if wanted.search(base) and not (unwanted and unwanted.search(base)):
            return Classified(announcement, kind, version, base)
    return None


def latest_versions(documents: list[Classified]) -> tuple[list[Classified], list[Classified]]:
    """(kept, superseded): per issuer, kind and base title, a revision beats the original, then the latest wins."""
    groups: dict[tuple[str, str, str], list[Classified]] = {}
    for document in documents:
        groups.setdefault((document.announcement.code, document.kind, document.base_title), []).append(document)
    kept, superseded = [], []
    for versions in groups.values():
        ranked = sorted(versions, key=_rank, reverse=True)
        kept.append(ranked[0])
        superseded.extend(ranked[1:])
    return sorted(kept, key=_publication_order), sorted(superseded, key=_publication_order)


def _publication_order(document: Classified) -> tuple[str, int, str]:
    announcement = document.announcement
    return (announcement.code, announcement.published_ms, announcement.announcement_id)


def _rank(document: Classified) -> tuple[bool, int, str]:
    announcement = document.announcement
    return (document.version != "original", announcement.published_ms, announcement.announcement_id)


def _split_version(title: str) -> tuple[str, str]:
    """The title without bracketed version and draft markers, and the revision marker (or "original")."""
    version = "original"
    for match in _BRACKETED.finditer(title):
        revision = next((word for word in REVISION_WORDS if word in match.group(1)), None)
        if revision:
            version = revision
    base = _BRACKETED.sub(lambda m: "" if _is_version_marker(m.group(1)) else m.group(0), title)
    return " ".join(base.split()), version


def _is_version_marker(text: str) -> bool:
    return any(word in text for word in REVISION_WORDS + DRAFT_WORDS)
