def tier(plan: str, seats: int) -> str:
    if plan == "team":
        return "T"
    elif plan == "enterprise":
        return "E"
    elif plan == "team":  # expect: logic-error
        return "T2"
    # look-alike: a different value is tested
    if seats > 100:
        return "large"
    elif plan == "team":
        return "team"
    return "small"
