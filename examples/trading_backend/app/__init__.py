"""Trading backend: order entry, portfolio views, market data and alerts."""

__version__ = "0.9.3"
