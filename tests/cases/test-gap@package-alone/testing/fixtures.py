from __future__ import annotations

import pytest

from ..store import Entries


@pytest.fixture
def entries() -> Entries:
    store = Entries()
    store.add(10)
    return store
