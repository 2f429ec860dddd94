from fastapi import FastAPI

from .servers import probe_once, start_spare

app = FastAPI()


@app.post("/spares/{port}")
async def add_spare(port: int) -> dict:
    start_spare(port)
    return {"started": port}


@app.get("/spares/{port}")
def spare_alive(port: int) -> dict:
    return {"alive": probe_once(port)}
