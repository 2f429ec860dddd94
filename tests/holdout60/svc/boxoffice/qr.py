from __future__ import annotations

import base64
import hashlib
import hmac
import io
import secrets

import qrcode


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _signature(event_id: int, token: str, key: str) -> str:
    mac = hmac.new(key.encode(), f"{event_id}:{token}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode().rstrip("=")


def ticket_payload(event_id: int, token: str, key: str) -> str:
    return f"BX1:{event_id}:{token}:{_signature(event_id, token, key)}"


def verify_payload(payload: str, key: str) -> tuple[int, str] | None:
    parts = payload.strip().split(":")
    if len(parts) != 4 or parts[0] != "BX1" or not parts[1].isdigit():
        return None
    event_id, token, signature = int(parts[1]), parts[2], parts[3]
    if not hmac.compare_digest(_signature(event_id, token, key), signature):
        return None
    return event_id, token


def render_qr_png(payload: str, box_size: int = 10) -> bytes:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, box_size=box_size, border=2)
    qr.add_data(payload)
    qr.make(fit=True)
    image = qr.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def transfer_code_digest(code: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", code.encode(), salt, 310_000)
