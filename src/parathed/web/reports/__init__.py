"""Report jobs: decks rendered in the background, their status and downloads."""
