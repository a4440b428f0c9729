"""The social channel in the JSON API (mounted under /api/v1/social/ by api.endpoints).

Pushes run the same checks and writes as the file imports: posts are upserted by (profile, post
ID), so pushing the same rows twice changes nothing; mentions go through listening's `ingest`,
so an item already heard is skipped. Reads see what the token's user sees in the app.
"""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Body, Field, Path, Query, Router, Schema

from api.errors import ApiError
from api.schemas import Count, Id, Paging, choice, errors, sent_as_is
from audit.services import record
from social import listening, services
from social.connectors import Heard
from social.experiments import experiment_verdict
from social.models import Post, SocialPlatform
from social.post_rows import MAX_ROWS, check_rows, parse_datetime
from social.posts import upsert_posts
from socialcrm.visibility import (
    ensure_can_work_on_social,
    get_visible_account,
    get_visible_experiment,
    get_visible_social_profile,
    mentions_visible_to,
    posts_visible_to,
)

router = Router(tags=["social"])
MAX_ITEMS = 10_000


class PostIn(Schema):
    """One post and its latest metrics; identified by `external_id` within the profile."""

    model_config = {"extra": "forbid"}

    external_id: str = Field(max_length=100, description="The post's ID on its platform.")
    published_at: datetime = Field(description="ISO 8601; without a zone, the business time zone.")
    content_type: choice(Post.ContentType.values) = None
    format: str = Field(None, max_length=40)
    variant_label: str = Field(None, max_length=60)
    text: str = None
    campaign: str = Field(None, description="Exact name of a campaign of the profile's account.")
    impressions: Count = None
    reach: Count = None
    likes: Count = None
    comments: Count = None
    shares: Count = None
    saves: Count = None
    clicks: Count = None
    conversions: Count = None
    video_views: Count = None


PostsIn = sent_as_is(Annotated[list[PostIn], Field(min_length=1, max_length=MAX_ROWS)])


class Written(Schema):
    created: Count
    updated: Count


class FollowerIn(Schema):
    day: date
    followers: Count


class MentionIn(Schema):
    platform: choice(SocialPlatform.values)
    id: str = Field(max_length=100, description="The comment's or mention's ID on its platform.")
    text: str = Field(max_length=10_000)
    published_at: datetime
    author: str = Field("", max_length=150)
    url: str = Field("", max_length=500)
    post_id: str = Field("", max_length=100, description="For a comment: the ID of the account's post.")


class MentionsHeard(Schema):
    created: Count
    duplicates: Count
    ignored: Count
    inbox_items: Count


class PostOut(Schema):
    id: int
    profile: int = Field(alias="profile_id")
    external_id: str
    published_at: datetime
    content_type: str
    variant_label: str
    impressions: int
    reach: int
    likes: int
    comments: int
    shares: int
    saves: int
    clicks: int
    conversions: int
    video_views: int


class PostPage(Schema):
    count: int
    page: int
    pages: int
    results: list[PostOut]


class MentionOut(Schema):
    id: int
    account: int = Field(alias="account_id")
    kind: str
    platform: str
    external_id: str
    author: str
    text: str
    published_at: datetime
    sentiment: str
    sentiment_is_manual: bool


class MentionPage(Schema):
    count: int
    page: int
    pages: int
    results: list[MentionOut]


class ArmOut(Schema):
    label: str
    successes: int
    trials: int
    rate: float | None
    low: float | None
    high: float | None


class VerdictOut(Schema):
    experiment: int
    metric: str
    enough_data: bool
    winner: str | None
    confidence: float | None
    p_value: float | None
    arms: list[ArmOut]


@router.post("/profiles/{int:pk}/posts/", url_name="push_posts", operation_id="pushPosts",
             summary="Upsert posts of a profile by post ID: all rows or none.",
             description="Pushing the same posts again replaces their metrics and never adds copies. "
                         "Invalid rows answer 400 with `error.rows` ({index, field, reason}).",
             response={200: Written, **errors(400, 401, 403, 404, 413)})
def push_posts(request, pk: Path[Id], rows: Body[PostsIn]):
    profile = get_visible_social_profile(request.user, pk)
    ensure_can_work_on_social(request.user, profile.account)
    if not isinstance(rows, list) or not rows:
        raise ApiError(_("Send a non-empty JSON array of posts."))
    if len(rows) > MAX_ROWS:
        raise ApiError(_("At most %(max)s posts per request.") % {"max": MAX_ROWS}, status=413, code="too_large")
    shaped = []
    problems = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            problems.append({"index": index, "field": "", "reason": _("Each row must be a JSON object.")})
            continue
        problems += [{"index": index, "field": name, "reason": _("Unknown field.")}
                     for name in row if name not in PostIn.model_fields]
        shaped.append((index, row))
    records, row_errors = check_rows(shaped, actor=request.user, profile=profile)
    problems += [{"index": error["line"], "field": error["column"], "reason": error["reason"]} for error in row_errors]
    if problems:
        raise ApiError(_("%(count)s of %(total)s rows are invalid; nothing was written.")
                       % {"count": len({problem["index"] for problem in problems}), "total": len(rows)},
                       code="invalid_rows", rows=sorted(problems, key=lambda problem: problem["index"]))
    with transaction.atomic():
        created, updated = upsert_posts(profile, records)
        record(actor=request.user, action="social.posts_pushed", target=profile, request=request,
               changes={"rows": len(records), "created": created, "updated": updated})
    return {"created": created, "updated": updated}


