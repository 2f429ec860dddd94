"""Radiology reading-room workflow service."""

__version__ = "2.14.0"
