"""`make facts-to-check`: the figures shown with « à vérifier », and why."""

from datetime import date

from bot.checks.facts_to_check import rows_to_check


def test_report_lists_the_figures_shown_with_a_caveat():
    lines = rows_to_check(date(2026, 11, 28))
    assert any(line.startswith("- ask_allocations_familiales / af_2_enfants_t1 = 152,25") for line in lines)
    assert not any("af_2_enfants_t1" in line for line in rows_to_check(date(2025, 6, 1)))  # confirmed in 2025
