"""Staging uploaded import files next to the job's folder."""
import os
import shutil


async def fetch(uri: str, folder: str) -> str:
    return os.path.join(folder, os.path.basename(uri))


async def stage_local(uri: str, folder: str) -> str:
    source = os.path.join("/srv/uploads", uri)
    if os.path.isfile(source):
        return source
    source = await fetch(uri, folder)
    shutil.copyfile(source, os.path.join(folder, "input.csv"))
    return source


async def stage_remote(uri: str, folder: str) -> str:
    target = os.path.join(folder, "input.csv")
    if os.path.exists(target):  # expect: race-condition
        os.remove(target)
    return target


async def replace_export(folder: str) -> None:
    path = os.path.join(folder, "export.csv")
    if not os.path.exists(path):  # expect: race-condition
        return
    marker = path + ".done"
    os.rename(path, os.path.join(folder, "archive.csv"))
    os.remove(marker)
