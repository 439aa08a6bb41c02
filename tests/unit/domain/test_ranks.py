import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldboard.domain.ranks import GAP, MIN_GAP, Placement, place, rank_between, spread


def test_rank_between_empty_column_uses_the_standard_gap():
    assert rank_between(None, None) == GAP


def test_rank_between_ends_extend_by_a_gap():
    assert rank_between(None, 10.0) == 10.0 - GAP
    assert rank_between(10.0, None) == 10.0 + GAP


def test_rank_between_neighbours_is_their_midpoint():
    assert rank_between(1.0, 2.0) == 1.5
    assert rank_between(-3.0, 1e6) == (1e6 - 3.0) / 2


def test_rank_between_reports_no_room_when_neighbours_touch():
    assert rank_between(1.0, 1.0 + MIN_GAP) is None


def test_spread_between_bounds_is_even_and_strict():
    values = spread(0.0, 10.0, 4)
    assert values == [2.0, 4.0, 6.0, 8.0]


def test_spread_refuses_when_bounds_are_too_close():
    assert spread(0.0, 3 * MIN_GAP, 5) is None


def test_place_in_roomy_column_moves_only_the_card():
    placement = place([1024.0, 2048.0, 3072.0], 1)
    assert placement == Placement(1536.0, {})


def test_place_respaces_only_a_local_window_when_neighbours_touch():
    ranks = [float(i * 1024) for i in range(100)]
    ranks[50] = ranks[49] + MIN_GAP  # 49 and 50 touch
    placement = place(ranks, 50)
    # Only the two touching cards move: they and the new card are spread evenly
    # between the next ranks out (49152 and 52224), 768 apart.
    assert placement == Placement(50688.0, {49: 49920.0, 50: 51456.0})
    merged = dict(enumerate(ranks)) | placement.respaced
    final = [merged[i] for i in range(50)] + [placement.rank] + [merged[i] for i in range(50, 100)]
    assert all(a < b for a, b in itertools.pairwise(final))


def test_place_asks_for_more_when_the_window_is_too_narrow():
    ranks = [0.0, MIN_GAP, 2 * MIN_GAP, 3 * MIN_GAP]  # a crowded window
    assert place(ranks[1:3], 2, offset=1, total=10) is None


def test_place_rejects_positions_outside_the_column():
    with pytest.raises(ValueError, match="outside"):
        place([1.0, 2.0], 3)


@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=0, max_size=40, unique=True),
    st.data(),
)
def test_place_always_keeps_the_column_strictly_ordered(raw, data):
    ranks = sorted(raw)
    index = data.draw(st.integers(0, len(ranks)))
    placement = place(ranks, index)
    assert placement is not None
    before = ranks[index - 1] if index > 0 else None
    after = ranks[index] if index < len(ranks) else None
    if before is not None and after is not None and after - before > 4 * MIN_GAP:
        # Room between the neighbours: the midpoint, and no other card moves.
        assert placement == Placement(before + (after - before) / 2, {})
    merged = dict(enumerate(ranks)) | placement.respaced
    final = [merged[i] for i in range(index)] + [placement.rank]
    final += [merged[i] for i in range(index, len(ranks))]
    assert all(a < b for a, b in itertools.pairwise(final))


def test_repeated_inserts_at_one_spot_stay_ordered_and_local():
    """Each insert halves the gap at the spot; a float runs out of halvings after
    29 of them (1024 / 2**29 is about 2e-6), and then the two cards nearest the spot
    are respaced. So 200 inserts rewrite 12 other rows in all, 2 every 30th insert."""
    ranks = [1024.0, 2048.0]
    respaces = []
    for insert in range(200):
        placement = place(ranks, 1)
        assert placement is not None
        if placement.respaced:
            respaces.append((insert, sorted(placement.respaced)))
        else:
            assert placement.rank == (ranks[0] + ranks[1]) / 2, "the midpoint of its neighbours"
        for position, rank in placement.respaced.items():
            ranks[position] = rank
        ranks.insert(1, placement.rank)
        assert all(a < b for a, b in itertools.pairwise(ranks))
    assert respaces == [(insert, [0, 1]) for insert in range(29, 200, 30)]
    assert sum(len(rows) for _, rows in respaces) == 12
