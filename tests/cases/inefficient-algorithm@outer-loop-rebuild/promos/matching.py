"""Matches orders against promotions and de-duplicates visitors per page."""
from dataclasses import dataclass, field


@dataclass
class Promotion:
    code: str
    customers: list = field(default_factory=list)
    skus: list = field(default_factory=list)


def eligible(orders: list, promotions: list[Promotion]) -> list[tuple[int, str]]:
    """Each promotion's customer list is rebuilt for every order."""
    out = []
    for order in orders:
        for promo in promotions:
            if order.customer_id in [c.id for c in promo.customers]:  # expect: inefficient-algorithm
                out.append((order.id, promo.code))
    return out


def per_account(accounts: list) -> list[tuple[int, int]]:
    """Look-alike: the inner list comes from the outer item, a different list on every pass."""
    out = []
    for account in accounts:
        for team in account.teams:
            if account.owner_id in [m.id for m in team.members]:
                out.append((account.id, team.id))
    return out


def visitors_by_page(hits: list[dict]) -> dict[str, int]:
    """The per-page visitor list is held in a dict and grown with append."""
    pages: dict[str, dict] = {}
    for hit in hits:
        page = pages.setdefault(hit["path"], {"views": 0, "visitors": []})
        page["views"] += 1
        if hit["visitor"] not in page["visitors"]:  # expect: inefficient-algorithm
            page["visitors"].append(hit["visitor"])
    return {path: len(p["visitors"]) for path, p in pages.items()}


def tags_by_author(posts: list) -> dict[str, list[str]]:
    """The per-author tag list, held in a dict of lists, is grown and scanned for every post."""
    tags: dict[str, list[str]] = {}
    for post in posts:
        tags.setdefault(post.author, [])
        for tag in post.tags:
            if tag not in tags[post.author]:  # expect: inefficient-algorithm
                tags[post.author].append(tag)
    return tags


def visitors_by_page_set(hits: list[dict]) -> dict[str, int]:
    """Look-alike: a set per page."""
    pages: dict[str, set] = {}
    for hit in hits:
        seen = pages.setdefault(hit["path"], set())
        if hit["visitor"] not in seen:
            seen.add(hit["visitor"])
    return {path: len(s) for path, s in pages.items()}


class Deduper:
    def __init__(self) -> None:
        self.keys: list[str] = []

    def feed(self, events: list[dict]) -> list[dict]:
        """Look-alike: an attribute's ordered list of keys, kept short and in order on purpose."""
        fresh = []
        for event in events:
            if event["key"] not in self.keys:
                self.keys.append(event["key"])
                fresh.append(event)
        return fresh

    def split(self, batches: list[list[str]]) -> list[list[str]]:
        """Look-alike: each batch gets its own list, started anew on every pass."""
        out = []
        for batch in batches:
            kept = []
            if batch[0] not in kept:
                kept.append(batch[0])
            out.append(kept)
        return out
