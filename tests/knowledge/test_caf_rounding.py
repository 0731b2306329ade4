"""The CAF's rounding: each part to the cent, half up, then the CRDS rounded down to the cent."""

from bot.knowledge.caf_rounding import cents, net_of_crds


def test_cents_round_half_up():
    assert cents(195.845) == 195.85 and cents(195.844) == 195.84


def test_the_crds_is_taken_rounded_down_from_the_amount_rounded_to_the_cent():
    assert net_of_crds(127.996, 0.005) == 127.36  # 128,00 € gross, 0,64 € of CRDS
    assert net_of_crds(100.0, 0.005) == 99.5
    assert net_of_crds(99.99, 0.005) == 99.5  # 0,49995 € of CRDS taken as 0,49 €, not 0,50 €
