"""Deployment parameters: a config dict whose one container entry is built here, read back by
literal keys; and a cache of per-region lists handed out whole."""
from __future__ import annotations


class DeployParams:
    def __init__(self, name: str, cluster: str) -> None:
        self.cfg: dict = {}
        self.name = name
        self.cluster = cluster

    def build(self, envs: list[str]) -> None:
        self.cfg["name"] = self.name
        self.cfg["cluster"] = self.cluster
        self.cfg["services"] = {"api": {"envs": list(envs)}}

    def get_name(self) -> str:
        return self.cfg.get("name")

    def get_cluster(self) -> str:
        return self.cfg["cluster"]

    def get_services(self) -> dict:
        return self.cfg["services"]  # expect: cache-misuse


class RegionCache:
    def __init__(self) -> None:
        self._by_region: dict[str, list[str]] = {}

    def hosts(self, region: str) -> list[str]:
        if region not in self._by_region:
            self._by_region[region] = [f"{region}-{n}" for n in range(3)]
        return self._by_region[region]  # expect: cache-misuse
