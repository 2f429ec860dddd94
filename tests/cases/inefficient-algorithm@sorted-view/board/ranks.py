def leaderboard(points: dict[str, int]) -> list[dict]:
    board = []
    for player, score in points.items():
        place = sorted(points.values(), reverse=True).index(score) + 1  # expect: inefficient-algorithm
        board.append({"player": player, "place": place})
    return board


def per_group(groups: dict[str, dict[str, int]]) -> dict[str, list[str]]:
    # look-alike: each pass sorts a different mapping
    out = {}
    for name, members in groups.items():
        out[name] = sorted(members.keys())
    return out
