"""A module whose file name is not lower case."""  # expect: naming


def latest() -> float:
    return 1.0
