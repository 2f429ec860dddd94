"""CSV export of executions, one nested formatter per row."""
from __future__ import annotations

import csv
import io
from decimal import Decimal


class ExportService:
    def __init__(self, db, timezone: str = "UTC") -> None:
        self.db = db
        self.timezone = timezone

    async def export_executions(self, account_id: int) -> str:  # expect: long-function
        rows = await self.db.fetch("SELECT * FROM executions WHERE account_id = $1", account_id)
        buffer = io.StringIO()
        writer = csv.writer(buffer)

        def render(row: dict) -> list[str]:
            """A long nested function: part of the method above, not reported on its own."""
            out: list[str] = []
            text = row.get("id")
            out.append("" if text is None else str(text).strip())
            text = row.get("account")
            out.append("" if text is None else str(text).strip())
            text = row.get("symbol")
            out.append("" if text is None else str(text).strip())
            text = row.get("side")
            out.append("" if text is None else str(text).strip())
            value = row.get("quantity")
            out.append(str(Decimal(value).quantize(Decimal("0.0001"))) if value is not None else "")
            value = row.get("price")
            out.append(str(Decimal(value).quantize(Decimal("0.0001"))) if value is not None else "")
            value = row.get("fee")
            out.append(str(Decimal(value).quantize(Decimal("0.0001"))) if value is not None else "")
            text = row.get("currency")
            out.append("" if text is None else str(text).strip())
            text = row.get("venue")
            out.append("" if text is None else str(text).strip())
            text = row.get("status")
            out.append("" if text is None else str(text).strip())
            text = row.get("trader")
            out.append("" if text is None else str(text).strip())
            text = row.get("book")
            out.append("" if text is None else str(text).strip())
            text = row.get("strategy")
            out.append("" if text is None else str(text).strip())
            text = row.get("created")
            out.append("" if text is None else str(text).strip())
            text = row.get("executed")
            out.append("" if text is None else str(text).strip())
            text = row.get("settled")
            out.append("" if text is None else str(text).strip())
            value = row.get("notional")
            out.append(str(Decimal(value).quantize(Decimal("0.0001"))) if value is not None else "")
            value = row.get("tax")
            out.append(str(Decimal(value).quantize(Decimal("0.0001"))) if value is not None else "")
            value = row.get("commission")
            out.append(str(Decimal(value).quantize(Decimal("0.0001"))) if value is not None else "")
            value = row.get("rebate")
            out.append(str(Decimal(value).quantize(Decimal("0.0001"))) if value is not None else "")
            text = row.get("counterparty")
            out.append("" if text is None else str(text).strip())
            text = row.get("reference")
            out.append("" if text is None else str(text).strip())
            text = row.get("comment")
            out.append("" if text is None else str(text).strip())
            text = row.get("batch")
            out.append("" if text is None else str(text).strip())
            text = row.get("region")
            out.append("" if text is None else str(text).strip())
            text = row.get("desk")
            out.append("" if text is None else str(text).strip())
            text = row.get("isin")
            out.append("" if text is None else str(text).strip())
            text = row.get("cusip")
            out.append("" if text is None else str(text).strip())
            text = row.get("sedol")
            out.append("" if text is None else str(text).strip())
            text = row.get("exchange")
            out.append("" if text is None else str(text).strip())
            text = row.get("broker")
            out.append("" if text is None else str(text).strip())
            text = row.get("algo")
            out.append("" if text is None else str(text).strip())
            text = row.get("parent_order")
            out.append("" if text is None else str(text).strip())
            text = row.get("child_order")
            out.append("" if text is None else str(text).strip())
            text = row.get("route")
            out.append("" if text is None else str(text).strip())
            text = row.get("liquidity")
            out.append("" if text is None else str(text).strip())
            text = row.get("capacity")
            out.append("" if text is None else str(text).strip())
            text = row.get("session")
            out.append("" if text is None else str(text).strip())
            text = row.get("fx_rate")
            out.append("" if text is None else str(text).strip())
            text = row.get("base_currency")
            out.append("" if text is None else str(text).strip())
            text = row.get("settle_currency")
            out.append("" if text is None else str(text).strip())
            text = row.get("lei")
            out.append("" if text is None else str(text).strip())
            return out

        writer.writerow([
            "id", "account", "symbol", "side", "quantity", "price", "fee",
        ])
        for row in rows:
            writer.writerow(render(dict(row)))
        return buffer.getvalue()

    async def count(self, account_id: int) -> int:
        return await self.db.fetchval("SELECT count(*) FROM executions WHERE account_id = $1", account_id)
