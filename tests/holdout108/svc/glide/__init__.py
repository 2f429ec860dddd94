"""Glide micromobility backend."""

__version__ = "3.14.2"
