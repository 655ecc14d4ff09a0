"""Template tags of fieldwork."""
