import random


def is_missing(value: float) -> bool:
    # look-alike: the NaN test on a plain name
    return value != value


def sampled(rate: float) -> bool:
    # look-alike: two calls, each draws a new number
    return random.random() < rate or random.random() < rate


def same_batch(a, b) -> bool:
    # look-alike: two different objects
    return a.batch_id == b.batch_id
