"""python -m billing.workers.statements"""
from billing.exporter import StatementExporter
from billing.workers.base import Stopper, run_worker


async def main(stopper: Stopper) -> None:
    exporter = StatementExporter("/var/lib/statements")
    while not stopper.stopping:
        rows = [["period", "total"]]
        await exporter.write_local("2024-01", rows)
        await exporter.write_audit_copy("2024-01", rows)
        await stopper.sleep(3600)


if __name__ == "__main__":
    run_worker(main)
