class RateLimitedError(Exception):
    pass


class ClosedError(Exception):
    pass
