"""County computer-aided dispatch (CAD) backend."""

__version__ = "3.8.2"
