"""Modal & pinjaman (7 PAS P7): no free capital, but a way to reach lenders, ready.

    home ──products────► products ─► product (figures, requirements, source)
                                     ──simulate─► sim_amount …
                                     ──interest─► interest_amount …
         ──simulate────► sim_product ─► (sim_rate ─► sim_basis) ─► sim_amount ─► sim_months
                         ─► sim_result (both schedules, effective rate, OJK cap) ─pdf/csv─►
         ──eligibility─► eligibility (what is missing, a button to each step)
         ──interest────► interest_product ─► interest_amount ─► interest_purpose
                         ─► interest_confirm ─► home (the coordinator follows up)
         ──legality────► how to check a lender with OJK ─► home

    home         the menu (its first sentence: the programme gives no free capital),
                 products and legality
    simulator    the loan simulator's questions and result
    eligibility  the records lenders ask for
    interest     "Saya tertarik"
    catalog_text, simulation_text, request_text, readiness   the words and checks they share

The products come from the financing content file, loaded once at start and handed in
by the wiring (`financing_flow(catalog)`); only lenders it marks OJK-registered are shown.
"""

from __future__ import annotations

from bot.financing_content import FinancingCatalog
from conversations.content_steps import content_steps
from conversations.financing import eligibility, home, interest, simulator
from conversations.financing.states import FinancingData, FinancingStep, S
from conversations.flow import Flow


def financing_flow(catalog: FinancingCatalog) -> Flow[FinancingData]:
    """The financing flow over this catalog of products and OJK's rules."""
    table = (
        (S.HOME, home.ask_home, home.chose_at_home),
        (S.PRODUCTS, home.ask_products, home.picked_product),
        (S.PRODUCT, home.ask_product, home.chose_for_product),
        (S.SIM_PRODUCT, simulator.ask_sim_product, simulator.picked_sim_product),
        (S.SIM_RATE, simulator.ask_sim_rate, simulator.got_sim_rate),
        (S.SIM_BASIS, simulator.ask_sim_basis, simulator.got_sim_basis),
        (S.SIM_AMOUNT, simulator.ask_sim_amount, simulator.got_sim_amount),
        (S.SIM_MONTHS, simulator.ask_sim_months, simulator.got_sim_months),
        (S.SIM_RESULT, simulator.ask_sim_result, simulator.chose_after_result),
        (S.ELIGIBILITY, eligibility.ask_eligibility, eligibility.chose_in_eligibility),
        (S.INTEREST_PRODUCT, interest.ask_interest_product, interest.picked_interest_product),
        (S.INTEREST_AMOUNT, interest.ask_interest_amount, interest.got_interest_amount),
        (S.INTEREST_PURPOSE, interest.ask_interest_purpose, interest.got_interest_purpose),
        (S.INTEREST_CONFIRM, interest.ask_interest_confirm, interest.confirmed_interest),
    )
    return Flow[FinancingData](
        name="financing", step_names=FinancingStep, steps=content_steps(catalog, table)
    )


__all__ = ["financing_flow"]
