"""Each model class is re-exported under the name of its own submodule."""
from .Account import Account
