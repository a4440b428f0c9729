"""The API's OpenAPI 3.1 document, written by hand to match api/views.py.

tests/api/test_openapi.py validates it against the OpenAPI schema and checks that every API URL
pattern is described here.
"""

from copy import deepcopy

from accounts.models import Platform
from feedback.models import Feedback
from reports.kpis import COUNTERS, KPIS, SUMMED_NAMES, public_name
from reports.periods import PERIODS

PREFIX = "/api/v1"
MONEY = {"type": "string", "pattern": r"^\d+\.\d{2}$", "description": "Decimal amount, exact."}
COUNT = {"type": "integer", "minimum": 0}
DAY = {"type": "string", "format": "date"}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description):
    return _json(_ref("Error"), description)


def _query(name, schema, description, required=False):
    return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}


PK = {"name": "pk", "in": "path", "required": True, "schema": {"type": "integer"}, "description": "Campaign id."}
RANGE = [
    _query("start", DAY, "First day (inclusive)."),
    _query("end", DAY, "Last day (inclusive); at most 731 days after start."),
]
READ_ERRORS = {"400": _error("Bad parameter."), "401": _error("Missing, invalid or revoked token."),
               "404": _error("Not found, or not visible to the token's user.")}

SCHEMAS = {
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {
            "type": "object", "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"}, "message": {"type": "string"},
                "rows": {"type": "array", "description": "Pushed facts: every problem of every row.",
                         "items": _ref("RowError")},
                "fields": {"type": "object", "description": "Pushed feedback: errors per field.",
                           "additionalProperties": {"type": "array", "items": {"type": "object"}}},
            },
        }},
    },
    "RowError": {
        "type": "object", "required": ["index", "field", "reason"],
        "properties": {"index": {"type": "integer", "description": "0-based position in the array."},
                       "field": {"type": "string"}, "reason": {"type": "string"}},
    },
    "Named": {"type": "object", "required": ["id", "name"],
              "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
    "Campaign": {
        "type": "object",
        "required": ["id", "name", "status", "objective", "advertiser", "platforms", "currency", "budget",
                     "start_on", "launch_on", "end_on", "archived"],
        "properties": {
            "id": {"type": "integer"}, "name": {"type": "string"}, "status": {"type": "string"},
            "objective": {"type": "string"}, "advertiser": _ref("Named"),
            "platforms": {"type": "array", "items": {"type": "string", "enum": list(Platform.values)}},
            "currency": {"type": "string"}, "budget": MONEY, "start_on": DAY, "launch_on": DAY,
            "end_on": DAY, "archived": {"type": "boolean"},
        },
    },
    "CampaignDetail": {"allOf": [_ref("Campaign"), {
        "type": "object", "required": ["goals", "publishers", "kpi_targets"],
        "properties": {"goals": {"type": "string"}, "publishers": {"type": "array", "items": _ref("Named")},
                       "kpi_targets": {"type": "array", "items": _ref("KpiTarget")}},
    }]},
    "CampaignPage": {
        "type": "object", "required": ["count", "page", "pages", "page_size", "results"],
        "properties": {"count": COUNT, "page": {"type": "integer"}, "pages": {"type": "integer"},
                       "page_size": {"type": "integer"}, "results": {"type": "array", "items": _ref("Campaign")}},
    },
    "KpiTarget": {
        "type": "object", "required": ["kpi", "direction", "target", "at_risk_threshold"],
        "properties": {"kpi": {"type": "string", "enum": list(KPIS)}, "direction": {"enum": ["gte", "lte"]},
                       "target": {"type": "string"}, "at_risk_threshold": {"type": "string"}},
    },
    "Counters": {
        "type": "object", "required": [public_name(name) for name in COUNTERS],
        "properties": {
            **{name: MONEY if name in ("spend", "revenue") else COUNT for name in COUNTERS
               if name not in SUMMED_NAMES},
            "reach_daily_sum": {**COUNT, "description": "Each day's reach added up over the days and keys: "
                                "a person reached on several days or by several publishers counts more "
                                "than once. Not the period's reach."},
        },
    },
    "Kpis": {
        "type": "object", "required": list(KPIS),
        "properties": {code: _ref("KpiValue") for code in KPIS},
    },
    "KpiValue": {
        "type": "object", "required": ["value", "unit"],
        "properties": {
            "value": {"type": ["number", "null"], "description": "null when the denominator is 0."},
            "unit": {"enum": ["percent", "currency", "multiple", "count"],
                     "description": "percent: 2.5 means 2.5 % (ROI is profit over spend: 50 means +50 %); "
                                    "multiple: ROAS 1.5 means 1.50×; currency: the reporting currency."},
            "target": _ref("KpiTarget"),
            "status": {"enum": ["met", "at_risk", "missed", None]},
        },
    },
    "CampaignKpis": {
        "type": "object", "required": ["campaign", "currency", "start", "end", "counters", "kpis"],
        "properties": {"campaign": {"type": "integer"}, "currency": {
                           "type": "string", "description": "The campaign's own currency, which its "
                           "budget, money and money targets are in."}, "start": DAY,
                       "end": DAY, "counters": _ref("Counters"), "kpis": _ref("Kpis")},
    },
    "Rollups": {
        "type": "object", "required": ["dimension", "key", "grain", "start", "end", "currency", "totals", "series"],
        "properties": {
            "dimension": {"type": "string"}, "currency": {"type": "string"}, "key": {"type": ["string", "null"]}, "grain": {"enum": list(PERIODS)},
            "start": DAY, "end": DAY, "totals": _ref("Counters"),
            "series": {"type": "array", "items": {
                "type": "object", "required": ["period_start", "counters", "kpis"],
                "properties": {"period_start": DAY, "counters": _ref("Counters"), "kpis": _ref("Kpis")}}},
        },
    },
    "Fact": {
        "type": "object", "required": ["day", "campaign", "publisher", "platform"],
        "additionalProperties": False,
        "properties": {
            "day": DAY,
            "campaign": {"type": ["integer", "string"], "description": "Campaign id (or its exact name)."},
            "publisher": {"type": ["integer", "string"], "description": "Publisher account id (or name)."},
            "platform": {"type": "string", "enum": list(Platform.values)},
            **{name: ({"type": ["number", "string"], "minimum": 0} if name in ("spend", "revenue")
                      else {"type": "integer", "minimum": 0}) for name in COUNTERS},
        },
    },
    "FactsWritten": {
        "type": "object", "required": ["inserted", "updated", "unchanged"],
        "properties": {"inserted": COUNT, "updated": COUNT, "unchanged": COUNT},
    },
    "FeedbackIn": {
        "type": "object", "required": ["source", "kind"],
        "properties": {
            "source": {"enum": list(Feedback.Source.values)},
            "account": {"type": "integer", "description": "Required for advertiser and publisher feedback."},
            "campaign": {"type": "integer"},
            "channel": {"type": "string", "maxLength": 50, "description": "Public feedback: where it came from."},
            "kind": {"enum": list(Feedback.Kind.values)},
            "rating": {"type": "integer", "minimum": 1, "maximum": 5},
            "nps": {"type": "integer", "minimum": 0, "maximum": 10},
            "text": {"type": "string", "maxLength": 10000},
            "priority": {"enum": list(Feedback.Priority.values), "description": "Suggested when omitted."},
            "sentiment": {"enum": list(Feedback.Sentiment.values), "description": "Classified when omitted."},
            "received_at": {"type": "string", "format": "date-time", "description": "Defaults to now."},
            "author_name": {"type": "string", "maxLength": 150},
            "author_contact": {"type": "string", "maxLength": 200},
        },
    },
    "Feedback": {
        "type": "object",
        "required": ["id", "source", "kind", "priority", "status", "received_at", "respond_by"],
        "properties": {
            "id": {"type": "integer"}, "source": {"type": "string"}, "account": {"type": ["integer", "null"]},
            "campaign": {"type": ["integer", "null"]}, "kind": {"type": "string"},
            "rating": {"type": ["integer", "null"]}, "nps": {"type": ["integer", "null"]},
            "sentiment": {"type": "string"}, "priority": {"type": "string"}, "status": {"type": "string"},
            "owner": {"type": ["integer", "null"]}, "received_at": {"type": "string", "format": "date-time"},
            "respond_by": {"type": "string", "format": "date-time",
                           "description": "The SLA deadline for a first response."},
        },
    },
}

