"""Only held meetings keep a cadence; planned ones are on the calendar; dates must make sense."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Cadence, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def monthly(alliance):
    """am_a agreed a monthly review with Advertiser A, due in five days."""
    return services.set_cadence(
        actor=alliance["am_a"], account=alliance["adv_a"], meeting_kind=Meeting.Kind.MONTHLY_REVIEW,
        interval=Cadence.Interval.MONTHLY, next_due_on=timezone.localdate() + timedelta(days=5),
    )


def _log(alliance, when, status=Meeting.Status.HELD, **extra):
    return services.log_meeting(actor=alliance["am_a"], account=alliance["adv_a"],
                                kind=Meeting.Kind.MONTHLY_REVIEW, held_at=when, status=status, **extra)


def test_a_held_meeting_cannot_be_dated_in_the_future(alliance, monthly):
    with pytest.raises(ValidationError) as refused:
        _log(alliance, timezone.now() + timedelta(days=40))
    assert "held_at" in refused.value.message_dict
    monthly.refresh_from_db()
    assert monthly.next_due_on == timezone.localdate() + timedelta(days=5)
    assert not Meeting.objects.exists()


def test_a_planned_meeting_does_not_satisfy_the_cadence(alliance, monthly):
    _log(alliance, timezone.now() + timedelta(days=3), status=Meeting.Status.PLANNED)
    monthly.refresh_from_db()
    assert monthly.last_held_on is None
    assert monthly.next_due_on == timezone.localdate() + timedelta(days=5)


def test_holding_the_planned_meeting_moves_the_cadence(alliance, monthly):
    planned = _log(alliance, timezone.now() + timedelta(days=3), status=Meeting.Status.PLANNED)
    held_at = timezone.now() - timedelta(hours=1)
    services.update_meeting(actor=alliance["am_a"], meeting=planned, status=Meeting.Status.HELD,
                            held_at=held_at, minutes="Agreed the Q1 plan.")
    monthly.refresh_from_db()
    assert monthly.last_held_on == timezone.localtime(held_at).date()
    assert monthly.next_due_on > timezone.localdate() + timedelta(days=27)


def test_archiving_the_meeting_that_kept_the_cadence_puts_the_due_date_back(alliance, monthly):
    meeting = _log(alliance, timezone.now() - timedelta(hours=2))
    monthly.refresh_from_db()
    assert monthly.next_due_on > timezone.localdate() + timedelta(days=27)
    services.archive_meeting(actor=alliance["am_a"], meeting=meeting)
    monthly.refresh_from_db()
    assert monthly.last_held_on is None
    assert monthly.next_due_on == timezone.localdate() + timedelta(days=5)


def test_moving_a_held_meeting_to_another_kind_recomputes_both_cadences(alliance, monthly):
    meeting = _log(alliance, timezone.now() - timedelta(hours=2))
    services.update_meeting(actor=alliance["am_a"], meeting=meeting, kind=Meeting.Kind.AD_HOC)
    monthly.refresh_from_db()
    assert monthly.next_due_on == timezone.localdate() + timedelta(days=5)


def test_the_next_meeting_date_puts_a_planned_meeting_on_the_calendar_once(alliance, monthly):
    next_on = timezone.localdate() + timedelta(days=30)
    meeting = _log(alliance, timezone.now() - timedelta(hours=2), next_meeting_on=next_on)
    services.update_meeting(actor=alliance["am_a"], meeting=meeting, minutes="typo fixed")
    planned = Meeting.objects.planned()
    assert planned.count() == 1
    assert timezone.localtime(planned.get().held_at).date() == next_on
    assert list(planned.get().staff_attendees.all()) == list(meeting.staff_attendees.all())


@pytest.mark.parametrize("status, offset, field", [
    (Meeting.Status.HELD, timedelta(days=-4 * 365), "held_at"),
    (Meeting.Status.PLANNED, timedelta(days=3 * 365), "held_at"),
    (Meeting.Status.PLANNED, timedelta(days=-2), "held_at"),
])
def test_dates_far_away_or_on_the_wrong_side_of_today_are_refused(alliance, status, offset, field):
    with pytest.raises(ValidationError) as refused:
        _log(alliance, timezone.now() + offset, status=status)
    assert field in refused.value.message_dict


def test_a_next_meeting_before_this_one_is_refused(alliance):
    with pytest.raises(ValidationError) as refused:
        _log(alliance, timezone.now() - timedelta(days=1),
             next_meeting_on=timezone.localdate() - timedelta(days=3))
    assert "next_meeting_on" in refused.value.message_dict


def _form(when, status="held"):
    return {"kind": "monthly_review", "status": status,
            "held_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"),
            "agenda": "", "minutes": "", "decisions": "", "next_meeting_on": "",
            "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"}


def test_the_form_explains_why_a_future_held_meeting_is_refused(alliance, client_for, monthly):
    client = client_for(alliance["am_a"])
    url = reverse("accounts:meeting_create", args=[alliance["adv_a"].pk])
    response = client.post(url, _form(timezone.now() + timedelta(days=60)))
    assert response.status_code == 200
    assert "Planned" in response.content.decode()
    assert "cannot be in the future" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(url, _form(timezone.now() + timedelta(days=60), status="planned"))
    assert response.status_code == 302
    assert Meeting.objects.planned().count() == 1


def test_home_lists_overdue_cadences_until_the_meeting_is_held(alliance, client_for):
    services.set_cadence(actor=alliance["am_a"], account=alliance["adv_a"],
                         meeting_kind=Meeting.Kind.MONTHLY_REVIEW, interval=Cadence.Interval.MONTHLY,
                         next_due_on=timezone.localdate() - timedelta(days=4))
    client = client_for(alliance["am_a"])
    home = client.get(reverse("home")).content.decode()
    assert "Advertiser A" in home and "4 days overdue" in home
    _log(alliance, timezone.now() - timedelta(minutes=30))
    home = client.get(reverse("home")).content.decode()
    assert "4 days overdue" not in home


def test_the_cadence_panel_shows_only_accounts_the_reader_may_see(alliance, client_for):
    services.set_cadence(actor=alliance["am_b"], account=alliance["secret"],
                         meeting_kind=Meeting.Kind.MONTHLY_REVIEW, interval=Cadence.Interval.MONTHLY,
                         next_due_on=timezone.localdate() - timedelta(days=2))
    assert "Secret Brand" not in client_for(alliance["am_a"]).get(reverse("home")).content.decode()
    assert "Secret Brand" in client_for(alliance["executive"]).get(reverse("home")).content.decode()


def test_the_advertiser_list_filters_by_cadence_health(alliance, client_for):
    services.set_cadence(actor=alliance["am_a"], account=alliance["adv_a"],
                         meeting_kind=Meeting.Kind.MONTHLY_REVIEW, interval=Cadence.Interval.MONTHLY,
                         next_due_on=timezone.localdate() - timedelta(days=1))
    client = client_for(alliance["executive"])
    url = reverse("accounts:advertiser_list")
    overdue = client.get(url, {"cadence": "overdue"}).content.decode()
    assert "Advertiser A" in overdue and "Advertiser B" not in overdue
    none = client.get(url, {"cadence": "none"}).content.decode()
    assert "Advertiser B" in none and "Advertiser A" not in none


def test_a_project_meeting_is_linked_to_its_campaign_and_shown_on_its_page(alliance, client_for):
    campaign = alliance["campaign_a"]
    services.log_meeting(actor=alliance["am_a"], account=alliance["adv_a"],
                         kind=Meeting.Kind.WEEKLY_PROJECT, held_at=timezone.now() - timedelta(hours=1),
                         campaign=campaign, decisions="Move the launch post to Friday")
    for user in (alliance["am_a"], alliance["lead_a"]):
        page = client_for(user).get(campaign.get_absolute_url()).content.decode()
        assert "Weekly project meeting" in page and "Move the launch post to Friday" in page


def test_a_meeting_cannot_be_about_another_accounts_campaign(alliance):
    with pytest.raises(ValidationError) as refused:
        services.log_meeting(actor=alliance["am_a"], account=alliance["adv_a"],
                             kind=Meeting.Kind.INTERNAL, held_at=timezone.now(),
                             campaign=alliance["campaign_b"])
    assert "campaign" in refused.value.message_dict


def test_the_portfolio_shows_each_advertisers_cadence_health(alliance, client_for):
    services.set_cadence(actor=alliance["am_a"], account=alliance["adv_a"],
                         meeting_kind=Meeting.Kind.MONTHLY_REVIEW, interval=Cadence.Interval.MONTHLY,
                         next_due_on=timezone.localdate() - timedelta(days=3))
    page = client_for(alliance["am_a"]).get(reverse("reports:portfolio")).content.decode()
    assert "Next cadence meeting" in page
    assert (timezone.localdate() - timedelta(days=3)).isoformat() in page and "Overdue" in page
