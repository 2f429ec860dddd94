"""Fulfilment warehouse management service."""
