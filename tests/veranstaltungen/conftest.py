import pytest


@pytest.fixture(autouse=True)
def _anmeldung_ohne_zeitfalle(settings):
    """Tests send the registration form at once; the time trap has its own test."""
    settings.ANMELDUNG_MINDESTZEIT = 0
