"""File → Import: bringing a backlog that lives elsewhere into the board."""
