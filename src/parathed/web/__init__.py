"""The Django project: collects, stores and shows; scores come from analysis."""
