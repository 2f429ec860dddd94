"""Billing and usage-metering service."""
