from fastapi import FastAPI

from .runtime import Runtime

app = FastAPI()
runtime = Runtime("http://sandbox:8000")


@app.post("/actions")
async def submit(action: dict) -> dict:
    return await runtime.run(action)
