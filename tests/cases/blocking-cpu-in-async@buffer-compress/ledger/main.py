import asyncpg
from fastapi import FastAPI, Response

from ledger.exports import StatementExporter

app = FastAPI()


@app.get("/accounts/{account_id}/export")
async def export(account_id: int, kind: str = "monthly") -> Response:
    exporter = StatementExporter(app.state.db)
    if kind == "audit":
        return Response(await exporter.audit_log(account_id))
    if kind == "summary":
        return Response(await exporter.summary(account_id))
    if kind == "yearly":
        return Response(await exporter.yearly_csv(account_id))
    return Response(await exporter.monthly_csv(account_id))
