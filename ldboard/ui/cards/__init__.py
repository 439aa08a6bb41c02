"""Cards as every view sees them.

``board_model.BoardModel`` keeps the open board's cards in memory and applies
each change notification to them; it owns one ``column_model.ColumnModel`` per
stage. ``card_list_view``, ``card_delegate``, ``card_painter`` and ``card_layout``
paint cards in a list without a widget per card; ``card_mime`` is what a dragged
card carries.
"""
