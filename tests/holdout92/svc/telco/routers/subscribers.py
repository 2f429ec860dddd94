from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request

from telco.container import Container
from telco.deps import get_container, staff_only
from telco.repositories.subscribers import SubscriberRepository
from telco.routers.schemas import ActivateSimIn, EsimIn
from telco.services.activation import ActivationRequest
from telco.utils.msisdn import mask_msisdn, normalize_msisdn

router = APIRouter(prefix="/subscribers", tags=["subscribers"], dependencies=[Depends(staff_only)])


@router.post("/activate", status_code=201)
async def activate_sim(body: ActivateSimIn, request: Request, container: Container = Depends(get_container)) -> dict:
    subscriber = await container.activation.activate(ActivationRequest(
        iccid=body.iccid, imsi=body.imsi, msisdn=body.msisdn, account_ref=body.account_ref,
        plan_code=body.plan_code, channel=body.channel, client_ip=request.client.host if request.client else None,
    ))
    return {"id": subscriber.id, "msisdn": mask_msisdn(subscriber.msisdn), "status": subscriber.status}


@router.post("/esim/activation-code")
async def esim_code(body: EsimIn, container: Container = Depends(get_container)) -> dict:
    code = await container.activation.esim_activation_code(body.eid, body.iccid)
    return {"activation_code": code}


@router.get("/esim/profile-template")
def esim_profile_template(container: Container = Depends(get_container)) -> dict:
    # plain def: FastAPI runs this in its threadpool
    return json.loads(Path(container.settings.esim_template_path).read_text(encoding="utf-8"))


@router.get("/by-msisdn/{msisdn}")
async def by_msisdn(msisdn: str, container: Container = Depends(get_container)) -> dict:
    try:
        normalized = normalize_msisdn(msisdn)
    except Exception as exc:
        raise HTTPException(status_code=422, detail="invalid msisdn") from exc
    async with container.session_factory() as session:
        subscriber = await SubscriberRepository(session).get_by_msisdn(normalized)
    if subscriber is None:
        raise HTTPException(status_code=404, detail="not found")
    return {"id": subscriber.id, "status": subscriber.status, "plan": subscriber.plan_code}


@router.put("/{subscriber_id}/barring")
async def set_barring(subscriber_id: int, barred: bool, container: Container = Depends(get_container)) -> dict:
    await container.activation.bar(subscriber_id, barred)
    return {"subscriber_id": subscriber_id, "barred": barred}


@router.get("/{subscriber_id}/hlr-profile")
async def hlr_profile(subscriber_id: int, container: Container = Depends(get_container)) -> dict:
    async with container.session_factory() as session:
        subscriber = await SubscriberRepository(session).get(subscriber_id)
    if subscriber is None:
        raise HTTPException(status_code=404, detail="not found")
    cached = await container.redis.get(f"hlr:profile:{subscriber.imsi}")
    if cached:
        return json.loads(cached)
    profile = await container.hlr.get_profile(subscriber.imsi)
    await container.redis.set(f"hlr:profile:{subscriber.imsi}", json.dumps(asdict(profile)))
    return asdict(profile)
