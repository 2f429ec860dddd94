"""Resilience rules."""
