"""Property: random tables rendered in each layout come back from find_tables with the same cells."""

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.lib.parsing.tables import find_tables
from orchestration.lib.parsing.tables.numbers import display_width

LABELS = [
    "营业收入",
    "营业成本",
    "机柜租赁费",
    "折旧与摊销",
    "网络宽带费",
    "技术服务费",
    "销售费用",
    "管理费用",
    "研发费用",
    "税金及附加",
    "利润总额",
    "所得税",
    "净利润",
    "服务器数量",
    "利用率",
    "毛利率",
]


@dataclass
class Printed:
    label: str
    texts: list[str]
    values: list[float | None]


def amount(cents: int) -> tuple[str, float]:
    return f"{cents / 100:.2f}", round(cents / 100, 2)


@st.composite
def tables(draw, negatives: bool = True):
    years = draw(st.integers(2, 10))
    columns = draw(
        st.sampled_from(
            [[f"第{k}年" for k in range(1, years + 1)], [f"{2025 - k}年度" for k in range(years)]]
        )
    )
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=2, max_size=6, unique=True))
    low = -(10**7) if negatives else 0
    rows = []
    for label in labels:
        kind = draw(st.sampled_from(["amount", "percent", "count"]))
        if kind == "amount":
            cents = draw(st.lists(st.integers(low, 10**7), min_size=years, max_size=years))
            rows.append(Printed(label, *map(list, zip(*(amount(c) for c in cents)))))
        elif kind == "percent":
            tenths = draw(st.lists(st.integers(0, 1000), min_size=years, max_size=years))
            rows.append(Printed(label, [f"{t / 10:.1f}%" for t in tenths], [t / 10 for t in tenths]))
        else:
            count = draw(st.integers(1, 999))
            rows.append(Printed(label, [f"{count}台"] * years, [float(count)] * years))
    money = [r for r in rows if "%" not in r.texts[0] and "台" not in r.texts[0]]
    if money:
        totals = [round(sum(r.values[c] for r in money) * 100) for c in range(years)]
        rows.append(Printed("合计", *map(list, zip(*(amount(t) for t in totals)))))
    return columns, rows


def pad(text: str, width: int, right: bool = True) -> str:
    gap = " " * max(width - display_width(text), 0)
    return gap + text if right else text + gap


def render_tab(columns, rows):
    return ["项目\t" + "\t".join(columns)] + [r.label + "\t" + "\t".join(r.texts) for r in rows]


def render_space(columns, rows, wrapped: int):
    width = max(display_width(t) for r in rows for t in r.texts + columns) + 4

    def line(label, cells):
        return "  " + pad(label, 16, right=False) + "".join(pad(c, width) for c in cells)

    out = [line("项目", columns)]
    for k, r in enumerate(rows):
        if k == wrapped and k > 0:
            half = len(r.label) // 2
            out += [line(r.label[:half], []), line("", r.texts), line(r.label[half:], [])]
        else:
            out.append(line(r.label, r.texts))
    return out


def render_concat(columns, rows):
    return ["项目" + "".join(columns)] + [r.label + "".join(r.texts) for r in rows]


def assert_round_trip(table, columns, rows):
    assert table.columns == columns
    assert [r.label for r in table.rows] == [r.label for r in rows]
    for parsed, printed in zip(table.rows, rows):
        assert [c.value for c in parsed.cells] == printed.values


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_tab_separated_tables_round_trip(table_def):
    columns, rows = table_def

    [table] = find_tables(render_tab(columns, rows))

    assert_round_trip(table, columns, rows)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.integers(0, 6))
def test_space_aligned_tables_with_wrapped_labels_round_trip(table_def, wrapped):
    columns, rows = table_def

    [table] = find_tables(render_space(columns, rows, wrapped))

    assert table.layout == "space"
    assert_round_trip(table, columns, rows)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_concatenated_tables_never_return_a_wrong_value(table_def):
    columns, rows = table_def

    [table] = find_tables(render_concat(columns, rows))

    assert table.columns == columns
    assert [r.label for r in table.rows] == [r.label for r in rows]
    for parsed, printed in zip(table.rows, rows):
        for cell in parsed.cells:
            if cell.ambiguous and cell.value is None:
                assert cell.note
                continue
            assert cell.value == printed.values[cell.col]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(tables(negatives=False))
def test_concatenated_non_negative_amounts_split_exactly(table_def):
    columns, rows = table_def

    [table] = find_tables(render_concat(columns, rows))

    assert_round_trip(table, columns, rows)
