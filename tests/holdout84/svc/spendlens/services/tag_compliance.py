from __future__ import annotations

import json
import logging
from datetime import date, timedelta

from ..models.tenant import CloudAccount
from ..repositories.costs import CostRepository
from ..repositories.insights import TagRepository

logger = logging.getLogger(__name__)

SCAN_WINDOW_DAYS = 7


def _tags_of(record) -> dict[str, str]:
    tags = record["tags"]
    if isinstance(tags, str):
        tags = json.loads(tags)
    return tags or {}


class TagComplianceService:
    def __init__(self, tags: TagRepository, costs: CostRepository) -> None:
        self._tags = tags
        self._costs = costs

    async def scan_account_tags(self, account: CloudAccount) -> int:
        policies = await self._tags.policies_for_tenant(account.tenant_id)
        if not policies:
            return 0
        resources = await self._costs.resources_for_account(account.id, date.today() - timedelta(days=SCAN_WINDOW_DAYS))
        violations: list[dict] = []
        for policy in policies:
            required = set(policy.required_keys)
            compliant = [r for r in resources if required <= _tags_of(r).keys()]
            missing = [r for r in resources if r["resource_id"] not in [c["resource_id"] for c in compliant]]
            for record in missing:
                violations.append(
                    {
                        "tenant_id": account.tenant_id,
                        "policy_id": policy.id,
                        "account_id": account.id,
                        "resource_id": record["resource_id"],
                        "missing_keys": sorted(required - _tags_of(record).keys()),
                    }
                )
            for record in compliant:
                tags = _tags_of(record)
                bad = sorted(
                    key for key, allowed in policy.allowed_values.items() if key in tags and tags[key] not in allowed
                )
                if bad:
                    violations.append(
                        {
                            "tenant_id": account.tenant_id,
                            "policy_id": policy.id,
                            "account_id": account.id,
                            "resource_id": record["resource_id"],
                            "missing_keys": bad,
                        }
                    )
        await self._tags.replace_violations(account.tenant_id, account.id, violations)
        logger.info("tag scan account=%s resources=%d violations=%d", account.id, len(resources), len(violations))
        return len(violations)
