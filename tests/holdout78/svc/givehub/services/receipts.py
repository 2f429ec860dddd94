from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Sequence

from ..errors import NotFoundError
from ..repositories.campaigns import CampaignRepository
from ..repositories.charities import CharityRepository
from ..repositories.donations import DonationRepository
from ..repositories.donors import DonorRepository
from ..repositories.receipts import ReceiptRepository
from ..settings import Settings
from ..utils.pdf import ReceiptContext, store_receipt
from ..utils.storage import read_pdf

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=None)
def receipt_number_for(donation_id: int, year: int) -> str:
    return f"GH{year}-{donation_id:010d}"


class ReceiptService:
    def __init__(
        self,
        repo: ReceiptRepository,
        donations: DonationRepository,
        donors: DonorRepository,
        campaigns: CampaignRepository,
        charities: CharityRepository,
        settings: Settings,
    ) -> None:
        self._repo = repo
        self._donations = donations
        self._donors = donors
        self._campaigns = campaigns
        self._charities = charities
        self._settings = settings

    async def enqueue(self, donation_id: int, donor_id: int, year: int) -> int:
        return await self._repo.create_for_donation(donation_id, donor_id, receipt_number_for(donation_id, year))

    async def contexts_for(self, receipts: Sequence[dict]) -> list[tuple[dict, ReceiptContext, str]]:
        donations = {d["id"]: d for d in await self._donations.get_many([r["donation_id"] for r in receipts])}
        charities = await self._charities.get_many(list({d["charity_id"] for d in donations.values()}))
        campaigns = await self._campaigns.get_many(list({d["campaign_id"] for d in donations.values()}))
        out = []
        for receipt in receipts:
            donation = donations[receipt["donation_id"]]
            donor = await self._donors.get(receipt["donor_id"])
            campaign = campaigns[donation["campaign_id"]]
            charity = charities[donation["charity_id"]]
            ctx = ReceiptContext(
                number=receipt["number"],
                donor_name=donor.full_name,
                charity_name=charity.name,
                registration_number=charity.registration_number,
                campaign_title=campaign.title,
                amount_cents=donation["amount_cents"],
                currency=donation["currency"],
                donated_on=donation["created_at"].date(),
                giftaid=donation["giftaid"],
            )
            out.append((receipt, ctx, donor.email))
        return out

    async def reissue(self, donation_id: int) -> str:
        """Regenerate a receipt PDF after a donor corrects their name or address."""
        receipt = await self._repo.get_for_donation(donation_id)
        if receipt is None:
            raise NotFoundError(f"receipt for donation {donation_id}")
        [(_, ctx, _)] = await self.contexts_for([receipt])
        path = store_receipt(self._settings.receipts_dir, ctx)
        await self._repo.mark_sent(receipt["id"], path)
        return path

    async def resend(self, donation_id: int) -> None:
        receipt = await self._repo.get_by_donation(donation_id)
        if receipt is None:
            raise NotFoundError(f"receipt for donation {donation_id}")
        await self._repo.release(receipt["id"], attempts=0)

    async def download(self, donation_id: int) -> bytes | None:
        receipt = await self._repo.get_for_donation(donation_id)
        if receipt is None or not receipt["pdf_path"]:
            return None
        return await asyncio.to_thread(read_pdf, receipt["pdf_path"])
