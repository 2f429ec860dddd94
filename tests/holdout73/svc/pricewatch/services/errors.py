class PriceWatchError(Exception):
    """Base class for domain errors."""


class NotFound(PriceWatchError):
    pass


class RetailerNotSupported(PriceWatchError):
    def __init__(self, host: str) -> None:
        super().__init__(f"retailer {host!r} is not supported yet")
        self.host = host


class PlanLimitReached(PriceWatchError):
    pass


class PriceParseError(PriceWatchError):
    pass
