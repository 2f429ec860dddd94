from desk.memo import memoize

__all__ = ["memoize"]
