"""The `ledger` package, analysed on its own: its tests live at the project root, outside it."""
