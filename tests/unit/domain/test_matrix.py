import itertools

from hypothesis import given
from hypothesis import strategies as st

from ldboard.domain.matrix import (
    Box,
    QuadrantTotals,
    cell_counts,
    cell_of,
    pack_cell,
    quadrant_totals,
    thresholds_from_meta,
)
from ldboard.domain.rules import Quadrant, Thresholds, quadrant


@given(
    width=st.floats(0, 600),
    height=st.floats(0, 400),
    count=st.integers(0, 500),
    chip_width=st.floats(20, 200),
    chip_height=st.floats(10, 40),
    top=st.floats(0, 30),
)
def test_packing_never_overlaps_drops_or_spills(width, height, count, chip_width, chip_height, top):
    cell = Box(10, 20, width, height)
    packing = pack_cell(
        cell, count, chip_width=chip_width, chip_height=chip_height, gap=4, padding=6, top=top
    )
    assert len(packing.slots) + packing.hidden == count, "every item is shown or counted"
    if packing.hidden and packing.slots:
        assert packing.overflow is not None, "the last place says how many more there are"
    if not packing.hidden:
        assert packing.overflow is None
    places = [*packing.slots, *([packing.overflow] if packing.overflow else [])]
    for a, b in itertools.combinations(places, 2):
        assert not a.overlaps(b)
    for place in places:
        assert cell.contains(place)


def test_chips_fill_rows_and_overflow_takes_the_last_place():
    cell = Box(0, 0, 300, 100)
    packing = pack_cell(cell, 50, chip_width=90, chip_height=24, gap=4, padding=6)
    columns, rows = 3, 3
    assert len(packing.slots) == columns * rows - 1
    assert packing.hidden == 50 - (columns * rows - 1)
    assert packing.slots[0].x == 6 and packing.slots[0].y == 6
    assert packing.slots[1].y == packing.slots[0].y, "left to right first"
    assert packing.overflow.y == packing.slots[-1].y


def test_everything_fits_without_overflow():
    packing = pack_cell(Box(0, 0, 300, 100), 4, chip_width=90, chip_height=24)
    assert len(packing.slots) == 4 and packing.overflow is None and packing.hidden == 0


def test_cells_and_unscored_items():
    assert cell_of(5, 1) == (5, 1)
    assert cell_of(None, 3) is None
    assert cell_of(6, 1) is None


def test_quadrant_totals_count_items_and_effort():
    counts = cell_counts([(5, 1), (4, 2), (1, 5), (3, 3), (None, 2), (4, 2), (1, 5), (1, 5)])
    assert counts == {(5, 1): 1, (4, 2): 2, (1, 5): 3, (3, 3): 1}
    totals = quadrant_totals(counts, Thresholds())
    # Several items in one cell each add their effort: 1 + 2 + 2, and 5 + 5 + 5.
    assert totals[Quadrant.QUICK_WINS] == QuadrantTotals(count=3, effort=5)
    assert totals[Quadrant.MONEY_PITS] == QuadrantTotals(count=3, effort=15)
    assert totals[Quadrant.BIG_BETS] == QuadrantTotals(count=1, effort=3)
    assert totals[Quadrant.FILL_INS] == QuadrantTotals(count=0, effort=0)


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=60))
def test_quadrant_totals_equal_the_sum_over_items(scores):
    """Per-cell counts give the same totals as adding up every item one by one."""
    thresholds = Thresholds(impact=4, effort=2)
    totals = quadrant_totals(cell_counts(scores), thresholds)
    for found in Quadrant:
        mine = [
            effort for impact, effort in scores if quadrant(impact, effort, thresholds) == found
        ]
        assert totals[found] == QuadrantTotals(count=len(mine), effort=sum(mine))


def test_thresholds_from_meta_fall_back_on_bad_values():
    assert thresholds_from_meta("4", "2") == Thresholds(4, 2)
    assert thresholds_from_meta(None, "x") == Thresholds()
    assert thresholds_from_meta("9", "1") == Thresholds()
