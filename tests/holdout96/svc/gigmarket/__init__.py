"""Gigmarket: freelance marketplace backend (jobs, proposals, escrow contracts, payouts)."""

__version__ = "2.14.0"
