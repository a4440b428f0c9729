"""Training for both sides: sessions, attendees from staff and the partner, results, materials."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.factories import ContactFactory
from training import services
from training.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(alliance):
    return services.create_session(
        actor=alliance["am_a"], topic="Advertising law for KOL posts", held_on=date(2026, 11, 20),
        trainer=alliance["am_a"], account=alliance["adv_a"], passing_score=80,
        staff=[alliance["lead_a"]])


def test_an_account_manager_trains_staff_and_the_partners_people(alliance, client_for, session):
    contact = ContactFactory(account=alliance["adv_a"], name="Zhang Wei")
    client = client_for(alliance["am_a"])
    client.post(reverse("training:attendees_add", args=[session.pk]), {"contacts": [contact.pk]})
    attendance = Attendance.objects.get(contact=contact)
    client.post(reverse("training:result_record", args=[attendance.pk]),
                {f"a{attendance.pk}-completed": "on", f"a{attendance.pk}-score": "92"})
    attendance.refresh_from_db()
    assert attendance.completed and attendance.passed is True
    account_page = client.get(alliance["adv_a"].get_absolute_url()).content.decode()
    assert "Zhang Wei" in account_page and "Advertising law for KOL posts" in account_page


def test_each_person_sees_their_training_record(alliance, client_for, session):
    lead = Attendance.objects.get(user=alliance["lead_a"])
    services.record_result(actor=alliance["am_a"], attendance=lead, completed=True, score=61)
    page = client_for(alliance["lead_a"]).get(
        reverse("training:person_record", args=[alliance["lead_a"].pk])).content.decode()
    assert "Advertising law for KOL posts" in page and "Not passed" in page
    assert client_for(alliance["am_b"]).get(
        reverse("training:person_record", args=[alliance["lead_a"].pk])).status_code == 403


def test_a_partners_session_is_hidden_from_those_who_may_not_see_the_partner(alliance, client_for, session):
    assert client_for(alliance["am_b"]).get(session.get_absolute_url()).status_code == 404
    assert "Advertising law" not in client_for(alliance["am_b"]).get(
        reverse("training:session_list")).content.decode()


def test_only_the_partners_contacts_can_attend_its_session(alliance, session):
    with pytest.raises(ValidationError):
        services.set_attendees(actor=alliance["am_a"], session=session,
                               contacts=[ContactFactory(account=alliance["adv_b"])])


def test_materials_are_downloaded_through_a_permission_check(alliance, client_for, session):
    client = client_for(alliance["am_a"])
    client.post(reverse("training:material_add", args=[session.pk]),
                {"title": "Slides", "file": SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides")})
    material = session.materials.get()
    download = client.get(reverse("training:material_download", args=[material.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 slides"
    assert "attachment" in download["Content-Disposition"]
    assert client_for(alliance["am_b"]).get(
        reverse("training:material_download", args=[material.pk])).status_code == 404
    client.post(reverse("training:material_add", args=[session.pk]),
                {"title": "Macro", "file": SimpleUploadedFile("macro.exe", b"MZ")})
    assert session.materials.count() == 1
