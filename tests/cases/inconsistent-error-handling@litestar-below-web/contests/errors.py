class NotFound(LookupError):
    """A domain error: the web layer maps it to 404."""
