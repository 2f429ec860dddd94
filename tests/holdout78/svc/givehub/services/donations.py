from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from ..clients.gateway import PaymentGateway
from ..db.models import Donor
from ..errors import CampaignNotFound, FraudRejected, GatewayDeclined, NotFoundError
from ..repositories.campaigns import CampaignRepository
from ..repositories.donations import DonationRepository
from ..tasks import BackgroundTasks
from ..utils.money import SUPPORTED_CURRENCIES
from .audit import AuditLog
from .fraud import Decision, FraudScreen
from .leaderboard import LeaderboardService
from .matching import MatchingService
from .milestones import MilestoneService
from .receipts import ReceiptService
from ..ws.hub import TickerPublisher

logger = logging.getLogger(__name__)

REFUND_EVENTS = ("charge.refunded", "charge.dispute.lost")


@dataclass(frozen=True)
class DonationRequest:
    campaign_id: int
    amount_cents: int
    currency: str
    card_token: str
    giftaid: bool
    idempotency_key: str


@dataclass(frozen=True)
class DonationResult:
    donation_id: int
    status: str
    matched_cents: int = 0


class DonationService:
    def __init__(
        self,
        donations: DonationRepository,
        campaigns: CampaignRepository,
        gateway: PaymentGateway,
        fraud: FraudScreen,
        receipts: ReceiptService,
        matching: MatchingService,
        milestones: MilestoneService,
        leaderboard: LeaderboardService,
        ticker: TickerPublisher,
        background: BackgroundTasks,
        audit: AuditLog,
    ) -> None:
        self._donations = donations
        self._campaigns = campaigns
        self._gateway = gateway
        self._fraud = fraud
        self._receipts = receipts
        self._matching = matching
        self._milestones = milestones
        self._leaderboard = leaderboard
        self._ticker = ticker
        self._background = background
        self._audit = audit

    async def create_one_off(self, req: DonationRequest, donor: Donor, client_ip: str | None) -> DonationResult:
        if req.currency not in SUPPORTED_CURRENCIES:
            raise ValueError(f"unsupported currency {req.currency}")
        campaign = await self._campaigns.get(req.campaign_id)
        if campaign is None or campaign.status != "live":
            raise CampaignNotFound(f"campaign {req.campaign_id}")

        donation_id, created = await self._donations.insert_pending(
            campaign_id=campaign.id,
            charity_id=campaign.charity_id,
            donor_id=donor.id,
            amount_cents=req.amount_cents,
            currency=req.currency,
            giftaid=req.giftaid and donor.uk_taxpayer,
            idempotency_key=req.idempotency_key,
        )
        if not created:
            existing = await self._donations.get(donation_id)
            return DonationResult(donation_id, existing["status"] if existing else "pending")

        decision = await self._fraud.screen(donation_id, req.amount_cents, donor.email, client_ip)
        if decision is Decision.BLOCK:
            await self._donations.mark_status(donation_id, "rejected")
            raise FraudRejected()

        try:
            charge = await self._gateway.charge(req.amount_cents, req.currency, req.card_token, req.idempotency_key)
        except GatewayDeclined:
            await self._donations.mark_status(donation_id, "declined")
            raise
        status = "review" if decision is Decision.REVIEW else "succeeded"
        await self._donations.mark_status(donation_id, status, charge.reference, charge.fee_cents)
        if status == "succeeded":
            await self._after_success(donation_id, campaign.id, donor, req.amount_cents)
        return DonationResult(donation_id, status)

    async def _after_success(self, donation_id: int, campaign_id: int, donor: Donor, amount_cents: int) -> None:
        raised, goal = await self._campaigns.add_to_total(campaign_id, amount_cents)
        sponsored = await self._matching.apply_sponsor_match(campaign_id, amount_cents)
        if sponsored:
            raised, goal = await self._campaigns.add_to_total(campaign_id, sponsored)
        name = await self._leaderboard.display_name(donor.id)
        await self._ticker.donation(campaign_id, name, amount_cents, raised)
        await self._milestones.check(campaign_id, raised, goal)
        self._background.spawn(self._leaderboard.record(campaign_id, donor.id, amount_cents), name="leaderboard")
        asyncio.create_task(self._matching.apply_match(donation_id, donor, amount_cents))
        self._receipts.enqueue(donation_id, donor.id, datetime.now(timezone.utc).year)

    async def handle_gateway_event(self, event: dict) -> None:
        event_type = event["type"]
        reference = event["data"]["reference"]
        donation = await self._donations.get_by_gateway_ref(reference)
        if donation is None:
            logger.info("gateway event %s for unknown charge %s", event_type, reference)
            return
        if event_type == "charge.succeeded" and donation["status"] == "review":
            await self._donations.mark_status(donation["id"], "succeeded")
        elif event_type in REFUND_EVENTS and donation["status"] != "refunded":
            await self._donations.mark_status(donation["id"], "refunded")
            await self._campaigns.add_to_total(donation["campaign_id"], -donation["amount_cents"])
        elif event_type == "charge.refunded" and donation["status"] == "succeeded":
            await self._leaderboard.record(donation["campaign_id"], donation["donor_id"], -donation["amount_cents"])
        elif event_type == "charge.failed":
            await self._donations.mark_status(donation["id"], "failed")

    async def refund(self, donation_id: int, actor: str) -> str:
        donation = await self._donations.get(donation_id)
        if donation is None:
            raise NotFoundError(f"donation {donation_id}")
        refund_id = await self._gateway.refund(
            donation["gateway_ref"], donation["amount_cents"], idempotency_key=f"refund-{donation_id}"
        )
        await self._donations.mark_status(donation_id, "refund_pending")
        await self._audit.record("donation.refund_requested", donation_id=donation_id, actor=actor)
        return refund_id

    async def history_for(self, donor: Donor) -> list[dict]:
        donations = await self._donations.for_donor(donor.id)
        return [
            {
                "id": d.id,
                "campaign": d.campaign.title,
                "amount_cents": d.amount_cents,
                "status": d.status,
                "created_at": d.created_at.isoformat(),
            }
            for d in donations
        ]
