"""The ldboard domain: entities, enumerations and rules.

Nothing in this package knows about Qt or SQL, so every rule can be unit-tested
without a database or a display.
"""
