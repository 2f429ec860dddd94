"""Clients for the external services the marketplace depends on."""
