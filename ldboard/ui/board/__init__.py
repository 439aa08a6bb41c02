"""The Kanban board: one column panel per stage, cards dragged between them.

``screen.BoardScreen`` plugs the board into the main window with the card
actions (edit, archive, move…); ``board_view.BoardView`` lays the columns out and
carries out card and column gestures; each ``column_panel.ColumnPanel`` holds a
header, a quick-add box and a ``column_view.ColumnView`` over its column's model.
"""
