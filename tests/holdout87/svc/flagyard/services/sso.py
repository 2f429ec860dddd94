from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.idp import IdentityProviderClient
from ..db.models import ApiToken
from ..errors import AuthError, Forbidden
from ..principal import Principal
from ..repositories.orgs import OrgRepository, UserRepository
from ..settings import Settings
from ..utils.retry import sleep_backoff


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


class SsoService:
    def __init__(self, idp: IdentityProviderClient, session: AsyncSession, settings: Settings) -> None:
        self._idp = idp
        self._session = session
        self._settings = settings
        self._orgs = OrgRepository(session)
        self._users = UserRepository(session)

    async def authorization_url(self) -> tuple[str, str, str]:
        config = await self._idp.discovery()
        state = secrets.token_urlsafe(24)
        verifier, challenge = pkce_pair()
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self._settings.idp_client_id,
                "redirect_uri": self._settings.idp_redirect_uri,
                "scope": "openid email profile",
                "state": state,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{config['authorization_endpoint']}?{query}", state, verifier

    async def complete_login(self, code: str, verifier: str) -> Principal:
        tokens = await self._idp.exchange_code(code, verifier)
        claims = await self._decode_id_token(tokens["id_token"])
        userinfo = await self._userinfo_with_retry(tokens["access_token"])
        try:
            domain = str(claims["email"]).split("@", 1)[1].lower()
        except Exception:
            raise AuthError("id token has no usable email") from None
        org = await self._orgs.get_by_sso_domain(domain)
        if org is None:
            raise Forbidden(f"no organization uses {domain} for single sign-on")
        user = await self._users.upsert_from_idp(org.id, claims["sub"], claims["email"], userinfo.get("name", ""))
        return Principal(org_id=org.id, user_id=user.id, role=user.role)

    async def _userinfo_with_retry(self, access_token: str) -> dict[str, Any]:
        for attempt in range(3):
            try:
                return await self._idp.fetch_userinfo(access_token)
            except httpx.TransportError:
                if attempt == 2:
                    raise
                sleep_backoff(attempt)
        return {}

    async def _decode_id_token(self, token: str) -> dict[str, Any]:
        keys = await self._idp.signing_keys()
        try:
            kid = jwt.get_unverified_header(token)["kid"]
            jwk = next(k for k in keys["keys"] if k["kid"] == kid)
            return jwt.decode(
                token,
                jwt.PyJWK(jwk).key,
                algorithms=["RS256"],
                audience=self._settings.idp_client_id,
                issuer=self._settings.idp_issuer,
            )
        except (jwt.PyJWTError, KeyError, StopIteration) as exc:
            raise AuthError("invalid id token") from exc

    async def verify_api_token(self, raw_token: str) -> Principal:
        token_id, _, secret = raw_token.partition(".")
        record = await self._session.get(ApiToken, token_id)
        if record is None or record.revoked or not secret:
            raise AuthError("invalid api token")
        digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(record.salt), self._settings.api_key_iterations)
        if not hmac.compare_digest(digest.hex(), record.secret_hash):
            raise AuthError("invalid api token")
        return Principal(org_id=record.org_id, user_id=record.user_id, role=record.role, via_api_token=True)
