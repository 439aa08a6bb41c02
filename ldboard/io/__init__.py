"""Exports (and, later, imports): pure Python that reads a board and writes files.

Nothing here imports Qt (an import contract enforces it), so every exporter can
be tested and run from the command line without a display.
"""
