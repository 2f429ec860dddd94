"""ArenaOps: tournament operations backend."""
__version__ = "2.7.1"
