"""Where the matrix's grid sits: the room its title, axes and legend need.

The grid itself (cells, the cell under a point) is ``ui/common/grid_geometry``,
shared with the stakeholder map.
"""

from __future__ import annotations

from ldboard.ui.common.grid_geometry import GridGeometry, Margins

LEFT = 118.0  # impact tick labels and axis title
RIGHT = 16.0
TOP = 44.0  # title
BOTTOM = 92.0  # effort tick labels, axis title, legend
MARGINS = Margins(LEFT, RIGHT, TOP, BOTTOM)
MINIMUM_SIZE = (640.0, 480.0)


def matrix_geometry(width: float, height: float) -> GridGeometry:
    """The matrix laid out in a scene of this size (rows are impact, columns effort)."""
    return GridGeometry.for_size(width, height, MARGINS, MINIMUM_SIZE)
