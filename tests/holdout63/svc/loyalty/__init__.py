"""Loyalty and rewards backend."""

__version__ = "2.7.1"
