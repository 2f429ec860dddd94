"""gridfarm: operations backend for wind and solar plants."""

__version__ = "2.7.1"
