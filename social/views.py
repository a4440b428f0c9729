"""Pages of the social channel. Thin: parse, call a service or selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from social import best_time, content, listening, post_import, selectors, services
from social.experiments import experiment_verdict
from social.forms import (
    DecisionForm,
    ExperimentForm,
    FollowerForm,
    InsightFilterForm,
    KeywordRuleForm,
    MappingForm,
    MentionImportForm,
    PostUploadForm,
    ProfileForm,
    SentimentForm,
    UgcForm,
)
from social.frames import post_frame
from social.models import KeywordRule, Post, PostImport
from socialcrm.redirects import next_url
from socialcrm.uploads import UploadError
from socialcrm.visibility import (
    can_work_on_social,
    ensure_can_work_on_any_social,
    ensure_can_work_on_social,
    experiments_visible_to,
    get_own_post_import,
    get_visible_account,
    get_visible_experiment,
    get_visible_mention,
    get_visible_post,
    get_visible_social_profile,
    posts_visible_to,
    social_accounts_for,
    social_profiles_visible_to,
)

PAGE_SIZE = 30
CONTENT_TYPE_LABELS = {"content_type": dict(Post.ContentType.choices)}


@require_GET
def overview(request):
    profiles = social_profiles_visible_to(request.user).filter(archived_at__isnull=True).select_related("account")
    growth = selectors.follower_growth(profiles)
    mentions = selectors.mentions_for(request.user)
    return render(request, "social/overview.html", {
        "growth": growth, "trend": selectors.mention_trend(mentions),
        "summary": selectors.sentiment_summary(mentions),
        "accounts": social_accounts_for(request.user), "can_import": social_accounts_for(request.user).exists(),
    })


@require_http_methods(["GET", "POST"])
def profile_create(request, account_pk):
    account = get_visible_account(request.user, account_pk)
    ensure_can_work_on_social(request.user, account)
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.create_profile(actor=request.user, account=account, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Profile added."))
            return redirect(profile)
    return render(request, "social/profile_form.html", {"form": form, "account": account})


@require_GET
def profile_detail(request, pk):
    profile = get_visible_social_profile(request.user, pk)
    posts = posts_visible_to(request.user).filter(profile=profile).select_related("campaign")
    page = Paginator(posts.order_by("-published_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "social/profile_detail.html", {
        "profile": profile, "growth": selectors.follower_growth([profile])[0],
        "series": selectors.follower_series(profile)[-30:], "page": page,
        "can_work": can_work_on_social(request.user, profile.account), "follower_form": FollowerForm(),
    })


@require_POST
def followers_record(request, pk):
    profile = get_visible_social_profile(request.user, pk)
    ensure_can_work_on_social(request.user, profile.account)
    form = FollowerForm(request.POST)
    if form.is_valid():
        try:
            services.record_followers(actor=request.user, profile=profile, request=request,
                                      counts={form.cleaned_data["day"]: form.cleaned_data["followers"]})
            messages.success(request, _("Follower count saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Give a day and a follower count."))
    return redirect(profile)


@require_GET
def post_detail(request, pk):
    post = get_visible_post(request.user, pk)
    can_work = can_work_on_social(request.user, post.profile.account)
    return render(request, "social/post_detail.html", {
        "post": post, "can_work": can_work,
        "ugc_form": UgcForm(initial={"is_ugc": post.is_ugc, "rights_status": post.rights_status}),
    })


@require_POST
def post_ugc(request, pk):
    post = get_visible_post(request.user, pk)
    return _save_ugc(request, post, post.profile.account)


def _save_ugc(request, item, account):
    ensure_can_work_on_social(request.user, account)
    form = UgcForm(request.POST)
    if form.is_valid():
        services.set_ugc(actor=request.user, item=item, account=account, request=request,
                         is_ugc=form.cleaned_data["is_ugc"], rights_status=form.cleaned_data["rights_status"])
        messages.success(request, _("Saved."))
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect(item)


@require_http_methods(["GET", "POST"])
def post_import_start(request):
    profiles = social_profiles_visible_to(request.user).filter(
        account__in=social_accounts_for(request.user).values("pk"), archived_at__isnull=True).select_related("account")
    ensure_can_work_on_any_social(request.user)
    form = PostUploadForm(request.POST or None, request.FILES or None, profiles=profiles)
    if request.method == "POST" and form.is_valid():
        try:
            job = post_import.upload_export(actor=request.user, profile=form.cleaned_data["profile"],
                                            uploaded_file=form.cleaned_data["file"], request=request)
        except UploadError as error:
            form.add_error("file", str(error))
        else:
            return redirect(job)
    return render(request, "social/post_import.html", {"form": form})


@require_http_methods(["GET", "POST"])
def post_import_detail(request, pk):
    job = get_own_post_import(request.user, pk)
    form = MappingForm(request.POST or None, headers=job.headers, initial_columns=job.columns)
    if request.method == "POST" and job.status != PostImport.Status.DONE and form.is_valid():
        try:
            job = post_import.run_import(actor=request.user, job=job, columns=form.columns(), request=request)
        except UploadError as error:
            form.add_error(None, str(error))
        else:
            if job.status == PostImport.Status.DONE:
                messages.success(request, _("%(created)s posts added, %(updated)s updated.")
                                 % {"created": job.created, "updated": job.updated})
            return redirect(job)
    return render(request, "social/post_import_detail.html", {"job": job, "form": form})


@require_GET
def insights(request):
    form = InsightFilterForm(request.GET or None, user=request.user)
    posts = posts_visible_to(request.user)
    min_posts = best_time.MIN_POSTS
    if form.is_valid():
        if form.cleaned_data.get("platform"):
            posts = posts.filter(profile__platform=form.cleaned_data["platform"])
        if form.cleaned_data.get("profile"):
            posts = posts.filter(profile=form.cleaned_data["profile"])
        min_posts = form.cleaned_data.get("min_posts") or min_posts
    frame = post_frame(posts)
    return render(request, "social/insights.html", {
        "form": form, "heatmap": best_time.heatmap(frame, min_posts=min_posts),
        "performance": [(dimension, content.performance(frame, dimension, labels=CONTENT_TYPE_LABELS))
                        for dimension in content.DIMENSIONS],
    })


@require_GET
def mention_list(request):
    sentiment = request.GET.get("sentiment", "")
    kind = request.GET.get("kind", "")
    mentions = selectors.mentions_for(request.user, sentiment=sentiment if sentiment in (
        "positive", "neutral", "negative") else "", kind=kind if kind in ("comment", "mention") else "")
    page = Paginator(mentions, PAGE_SIZE).get_page(request.GET.get("page"))
    all_mentions = selectors.mentions_for(request.user)
    return render(request, "social/mention_list.html", {
        "page": page, "trend": selectors.mention_trend(all_mentions),
        "summary": selectors.sentiment_summary(all_mentions), "sentiment": sentiment, "kind": kind,
        "accounts": social_accounts_for(request.user),
    })


@require_http_methods(["GET", "POST"])
def mention_import(request):
    accounts = social_accounts_for(request.user)
    ensure_can_work_on_any_social(request.user)
    form = MentionImportForm(request.POST or None, request.FILES or None, accounts=accounts)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = listening.ingest_export(actor=request.user, account=form.cleaned_data["account"],
                                             uploaded_file=form.cleaned_data["file"],
                                             connector=form.cleaned_data["connector"], request=request)
        except UploadError as error:
            form.add_error("file", str(error))
    return render(request, "social/mention_import.html", {"form": form, "result": result})


@require_http_methods(["GET", "POST"])
def keyword_rules(request, account_pk):
    account = get_visible_account(request.user, account_pk)
    ensure_can_work_on_social(request.user, account)
    form = KeywordRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_keyword_rule(actor=request.user, account=account, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("keywords", error)
        else:
            messages.success(request, _("Keyword rule saved."))
            return redirect("social:keyword_rules", account_pk=account.pk)
    rules = KeywordRule.objects.filter(account=account)
    return render(request, "social/keyword_rules.html", {"account": account, "form": form, "rules": rules})


@require_GET
def mention_detail(request, pk):
    mention = get_visible_mention(request.user, pk)
    return render(request, "social/mention_detail.html", {
        "mention": mention, "can_work": can_work_on_social(request.user, mention.account),
        "sentiment_form": SentimentForm(initial={"sentiment": mention.sentiment}),
        "ugc_form": UgcForm(initial={"is_ugc": mention.is_ugc, "rights_status": mention.rights_status}),
        "corrections": mention.corrections.select_related("corrected_by"),
    })


@require_POST
def mention_sentiment(request, pk):
    mention = get_visible_mention(request.user, pk)
    ensure_can_work_on_social(request.user, mention.account)
    form = SentimentForm(request.POST)
    if form.is_valid():
        services.correct_sentiment(actor=request.user, mention=mention, sentiment=form.cleaned_data["sentiment"],
                                   request=request)
        messages.success(request, _("Sentiment corrected."))
    else:
        messages.error(request, _("Choose positive, neutral or negative."))
    return redirect(next_url(request, mention.get_absolute_url()))


@require_POST
def mention_ugc(request, pk):
    mention = get_visible_mention(request.user, pk)
    return _save_ugc(request, mention, mention.account)


@require_GET
def experiment_list(request):
    experiments = experiments_visible_to(request.user).filter(archived_at__isnull=True).select_related("account")
    return render(request, "social/experiment_list.html", {
        "experiments": experiments, "can_create": social_accounts_for(request.user).exists()})


@require_http_methods(["GET", "POST"])
def experiment_create(request):
    accounts = social_accounts_for(request.user)
    ensure_can_work_on_any_social(request.user)
    form = ExperimentForm(request.POST or None, user=request.user, accounts=accounts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            experiment = services.create_experiment(
                actor=request.user, account=data["account"], name=data["name"], metric=data["metric"],
                min_sample=data["min_sample"], hypothesis=data["hypothesis"], variants=form.variants(),
                request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(experiment)
    return render(request, "social/experiment_form.html", {"form": form})


@require_GET
def experiment_detail(request, pk):
    experiment = get_visible_experiment(request.user, pk)
    return render(request, "social/experiment_detail.html", {
        "experiment": experiment, "verdict": experiment_verdict(experiment),
        "variants": experiment.variants.prefetch_related("posts"),
        "can_work": can_work_on_social(request.user, experiment.account),
        "decision_form": DecisionForm(experiment=experiment),
    })


@require_POST
def experiment_decide(request, pk):
    experiment = get_visible_experiment(request.user, pk)
    ensure_can_work_on_social(request.user, experiment.account)
    form = DecisionForm(request.POST, experiment=experiment)
    if form.is_valid():
        try:
            services.decide_experiment(actor=request.user, experiment=experiment, request=request,
                                       decision=form.cleaned_data["decision"], winner=form.cleaned_data["winner"],
                                       note=form.cleaned_data["note"])
            messages.success(request, _("Decision recorded."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect(experiment)


