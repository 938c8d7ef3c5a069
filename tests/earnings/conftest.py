from tests.earnings.orders import *  # noqa: F403  (the order fixtures)
