import unittest
from unittest.mock import AsyncMock

import pytest

from ledger.publisher import ChangePublisher


def test_positional_arguments_are_refused():
    publisher = ChangePublisher(AsyncMock())
    with pytest.raises(TypeError):
        publisher.changed("acct-1", "entry-9")


def test_forgot_to_await_the_publish():
    publisher = ChangePublisher(AsyncMock())
    publisher.changed("acct-1", "entry-9")  # expect: wrong-call, unawaited-coroutine


class PublisherSignature(unittest.TestCase):
    def test_keyword_only(self):
        publisher = ChangePublisher(AsyncMock())
        with self.assertRaises(TypeError):
            publisher.changed("acct-1", entry_id="entry-9")
