"""Tests of parathed.web.accounts."""
