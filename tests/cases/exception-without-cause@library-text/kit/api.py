from fastapi import FastAPI, HTTPException

from kit.schema import build_schema

app = FastAPI()


@app.post("/schemas")
async def create_schema(body: str) -> dict:
    try:
        return build_schema(body)
    except TypeError as exc:
        raise HTTPException(status_code=422, detail=str(exc))  # expect: exception-without-cause
