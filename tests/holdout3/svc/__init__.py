"""Marketplace backend: sellers, listings, orders, the seller ledger and payouts."""

__version__ = "2.14.0"
