"""PLATFORM_COMMISSION_RATE: the platform's commission, from the environment."""

import pytest

from tests.core.test_settings import run_manage

PRINT_RATE = "from django.conf import settings as s; print(repr(s.PLATFORM_COMMISSION_RATE))"


def test_the_platform_commission_rate_comes_from_the_environment_as_a_decimal():
    result = run_manage(
        "shell", "--no-imports", "-c", PRINT_RATE, DEBUG="true", PLATFORM_COMMISSION_RATE="12.5"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Decimal('12.5')"


@pytest.mark.parametrize("value", ["ten", "150", "-1", "NaN"])
def test_a_commission_rate_that_is_not_a_percentage_stops_the_start(value):
    result = run_manage("check", DEBUG="true", PLATFORM_COMMISSION_RATE=value)
    assert result.returncode != 0
    assert "PLATFORM_COMMISSION_RATE must be a percentage from 0 to 100" in result.stderr
