from typing import Optional


def parse_fill(payload):  # expect: dynamic-return-type
    if "qty" not in payload:
        return "missing qty"
    return {"qty": int(payload["qty"]), "price": payload.get("price")}


def find_fill(fills, fill_id) -> Optional[dict]:
    for fill in fills:
        if fill["id"] == fill_id:
            return {"id": fill_id, **fill}
    return None


def describe(fill) -> dict | str:
    if not fill:
        return "none"
    return {"id": fill["id"]}


def side_sign(side: str) -> int:
    if side == "buy":
        return 1
    if side == "sell":
        return -1
    return False


def names(fills):
    if not fills:
        return []
    return [f["name"] for f in fills]


def lookup(table, key):
    if key in table:
        return table[key]
    return default_for(key)


def default_for(key):
    return str(key)


def rows():
    yield {"a": 1}
    return "done"
