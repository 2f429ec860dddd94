from __future__ import annotations

import hashlib
import ssl

from cryptography import x509


def load_ca_bundle(path: str) -> list[x509.Certificate]:
    with open(path, "rb") as fh:
        pem = fh.read()
    return x509.load_pem_x509_certificates(pem)


def fingerprint(cert_pem: str) -> str:
    cert = x509.load_pem_x509_certificate(cert_pem.encode())
    return hashlib.sha256(cert.public_bytes(encoding=ssl_der())).hexdigest()


def ssl_der():
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def issued_by_bundle(cert_pem: str, bundle: list[x509.Certificate]) -> bool:
    cert = x509.load_pem_x509_certificate(cert_pem.encode())
    issuers = {ca.subject.rfc4514_string() for ca in bundle}
    return cert.issuer.rfc4514_string() in issuers


def default_context() -> ssl.SSLContext:
    return ssl.create_default_context()
