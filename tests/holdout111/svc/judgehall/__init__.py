"""judgehall: contest and judging backend."""

__version__ = "2.14.0"
