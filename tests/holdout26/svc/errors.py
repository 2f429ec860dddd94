"""Domain errors raised by services and mapped to HTTP responses in main."""
from __future__ import annotations


class AuctionError(Exception):
    status_code = 400
    code = "auction_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.code)
        self.message = message or self.code


class NotFound(AuctionError):
    status_code = 404
    code = "not_found"


class LotNotOpen(AuctionError):
    status_code = 409
    code = "lot_not_open"


class BidTooLow(AuctionError):
    status_code = 409
    code = "bid_too_low"


class InsufficientFunds(AuctionError):
    status_code = 402
    code = "insufficient_funds"


class Unauthorized(AuctionError):
    status_code = 401
    code = "unauthorized"


class RateLimited(AuctionError):
    status_code = 429
    code = "rate_limited"


class UpstreamUnavailable(AuctionError):
    status_code = 503
    code = "upstream_unavailable"
