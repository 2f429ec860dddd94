from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.auth.deps import current_user
from pricewatch.db.engine import get_session
from pricewatch.db.models import User
from pricewatch.repositories import alerts as alerts_repo
from pricewatch.repositories.products import ProductRepository
from pricewatch.schemas import AlertCreate, AlertOut

router = APIRouter(prefix="/api/alerts", tags=["alerts"])

MAX_RULES = {"free": 10, "plus": 100, "pro": 1000}


@router.post("", response_model=AlertOut, status_code=status.HTTP_201_CREATED)
async def create_alert(
    body: AlertCreate,
    user: User = Depends(current_user),
    session: AsyncSession = Depends(get_session),
):
    if body.target_price is None and body.min_drop_pct is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "set target_price or min_drop_pct")
    if await ProductRepository(session).get(body.product_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown product")

    existing = await alerts_repo.count_for_user(session, user.id)
    if existing >= MAX_RULES.get(user.plan, 10):
        raise HTTPException(status.HTTP_402_PAYMENT_REQUIRED, "alert limit reached for your plan")
    rule = await alerts_repo.create_rule(
        session,
        user_id=user.id,
        product_id=body.product_id,
        target_price=body.target_price,
        min_drop_pct=body.min_drop_pct,
        channel=body.channel,
    )
    await session.commit()
    return rule


@router.get("", response_model=list[AlertOut])
async def list_alerts(user: User = Depends(current_user), session: AsyncSession = Depends(get_session)):
    return await alerts_repo.list_with_products(session, user.id)


@router.get("/overview")
async def alerts_overview(user: User = Depends(current_user), session: AsyncSession = Depends(get_session)):
    rules = await alerts_repo.list_with_products(session, user.id)
    return [
        {
            "id": rule.id,
            "product": rule.product.title,
            "current": rule.product.last_price,
            "target": rule.target_price,
        }
        for rule in rules
    ]


@router.get("/{rule_id}", response_model=AlertOut)
async def get_alert(rule_id: int, user: User = Depends(current_user), session: AsyncSession = Depends(get_session)):
    rule = await alerts_repo.get_rule(session, rule_id)
    if rule is None or rule.user_id != user.id:
        return {"error": "alert not found"}
    return rule


@router.delete("/{rule_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_alert(rule_id: int, user: User = Depends(current_user), session: AsyncSession = Depends(get_session)):
    if not await alerts_repo.deactivate(session, rule_id, user.id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "alert not found")
    await session.commit()
