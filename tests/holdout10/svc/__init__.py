"""Signflow: electronic signature backend."""
