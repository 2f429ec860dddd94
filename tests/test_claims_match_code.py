"""Findings whose text must not claim more than the code shows: a send left out of a class's read
retries, and an id minted for a job registry. (A WebSocket refused on a bad token is a rule case:
`broad-except@refused-socket`.)"""
from __future__ import annotations

from pathlib import Path

from conftest import assess

TESTS = Path(__file__).parent


def test_send_beside_retried_reads_does_not_claim_the_class_judged_it() -> None:
    """Retrying reads and sending a command once is often deliberate: the finding says the send has
    no retry and that a failure to connect could be retried, not that the class decided it should."""
    (finding,) = [f for f in assess(TESTS / "holdout85").findings
                  if f.rule == "RA410" and f.location.path.endswith("clients/valves.py")
                  and f.location.start_line == 39]
    assert finding.severity == "LOW"
    assert finding.title == ("ValveGatewayClient.push_command sends its POST once; "
                             "ValveGatewayClient.get_status's reads are retried")
    assert "judged" not in finding.description and "worth another attempt" not in finding.description
    assert "a failure to connect (raised before the request reached the service) is" in finding.description
    assert "connection reset" not in finding.description


_JOBS = '''import asyncio
import logging
from uuid import uuid4

from fastapi import FastAPI

log = logging.getLogger(__name__)
app = FastAPI()


class ExportJobs:
    def __init__(self) -> None:
        self._jobs: dict = {}

    async def start(self, owner: str) -> str:
        job_id = uuid4()
        self._jobs[job_id] = {"owner": owner, "state": "running"}
        asyncio.create_task(self._run(job_id))
        log.info("export %s started", job_id)
        return job_id

    async def _run(self, job_id: str) -> None:
        await asyncio.sleep(1)
        self._jobs[job_id]["state"] = "done"

    def status(self, job_id: str) -> dict | None:
        return self._jobs.get(job_id)


jobs = ExportJobs()


@app.post("/exports")
async def start_export(owner: str) -> dict:
    return {"id": await jobs.start(owner)}


@app.get("/exports/{job_id}")
async def export_status(job_id: str) -> dict | None:
    return jobs.status(job_id)
'''


def test_job_id_started_and_logged_is_no_one_time_secret(tmp_path: Path) -> None:
    """A job registry keyed by `uuid4()`, whose id is given to the task it starts and to a log
    line, hands back an id: it is not worded as a one-time code sent out."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("")
    (tmp_path / "svc" / "jobs.py").write_text(_JOBS)
    (finding,) = [f for f in assess(tmp_path).findings if "request-minted entries" in f.title]
    assert "mints an id" in finding.description and "one-time secret" not in finding.description
