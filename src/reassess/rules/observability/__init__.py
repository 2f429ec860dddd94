"""Observability rules."""
