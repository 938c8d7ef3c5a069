"""localstripe (PyPI, pinned in requirements-dev.txt) as the test suite runs it.

`python -m tests.localstripe_server` serves localstripe's app on 127.0.0.1 and a
port the system picks, and prints that port on its first line of output.
`localstripe --port N` cannot be used as it is: it binds every interface ("::"),
and it pickles its whole store to /tmp/localstripe.pickle on every write (shared
by every run on the machine, and slower with each object).

Three things localstripe 1.15.10 does differently from Stripe are brought in line
here, so that Souk's code makes the calls it makes to Stripe itself:

- confirming a PaymentIntent with `payment_method_data[type]=card` and
  `payment_method_data[card][token]=tok_...` (what Souk does with the token from
  Stripe.js's createToken) answers 400 "Unexpected payment_method_data": here the
  token's card becomes the PaymentIntent's payment method, and the confirmation
  proceeds as for one attached before;
- after a declined charge or a failed 3-D Secure, a PaymentIntent cannot be
  confirmed again with another card (its failed charge keeps it in
  requires_payment_method): here a new card starts a new attempt, as on Stripe;
- the generic decline cards (4000000000000002 and the other "declined" test
  numbers) are refused only when attached to a customer: here their charges are
  declined too, as on Stripe.
Everything else (tokens, 3-D Secure cards such as 4000002760003184, refunds, signed
webhooks sent one second after the event) is localstripe's own behaviour.
"""

import argparse
import importlib
import socket
import sys

from aiohttp import web
from localstripe import resources
from localstripe.errors import UserError

DECLINED_ON_CHARGE = {
    "4000000000000002",  # generic decline
    "4000000000009995",  # insufficient funds
    "4000000000009987",  # lost card
    "4000000000009979",  # stolen card
    "4000000000000069",  # expired card
    "4000000000000127",  # incorrect CVC
    "4000000000000119",  # processing error
}


def _keep_in_memory(self):
    """No pickling to /tmp: each run starts empty and keeps its objects to itself."""


_charging_is_declined = resources.PaymentMethod._charging_is_declined


def _declined(self):
    if getattr(self, "type", None) == "card" and self._card_number in DECLINED_ON_CHARGE:
        return True
    return _charging_is_declined(self)


_confirm = resources.PaymentIntent._api_confirm.__func__


def _confirm_with_payment_method_data(cls, id, payment_method_data=None, **kwargs):
    if payment_method_data is not None:
        if not isinstance(payment_method_data, dict) or payment_method_data.get("type") != "card":
            raise UserError(400, "Bad request")
        token = (payment_method_data.get("card") or {}).get("token")
        if not isinstance(token, str) or not token.startswith("tok_"):
            raise UserError(400, "Bad request")
        card = resources.Token._api_retrieve(token).card
        intent = cls._api_retrieve(id)
        if intent.status not in (
            "requires_payment_method",
            "requires_confirmation",
            "requires_action",
        ):
            raise UserError(400, "Bad request")
        # A new card is a new attempt (Stripe keeps the earlier charges in its list).
        intent.payment_method = card.id
        intent.latest_charge = None
        intent.next_action = None
        intent._authentication_failed = False
    return _confirm(cls, id, **kwargs)


def patch():
    """Patch localstripe's resources, then import its server (which builds its
    routes from `resources.extra_apis` when imported) and return it."""
    resources.Store.dump_to_disk = _keep_in_memory
    resources.PaymentMethod._charging_is_declined = _declined
    resources.PaymentIntent._api_confirm = classmethod(_confirm_with_payment_method_data)
    resources.extra_apis[:] = [
        (method, url, resources.PaymentIntent._api_confirm)
        if url == "/v1/payment_intents/{id}/confirm"
        else (method, url, func)
        for method, url, func in resources.extra_apis
    ]
    return importlib.import_module("localstripe.server")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = patch()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    print(sock.getsockname()[1], flush=True)
    web.run_app(server.app, sock=sock, print=None, access_log=None, handle_signals=True)


if __name__ == "__main__":
    sys.exit(main())
