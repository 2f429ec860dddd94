"""Port operations backend: berthing, yard planning, gate, customs and EDI."""

__version__ = "2.14.0"
