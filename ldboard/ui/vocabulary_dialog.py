"""The Tags & People dialog's former home, kept so existing imports still work.

The dialog and its models live in ``ldboard.ui.vocabulary``; import from there.
"""

from ldboard.ui.vocabulary import PeopleModel, TagModel, VocabularyDialog

__all__ = ["PeopleModel", "TagModel", "VocabularyDialog"]
