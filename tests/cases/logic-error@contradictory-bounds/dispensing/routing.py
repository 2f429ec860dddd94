def describe(kind: str, retries: int) -> str:
    while kind != "push" or kind != "pull":  # expect: logic-error
        kind = "push"
    # look-alike: a string and a number are not compared with each other
    if kind == "push" and retries == 3:
        return "push"
    return kind


def forward(limit: int, LIMIT: int) -> bool:
    # look-alike: a parameter spelt in capitals is not a constant
    return limit > 10 and limit < LIMIT


def is_sync_kind(kind: str, forced: bool) -> bool:
    return kind == "push" or "pull"  # expect: logic-error


def is_forced(kind: str, forced: bool) -> bool:
    # look-alike: the other operand is a flag, not a constant
    return kind == "push" or forced
