import logging

from fastapi import FastAPI

from notebook.sandbox import render_chart, run_snippet

logger = logging.getLogger(__name__)
app = FastAPI()


@app.post("/cells/run")
async def run_cell(code: str) -> dict:
    try:
        result = await run_snippet(code)
    except ValueError as exc:
        logger.warning("code tool unavailable: %s", exc, exc_info=True)
        return {"output": None, "note": "answered without running the code"}
    return {"output": result}


@app.post("/charts")
async def chart(source: str) -> dict:
    try:
        svg = await render_chart(source)
    except KeyError:
        return {"svg": None}
    return {"svg": svg}
