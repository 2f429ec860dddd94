"""LexDesk: practice management for law firms."""

__version__ = "3.14.2"
