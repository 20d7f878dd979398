from orchestration.resources.landing import LandingFolder
from orchestration.resources.outputs import RunOutputs
from orchestration.resources.sources import FilingsSource
from orchestration.resources.warehouse import Warehouse

__all__ = ["FilingsSource", "LandingFolder", "RunOutputs", "Warehouse"]
