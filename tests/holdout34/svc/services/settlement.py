"""Settlement of betting markets once the official result is known."""
from __future__ import annotations

import asyncio
import json
import logging
import os
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from svc.clients.feed_beta import FeedBetaClient
from svc.clients.wallet import Credit, WalletClient
from svc.db.models import Bet, Market
from svc.db.repositories.matches import MatchRepository
from svc.db.repositories.settlement import SettlementRepository
from svc.errors import SettlementError

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")


def _outcome(market: Market, result: dict[str, Any]) -> str:
    home, away = int(result["home"]), int(result["away"])
    if market.kind == "1x2":
        return "home" if home > away else "away" if away > home else "draw"
    if market.kind == "btts":
        return "yes" if home > 0 and away > 0 else "no"
    if market.kind.startswith("total_"):
        line = Decimal(market.kind.removeprefix("total_"))
        return "over" if home + away > line else "under"
    raise SettlementError(f"unsupported market kind {market.kind}")


def _grade(bet: Bet, outcome: str) -> dict[str, Any]:
    won = bet.selection == outcome
    payout = (bet.stake * bet.price).quantize(CENT) if won else Decimal("0.00")
    return {"id": bet.id, "status": "won" if won else "lost", "payout": payout}


class SettlementService:
    def __init__(
        self,
        repo: SettlementRepository,
        matches: MatchRepository,
        results: FeedBetaClient,
        wallet: WalletClient,
        audit_dir: str,
    ) -> None:
        self._repo = repo
        self._matches = matches
        self._results = results
        self._wallet = wallet
        self._audit_dir = audit_dir

    async def settle_match(self, match_id: int) -> int:
        match = await self._matches.get(match_id)
        if match.beta_id is None:
            raise SettlementError(f"match {match_id} has no official result source")
        result = await self._results.fetch_final_result(match.beta_id)
        settled = 0
        for market in await self._repo.open_markets_for_match(match_id):
            if not await self._repo.claim_market(market.id):
                continue
            try:
                outcome = _outcome(market, result)
                bets = await self._repo.bets_for_market(market.id)
                rows = [_grade(bet, outcome) for bet in bets]
                await self._repo.bulk_update_bets(rows)
                await self._credit(market.id, bets, rows)
                await self._repo.mark_settled(market.id, outcome)
            except Exception:
                await self._repo.release_market(market.id)
                raise
            await asyncio.to_thread(self._audit, market.id, outcome, len(rows))
            settled += 1
        logger.info("match %s: settled %d markets", match_id, settled)
        return settled

    async def settle_market_manual(self, market_id: int, outcome: str, operator: str) -> int:
        """Ops console: settle one market by hand (abandoned matches, provider disputes)."""
        market = await self._repo.get_market(market_id)
        if market.status == "settled":
            return 0
        bets = await self._repo.bets_for_market(market_id)
        rows = []
        for bet in bets:
            row = _grade(bet, outcome)
            await self._repo.update_bet_status(bet.id, row["status"], row["payout"])
            rows.append(row)
        await self._credit(market_id, bets, rows)
        await self._repo.mark_settled(market_id, outcome)
        await asyncio.to_thread(self._audit, market_id, outcome, len(rows), operator)
        return len(rows)

    async def _credit(self, market_id: int, bets: list[Bet], rows: list[dict[str, Any]]) -> None:
        by_id = {bet.id: bet for bet in bets}
        credits = [
            Credit(fan_id=by_id[row["id"]].fan_id, bet_id=row["id"], amount=row["payout"])
            for row in rows
            if row["status"] == "won"
        ]
        await self._wallet.credit_batch(market_id, credits)

    def _audit(self, market_id: int, outcome: str, bets: int, operator: str = "auto") -> None:
        line = json.dumps(
            {
                "at": datetime.now(timezone.utc).isoformat(),
                "market_id": market_id,
                "outcome": outcome,
                "bets": bets,
                "operator": operator,
            }
        )
        with open(os.path.join(self._audit_dir, "settlement.jsonl"), "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
