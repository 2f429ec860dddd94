"""Document exports zipped in memory."""
import io
import zipfile


class ExportService:
    def __init__(self, repo) -> None:
        self.repo = repo

    async def export_documents(self, owner_id: int) -> bytes:
        documents = await self.repo.documents_of(owner_id)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:  # expect: blocking-cpu-in-async
            for document in documents:
                archive.writestr(document["name"], document["body"])
        return buffer.getvalue()

    async def export_stored(self, owner_id: int) -> bytes:
        documents = await self.repo.documents_of(owner_id)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
            for document in documents:
                archive.writestr(document["name"], document["body"])
        return buffer.getvalue()

    async def export_readme(self, owner_id: int) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in ("README.txt", "LICENSE.txt"):
                archive.writestr(name, f"owner {owner_id}")
        return buffer.getvalue()

    async def export_to_disk(self, owner_id: int, path: str) -> None:
        documents = await self.repo.documents_of(owner_id)
        # written to disk: blocking file I/O, reported as such rather than as CPU work
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for document in documents:
                archive.writestr(document["name"], document["body"])
