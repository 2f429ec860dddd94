from advanced_alchemy.extensions.litestar import repository, service
from sqlalchemy.ext.asyncio import create_async_engine


def make_engine(url: str, pooled: bool):
    if pooled:
        engine = create_async_engine(url, pool_size=5)
    else:
        engine = create_async_engine(url)
    return engine


class Item:
    id: int


class ItemService(service.SQLAlchemyAsyncRepositoryService[Item]):
    class Repo(repository.SQLAlchemyAsyncRepository[Item]):
        model_type = Item

    repository_type = Repo

    def label(self, item: Item) -> str:  # a method of its own: no query
        return str(item.id)
