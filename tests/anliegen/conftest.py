import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _schnell(settings):
    """Tests send the form at once: the time-trap is tested on its own."""
    settings.ANLIEGEN_MINDESTZEIT = 0
    cache.clear()
