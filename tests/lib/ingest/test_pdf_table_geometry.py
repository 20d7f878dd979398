"""Any arrangement of ruling lines and glyphs: tables are found without losing or inventing text."""

from collections import Counter
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from orchestration.lib.ingest.pdf.glyphs import Glyph, PageContent, Rule, merge_rules
from orchestration.lib.ingest.pdf.tables import find_tables

positions = st.floats(min_value=0, max_value=600, allow_nan=False)
rules = st.lists(st.tuples(positions, positions, positions).map(lambda t: Rule(t[0], min(t[1:]), max(t[1:]))), max_size=12)
glyphs = st.lists(
    st.tuples(st.sampled_from("营业收入0123456789,."), positions, positions).map(
        lambda t: Glyph(t[0], t[1], t[1] + 9, t[2], 9)
    ),
    max_size=40,
)


@st.composite
def ruled_grids(draw) -> tuple[list[Rule], list[Rule]]:
    """A grid of rules between random edges, some segments left out (spanned cells), plus stray rules."""
    xs = sorted(draw(st.lists(positions, min_size=2, max_size=6, unique=True)))
    ys = sorted(draw(st.lists(positions, min_size=2, max_size=8, unique=True)))
    keep = st.booleans()
    horizontal = [Rule(y, x0, x1) for y in ys for x0, x1 in pairwise(xs) if draw(keep)]
    vertical = [Rule(x, y0, y1) for x in xs for y0, y1 in pairwise(ys) if draw(keep)]
    return horizontal + draw(rules), vertical + draw(rules)


@settings(max_examples=300, deadline=None)
@given(grid=st.one_of(ruled_grids(), st.tuples(rules, rules)), page_glyphs=glyphs)
def test_every_glyph_ends_in_a_cell_or_outside_the_tables(grid, page_glyphs):
    horizontal, vertical = grid
    content = PageContent(page_glyphs, merge_rules(horizontal), merge_rules(vertical), 842, 0, 0)
    tables, remaining = find_tables(content)
    in_cells = Counter("".join(cell.text for table in tables for cell in table.cells).replace(" ", ""))
    assert in_cells + Counter(g.char for g in remaining) == Counter(g.char for g in page_glyphs)
    for table in tables:
        assert table.n_cols >= 2 and table.n_rows >= 1
        assert all(0 <= c.col < table.n_cols and c.col + c.col_span <= table.n_cols for c in table.cells)
        assert all(0 <= c.row < table.n_rows and c.row + c.row_span <= table.n_rows for c in table.cells)
