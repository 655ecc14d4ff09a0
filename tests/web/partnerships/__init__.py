"""Tests of parathed.web.partnerships."""
