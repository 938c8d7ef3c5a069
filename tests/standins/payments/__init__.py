"""STAND-IN for marketplace.payments (engineer P), REMOVE AT MERGE.

Importing this package registers it as `marketplace.payments`, so that its modules
load as `marketplace.payments.models`, `.services`... with the interface of the
issue 8 design. tests/settings.py imports it only when the real app is absent.
"""

import sys

import marketplace

_module = sys.modules[__name__]
sys.modules["marketplace.payments"] = _module
marketplace.payments = _module
# `from marketplace.payments import services` names submodules after __name__.
__name__ = __package__ = "marketplace.payments"
