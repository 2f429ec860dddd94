def unmatched(lines: list[dict], paid: list[dict]) -> list[dict]:
    missing = []
    for line in lines:
        found = False
        for payout in paid:  # expect: inefficient-algorithm
            if payout["ref"] == line["ref"] and payout["cents"] == line["cents"]:
                found = True
                break
        if not found:
            missing.append(line)
    return missing


def over_limit(lines: list[dict], limits: list[int]) -> list[dict]:
    # look-alike: the conditions compare each side with constants, not with each other
    out = []
    for line in lines:
        for limit in limits:
            if line["cents"] > limit and limit > 0:
                out.append(line)
    return out
