"""Fieldwork: case screenings and coded interviews (issue #5)."""
