from __future__ import annotations

import base64
import hashlib
import hmac
import time

from svc.config import settings


def hash_listener(ip: str, user_agent: str) -> str:
    """Stable per-day listener key; the raw IP never reaches storage."""
    day = time.strftime("%Y%m%d", time.gmtime())
    material = f"{ip}|{user_agent}|{day}".encode()
    return hashlib.pbkdf2_hmac("sha256", material, settings.ip_salt.encode(), 120_000).hex()


def quick_listener_key(ip: str, user_agent: str) -> str:
    day = time.strftime("%Y%m%d", time.gmtime())
    return hmac.new(settings.ip_salt.encode(), f"{ip}|{user_agent}|{day}".encode(), hashlib.sha256).hexdigest()


def sign_download_url(path: str, expires_at: int) -> str:
    mac = hmac.new(settings.webhook_secret.encode(), f"{path}:{expires_at}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def verify_download_signature(path: str, expires_at: int, signature: str) -> bool:
    if expires_at < int(time.time()):
        return False
    return hmac.compare_digest(sign_download_url(path, expires_at), signature)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
