"""A Sentinel whose connection keywords every master inherits."""
from redis.asyncio.sentinel import Sentinel

sentinel = Sentinel([("sentinel-1", 26379)], socket_timeout=2.0, sentinel_kwargs={"socket_timeout": 1.0})
rates = sentinel.master_for("rates")
