"""Consumes the search outbox and (re)indexes documents."""
from __future__ import annotations

import asyncio
import json
import logging
import socket

from docflow.clients.search import INDEX, search_client
from docflow.db.engine import sessionmaker
from docflow.observability import INDEX_LAG
from docflow.repos.documents import DocumentRepo
from docflow.services.search_service import ack, claim_batch
from docflow.services.snapshot_service import SnapshotService
from docflow.utils.text import plain_text, tokens

log = logging.getLogger(__name__)

WORKER_ID = f"indexer-{socket.gethostname()}"
IDLE_SLEEP = 2.0


def build_bulk(docs: list[dict]) -> str:
    lines = []
    for d in docs:
        lines.append(json.dumps({"index": {"_index": INDEX, "_id": d["document_id"]}}))
        lines.append(json.dumps(d))
    return "\n".join(lines) + "\n"


def keyword_summary(text: str, top: int = 20) -> list[str]:
    words = tokens(text)
    counts = {}
    for w in set(words):
        counts[w] = words.count(w)
    return [w for w, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:top]]


async def index_batch(doc_ids) -> int:
    docs = []
    async with sessionmaker()() as session:
        repo = DocumentRepo(session)
        snapshots = SnapshotService(session)
        for doc_id in doc_ids:
            doc = await repo.get(doc_id)
            if doc is None or doc.archived:
                await search_client.delete(str(doc_id))
                continue
            _, content = await snapshots.current_content_offloaded(doc_id)
            body = plain_text(content)
            docs.append(
                {
                    "document_id": str(doc.id),
                    "workspace_id": str(doc.workspace_id),
                    "title": doc.title,
                    "body": body,
                    "keywords": keyword_summary(body),
                    "updated_at": doc.updated_at.isoformat(),
                }
            )
    if docs:
        result = await search_client.bulk_index(build_bulk(docs))
        if result.get("errors"):
            log.error("bulk index reported item errors for %d docs", len(docs))
    return len(docs)


async def run_forever(stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            doc_ids = await claim_batch(WORKER_ID)
            INDEX_LAG.set(len(doc_ids))
            if not doc_ids:
                await asyncio.sleep(IDLE_SLEEP)
                continue
            await index_batch(doc_ids)
            await ack(WORKER_ID)
        except Exception:
            continue
