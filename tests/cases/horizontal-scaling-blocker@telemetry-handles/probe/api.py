from fastapi import FastAPI

from probe.metrics import current_plan, record, set_plan, setup_metrics

app = FastAPI()


@app.post("/metrics/enable")
def enable() -> dict:
    setup_metrics()
    return {"ok": True}


@app.get("/ping")
def ping() -> dict:
    record(1.0)
    return {"plan": current_plan()}


@app.put("/plan/{plan}")
def change_plan(plan: str) -> dict:
    set_plan(plan)
    return {"plan": plan}
