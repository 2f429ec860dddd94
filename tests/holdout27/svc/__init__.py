"""Claims processing backend."""

__version__ = "2.14.0"
