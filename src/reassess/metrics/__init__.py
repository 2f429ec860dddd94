"""Code metrics for the code review, all computed from the code."""
