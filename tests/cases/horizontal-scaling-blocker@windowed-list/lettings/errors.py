"""Domain errors mapped to HTTP answers by the API layer."""


class RateLimited(Exception):
    """Too many requests from one user."""


class Stale(Exception):
    """The cached quote is out of date."""
