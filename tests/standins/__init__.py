"""Stand-ins for what other parts of issue 8 build, so that the checkout tests run
on their own branch. REMOVE AT MERGE: each one switches itself off once the real
module exists (see tests/settings.py), and then this package can be deleted.

- `payments`: poses as `marketplace.payments` (engineer P's app) with its interface:
  Payment, card_payments_enabled, payment_start, payment_confirm_card,
  payment_refresh, and `payments:confirm`.
- `urls`: the test URLconf; adds `payments:confirm` and `orders:detail` /
  `orders:list` (engineer O's pages) only while they do not exist.
"""
