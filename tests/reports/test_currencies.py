"""Currencies: every total is in the alliance's reporting currency, converted at each day's rate;
a day without a rate is reported (which currency, which days) and never guessed."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from campaigns.models import DailyPerformance
from reports import currencies
from reports.models import ExchangeRate
from reports.rollups import rebuild_all
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def day(n):
    """n days ago."""
    return timezone.localdate() - timedelta(days=n)


def spend(campaign, publisher, on, amount, revenue):
    DailyPerformance.objects.create(campaign=campaign, publisher=publisher, platform="douyin", day=on,
                                    impressions=1000, clicks=10, conversions=1,
                                    spend=Decimal(amount), revenue=Decimal(revenue))


@pytest.fixture
def mixed(alliance):
    """Campaign A spends in CNY, a second campaign of Advertiser A in USD, on days 1 and 2 ago."""
    usd = CampaignFactory(advertiser=alliance["adv_a"], name="US Push", currency="USD")
    for n in (1, 2):
        spend(alliance["campaign_a"], alliance["publisher"], day(n), "700.00", "1400.00")
        spend(usd, alliance["publisher"], day(n), "100.00", "300.00")
    ExchangeRate.objects.create(day=day(1), currency="USD", quote="CNY", rate=Decimal("7.2"))
    ExchangeRate.objects.create(day=day(2), currency="USD", quote="CNY", rate=Decimal("7.0"))
    rebuild_all()
    return {**alliance, "usd": usd}


def dashboard(client, user, **params):
    client.force_login(user)
    return client.get(reverse("reports:dashboard"), {"start": day(10), "end": day(1), **params})


def test_mixed_currencies_total_at_each_days_rate(client, mixed):
    data = dashboard(client, mixed["executive"]).context["data"]
    headline = {item["code"]: item["value"] for item in data["headline"]}
    assert headline["spend"] == Decimal("1400.00") + Decimal("720.00") + Decimal("700.00")
    assert headline["revenue"] == Decimal("2800.00") + Decimal("2160.00") + Decimal("2100.00")
    assert data["currency"] == "CNY" and data["missing_rates"] == []
    by_campaign = {row["label"]: row["spend"] for row in data["by_campaign"]}
    assert by_campaign["US Push"] == Decimal("1420.00")


def test_a_missing_rate_is_reported_with_currency_and_days_never_guessed(client, mixed):
    spend(mixed["usd"], mixed["publisher"], day(3), "100.00", "300.00")
    spend(mixed["usd"], mixed["publisher"], day(4), "100.00", "300.00")
    rebuild_all()
    response = dashboard(client, mixed["executive"])
    data = response.context["data"]
    assert data["missing_rates"] == [{"currency": "USD", "ranges": [(day(4), day(3))], "facts": 2}]
    assert data["headline"][0]["value"] == Decimal("2820.00")  # the USD days without a rate left out
    page = response.content.decode()
    assert "could not be converted into CNY" in page and f"USD: {day(4):%Y-%m-%d} – {day(3):%Y-%m-%d}" in page


def test_entering_the_missing_rate_fixes_the_totals(client, mixed, django_capture_on_commit_callbacks):
    spend(mixed["usd"], mixed["publisher"], day(3), "100.00", "300.00")
    rebuild_all()
    client.force_login(mixed["executive"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:exchange_rates"),
                               {"currency": "USD", "first": day(3), "rate": "7.1"})
    assert response.status_code == 302
    data = dashboard(client, mixed["executive"]).context["data"]
    assert data["missing_rates"] == [] and data["headline"][0]["value"] == Decimal("3530.00")
    assert AuditEntry.objects.filter(action="reports.exchange_rates").exists()


def test_totals_and_exports_name_the_reporting_currency(client, mixed):
    response = dashboard(client, mixed["executive"])
    assert "Spend (CNY)" in response.content.decode()
    export = client.get(reverse("reports:dashboard_export", args=["by_campaign", "csv"]),
                        {"start": day(10), "end": day(1)})
    header = next(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert "Spend (CNY)" in header and "Revenue (CNY)" in header


def test_changing_the_reporting_currency_converts_everything_again(client, mixed, django_capture_on_commit_callbacks):
    ExchangeRate.objects.create(day=day(1), currency="CNY", quote="USD", rate=Decimal("0.125"))
    client.force_login(mixed["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:reporting_currency"), {"currency": "usd"})
    data = dashboard(client, mixed["admin"], start=day(1)).context["data"]
    assert data["currency"] == "USD"
    assert data["headline"][0]["value"] == Decimal("700.00") * Decimal("0.125") + Decimal("100.00")


def test_rates_import_from_csv_all_or_nothing_with_line_numbers(client, mixed):
    client.force_login(mixed["executive"])
    bad = b"date,currency,rate\n2026-01-05,USD,7.1\n2026-01-06,XXX,7.1\n2026-13-01,USD,7\n2026-01-07,EUR,-1\n"
    response = client.post(reverse("reports:import_rates"), {"file": SimpleUploadedFile("r.csv", bad)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "XXX is not an ISO 4217 currency code" in page and "Download the rejected rows as CSV" in page
    result = response.context["upload_result"]
    assert [(error["line"], error["column"]) for error in result.errors] == [
        (3, "currency"), (4, "date"), (5, "rate")]
    assert not ExchangeRate.objects.filter(day="2026-01-05").exists()
    # the same report and download as every other import: the lines as in the file, with reasons
    rows = list(csv.reader(io.StringIO(client.get(result.rejected_url).content.decode("utf-8-sig"))))
    assert rows[0] == ["Line", "date", "currency", "rate", "Reasons"]
    assert rows[1][:4] == ["3", "'2026-01-06", "XXX", "7.1"] and "currency" in rows[1][4]  # ' keeps Excel off
    assert [row[0] for row in rows[1:]] == ["3", "4", "5"]
    good = b"date,currency,rate\n2026-01-05,usd,7.1\n2026-01-06,EUR,7.9\n"
    response = client.post(reverse("reports:import_rates"), {"file": SimpleUploadedFile("r.csv", good)})
    assert response.status_code == 302
    assert ExchangeRate.objects.get(day="2026-01-06", currency="EUR").rate == Decimal("7.9")


def test_a_rate_over_a_range_of_days_and_form_errors(client, mixed):
    client.force_login(mixed["admin"])
    client.post(reverse("reports:exchange_rates"), {"currency": "EUR", "first": "2026-02-01",
                                                     "last": "2026-02-28", "rate": "7.8"})
    assert ExchangeRate.objects.filter(currency="EUR", quote="CNY").count() == 28
    response = client.post(reverse("reports:exchange_rates"), {"currency": "CNY", "first": "2026-02-01", "rate": "0"})
    page = response.content.decode()
    assert response.status_code == 400 and "it needs no rate" in page


@pytest.mark.parametrize("role", ["analyst", "am_a", "lead_a"])
def test_only_admins_and_executives_manage_rates(client, mixed, role):
    client.force_login(mixed[role])
    assert client.get(reverse("reports:exchange_rates")).status_code == 403
    assert client.post(reverse("reports:reporting_currency"), {"currency": "USD"}).status_code == 403
    assert currencies.reporting_currency() == "CNY"


def test_campaign_currency_is_an_iso_4217_choice(client, alliance):
    from campaigns.forms import CampaignForm

    form = CampaignForm(data={"currency": "ZZZ"}, user=alliance["admin"])
    assert not form.is_valid() and "currency" in form.errors
    form = CampaignForm(data={"currency": "usd"}, user=alliance["admin"])
    form.is_valid()
    assert "currency" not in form.errors and form.cleaned_data["currency"] == "USD"


def test_api_campaign_kpis_are_in_the_campaigns_own_currency(mixed):
    from django.test import Client

    from api.services import create_token

    _token, secret = create_token(user=mixed["executive"], name="t")
    response = Client().get(reverse("api:campaign_kpis", args=[mixed["usd"].pk]),
                            {"start": day(2), "end": day(1)}, headers={"Authorization": f"Bearer {secret}"})
    body = response.json()
    assert body["currency"] == "USD" and Decimal(str(body["counters"]["spend"])) == Decimal("200.00")
