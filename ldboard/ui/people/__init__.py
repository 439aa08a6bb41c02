"""Tags & People: the board's shared vocabularies.

``TagModel`` and ``PeopleModel`` list the board's tags and people with how many
items use each. They keep in step with the board through ``session.changed``;
the dialog's buttons and the in-place rename only ever call ``session.perform``.

``dialog`` holds the dialog itself; ``tags_page`` and ``people_page`` build and
run its two tabs over ``tag_model`` and ``people_model``, which share
``base_model``; ``widgets`` has the pieces both tabs are made of.
"""

from ldboard.ui.people.dialog import VocabularyDialog
from ldboard.ui.people.people_model import PeopleModel
from ldboard.ui.people.tag_model import TagModel

__all__ = ["PeopleModel", "TagModel", "VocabularyDialog"]
