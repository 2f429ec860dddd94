"""One-off: fill in missing product titles from the retailer's public product API.

Run manually: python scripts/backfill_titles.py --limit 1000
"""
from __future__ import annotations

import argparse
import time

import psycopg
import requests

DSN = "postgresql://pricewatch:pricewatch@localhost:5432/pricewatch"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--sleep", type=float, default=0.5)
    args = parser.parse_args()

    with psycopg.connect(DSN) as conn:
        rows = conn.execute(
            "SELECT id, canonical_url FROM products WHERE title IS NULL ORDER BY id LIMIT %s", (args.limit,)
        ).fetchall()
        for product_id, url in rows:
            resp = requests.get("https://meta.example.org/v1/title", params={"url": url}, timeout=10)
            if not (resp.ok and resp.json().get("title")):
                continue
            try:
                conn.execute("UPDATE products SET title = %s WHERE id = %s", (resp.json()["title"], product_id))
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            time.sleep(args.sleep)


if __name__ == "__main__":
    main()
