"""Template tags of the survey app."""
