"""gatekeep: access control and visitor management for multi-site campuses."""

__version__ = "2.7.1"
