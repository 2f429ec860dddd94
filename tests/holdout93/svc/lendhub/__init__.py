"""LendHub: mortgage origination and underwriting backend."""

__version__ = "2.14.0"
