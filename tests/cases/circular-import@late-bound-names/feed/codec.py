import json

from feed import Item, Origin


def encode(item: "Item") -> bytes:
    return json.dumps({"id": item.id, "origin": item.origin.value, "body": item.body}).encode()


def decode(raw: bytes) -> "Item":
    data = json.loads(raw)
    return Item(data["id"], Origin(data["origin"]), data["body"])
