"""The impact/effort matrix: initiatives placed by impact against effort.

``MatrixPage`` is what the main window shows; ``MatrixScene`` lays the chips
out and turns a chip dropped on another cell into a rescore request;
``MatrixView`` adds keyboard rescoring, drops from lists and export.
"""

from ldboard.ui.matrix.page import MatrixPage
from ldboard.ui.matrix.scene import MatrixScene
from ldboard.ui.matrix.view import MatrixView

__all__ = ["MatrixPage", "MatrixScene", "MatrixView"]