@router.post("/profiles/{int:pk}/followers/", url_name="push_followers", operation_id="pushFollowers",
             summary="Record daily follower counts of a profile; a day sent again is replaced.",
             response={200: Written, **errors(400, 401, 403, 404)})
def push_followers(request, pk: Path[Id], counts: Body[Annotated[list[FollowerIn], Field(min_length=1,
                                                                                         max_length=3660)]]):
    profile = get_visible_social_profile(request.user, pk)
    try:
        created, updated = services.record_followers(actor=request.user, profile=profile, request=request,
                                                     counts={one.day: one.followers for one in counts})
    except ValidationError as error:
        raise ApiError(" ".join(error.messages)) from None
    return {"created": created, "updated": updated}


@router.post("/accounts/{int:pk}/mentions/", url_name="push_mentions", operation_id="pushMentions",
             summary="Ingest comments and mentions heard for an account.",
             description="Comments on the account's posts are kept; other items only when a keyword rule of "
                         "the account matches. An item already heard is skipped; negative items and questions "
                         "open a feedback inbox item.",
             response={200: MentionsHeard, **errors(400, 401, 403, 404)})
def push_mentions(request, pk: Path[Id], items: Body[Annotated[list[MentionIn], Field(min_length=1,
                                                                                      max_length=MAX_ITEMS)]]):
    account = get_visible_account(request.user, pk)
    heard = [(index, Heard(platform=item.platform, external_id=item.id, text=item.text,
                           published_at=parse_datetime(item.published_at), author=item.author, url=item.url,
                           post_external_id=item.post_id)) for index, item in enumerate(items)]
    result = listening.ingest(actor=request.user, account=account, items=heard, request=request, source="api")
    if result.errors:
        raise ApiError(_("Some items are invalid; nothing was written."), code="invalid_rows", rows=result.errors)
    return result.as_dict()


@router.get("/posts/", url_name="post_list", operation_id="listPosts",
            summary="Posts the token's user may see, newest first.", response={200: PostPage, **errors(400, 401, 404)})
def post_list(request, paging: Query[Paging], profile: int = None):
    _refuse_unknown_parameters(request, {"page", "page_size", "profile"})
    posts = posts_visible_to(request.user).order_by("-published_at", "-pk")
    if profile is not None:
        posts = posts.filter(profile_id=profile)
    return _page(posts, paging)


@router.get("/mentions/", url_name="mention_list", operation_id="listMentions",
            summary="Comments and mentions the token's user may see, newest first.",
            response={200: MentionPage, **errors(400, 401, 404)})
def mention_list(request, paging: Query[Paging], account: int = None):
    _refuse_unknown_parameters(request, {"page", "page_size", "account"})
    mentions = mentions_visible_to(request.user).order_by("-published_at", "-pk")
    if account is not None:
        mentions = mentions.filter(account_id=account)
    return _page(mentions, paging)


@router.get("/experiments/{int:pk}/", url_name="experiment_verdict", operation_id="getExperimentVerdict",
            summary="An A/B test's variants with rates, confidence intervals and the verdict.",
            response={200: VerdictOut, **errors(400, 401, 404)})
def experiment_verdict_api(request, pk: Path[Id]):
    experiment = get_visible_experiment(request.user, pk)
    verdict = experiment_verdict(experiment)
    arms = verdict.arms if verdict else []
    best = min((one for one in verdict.comparisons if one.p_value is not None), key=lambda one: one.p_value,
               default=None) if verdict else None
    return {"experiment": experiment.pk, "metric": experiment.metric,
            "enough_data": bool(verdict and verdict.enough_data),
            "winner": verdict.winner.label if verdict and verdict.winner else None,
            "confidence": verdict.confidence if verdict else None, "p_value": best.p_value if best else None,
            "arms": [vars(one) for one in arms]}


def _refuse_unknown_parameters(request, allowed):
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ApiError(_("Unknown parameter: %(names)s") % {"names": ", ".join(unknown)[:100]})


def _page(queryset, paging):
    try:
        page = Paginator(queryset, paging.page_size).page(paging.page)
    except EmptyPage:
        raise ApiError(_("There is no such page."), status=404, code="not_found") from None
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
            "results": list(page.object_list)}


__all__ = ["router"]
