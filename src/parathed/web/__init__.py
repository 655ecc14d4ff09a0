"""The Django project: collects, stores and shows. Scoring lives in parathed.analysis."""
