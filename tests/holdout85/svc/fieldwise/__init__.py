"""Fieldwise: farm management and precision irrigation backend."""

__version__ = "2.7.1"
