"""Sportsbook backend: odds ingest, bet placement, settlement and live pushes."""

__version__ = "2.14.0"
