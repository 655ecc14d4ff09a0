"""Tests of parathed.web."""
