"""Clients for external services."""
