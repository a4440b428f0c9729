"""What the browser crawl (tests/e2e/test_crawl.py) cannot tell apart on its own: the names a screen
reader reads out, in both languages."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from imports.forms import MappingForm
from imports.models import ImportJob, SourceMapping


class TitleForm(forms.Form):
    title = forms.CharField(label="title")


@pytest.mark.parametrize(("language", "expected"), [("en", "Notifications, 3 unread"),
                                                    ("zh-hans", "通知，3 条未读")])
def test_the_bell_says_how_many_notifications_are_unread(rf, make_user, language, expected):
    request = rf.get("/")
    request.user = make_user()
    with translation.override(language):
        html = render_to_string("base.html", {"unread_notifications": 3}, request=request)
    assert f'aria-label="{expected}"' in html
    assert 'aria-hidden="true">3</span>' in html  # the badge is not read out a second time


def test_every_page_starts_with_a_skip_link_to_the_content(client, make_user):
    client.force_login(make_user())
    html = client.get("/").content.decode()
    body = html[html.index("<body"):]
    assert body.index('class="skip-link" href="#main"') < body.index("<header")
    assert '<main class="container" id="main"' in html


@pytest.mark.parametrize(("language", "expected"), [("en", "Title, row 2"), ("zh-hans", "Title，第 2 行")])
def test_a_field_in_a_table_of_forms_is_named_after_its_column_and_row(language, expected):
    field = TitleForm(prefix="items-1")["title"]
    with translation.override(language):
        html = Template("{% load form_cells %}{{ field|in_row }}").render(Context({"field": field}))
    assert f'aria-label="{expected}"' in html and 'name="items-1-title"' in html


@pytest.mark.django_db
def test_the_date_order_choices_of_the_column_mapping_are_in_the_readers_language(world_job):
    with translation.override("zh-hans"):
        labels = [str(label) for _code, label in MappingForm(job=world_job, user=world_job.uploaded_by)
                  .fields["date_order"].choices]
    assert any(label.startswith("日在前") for label in labels), labels
    assert not any("first" in label for label in labels), labels


@pytest.fixture
def world_job(make_user):
    user = make_user(role="project_lead")
    source = SourceMapping.objects.create(name="Source", updated_by=user)
    return ImportJob.objects.create(uploaded_by=user, source=source, original_name="a.csv", size=10,
                                    content_hash="a", file=SimpleUploadedFile("a.csv", b"day\n"),
                                    headers=["day"])




def test_marking_everything_read_renames_the_bell_too(client, make_user):
    client.force_login(make_user())
    html = client.post(reverse("notifications:mark_all_read"), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="bell" hx-swap-oob="true"' in html
    assert 'aria-label="Notifications"' in html and "unread-badge" not in html
