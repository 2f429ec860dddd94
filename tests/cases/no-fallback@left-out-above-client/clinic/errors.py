class CoverageUnavailable(Exception):
    """The payer could not be asked (network error, 5xx)."""
