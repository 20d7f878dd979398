from orchestration.resources.landing import LandingFolder
from orchestration.resources.outputs import RunOutputs
from orchestration.resources.warehouse import Warehouse

__all__ = ["LandingFolder", "RunOutputs", "Warehouse"]
