"""Live sports data backend: ingest, live scores, odds snapshots, fan features."""

__version__ = "2.7.0"
