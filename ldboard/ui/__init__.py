"""Everything that imports Qt. Nothing outside this package may import PySide6."""
