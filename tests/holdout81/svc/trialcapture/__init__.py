"""Electronic data capture service for multi-site clinical trials."""

__version__ = "2.7.3"
