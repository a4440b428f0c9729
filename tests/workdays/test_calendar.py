"""One working calendar: mainland China holidays and make-up working days, plus admin overrides."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from audit.models import AuditEntry
from campaigns import planning
from feedback.sla import Sla, deadline
from workdays.calendar import working_calendar
from workdays.models import CalendarOverride

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 9, 1)


def test_national_day_week_is_off():
    calendar = working_calendar(around=TODAY)
    for day in range(1, 8):
        assert not calendar.is_working_day(date(2026, 10, day)), f"2026-10-{day:02d}"
    assert calendar.is_working_day(date(2026, 10, 8))


def test_make_up_sunday_before_national_day_is_a_working_day():
    sunday = date(2026, 9, 20)
    assert sunday.weekday() == 6
    assert working_calendar(around=TODAY).is_working_day(sunday)


def test_make_up_saturday_after_national_day_is_a_working_day():
    saturday = date(2026, 10, 10)
    assert saturday.weekday() == 5
    assert working_calendar(around=TODAY).is_working_day(saturday)


def test_spring_festival_2027_is_off_from_the_library_alone():
    calendar = working_calendar(around=TODAY)
    assert not calendar.is_working_day(date(2027, 2, 8))  # a Monday of the Spring Festival week


def test_an_override_adds_a_company_day_off():
    CalendarOverride.objects.create(day=date(2026, 11, 20), name="Company retreat")
    assert not working_calendar(around=TODAY).is_working_day(date(2026, 11, 20))


def test_an_override_makes_a_holiday_a_working_day():
    CalendarOverride.objects.create(day=date(2026, 10, 8), name="x", is_working_day=False)
    CalendarOverride.objects.create(day=date(2026, 10, 7), name="On call", is_working_day=True)
    calendar = working_calendar(around=TODAY)
    assert calendar.is_working_day(date(2026, 10, 7))
    assert not calendar.is_working_day(date(2026, 10, 8))


def test_an_override_makes_a_saturday_a_working_day_for_2027_make_up_days():
    saturday = date(2027, 2, 20)
    assert saturday.weekday() == 5
    CalendarOverride.objects.create(day=saturday, name="调休", is_working_day=True)
    assert working_calendar(around=TODAY).is_working_day(saturday)


def test_the_planner_counts_the_same_calendar():
    calendar = planning.work_calendar()
    # Tue 2026-09-29 + 3 working days: Wed 30 Sep, (National Day 1-7 Oct off), Thu 8, Fri 9 Oct.
    assert calendar.add_working_days(date(2026, 9, 29), 3) == date(2026, 10, 9)
    # ... and Saturday 10 Oct is a make-up working day.
    assert calendar.add_working_days(date(2026, 9, 29), 4) == date(2026, 10, 10)


def test_feedback_sla_business_hours_clock_stops_over_national_day():
    received = datetime(2026, 9, 30, 16, 0, tzinfo=SHANGHAI)  # Wednesday before National Day
    due = deadline(received, Sla(hours=4, business_hours_only=True))
    # 2 hours on 30 Sep, then the clock stands still until Thursday 8 Oct at 9:00.
    assert due == datetime(2026, 10, 8, 11, 0, tzinfo=SHANGHAI)


def test_feedback_sla_runs_on_a_make_up_sunday():
    received = datetime(2026, 9, 18, 17, 0, tzinfo=SHANGHAI)  # Friday
    due = deadline(received, Sla(hours=3, business_hours_only=True))
    # 1 hour on Friday; Saturday 19 is off; Sunday 20 Sep is a make-up working day.
    assert due == datetime(2026, 9, 20, 11, 0, tzinfo=SHANGHAI)
    assert due.time() == time(11)


# --- the admin page --------------------------------------------------------------------------


def test_calendar_page_lists_holidays_and_make_up_days(client_for, alliance):
    page = client_for(alliance["admin"]).get("/calendar/?year=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-day="2026-10-01"' in html and 'data-day="2026-09-20"' in html
    assert "data-no-make-up-days" not in html


def test_calendar_page_warns_when_a_year_has_no_make_up_days_yet(client_for, alliance):
    html = client_for(alliance["admin"]).get("/calendar/?year=2029").content.decode()
    assert "data-no-make-up-days" in html


@pytest.mark.parametrize("role", ["executive", "project_lead", "account_manager", "analyst"])
def test_only_admins_see_or_change_the_calendar(client_for, make_user, role):
    user = make_user(role=role)
    client = client_for(user)
    assert client.get("/calendar/").status_code == 403
    assert client.post("/calendar/", {"day": "2026-11-20", "name": "x"}).status_code == 403
    assert not CalendarOverride.objects.exists()


def test_admin_adds_and_removes_an_override_audited(client_for, alliance):
    client = client_for(alliance["admin"])
    response = client.post("/calendar/?year=2026", {"day": "2026-11-20", "name": "Company retreat"})
    assert response.status_code == 302
    override = CalendarOverride.objects.get(day=date(2026, 11, 20))
    assert not override.is_working_day and override.created_by == alliance["admin"]
    html = client.get("/calendar/?year=2026").content.decode()
    assert 'data-override="2026-11-20"' in html
    client.post(f"/calendar/overrides/{override.pk}/remove/")
    assert not CalendarOverride.objects.exists()
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "workdays.override.added" in actions and "workdays.override.removed" in actions


def test_a_second_override_for_the_same_day_is_refused_with_a_message(client_for, alliance):
    client = client_for(alliance["admin"])
    CalendarOverride.objects.create(day=date(2026, 11, 20), name="Retreat")
    response = client.post("/calendar/", {"day": "2026-11-20", "name": "Again", "is_working_day": "on"})
    assert response.status_code == 200
    assert CalendarOverride.objects.count() == 1
