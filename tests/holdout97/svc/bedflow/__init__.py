"""Bed management and patient-flow service."""

__version__ = "2.7.1"
