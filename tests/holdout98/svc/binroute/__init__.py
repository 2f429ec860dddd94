"""binroute: municipal waste collection and smart-bin platform."""

__version__ = "2.7.1"
