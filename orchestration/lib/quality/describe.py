"""One sentence per finding, in Chinese and in English, that a reviewer can act on without the file."""

from __future__ import annotations

import re

from orchestration.lib.quality.precision import decimals
from orchestration.lib.vocabulary.metrics import METRICS

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")

# What each arithmetic kind means, in Chinese, for the findings whose producer writes English only.
_KIND_ZH = {
    "column_total": "合计行与所合计各行之和不符", "row_total": "合计列与各年数之和不符",
    "gross_margin": "毛利率与(收入-成本)/收入不符", "gross_profit": "毛利与收入减成本不符",
    "forecast_profit": "利润总额与收入减成本费用税金不符", "forecast_net_profit": "净利润与利润总额减所得税不符",
    "forecast_cost": "总成本与各成本项之和不符", "receivable_net": "应收账款账面价值与余额减坏账准备不符",
    "provision_ratio": "计提比例与坏账准备/余额不符", "price_quantity": "单价×数量与金额不符",
}


def describe_arithmetic_zh(finding) -> str:
    """One Chinese sentence for an arithmetic finding: what does not add up, printed against recomputed."""
    what = _KIND_ZH.get(finding.kind, finding.kind)
    where = "、".join(str(r.line_no) for r in finding.refs)
    return (f"{finding.entity or ''}{finding.period or ''}{what}:印为{finding.actual:g},按所印各数计算为"
            f"{finding.expected:g}(第{where}行)。")


def describe(
    kind: str, entity: str, first: dict, low: list[dict], high: list[dict], gap: float, tolerance: float
) -> tuple[str, str]:
    """(Chinese, English) for a conflict or an ambiguous label between two groups of printings."""
    period = first.get("period") or ""
    label = metric_zh(first["metric"]) + (f"({period})" if period else "")
    digits = max(decimals(f["raw_text"]) for f in (*low, *high))
    a, b = _printed(low), _printed(high)
    gap_text, tol_text = f"{abs(gap):.{digits}f}", f"{tolerance:.{digits + 1}f}"
    if kind == "ambiguous_label":
        zh = (f"{entity}的{label}印为{a},其业务口径印为{b},相差{gap_text};"
              f"文件未说明前者是公司整体还是同一业务。")
        en = (f"{entity} {first['metric']} {period} is printed as {a} and, for a segment of it, as {b} "
              f"(gap {gap_text}): the filing does not say whether the first is the whole company or the segment.")
        return zh, en
    zh = f"{entity}的{label}印为{a}与{b},相差{gap_text},超出四舍五入可解释的{tol_text}。"
    en = (f"{entity} {first['metric']} {period} is printed as {a} and as {b}: a gap of {gap_text}, "
          f"more than the {tol_text} rounding can explain.")
    return zh, en


def metric_zh(metric: str) -> str:
    """The metric's Chinese name, the first one its definition in the vocabulary gives."""
    found = _CJK_RUN.search(METRICS.get(metric, ("", ""))[1])
    return found.group(0) if found else metric


def _printed(facts: list[dict]) -> str:
    """ "36.83 (003_x.txt:813, 2713)": the value as printed and the lines that print it."""
    lines = ", ".join(str(f["line_no"]) for f in sorted(facts, key=lambda f: f["line_no"]))
    where = facts[0].get("source_file") or facts[0]["filing_id"]
    return f"{facts[0]['raw_text'].strip()} ({where}:{lines})"
