"""The API's contract in code: what each endpoint takes and answers.

django-ninja builds the OpenAPI document from these classes, and every answer is validated against
them, so the document cannot drift from what the API does. Enumerations come from the models
(platforms, feedback kinds...), the counters and KPIs from `reports.kpis`.

Money is a decimal string ("120.50", exact); KPIs are numbers, or null when the denominator is 0.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, PlainSerializer, PlainValidator, WithJsonSchema, create_model
from pydantic_core import PydanticCustomError

from accounts.models import Platform
from campaigns.models import Campaign
from feedback.forms import FeedbackForm
from feedback.models import Feedback
from reports.kpis import COUNTERS, KPIS, compute_all, public_name
from reports.periods import PERIODS

MAX_ID = 2**63 - 1  # the largest id a 64-bit primary key holds
# Far enough from date.min/date.max that week and month arithmetic never overflows.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
MONEY_FIELDS = ("spend", "revenue")
KPI_DECIMALS = 6
DIMENSIONS = ("advertiser", "campaign", "publisher", "platform")


def choice(values):
    """A string limited to `values` (documented as an enum)."""
    return Literal[tuple(values)]


def money(value):
    return f"{Decimal(value):.2f}"


def parse_id(value):
    """An id sent as a JSON integer or as ASCII digits, else None.

    `str.isdigit` is not enough: "³".isdigit() is True, yet int("³") refuses it."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID)):
        number = int(value)
    else:
        return None
    return number if 0 <= number <= MAX_ID else None


def not_an_id():
    return _("An id is a whole number written with the digits 0-9, at most %(max)s.") % {"max": MAX_ID}


def _within_supported_days(day):
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("day_out_of_range", _("Give a day from %(first)s to %(last)s.")
                                  % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()})
    return day


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0)]
Money = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", description="Decimal amount, exact.")]
Day = Annotated[date, AfterValidator(_within_supported_days)]
DAYS = f"A day from {FIRST_DAY} to {LAST_DAY}."
# ISO 8601 exactly as Python writes it ("+00:00", not "Z"), as the API always has.
Timestamp = Annotated[datetime, PlainSerializer(datetime.isoformat, return_type=str),
                      WithJsonSchema({"type": "string", "format": "date-time"})]
PlatformCode = choice(Platform.values)


def sent_as_is(model):
    """A body documented as `model` but handed over untouched (see `FactsIn`)."""
    return Annotated[Any, PlainValidator(lambda value: value, json_schema_input_type=model)]


# Errors ----------------------------------------------------------------------------------


class RowError(Schema):
    index: int = Field(description="0-based position in the array.")
    field: str
    reason: str


class FieldError(Schema):
    message: str
    code: str


class ErrorDetail(Schema):
    code: str
    message: str
    rows: list[RowError] = Field(None, description="Pushed facts: every problem of every row.")
    fields: dict[str, list[FieldError]] = Field(
        None, description="Refused parameters or feedback fields: the problems per field.")


class Error(Schema):
    error: ErrorDetail


def errors(*statuses):
    return dict.fromkeys(statuses, Error)


READ_ERRORS = errors(400, 401, 404)


# Queries ---------------------------------------------------------------------------------


class Paging(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=200, description="Campaigns per page.")


class DateRange(Schema):
    start: Day = Field(None, description=f"First day (inclusive). {DAYS}")
    end: Day = Field(None, description=f"Last day (inclusive), at most 731 days after start. {DAYS}")


class RollupFilters(DateRange):
    dimension: choice(DIMENSIONS) = "advertiser"
    key: str = Field(None, max_length=100,
                     description="An advertiser, publisher or campaign id, or a platform code.")
    grain: choice(PERIODS) = Field("day", description="Bucket size.")


# Campaigns -------------------------------------------------------------------------------


class Named(Schema):
    id: int
    name: str


class KpiTarget(Schema):
    kpi: choice(KPIS)
    direction: Literal["gte", "lte"]
    target: str
    at_risk_threshold: str

    @staticmethod
    def resolve_target(target):
        return str(target.target)

    @staticmethod
    def resolve_at_risk_threshold(target):
        return str(target.at_risk_threshold)


class CampaignSummary(Schema):
    id: int
    name: str
    status: choice(Campaign.Status.values)
    objective: choice(Campaign.Objective.values)
    advertiser: Named
    platforms: list[PlatformCode]
    currency: str
    budget: Money
    start_on: date
    launch_on: date
    end_on: date
    archived: bool

    @staticmethod
    def resolve_budget(campaign):
        return money(campaign.budget)

    @staticmethod
    def resolve_archived(campaign):
        return campaign.archived_at is not None


class CampaignDetail(CampaignSummary):
    goals: str
    publishers: list[Named]
    kpi_targets: list[KpiTarget]

    @staticmethod
    def resolve_publishers(campaign):
        return campaign.publishers.all()

    @staticmethod
    def resolve_kpi_targets(campaign):
        return campaign.kpi_targets.all()


class CampaignPage(Schema):
    count: Count
    page: int
    pages: int
    page_size: int
    results: list[CampaignSummary]


# Counters and KPIs -----------------------------------------------------------------------

