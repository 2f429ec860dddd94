"""Stream consumer: decodes each message, then stores the batch."""
import asyncio
import json


class Store:
    async def insert_many(self, rows: list[dict]) -> None:
        ...


def to_row(payload: dict) -> dict:
    return {"id": payload["id"], "amount": payload["amount"]}


async def handle(entries: list[tuple[str, dict]], store: Store) -> None:
    rows = []
    for _entry_id, fields in entries:
        try:
            row = to_row(json.loads(fields["payload"]))
        except json.JSONDecodeError:  # expect: swallowed-exception
            continue
        rows.append(row)
    await store.insert_many(rows)


async def handle_counted(entries: list[tuple[str, dict]], store: Store) -> int:
    rows = []
    for _entry_id, fields in entries:
        try:
            row = to_row(json.loads(fields["payload"]))
        except json.JSONDecodeError:
            continue  # producers send keep-alive frames that are not JSON; they carry no record
        rows.append(row)
    await store.insert_many(rows)
    return len(rows)


async def sizes(entries: list[tuple[str, str]], store: Store) -> None:
    rows = []
    for entry_id, text in entries:
        try:
            size = int(text)
        except ValueError:
            continue
        rows.append({"id": entry_id, "size": size})
    await store.insert_many(rows)


async def main(store: Store) -> None:
    while True:
        await handle([], store)
        await handle_counted([], store)
        await sizes([], store)
        await asyncio.sleep(1)
