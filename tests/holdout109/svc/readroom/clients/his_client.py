"""HIS integration: HL7 v2 messages carried over HTTPS."""
from __future__ import annotations

import logging

import requests

from readroom.clients.resilience import shared_client
from readroom.settings import get_settings

log = logging.getLogger(__name__)

_session = requests.Session()


def send_ack_sync(control_id: str, ack_code: str, text: str = "") -> None:
    """Posts an application ACK back to the HIS interface engine."""
    s = get_settings()
    message = "\r".join(
        [
            "MSH|^~\\&|READROOM|RAD|HIS|HOSP|||ACK|" + control_id + "|P|2.5.1",
            f"MSA|{ack_code}|{control_id}|{text}",
        ]
    )
    resp = _session.post(
        f"{s.his_base_url}/hl7/ack",
        data=message.encode(),
        headers={"Content-Type": "x-application/hl7-v2+er7", "X-Api-Key": s.his_api_key},
        timeout=(3.05, 10),
    )
    resp.raise_for_status()


class HisClient:
    def __init__(self) -> None:
        s = get_settings()
        self._client = shared_client(
            "his",
            s.his_base_url,
            timeout=10.0,
            headers={"X-Api-Key": s.his_api_key, "Content-Type": "x-application/hl7-v2+er7"},
        )

    async def post_result(self, oru_message: str) -> str:
        resp = await self._client.post("/hl7/results", content=oru_message.encode())
        resp.raise_for_status()
        return resp.headers.get("X-Message-Id", "")

    async def post_ack(self, control_id: str, ack_code: str, text: str = "") -> None:
        message = "\r".join(
            [
                "MSH|^~\\&|READROOM|RAD|HIS|HOSP|||ACK|" + control_id + "|P|2.5.1",
                f"MSA|{ack_code}|{control_id}|{text}",
            ]
        )
        resp = await self._client.post("/hl7/ack", content=message.encode())
        resp.raise_for_status()

    async def patient_demographics(self, mrn: str) -> dict:
        resp = await self._client.get(f"/patients/{mrn}")
        resp.raise_for_status()
        return resp.json()

    async def patient_allergies(self, mrn: str) -> list[dict]:
        resp = await self._client.get(f"/patients/{mrn}/allergies")
        if resp.status_code == 404:
            return []
        resp.raise_for_status()
        return [
            {"substance": a.get("substance"), "reaction": a.get("reaction"), "severity": a.get("severity")}
            for a in resp.json().get("items", [])
        ]

    async def order_status_update(self, placer: str, filler: str, status: str) -> None:
        message = "\r".join(
            [
                "MSH|^~\\&|READROOM|RAD|HIS|HOSP|||ORM^O01|" + filler + "|P|2.5.1",
                f"ORC|SC|{placer}|{filler}||{status}",
            ]
        )
        resp = await self._client.post("/hl7/orders/status", content=message.encode())
        resp.raise_for_status()
