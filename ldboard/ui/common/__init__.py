"""What every screen shares: the board session (the only way to change the board,
``session.BoardSession``), its file lock, prompts, the theme, a read-only record
model and stage labels."""
