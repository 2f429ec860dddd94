"""HTTP entry points of the print service."""
from fastapi import FastAPI

from .jobs import PrintJobs

app = FastAPI()
jobs = PrintJobs()


@app.post("/labels")
async def label(zpl: str, printer: str) -> None:
    await jobs.print_label(zpl, printer)


@app.post("/jobs/{job_id}")
async def archive(job_id: str, body: bytes) -> None:
    await jobs.archive(job_id, body, "https://archive.example.com/jobs")


@app.post("/labels/async")
async def label_async(zpl: str, printer: str) -> None:
    await jobs.print_async(zpl, printer)
