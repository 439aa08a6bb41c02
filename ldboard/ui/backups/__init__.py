"""Getting a board back from one of the copies ldboard keeps of it."""
