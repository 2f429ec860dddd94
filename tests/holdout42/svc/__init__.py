"""Meter-to-cash backend: readings, tariffs, bills, payments, outages."""
