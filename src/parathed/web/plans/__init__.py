"""Design plans and their initiatives."""
