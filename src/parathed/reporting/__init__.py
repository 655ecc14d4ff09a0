"""Report rendering: an assessment in, .pptx/.xlsx files out. No Django, no scoring."""
