"""GiveHub: charity fundraising and donations backend."""

__version__ = "2.14.0"
