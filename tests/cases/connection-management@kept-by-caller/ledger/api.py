from fastapi import FastAPI

from ledger.db import MonthlyReport, Primary, archive_count, cache_pool, client_for_loop, engine_for

app = FastAPI()
app.add_event_handler("shutdown", cache_pool.close)


@app.get("/shards/{shard}/entries")
def shard_entries(shard: str) -> int:
    engine = engine_for(shard)
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM entries").scalar_one()


@app.get("/flags/{name}")
async def flag(name: str) -> str | None:
    client = await client_for_loop()
    return await client.get(name)


@app.get("/hits")
def hits() -> int:
    return int(cache_pool.client().incr("hits"))


@app.post("/primary")
def primary() -> None:
    Primary.init("postgresql://db/main")


@app.get("/archive")
def archive(url: str) -> int:
    return archive_count(url)


@app.get("/reports/monthly")
def monthly(url: str) -> int:
    return MonthlyReport(url).total()
