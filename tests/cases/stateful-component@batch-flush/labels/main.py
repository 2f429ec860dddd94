from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from labels.printing import AuditTrail, History, LabelQueue, PerRequestBatch, Printer, Renderer, TelemetryBatcher


class Sink:
    async def write_many(self, rows: list) -> None:
        return None


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.labels = LabelQueue({"b1": Printer()})
    app.state.audit = AuditTrail(Sink())
    app.state.renderer = Renderer()
    app.state.history = History()
    app.state.telemetry = TelemetryBatcher(Sink())
    yield


app = FastAPI(lifespan=lifespan)
audit = AuditTrail(Sink())
renderer = Renderer()
history = History()


@app.post("/audit")
async def post_audit(request: Request) -> dict[str, bool]:
    await audit.record(await request.json())
    return {"ok": True}


@app.post("/render/{key}")
async def render(key: str, parts: list[str]) -> dict[str, str]:
    return {"text": await renderer.render(key, parts)}


@app.post("/scan/{bench}")
def scan(bench: str, code: str) -> dict[str, int]:
    return {"seen": history.scans(bench, code)}


@app.post("/bulk")
async def bulk(items: list[str]) -> dict[str, int]:
    batch = PerRequestBatch(Sink())
    for item in items:
        await batch.add(item)
    return {"count": len(items)}
