"""The retrospective (View → Retrospective): one iteration's log, lane by lane.

- ``screen.py``: the ``Screen`` the shell plugs in, with Iteration → Add
  Retrospective Entry.
- ``page.py``: the iteration picker and the four lanes side by side.
- ``log.py``: reads the picked retrospective and keeps its models in step
  with every change (``rows.py`` says what one entry shows).
- ``lane_model.py``: one list model per lane, and one for the actions carried
  over from earlier iterations; drops ask the session to move the entry.
- ``lane_view.py`` / ``lane_panel.py``: a lane's list and the panel around it
  (header, carried actions, entry box); ``entry_delegate.py`` paints entries
  (placed by ``entry_layout.py``) and edits their text in place.
- ``entry_actions.py``: every gesture on an entry as one operation performed
  through the session; ``action_dialog.py`` edits an action's owner, due date
  and linked initiative.
"""