# Reach is not additive: the rollups hold each day's reach summed, named so (reports.kpis).
Counters = create_model("Counters", __base__=Schema, **{
    public_name(name): (Money if name in MONEY_FIELDS else Count, ...) for name in COUNTERS})


class KpiValue(Schema):
    value: float | None = Field(description="null when the denominator is 0.")
    unit: Literal["percent", "currency", "multiple", "count"] = Field(description=(
        "percent: 2.5 means 2.5 % (ROI is profit over spend: 50 means +50 %); multiple: ROAS 1.5 "
        "means 1.50x; currency: see the answer's currency."))
    target: KpiTarget = Field(None, description="Only where the campaign set a target.")
    status: Literal["met", "at_risk", "missed"] | None = Field(
        None, description="Against the target; null when there is no data.")


Kpis = create_model("Kpis", __base__=Schema, **{code: (KpiValue, ...) for code in KPIS})


def counters_of(sums):
    return {public_name(name): money(sums.get(name) or 0) if name in MONEY_FIELDS else int(sums.get(name) or 0)
            for name in COUNTERS}


def kpis_of(sums, targets=None):
    """{code: {value, unit[, target, status]}}: `target` and `status` only where a target is set."""
    targets = targets or {}
    values = compute_all(sums)
    result = {}
    for code, (kpi, _formula) in KPIS.items():
        value = values[code]
        entry = {"value": None if value is None else round(float(value), KPI_DECIMALS), "unit": kpi.unit}
        if code in targets:
            entry |= {"target": targets[code], "status": targets[code].status_of(value)}
        result[code] = entry
    return result


class PeriodReachRow(Schema):
    publisher: int
    platform: PlatformCode
    start_on: date
    end_on: date
    reach: Count = Field(description="People reached over the whole period, as the platform reported it.")


class CampaignKpis(Schema):
    campaign: int
    currency: str = Field(description="The campaign's own currency: its budget, money and money targets.")
    start: date
    end: date
    counters: Counters
    kpis: Kpis
    platform_reach: list[PeriodReachRow] = Field(description=(
        "Reach the platforms reported for whole periods overlapping start..end, one row per publisher, "
        "platform and period. Reach does not add up: these are never summed, and counters.reach_daily_sum "
        "is each day's reach added up, not the period's reach."))


class Bucket(Schema):
    period_start: date
    counters: Counters
    kpis: Kpis


class Rollups(Schema):
    dimension: choice(DIMENSIONS)
    key: str | None
    grain: choice(PERIODS)
    start: date
    end: date
    currency: str = Field(description="The reporting currency, converted at each day's exchange rate.")
    totals: Counters
    series: list[Bucket]


# Pushes ----------------------------------------------------------------------------------


class Fact(Schema):
    """One day of one campaign on one publisher and platform; counters left out stay as stored."""

    model_config = {"extra": "forbid"}

    day: date
    campaign: int | str = Field(description="Campaign id (or its exact name).")
    publisher: int | str = Field(description="Publisher account id (or its name).")
    platform: PlatformCode
    impressions: Count = None
    reach: Count = None
    clicks: Count = None
    conversions: Count = None
    spend: Annotated[Decimal, Field(ge=0, description="Decimal amount.")] = None
    revenue: Annotated[Decimal, Field(ge=0, description="Decimal amount.")] = None
    likes: Count = None
    comments: Count = None
    shares: Count = None
    follows: Count = None


# The rows are checked by the file import's own rules (imports.rows), which report every problem
# of every row by index; validating them here first would answer in another shape and by other rules.
FactsIn = sent_as_is(Annotated[list[Fact], Field(min_length=1, max_length=10_000)])


class FactsWritten(Schema):
    inserted: Count
    updated: Count
    unchanged: Count


def _form_limit(name):
    return FeedbackForm.base_fields[name].max_length


class FeedbackIn(Schema):
    source: choice(Feedback.Source.values)
    account: int = Field(None, description="Required for advertiser and publisher feedback.")
    campaign: int = None
    channel: str = Field(None, max_length=_form_limit("channel"), description="Public feedback: where it came from.")
    kind: choice(Feedback.Kind.values)
    rating: int = Field(None, ge=1, le=5)
    nps: int = Field(None, ge=0, le=10)
    text: str = Field(None, max_length=_form_limit("text"))
    priority: choice(Feedback.Priority.values) = Field(None, description="Suggested when left out.")
    sentiment: choice(Feedback.Sentiment.values) = Field(None, description="Classified when left out.")
    received_at: datetime = Field(None, description="Defaults to now; never in the future.")
    author_name: str = Field(None, max_length=_form_limit("author_name"))
    author_contact: str = Field(None, max_length=_form_limit("author_contact"))


# Checked by the app's own feedback form (feedback.forms), whose errors the answer carries per field.
FeedbackPayload = sent_as_is(FeedbackIn)


class FeedbackOut(Schema):
    id: int
    source: str
    account: int | None = Field(validation_alias="account_id")
    campaign: int | None = Field(validation_alias="campaign_id")
    kind: str
    rating: int | None
    nps: int | None
    sentiment: str
    priority: str
    status: str
    owner: int | None = Field(validation_alias="owner_id")
    received_at: Timestamp
    respond_by: Timestamp = Field(description="The SLA deadline for a first response.")

