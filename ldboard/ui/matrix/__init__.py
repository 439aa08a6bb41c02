"""The impact/effort matrix: initiatives placed by impact against effort.

``screen.MatrixScreen`` plugs it into the main window and builds ``page.MatrixPage``
the first time it is shown (so this package imports nothing eagerly);
``scene.MatrixScene`` lays the chips out and turns a chip dropped on another cell
into a rescore request; ``view.MatrixView`` adds keyboard rescoring, drops from
lists and export.
"""
