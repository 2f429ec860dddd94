"""Pairwise similarity of submitted sources."""
import difflib
import itertools


def ratio(left: list[str], right: list[str]) -> float:
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def pairwise_scores(sources: dict[int, list[str]], threshold: float) -> list[tuple[int, int, float]]:
    found = []
    for (a, ta), (b, tb) in itertools.combinations(sources.items(), 2):
        score = ratio(ta, tb)
        if score >= threshold:
            found.append((a, b, score))
    return found


def summary(scores: list[tuple[int, int, float]]) -> dict:
    return {"pairs": len(scores), "max": max((s for _, _, s in scores), default=0.0)}


def tokens_of(sources: dict[int, str]) -> dict[int, list[str]]:
    return {sid: text.split() for sid, text in sources.items()}
