"""Field operations platform for HVAC and plumbing contractors."""

__version__ = "2.7.1"
