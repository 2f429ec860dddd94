"""Process-wide connection statistics."""


class ConnectionStats:
    def __init__(self) -> None:
        self.bidders = 0
        self.sellers = 0


stats = ConnectionStats()
