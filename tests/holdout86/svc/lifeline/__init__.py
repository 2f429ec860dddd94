"""Lifeline: blood bank and donor management network."""

__version__ = "2.7.0"
