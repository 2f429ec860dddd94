"""Calls that draw a given number of items from a collection (`random.sample(pool, k)`,
`random.choices(pool, k=k)`): the result's size is the count argument, not the collection's."""
from __future__ import annotations

SAMPLERS = frozenset({"random.sample", "random.choices"})

# library calls that split their first argument into slices of a given size: as many slices as the
# collection has items divided by the size, so the count still grows with the collection
CHUNKERS = frozenset({"itertools.batched", "more_itertools.chunked", "more_itertools.ichunked",
                      "more_itertools.sliced", "more_itertools.batched"})
