from orchestration.resources.landing import LandingFolder
from orchestration.resources.warehouse import Warehouse

__all__ = ["LandingFolder", "Warehouse"]
