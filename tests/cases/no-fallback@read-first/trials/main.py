"""Routes: a re-run delivers an export, the dashboard shows enrolment against targets."""
from fastapi import FastAPI

from trials.sponsor import SponsorGateway

app = FastAPI()
sponsor = SponsorGateway("https://sponsor.example.com")


@app.post("/exports/{study}/rerun")
async def rerun(study: str) -> dict:
    delivery = await sponsor.deliver("acme", f"{study}.zip", b"...")
    return {"delivery_id": delivery}


@app.get("/studies/{study}/dashboard")
async def dashboard(study: str) -> dict:
    targets = await sponsor.targets(study)
    return {"study": study, "targets": targets}
