"""PowerPoint decks built with python-pptx from plain chart specs."""
