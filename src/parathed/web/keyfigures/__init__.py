"""Key figures: indicator values, uploads, validation by the municipality (issue #6)."""
