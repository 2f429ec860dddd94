"""meterly: API gateway metering, billing and developer-portal backend."""

__version__ = "2.14.0"
