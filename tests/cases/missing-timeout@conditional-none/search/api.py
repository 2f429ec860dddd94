from fastapi import FastAPI

from search.client import export_all, query

app = FastAPI()


@app.get("/search")
def search(q: str) -> dict:
    return query(q)


@app.get("/export")
def export() -> list:
    return export_all()
