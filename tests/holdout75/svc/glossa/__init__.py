"""Glossa: translation and localisation management API."""

__version__ = "2.14.0"
