"""The analysis core: plain evidence in, an assessment out. No Django, no I/O."""
