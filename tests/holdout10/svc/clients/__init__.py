"""Clients for external providers."""
