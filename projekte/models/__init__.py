"""The models of projects and their money (`projekte.py`) and of the area's
Verfügungsfonds (`fonds.py`), which builds on them."""

from .fonds import *  # noqa: F403, E402
from .projekte import *  # noqa: F403
from .projekte import _bis_nach_von, _nicht_negativ, _privat_pfad  # noqa: F401
