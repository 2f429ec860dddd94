class FeedError(Exception):
    pass


class InvalidMessage(FeedError):
    pass


class UnknownWard(FeedError):
    pass
