from __future__ import annotations

from fastapi import FastAPI

from ads.capping import ImpressionCap, LatencyWindow

app = FastAPI()
caps = ImpressionCap()  # expect: horizontal-scaling-blocker
latency = LatencyWindow()


@app.get("/ad/{ad_id}")
async def serve_ad(ad_id: int, viewer: str) -> dict:
    latency.observe("/ad")
    if not caps.may_show(viewer, ad_id, cap=3):
        return {"ad": None}
    caps.shown(viewer, ad_id)
    return {"ad": ad_id, "recent": latency.count("/ad")}
