"""Models of plans; they arrive with the issue that builds it."""
