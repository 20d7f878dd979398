"""From a project's operations (revenue, costs, depreciation) to its taxes and profit.

The conventions read here only decide how the operations' lines are combined, never the lines
themselves: calibration computes each distinct set of operations once and settles it under every
candidate's conventions at once, one row per candidate (a ``Settlement`` of per-row flags).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from orchestration.lib.model.assumptions import ProjectAssumptions

Flag = bool | np.ndarray  # one choice for every row, or an (R, 1) column of one choice per row


@dataclass(frozen=True, slots=True)
class Operations:
    """What a forecast computes before taxes and profit; arrays are (S, years) for S scenarios."""

    service_revenue: np.ndarray
    salvage: np.ndarray  # book value left at the end, in the last year
    cost_lines: dict[str, np.ndarray]
    vat_cost_lines: dict[str, np.ndarray]
    depreciation: np.ndarray
    expenses: np.ndarray
    capex_paid: np.ndarray
    capex_vat: np.ndarray
    input_vat: np.ndarray
    financial_expense: np.ndarray
    income_tax_rate: np.ndarray | float


@dataclass(frozen=True, slots=True)
class Settlement:
    """The conventions (domain.md §6) that settle operations into taxes and profit."""

    residual_as_revenue: Flag
    surcharge_on_net_vat: Flag
    capex_vat_credit: Flag
    loss_carry_forward: Flag
    taxes_as_printed: Flag
    revenue_tax_rate: np.ndarray | float

    @classmethod
    def rows(cls, conventions: list) -> Settlement:
        """One row per element of ``conventions`` (each a forecast.Conventions)."""
        def column(name: str, dtype) -> np.ndarray:
            return np.array([getattr(c, name) for c in conventions], dtype=dtype).reshape(-1, 1)

        flags = {name: column(name, bool) for name in SETTLING_FLAGS}
        return cls(**flags, revenue_tax_rate=column("revenue_tax_rate", float))


SETTLING_FLAGS = ("residual_as_revenue", "surcharge_on_net_vat", "capex_vat_credit", "loss_carry_forward",
                  "taxes_as_printed")
SETTLING_CONVENTIONS = (*SETTLING_FLAGS, "revenue_tax_rate")


@dataclass(frozen=True, slots=True)
class Settled:
    revenue: np.ndarray
    residual_revenue: np.ndarray
    output_vat: np.ndarray
    taxes_surcharges: np.ndarray
    total_profit: np.ndarray
    income_tax: np.ndarray
    income_tax_on_ebit: np.ndarray


def settle(a: ProjectAssumptions, ops: Operations, how: Settlement) -> Settled:
    """Taxes and profit of ``ops``; rows broadcast between the operations' scenarios and the settlement's rows."""
    shape = ops.service_revenue.shape
    residual_revenue = _choose(how.residual_as_revenue, lambda: ops.salvage, lambda: np.zeros(shape))
    revenue = ops.service_revenue + residual_revenue
    output_vat = ops.service_revenue * a.taxes.output_vat_rate
    credit = ops.input_vat + _choose(how.capex_vat_credit, lambda: ops.capex_vat, lambda: 0.0)
    vat_payable = _vat_payable(output_vat, credit)
    surcharge_base = _choose(how.surcharge_on_net_vat, lambda: vat_payable, lambda: output_vat)
    taxes = surcharge_base * a.taxes.surcharge_rate + ops.service_revenue * how.revenue_tax_rate
    if "taxes_surcharges" in a.published:
        printed = a.published["taxes_surcharges"].series(a.years)
        taxes = _choose(how.taxes_as_printed,
                        lambda: np.broadcast_to(np.nan_to_num(printed), np.shape(taxes)).copy(), lambda: taxes)
    operating = sum(ops.cost_lines.values(), np.zeros(shape)) + ops.depreciation
    total_profit = revenue - operating - ops.expenses - taxes
    rate, carry = ops.income_tax_rate, how.loss_carry_forward
    return Settled(
        revenue=revenue,
        residual_revenue=residual_revenue,
        output_vat=output_vat,
        taxes_surcharges=taxes,
        total_profit=total_profit,
        income_tax=_income_tax(total_profit, rate, carry),
        income_tax_on_ebit=_income_tax(total_profit + ops.financial_expense, rate, carry),
    )


def _choose(flag: Flag, if_true: Callable[[], np.ndarray | float], if_false: Callable[[], np.ndarray | float]):
    """One choice for every row computes only the side chosen; a column of flags chooses row by row."""
    if isinstance(flag, bool | np.bool_):
        return if_true() if flag else if_false()
    return np.where(flag, if_true(), if_false())


def _vat_payable(output_vat: np.ndarray, credit: np.ndarray) -> np.ndarray:
    """VAT paid each year once input credit carried forward from earlier years is used up."""
    payable = np.zeros(np.broadcast_shapes(output_vat.shape, credit.shape))
    carried = np.zeros(payable.shape[0])
    for y in range(payable.shape[1]):
        net = output_vat[:, y] - credit[:, y] - carried
        payable[:, y] = np.maximum(net, 0.0)
        carried = np.maximum(-net, 0.0)
    return payable


def _income_tax(profit: np.ndarray, rate, carry_forward: Flag) -> np.ndarray:
    return _choose(carry_forward, lambda: _taxable_after_losses(profit) * rate, lambda: np.maximum(profit, 0.0) * rate)


def _taxable_after_losses(profit: np.ndarray) -> np.ndarray:
    """Profit less the losses of earlier years not yet used (no expiry within the model)."""
    taxable = np.zeros_like(profit)
    losses = np.zeros(profit.shape[0])
    for y in range(profit.shape[1]):
        net = profit[:, y] - losses
        taxable[:, y] = np.maximum(net, 0.0)
        losses = np.maximum(-net, 0.0)
    return taxable
