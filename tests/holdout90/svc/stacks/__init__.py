"""Stacks: digital lending and circulation service for the county library network."""

__version__ = "2.7.1"
