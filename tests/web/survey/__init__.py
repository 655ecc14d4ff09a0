"""Tests of parathed.web.survey."""
