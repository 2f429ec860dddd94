"""SOA serial handling (date-based YYYYMMDDnn, RFC 1912 section 2.2)."""
from __future__ import annotations

from datetime import date


def date_base(today: date) -> int:
    return int(today.strftime("%Y%m%d")) * 100


def next_serial(current: int, today: date) -> int:
    base = date_base(today)
    return current + 1 if current >= base else base


def serial_newer(a: int, b: int) -> bool:
    """RFC 1982 serial number arithmetic: is a newer than b (32-bit)?"""
    return a != b and ((a - b) % 2**32) < 2**31


def format_soa(zone_name: str, serial: int, primary: str = "ns1.zonekeep.net.") -> str:
    return (
        f"{zone_name}. 3600 IN SOA {primary} hostmaster.zonekeep.net. "
        f"{serial} 7200 900 1209600 300"
    )
