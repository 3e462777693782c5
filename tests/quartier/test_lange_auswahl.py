"""`LangeAuswahl` renders the same select as Django's `Select`, in one pass."""

import pytest
from django import forms
from django.test.html import parse_html

from quartier.forms import LangeAuswahl

CHOICES = [("", "alle Veranstalter"), ("1", "Café <Kiez> & Co"), ("2", 'Verein "Nord"')]


@pytest.mark.parametrize("value", [None, "", "2", 2])
def test_same_markup_as_select(value):
    attrs = {"class": "form-select", "id": "id_veranstalter", "aria-describedby": "hilfe"}
    ours = LangeAuswahl(choices=CHOICES).render("veranstalter", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("veranstalter", value, attrs=attrs)
    assert parse_html(ours) == parse_html(django)  # attributes in any order
