"""Roam: car rental and car-sharing backend (booking API, ops desk, fleet workers)."""

__version__ = "3.14.2"
