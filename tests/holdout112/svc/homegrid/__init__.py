"""HomeGrid energy management cloud."""

__version__ = "3.14.2"
