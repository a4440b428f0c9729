"""One notation (ROI = profit / spend in %, ROAS = revenue / spend as ×) in every output, and
colour by each KPI's better direction (CPA down is good, spend is neither)."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import KpiTarget
from crisis import services as crisis_services
from crisis.models import Signal, WarningRule
from reports import kpis
from reports.models import ExchangeRate
from reports.templatetags.report_format import change_class, kpi
from tests.crisis.factories import WarningRuleFactory, record_daily_facts

pytestmark = pytest.mark.django_db
SUMS = {"spend": 100, "revenue": 250, "impressions": 1000, "clicks": 20, "conversions": 4}


def test_the_kpi_module_defines_roi_in_percent_and_roas_as_a_multiple():
    assert kpis.compute("roi", SUMS) == Decimal("150") and kpis.compute("roas", SUMS) == Decimal("2.5")
    assert kpis.notation("roi", kpis.compute("roi", SUMS)) == "+150.0 %"
    assert kpis.notation("roi", Decimal("-20")) == "-20.0 %"
    assert kpis.notation("roas", kpis.compute("roas", SUMS)) == "2.50×"
    assert kpi(Decimal("150"), "roi") == "+150.0 %" and kpi(Decimal("2.5"), "roas") == "2.50×"
    assert kpi(Decimal("-12.34"), "roi") == "-12.3 %"


@pytest.mark.parametrize(("code", "change", "expected"), [
    ("cpa", Decimal("-0.2"), "good"), ("cpa", Decimal("0.2"), "bad"),
    ("cpc", Decimal("-0.1"), "good"), ("roi", Decimal("-0.1"), "bad"), ("roas", Decimal("0.1"), "good"),
    ("revenue", Decimal("0.1"), "good"), ("spend", Decimal("0.5"), ""), ("ctr", Decimal("0"), ""),
])
def test_colour_follows_each_kpis_better_direction(code, change, expected):
    assert change_class(change, code) == expected


@pytest.fixture
def running(alliance):
    campaign = alliance["campaign_a"]
    record_daily_facts(campaign, 10, spend="100", revenue="150")  # ROI +50 %, ROAS 1.50×
    return alliance


def test_pages_show_roi_in_percent_and_roas_as_multiple(client, running):
    client.force_login(running["executive"])
    today = timezone.localdate()
    page = client.get(reverse("reports:dashboard"), {"start": today - timedelta(days=5),
                                                     "end": today - timedelta(days=1)}).content.decode()
    assert "+50.0 %" in page and "1.50×" in page and "1.50x" not in page
    client.force_login(running["lead_a"])
    page = client.get(running["campaign_a"].get_absolute_url()).content.decode()
    assert "+50.0 %" in page and "1.50×" in page


def test_headline_falls_in_red_when_roi_falls_and_spend_is_never_coloured(client, running):
    record_daily_facts(running["campaign_a"], 5, spend="100", revenue="120")  # the last 5 days worse
    client.force_login(running["executive"])
    today = timezone.localdate()
    data = client.get(reverse("reports:dashboard"), {"start": today - timedelta(days=5),
                                                     "end": today - timedelta(days=1)})
    page = data.content.decode()
    assert '<dd data-kpi="roi">+20.0 %</dd><dd class="change bad">' in page
    assert '<dd data-kpi="spend">' in page and 'data-kpi="spend">500.00</dd><dd class="change ">' in page


def test_exports_and_api_carry_the_same_notation(client, running):
    from api.services import create_token

    client.force_login(running["executive"])
    export = client.get(reverse("reports:dashboard_export", args=["by_campaign", "csv"]))
    header, row = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))[:2]
    assert "ROI %" in header and "ROAS ×" in header
    assert Decimal(row[header.index("ROI %")]) == 50 and Decimal(row[header.index("ROAS ×")]) == Decimal("1.5")
    _token, secret = create_token(user=running["executive"], name="t")
    body = client.get(reverse("api:campaign_kpis", args=[running["campaign_a"].pk]),
                      headers={"Authorization": f"Bearer {secret}"}).json()
    assert body["kpis"]["roi"]["value"] == 50.0 and body["kpis"]["roi"]["unit"] == "percent"
    assert body["kpis"]["roas"]["unit"] == "multiple" and body["kpis"]["roas"]["value"] == 1.5


def test_roi_target_is_entered_as_shown_and_signals_read_the_same(running):
    KpiTarget.objects.create(campaign=running["campaign_a"], kpi="roi", target=Decimal("100"),
                             at_risk_threshold=Decimal("80"))  # "at least +100 %"
    WarningRuleFactory(kind=WarningRule.Kind.KPI_BELOW_TARGET)
    crisis_services.evaluate_rules()
    [signal] = Signal.objects.all()
    assert signal.title.startswith("ROI +50.0 % missed (target at least +100.0 %)")


def test_budget_alert_compares_spend_and_budget_in_the_campaigns_own_currency(alliance):
    campaign = alliance["campaign_a"]
    campaign.currency, campaign.budget = "USD", 1000
    campaign.save()
    for back in range(1, 6):
        ExchangeRate.objects.create(day=timezone.localdate() - timedelta(days=back), currency="USD",
                                    quote="CNY", rate=Decimal("7"))
    record_daily_facts(campaign, 5, spend="210")  # 1,050 USD of 1,000 USD (7,350 CNY)
    WarningRuleFactory(kind=WarningRule.Kind.BUDGET_OVERSPEND)
    crisis_services.evaluate_rules()
    [signal] = Signal.objects.all()
    assert signal.evidence["spend"] == 1050.0 and signal.evidence["used_pct"] == 105.0
    assert "USD" in signal.title


def test_reach_is_never_summed_into_a_period_figure_presented_as_reach(client, running, django_capture_on_commit_callbacks):
    from api.services import create_token

    client.force_login(running["executive"])
    response = client.get(reverse("reports:dashboard"))
    page = response.content.decode()
    assert "Daily reach, summed" in page and ">Reach<" not in page
    export = client.get(reverse("reports:dashboard_export", args=["by_platform", "csv"]))
    header = next(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert "Daily reach, summed" in header and "Reach" not in header
    _token, secret = create_token(user=running["executive"], name="t")
    body = client.get(reverse("api:rollups"), headers={"Authorization": f"Bearer {secret}"}).json()
    assert "reach" not in body["totals"] and "reach_daily_sum" in body["totals"]


def test_dashboard_shows_engagement_followers_conversions_and_cpa_beside_money(client, running):
    client.force_login(running["executive"])
    data = client.get(reverse("reports:dashboard")).context["data"]
    codes = [item["code"] for item in data["headline"]]
    assert {"spend", "revenue", "roi", "roas", "ctr", "cpc", "cpa", "conversions", "engagement_rate",
            "follower_growth"} <= set(codes)


def test_notifications_and_their_emails_carry_the_signals_notation(running):
    from notifications.models import Notification
    from outbox.models import OutgoingMessage

    running["lead_a"].email = "lead@example.com"
    running["lead_a"].save()
    KpiTarget.objects.create(campaign=running["campaign_a"], kpi="roi", target=Decimal("100"),
                             at_risk_threshold=Decimal("80"))
    WarningRuleFactory(kind=WarningRule.Kind.KPI_BELOW_TARGET)
    crisis_services.evaluate_rules()
    note = Notification.objects.get(recipient=running["lead_a"], kind="crisis_signal")
    assert "ROI +50.0 % missed (target at least +100.0 %)" in note.message
    [email] = [message for message in OutgoingMessage.objects.all() if "lead@example.com" in message.to]
    assert "ROI +50.0 %" in email.subject and "ROI +50.0 %" in email.body


def test_account_report_page_and_download_write_roi_in_percent_and_roas_as_multiple(client, running):
    client.force_login(running["executive"])
    day = timezone.localdate() - timedelta(days=1)
    params = {"period": "month", "day": day.isoformat()}
    url = reverse("reports:account_report", args=[running["adv_a"].pk])
    page = client.get(url, params).content.decode()
    export = client.get(reverse("reports:account_report_export", args=[running["adv_a"].pk, "csv"]), params)
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    performance = {row[1]: row[2] for row in rows if row[0] == "Performance"}
    assert "+50.0 %" in page and "1.50×" in page  # yesterday's month holds at least one day of facts
    assert performance["ROI"] == "+50.0 %" and performance["ROAS"] == "1.50×"
