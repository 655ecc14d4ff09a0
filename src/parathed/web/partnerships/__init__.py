"""Partnerships, municipalities, measurement rounds; the one report service."""
