"""Freight brokerage backend: load posting, bidding, tendering, tracking and settlement."""

__version__ = "2.7.1"
