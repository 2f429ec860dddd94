"""reassess: exact, whole-program architecture assessment and code review of async Python backends."""

__version__ = "0.1.0"
