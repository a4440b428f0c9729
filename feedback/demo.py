"""Demo feedback: a few dozen items across accounts and channels, some negative and past their
deadline, some answered and resolved, with a thread, so the inbox and analytics have a story."""

from datetime import timedelta

from django.utils import timezone

from feedback.models import Feedback, FeedbackLink, Reply
from feedback.services import default_owner, flag_sla_breaches, suggest_priority
from feedback.sla import respond_by
from social import sentiment

K = Feedback.Kind
# kind, rating, nps, text
VOICES = (
    (K.COOPERATION, 5, 10, "The account team was responsive and professional. Great cooperation!"),
    (K.AD_PERFORMANCE, 4, 9, "CTR exceeded the target, very satisfied with the results."),
    (K.AD_PERFORMANCE, 2, 4, "Conversions were poor and the weekly report was late again."),
    (K.BILLING, 1, 2, "We were overcharged on the last invoice and nobody answered our emails."),
    (K.CONTENT, 3, 7, "Content was fine but the approval process is slow."),
    (K.COOPERATION, 4, 8, "合作很顺利，团队很专业，推荐。"),
    (K.COMPLAINT, 1, 1, "投诉：结算延迟两个月，非常失望。"),
    (K.SUGGESTION, None, 7, "Please share the weekly report earlier, before our Monday meeting."),
    (K.PRAISE, 5, 10, "Thank you for the quick fix on the creative, excellent work."),
    (K.CONTENT, 2, 5, "素材审核太慢，问题反馈没回复。"),
    (K.AD_PERFORMANCE, 3, 6, "Reach was good but not the conversions we hoped for."),
    (K.COOPERATION, 5, 9, "沟通及时，效果不错，感谢！"),
)
PUBLIC = (
    ("Weibo comments", K.COMPLAINT, "This ad is misleading, the discount does not work. Terrible."),
    ("Douyin comments", K.PRAISE, "Love this campaign, the video is amazing!"),
    ("Xiaohongshu comments", K.CONTENT, "广告有点烂，太多了。"),
    ("Weibo comments", K.SUGGESTION, "Would like to see the product in more colours."),
)


def seed(ctx):
    now = timezone.now()
    accounts = ctx.advertisers + ctx.publishers
    campaigns_by_account = {}
    for campaign in ctx.campaigns:
        campaigns_by_account.setdefault(campaign.advertiser_id, []).append(campaign)
    items = []
    for index in range(36):
        account = accounts[index % len(accounts)]
        kind, rating, nps, text = VOICES[(index * 5) % len(VOICES)]
        campaign = ctx.rng.choice(campaigns_by_account.get(account.pk, [None]))
        age = timedelta(days=ctx.rng.randrange(0, 170), hours=ctx.rng.randrange(0, 24))
        items.append(_item(ctx, source=account.side, account=account, campaign=campaign, kind=kind,
                           rating=rating, nps=nps, text=ctx.say(text), received_at=now - age))
    for index, (channel, kind, text) in enumerate(PUBLIC * 2):
        campaign = ctx.campaigns[index % len(ctx.campaigns)]
        received = now - timedelta(days=index * 9 + 1, hours=3)
        items.append(_item(ctx, source=Feedback.Source.PUBLIC, channel=ctx.say(channel), campaign=campaign,
                           kind=kind, text=ctx.say(text), received_at=received))
    _recent_unanswered(ctx, now)
    _answer_most(ctx, items, now)
    flag_sla_breaches(now=now)
    FeedbackLink.objects.create(account=ctx.advertisers[0], campaign=ctx.campaigns[0],
                                purpose=ctx.say("After the monthly review"), created_by=ctx.users["am"],
                                expires_at=now + timedelta(days=14))
    ctx.log.append(f"{Feedback.objects.count()} feedback items")


def _item(ctx, *, kind, text, received_at, rating=None, nps=None, account=None, campaign=None, **extra):
    mood = sentiment.classify(text)
    priority = suggest_priority(kind=kind, rating=rating, nps=nps, sentiment=mood)
    return Feedback.objects.create(
        kind=kind, text=text, rating=rating, nps=nps, account=account, campaign=campaign,
        sentiment=mood, priority=priority, owner=default_owner(account, campaign),
        received_at=received_at, respond_by=respond_by(priority, received_at), **extra,
    )


def _recent_unanswered(ctx, now):
    """Fresh items still inside their deadline, so the inbox shows live countdowns."""
    for hours, (kind, rating, nps, text) in ((2, VOICES[2]), (5, VOICES[3]), (10, VOICES[7])):
        account = ctx.advertisers[hours % 2]
        _item(ctx, source=account.side, account=account, kind=kind, rating=rating, nps=nps, text=ctx.say(text),
              received_at=now - timedelta(hours=hours))


def _answer_most(ctx, items, now):
    """Two thirds answered (some late), half of those resolved; the rest stay open and breach."""
    for index, item in enumerate(items):
        if index % 3 == 2:
            continue
        late = index % 5 == 0
        delay = (item.respond_by - item.received_at) * (1.5 if late else ctx.rng.uniform(0.1, 0.8))
        answered = min(item.received_at + delay, now)
        author = item.owner or ctx.users["am"]
        note = Reply.objects.create(feedback=item, kind=Reply.Kind.INTERNAL_NOTE, author=author,
                                    text=ctx.say("Checked the numbers with the project lead."))
        reply = Reply.objects.create(feedback=item, kind=Reply.Kind.PARTNER_REPLY, author=author,
                                     text=ctx.say("Thank you for telling us. We are looking into it and will "
                                                  "follow up."))
        Reply.objects.filter(pk=note.pk).update(created_at=answered - (answered - item.received_at) / 2)
        Reply.objects.filter(pk=reply.pk).update(created_at=answered)
        item.first_response_at = answered
        item.status = Feedback.Status.IN_PROGRESS
        if late:
            item.sla_breached_at = item.respond_by
        if index % 2 == 0:
            item.status = Feedback.Status.RESOLVED if index % 4 else Feedback.Status.CLOSED
            item.resolved_at = min(answered + timedelta(days=ctx.rng.randrange(1, 6)), now)
            item.resolution = ctx.say("Explained the figures on a call and agreed on next steps.")
        item.save()
