"""Status tables printed by the desk's CLI, and the trade export."""
import pandas as pd


class Desk:
    def __init__(self, markets, store):
        self.markets = markets  # a few configured markets
        self.open_orders = []
        self.store = store

    async def format_status(self) -> str:
        rows = []
        for name, market in self.markets.items():
            rows.append([name, market.bid, market.ask])
        table = pd.DataFrame(data=rows, columns=["Market", "Bid", "Ask"])
        return table.to_string(index=False)

    async def orders_table(self) -> str:
        data = []
        for order in self.open_orders:
            data.append([order.pair, order.side, order.price])
        return pd.DataFrame(data=data, columns=["Pair", "Side", "Price"]).to_string()

    async def rates_table(self, base: str, quote: str) -> str:
        data = [[f"{base}-{quote}", 1.0], [f"{quote}-{base}", 1.0]]
        return pd.DataFrame(data=data, columns=["Pair", "Rate"]).to_string()

    async def pairs_table(self) -> str:
        data = []
        for pair in self.markets:
            data.append([pair, len(pair)])
        frame = pd.DataFrame(data=data, columns=["Pair", "Length"])
        return frame.sort_values(by="Pair").to_string()

    async def fills_by_pair(self) -> str:
        fills = await self.store.all_fills()
        data = []
        for fill in fills:
            data.append([fill.pair, fill.amount])
        frame = pd.DataFrame(data=data, columns=["Pair", "Amount"])
        return frame.groupby("Pair").sum().to_string()  # expect: blocking-cpu-in-async

    async def market_names(self) -> str:
        names = list(self.markets.keys())
        data = []
        for name in names:
            data.append([name, len(name)])
        frame = pd.DataFrame(data=data, columns=["Market", "Length"])
        return frame.sort_values(by="Market").to_string()

    async def export_trades(self, path: str) -> None:
        trades = await self.store.all_trades()
        frame = trades_frame(trades)  # expect: blocking-cpu-in-async
        frame.to_csv(path)


def trades_frame(trades):
    data = []
    for trade in trades:
        data.append([trade.id, trade.price, trade.amount])
    return pd.DataFrame(data=data, columns=["Id", "Price", "Amount"])
