"""Clients for the external services the AR backend depends on."""
