"""Label rendering (ZPL, Code 128) and printing for newly accessioned samples."""
from __future__ import annotations

import base64
import logging
import os
from functools import lru_cache
from string import Template

from ..clients.printer import PrinterClient, PrintJob, send_raw_zpl
from ..config import get_settings
from ..repos.samples_repo import Sample

log = logging.getLogger(__name__)

SPECIMEN_COPIES = {"blood": 2, "urine": 1, "tissue": 3, "swab": 1}


CODE128_START_B = 104
CODE128_STOP = 106
_CHECK_MODULUS = 103


def code128_checksum(data: str) -> int:
    total = CODE128_START_B
    for position, char in enumerate(data, start=1):
        total += (ord(char) - 32) * position
    return total % _CHECK_MODULUS


@lru_cache(maxsize=64)
def _template_path(specimen_type: str) -> str:
    base = get_settings().label_template_dir
    candidate = os.path.join(base, f"{specimen_type.lower()}.zpl")
    return candidate if os.path.exists(candidate) else os.path.join(base, "default.zpl")


def load_template(specimen_type: str) -> Template:
    with open(_template_path(specimen_type), encoding="ascii") as fh:
        return Template(fh.read())


@lru_cache(maxsize=None)
def barcode_payload(accession_no: str) -> str:
    check = code128_checksum(accession_no)
    raw = f"{accession_no}|{check:03d}".encode()
    return base64.b32encode(raw).decode().rstrip("=")


def render_zpl(template: Template, *, accession_no: str, patient_name: str, dob: str, specimen: str) -> str:
    return template.safe_substitute(
        ACCESSION=accession_no,
        BARCODE=barcode_payload(accession_no),
        PATIENT=patient_name[:24].upper(),
        DOB=dob,
        SPECIMEN=specimen,
    )


class LabelService:
    def __init__(self, printer: PrinterClient) -> None:
        self._printer = printer

    def _zpl_for(self, sample: Sample) -> str:
        template = load_template(sample.specimen_type)
        return render_zpl(
            template,
            accession_no=sample.accession_no,
            patient_name=sample.patient_name,
            dob=sample.patient_dob.isoformat(),
            specimen=sample.specimen_type,
        )

    async def print_for_sample(self, sample: Sample, printer: str) -> str:
        zpl = self._zpl_for(sample)
        copies = SPECIMEN_COPIES.get(sample.specimen_type, 1)
        return await self._printer.submit(PrintJob(printer=printer, zpl=zpl, copies=copies))

    async def reprint_at_bench(self, sample: Sample, host: str) -> None:
        await send_raw_zpl(self._zpl_for(sample), host=host)
        log.info("bench reprint of %s at %s", sample.accession_no, host)
