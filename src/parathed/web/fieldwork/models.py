"""Models of fieldwork; they arrive with the issue that builds it."""
