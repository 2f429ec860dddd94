from fastapi import FastAPI

from probes.health import MirrorProber

app = FastAPI()
prober = MirrorProber(pool=None, client=None)


@app.post("/probe/all")
async def probe_all() -> list:
    return await prober.probe_all()


@app.post("/probe/round")
async def probe_round() -> list:
    return await prober.probe_round() + await prober.probe_three()
