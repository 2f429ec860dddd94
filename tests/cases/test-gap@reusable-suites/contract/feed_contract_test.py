"""A suite each feed adapter's own tests subclass to prove it honours the contract."""
import unittest

from ..feeds import PriceFeed


class AbstractFeedTests:
    class FeedContract(unittest.IsolatedAsyncioTestCase):
        def make_feed(self) -> PriceFeed:
            raise NotImplementedError

        async def test_prices_are_floats(self) -> None:
            feed = self.make_feed()
            self.assertTrue(all(isinstance(v, float) for v in feed.last.values()))
