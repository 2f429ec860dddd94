"""DNSSEC signing key material stored on the signer volume."""
from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from zonekeep.core.settings import get_settings


def key_path(zone_name: str, key_tag: int) -> Path:
    return Path(get_settings().dnssec_key_dir) / zone_name / f"K{zone_name}+013+{key_tag:05d}.pem"


def load_signing_key(zone_name: str, key_tag: int) -> ec.EllipticCurvePrivateKey:
    with open(key_path(zone_name, key_tag), "rb") as fh:
        data = fh.read()
    return serialization.load_pem_private_key(data, password=None)


def store_signing_key(zone_name: str, key_tag: int, key: ec.EllipticCurvePrivateKey) -> Path:
    path = key_path(zone_name, key_tag)
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pem)
    os.replace(tmp, path)
    return path


def generate_zsk() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())
