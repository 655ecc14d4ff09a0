"""Models of keyfigures; they arrive with the issue that builds it."""
