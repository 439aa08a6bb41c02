"""Iterations: plan them, start them, close them.

``screen.IterationsScreen`` plugs the planning screen into the main window and
owns the Iteration menu; ``page.IterationsPage`` puts the backlog beside the
selected iteration (``tables``, over ``planning_model`` tables fed by
``planning_rows``) under its goal and ``capacity_bar``; ``iteration_dialog``
creates and edits iterations and ``close_dialog`` closes one with its verdicts.
"""
