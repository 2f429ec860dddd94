from plots import shapes


class InvalidShape(Exception):
    pass


class PlotRejected(Exception):
    pass


class PlotService:
    def __init__(self, repo) -> None:
        self._repo = repo

    async def create(self, name: str, boundary: dict) -> dict:
        try:
            size = shapes.area(boundary)
            lat, lon = shapes.center(boundary)
        except Exception:  # expect: broad-except
            raise InvalidShape("boundary must be a polygon")
        return await self._repo.insert(name, boundary, size, lat, lon)

    async def reshape(self, plot_id: int, boundary: dict) -> dict:
        try:
            size = shapes.area(boundary)
            lat, lon = shapes.center(boundary)
        except (KeyError, ValueError, TypeError, ZeroDivisionError) as exc:
            raise InvalidShape(f"invalid boundary: {exc}") from exc
        return await self._repo.update(plot_id, boundary, size, lat, lon)

    async def preview(self, boundary: dict) -> dict:
        # look-alike: the catch-all keeps the cause
        try:
            size = shapes.area(boundary)
            lat, lon = shapes.center(boundary)
        except Exception as exc:
            raise InvalidShape("boundary must be a polygon") from exc
        return {"size": size, "lat": lat, "lon": lon}

    async def import_plot(self, boundary: dict) -> dict:
        # look-alike: a different error than the narrow handler raises for these calls
        try:
            size = shapes.area(boundary)
            lat, lon = shapes.center(boundary)
        except Exception:
            raise PlotRejected("import failed")
        return await self._repo.insert("imported", boundary, size, lat, lon)


def parse_size(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidShape("bad size")


def parse_size_loose(text: str) -> int:
    # look-alike: only bad input fails around a parse
    try:
        return int(text)
    except Exception:
        raise InvalidShape("bad size")
