"""CPR-number detection for every free-text path (issues #4, #5). No Django."""
