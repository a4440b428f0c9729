"""Platform campaigns and accounts mapped to the CRM's: asked once per name, suggested, remembered
per source, and limited to what the importing user may write."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import DailyPerformance
from imports.models import CampaignNameMapping, ImportJob, PublisherNameMapping
from tests.factories import AccountFactory
from tests.imports.conftest import answer_names
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db

CRM_NAMES = ("Skincare Autumn Launch 2026", "Q4 Brand Awareness", "Singles Day (11.11) Push",
             "Autumn Launch - Haircare")
PLATFORM_TO_CRM = {"Autumn Launch - Skincare": "Skincare Autumn Launch 2026",
                   "Brand Awareness Q4": "Q4 Brand Awareness", "Singles Day Push": "Singles Day (11.11) Push"}


@pytest.fixture
def crm(alliance):
    return campaigns_named(alliance["lead_a"], alliance["adv_a"], *CRM_NAMES)


def _fixed(alliance):
    return {"publisher": alliance["publisher"].pk, "platform": "meta"}


def _next_period(data):
    """The same export a month later: same platform campaigns, other days, other numbers."""
    return data.replace(b"2026-10-", b"2026-11-").replace(b",3133.14,", b",3200.00,")


def test_meta_export_lists_each_unknown_platform_campaign_once_with_suggestions(alliance, crm, sample,
                                                                                run_import, client):
    _response, job = run_import(alliance["lead_a"], sample("meta_ads_export.csv"), source="Meta Ads",
                                mapping=_fixed(alliance))
    assert job.status == ImportJob.Status.NAMES
    unknown = job.unknown_names["campaign"]
    assert sorted(item["name"] for item in unknown) == sorted(PLATFORM_TO_CRM)  # 3, not 42
    assert all(item["rows"] == 14 for item in unknown) and job.errors == []
    for item in unknown:
        assert item["suggestions"][0] == crm[PLATFORM_TO_CRM[item["name"]]].pk, item
    assert (unknown[0]["first_day"], unknown[0]["last_day"]) == ("2026-10-01", "2026-10-14")
    assert DailyPerformance.objects.count() == 0

    page = client.get(reverse("imports:names", args=[job.pk])).content.decode()
    assert page.count("Autumn Launch - Skincare") == 1 and "14 rows" in page
    assert "Suggested" in page


def test_confirmed_mapping_imports_and_next_weeks_file_asks_nothing(alliance, crm, sample, run_import):
    data = sample("meta_ads_export.csv")
    names = {platform: crm[name] for platform, name in PLATFORM_TO_CRM.items()}
    _response, job = run_import(alliance["lead_a"], data, source="Meta Ads", mapping=_fixed(alliance),
                                names=names)
    assert job.status == ImportJob.Status.DONE, job.report
    assert (job.inserted, job.good_rows) == (42, 42)
    assert sum(f.spend for f in DailyPerformance.objects.all()) == Decimal("98471.00")
    assert DailyPerformance.objects.filter(campaign=crm["Skincare Autumn Launch 2026"]).count() == 14
    assert CampaignNameMapping.objects.filter(source__name="Meta Ads").count() == 3

    _response, next_job = run_import(alliance["lead_a"], _next_period(data), source="Meta Ads")
    assert next_job.status == ImportJob.Status.DONE, next_job.report  # no question asked
    assert next_job.inserted == 42
    fact = DailyPerformance.objects.get(campaign=crm["Skincare Autumn Launch 2026"], day=date(2026, 11, 1))
    assert fact.spend == Decimal("3200.00")


def test_re_import_of_a_corrected_export_replaces_and_never_doubles(alliance, crm, sample, run_import):
    data = sample("meta_ads_export.csv")
    names = {platform: crm[name] for platform, name in PLATFORM_TO_CRM.items()}
    run_import(alliance["lead_a"], data, source="Meta Ads", mapping=_fixed(alliance), names=names)
    corrected = data.replace(b",3133.14,", b",3000.00,")
    _response, job = run_import(alliance["lead_a"], corrected, source="Meta Ads")
    assert (job.inserted, job.updated, job.unchanged) == (0, 1, 41)
    assert DailyPerformance.objects.count() == 42
    assert sum(f.spend for f in DailyPerformance.objects.all()) == Decimal("98471.00") - Decimal("133.14")


def test_a_skipped_platform_campaign_is_left_out_now_and_next_time(alliance, crm, sample, run_import):
    data = sample("meta_ads_export.csv")
    names = {**{platform: crm[name] for platform, name in PLATFORM_TO_CRM.items()}, "Singles Day Push": "skip"}
    _response, job = run_import(alliance["lead_a"], data, source="Meta Ads", mapping=_fixed(alliance),
                                names=names)
    assert job.status == ImportJob.Status.DONE and job.inserted == 28 and len(job.skipped) == 1 + 14
    _response, again = run_import(alliance["lead_a"], _next_period(data), source="Meta Ads")
    assert again.status == ImportJob.Status.DONE and again.inserted == 28


def test_platform_campaign_id_keeps_the_mapping_when_the_platform_renames_it(alliance, crm, run_import):
    week1 = "Day,Campaign ID,Campaign name,Impressions\n2026-10-01,120210001,Skin - AW,100\n"
    week2 = "Day,Campaign ID,Campaign name,Impressions\n2026-10-08,120210001,Skin - AW (renamed),200\n"
    target = crm["Skincare Autumn Launch 2026"]
    _response, job = run_import(alliance["lead_a"], week1.encode(), source="Meta Ads",
                                mapping=_fixed(alliance), names={"Skin - AW": target})
    assert job.columns["campaign_external_id"] == "Campaign ID"
    assert job.status == ImportJob.Status.DONE
    mapping = CampaignNameMapping.objects.get()
    assert (mapping.key, mapping.external_id, mapping.target) == ("id:120210001", "120210001", target)
    _response, job = run_import(alliance["lead_a"], week2.encode(), source="Meta Ads")
    assert job.status == ImportJob.Status.DONE and job.inserted == 1
    assert DailyPerformance.objects.get(day=date(2026, 10, 8)).campaign == target


def test_two_platform_campaigns_mapped_to_one_crm_campaign_are_refused_as_duplicates_per_day(
        alliance, crm, run_import):
    """Two platform campaigns onto one CRM campaign give two rows with the same key a day: the
    report says so instead of keeping one of them silently."""
    text = ("Day,Campaign name,Impressions\n2026-10-01,Skin A,100\n2026-10-01,Skin B,50\n")
    target = crm["Skincare Autumn Launch 2026"]
    _response, job = run_import(alliance["lead_a"], text.encode(), mapping=_fixed(alliance),
                                names={"Skin A": target, "Skin B": target})
    assert job.status == ImportJob.Status.VALIDATED and job.bad_rows == 1
    assert "as line 2" in job.errors[0]["reason"]


def test_unknown_publisher_accounts_are_asked_once_each(alliance, crm, run_import):
    other = AccountFactory(side="publisher", kind="kol", name="Beauty Daily Official")
    text = ("Date,Campaign,Account name,Platform,Impressions\n"
            "2026-10-01,Q4 Brand Awareness,beauty_daily,douyin,100\n"
            "2026-10-02,Q4 Brand Awareness,beauty_daily,douyin,120\n"
            "2026-10-03,Q4 Brand Awareness,beauty_daily,douyin,130\n")
    _response, job = run_import(alliance["lead_a"], text.encode(), source="Douyin")
    assert job.status == ImportJob.Status.NAMES
    assert job.unknown_names["campaign"] == []
    [account] = job.unknown_names["publisher"]
    assert (account["name"], account["rows"], account["suggestions"][0]) == ("beauty_daily", 3, other.pk)
    _response, job = run_import(alliance["lead_a"], text.encode(), source="Douyin", names={"beauty_daily": other})
    assert job.status == ImportJob.Status.DONE and job.inserted == 3
    assert PublisherNameMapping.objects.get().target == other
    assert set(DailyPerformance.objects.values_list("publisher", flat=True)) == {other.pk}


def test_a_user_is_offered_and_may_choose_only_campaigns_they_may_import_for(
        alliance, crm, sample, run_import, client, django_capture_on_commit_callbacks):
    theirs = campaigns_named(alliance["lead_b"], alliance["adv_b"], "Autumn Launch Skincare (B)")
    theirs = theirs["Autumn Launch Skincare (B)"]
    _response, job = run_import(alliance["lead_a"], sample("meta_ads_export.csv"), source="Meta Ads",
                                mapping=_fixed(alliance))
    for item in job.unknown_names["campaign"]:
        assert theirs.pk not in item["suggestions"]
    page = client.get(reverse("imports:names", args=[job.pk])).content.decode()
    assert "(B)" not in page and f'value="{theirs.pk}"' not in page
    answers = {**{platform: crm[name] for platform, name in PLATFORM_TO_CRM.items()},
               "Autumn Launch - Skincare": theirs}
    response = answer_names(client, job, answers, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert not CampaignNameMapping.objects.exists() and DailyPerformance.objects.count() == 0


def test_someone_elses_remembered_mapping_is_not_used_for_campaigns_you_may_not_write(
        alliance, crm, sample, run_import):
    names = {platform: crm[name] for platform, name in PLATFORM_TO_CRM.items()}
    run_import(alliance["lead_a"], sample("meta_ads_export.csv"), source="Meta Ads",
               mapping=_fixed(alliance), names=names)
    _response, job = run_import(alliance["lead_b"], _next_period(sample("meta_ads_export.csv")),
                                source="Meta Ads", mapping=_fixed(alliance))
    assert job.status == ImportJob.Status.NAMES  # lead_b is asked; lead_a's campaigns stay out of reach
    assert len(job.unknown_names["campaign"]) == 3
    lead_a_campaigns = {campaign.pk for campaign in crm.values()}
    assert all(not set(item["suggestions"]) & lead_a_campaigns for item in job.unknown_names["campaign"])
    assert DailyPerformance.objects.count() == 42  # only lead_a's import


def test_an_admin_mapping_serves_the_project_lead_of_the_campaign(alliance, crm, sample, run_import):
    names = {platform: crm[name] for platform, name in PLATFORM_TO_CRM.items()}
    run_import(alliance["admin"], sample("meta_ads_export.csv"), source="Meta Ads",
               mapping=_fixed(alliance), names=names)
    _response, job = run_import(alliance["lead_a"], _next_period(sample("meta_ads_export.csv")),
                                source="Meta Ads")
    assert job.status == ImportJob.Status.DONE and job.inserted == 42


def test_mapping_step_belongs_to_the_uploader(alliance, crm, sample, run_import, client):
    _response, job = run_import(alliance["lead_a"], sample("meta_ads_export.csv"), source="Meta Ads",
                                mapping=_fixed(alliance))
    for user, status in (("lead_b", 404), ("am_a", 403), ("executive", 403), ("admin", 200)):
        client.force_login(alliance[user])
        assert client.get(reverse("imports:names", args=[job.pk])).status_code == status, user
