"""The financing flow's steps and what it collects."""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from bot.loans import RateBasis
from conversations.flow import Turn


class FinancingStep(StrEnum):
    HOME = "home"
    PRODUCTS = "products"
    PRODUCT = "product"
    SIM_PRODUCT = "sim_product"
    SIM_RATE = "sim_rate"
    SIM_BASIS = "sim_basis"
    SIM_AMOUNT = "sim_amount"
    SIM_MONTHS = "sim_months"
    SIM_RESULT = "sim_result"
    ELIGIBILITY = "eligibility"
    INTEREST_PRODUCT = "interest_product"
    INTEREST_AMOUNT = "interest_amount"
    INTEREST_PURPOSE = "interest_purpose"
    INTEREST_CONFIRM = "interest_confirm"


class FinancingData(TypedDict, total=False):
    """The product looked at, a simulation's inputs, and a request being written.

    Rates are kept as text (`"1.5"`, in percent), as the data is stored as JSON.
    """

    product_id: str
    sim_product_id: str | None
    sim_percent: str
    sim_basis: RateBasis
    sim_amount: int
    sim_months: int
    interest_product_id: str | None
    interest_amount: int
    interest_purpose: str


S = FinancingStep
Turn_ = Turn[FinancingData]

CUSTOM_RATE = "custom"
"""The simulator's choice for a rate the member types instead of a product's."""
NOT_SURE = "unsure"
"""A request's choice for "no product in mind yet"."""
BACK = "back"
MENU = "menu"
