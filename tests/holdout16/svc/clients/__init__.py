"""Clients for partner and third-party HTTP services."""