PATHS = {
    f"{PREFIX}/campaigns/": {"get": {
        "operationId": "listCampaigns", "summary": "Campaigns the token's user may see, by id.",
        "parameters": [_query("page", {"type": "integer", "minimum": 1}, "Page number (from 1)."),
                       _query("page_size", {"type": "integer", "minimum": 1, "maximum": 200}, "Default 50.")],
        "responses": {"200": _json(_ref("CampaignPage"), "One page of campaigns."), **READ_ERRORS},
    }},
    f"{PREFIX}/campaigns/{{pk}}/": {"get": {
        "operationId": "getCampaign", "summary": "One campaign with its publishers and KPI targets.",
        "parameters": [PK],
        "responses": {"200": _json(_ref("CampaignDetail"), "The campaign."), **READ_ERRORS},
    }},
    f"{PREFIX}/campaigns/{{pk}}/kpis/": {"get": {
        "operationId": "getCampaignKpis",
        "summary": "Summed counters and derived KPIs of a campaign over a date range, against its targets.",
        "description": "Defaults to the campaign's start until its end or today, whichever is earlier.",
        "parameters": [PK, *RANGE],
        "responses": {"200": _json(_ref("CampaignKpis"), "Counters and KPIs."), **READ_ERRORS},
    }},
    f"{PREFIX}/rollups/": {"get": {
        "operationId": "getRollups",
        "summary": "Counters and KPIs per day, ISO week or month for one dimension, optionally one key.",
        "description": "Only advertisers (and campaigns) the token's user may see are summed. "
                       "Defaults to the last 30 days.",
        "parameters": [
            _query("dimension", {"enum": ["advertiser", "campaign", "publisher", "platform"]}, "Default advertiser."),
            _query("key", {"type": "string"}, "Account or campaign id, or a platform code."),
            _query("grain", {"enum": list(PERIODS)}, "Bucket size; default day."),
            *RANGE,
        ],
        "responses": {"200": _json(_ref("Rollups"), "The series and totals."), **READ_ERRORS},
    }},
    f"{PREFIX}/facts/": {"post": {
        "operationId": "pushFacts",
        "summary": "Upsert daily facts on (campaign, publisher, platform, day): all rows or none.",
        "description": "The same validation and upsert as the file import. Counters no row names are left "
                       "untouched; a counter one row names must be in every row. Sending the same rows "
                       "twice changes nothing the second time.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "array", "minItems": 1, "maxItems": 10000, "items": _ref("Fact")}}}},
        "responses": {
            "200": _json(_ref("FactsWritten"), "Every row was written (or already held these values)."),
            "400": _error("Invalid JSON or invalid rows (`error.rows` lists each); nothing was written."),
            "401": _error("Missing, invalid or revoked token."),
            "403": _error("The token's user may not import facts."),
            "413": _error("Too many rows or too large a body."),
        },
    }},
    f"{PREFIX}/feedback/": {"post": {
        "operationId": "pushFeedback",
        "summary": "Log one feedback item; the owner and SLA deadline are set as in the app.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("FeedbackIn")}}},
        "responses": {
            "201": _json(_ref("Feedback"), "The feedback as stored."),
            "400": _error("Invalid feedback (`error.fields` lists the problems)."),
            "401": _error("Missing, invalid or revoked token."),
            "403": _error("Read-only roles may not log feedback."),
            "404": _error("The account or campaign is not visible to the token's user."),
        },
    }},
    f"{PREFIX}/openapi.json": {"get": {
        "operationId": "getOpenApi", "summary": "This document.", "security": [],
        "responses": {"200": {"description": "The OpenAPI document.",
                              "content": {"application/json": {"schema": {"type": "object"}}}}},
    }},
}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "SocialCRM integration API", "version": "1.0.0",
             "description": "Read campaigns, KPIs and rollups; push daily facts and feedback. "
                            "Create a token on the API tokens page and send it as "
                            "`Authorization: Bearer <token>`."},
    "security": [{"bearerToken": []}],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer"}},
    },
}


def document():
    return deepcopy(DOCUMENT)
