"""Templated mails: a missing HTML part is normal, a broken template is an error that must
surface instead of an empty or half-rendered mail being sent."""

import copy

import pytest
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.urls import NoReverseMatch

from quartier import mail
from quartier.models import OutgoingMail


@pytest.fixture
def mail_templates(settings, tmp_path):
    """A template folder searched first; `write(name, text)` adds a template to it."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates

    def write(name: str, text: str) -> None:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    write("test/gruss_subject.txt", "Hallo {{ name }}")
    write("test/gruss.txt", "Guten Tag, {{ name }}.")
    return write


@pytest.mark.django_db
def test_a_mail_without_html_part_is_sent_as_text(mail_templates):
    stored = mail.send_templated_mail(
        to="anna@example.org", template="test/gruss", context={"name": "Anna"}
    )
    assert (stored.subject, stored.body, stored.html_body) == ("Hallo Anna", "Guten Tag, Anna.", "")


@pytest.mark.django_db
def test_the_html_part_is_rendered_when_it_exists(mail_templates):
    mail_templates("test/gruss.html", "<p>Guten Tag, {{ name }}.</p>")
    stored = mail.send_templated_mail(
        to="anna@example.org", template="test/gruss", context={"name": "Anna"}
    )
    assert stored.html_body == "<p>Guten Tag, Anna.</p>"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<p>{% url 'gibt:es_nicht' %}</p>", NoReverseMatch),
        ('{% include "test/fehlt.html" %}', TemplateDoesNotExist),
        ("{% if %}", TemplateSyntaxError),
    ],
)
def test_a_broken_html_template_raises_instead_of_sending_an_empty_part(
    mail_templates, html, error
):
    mail_templates("test/gruss.html", html)
    with pytest.raises(error):
        mail.send_templated_mail(
            to="anna@example.org", template="test/gruss", context={"name": "Anna"}
        )
    assert not OutgoingMail.objects.exists()
