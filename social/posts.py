"""Writing posts: one upsert for the file import and the API, keyed by (profile, post ID), so a
re-import or a second push replaces a post's metrics and never adds a copy."""

from django.utils import timezone

from social.metrics import COUNTERS
from social.models import Post

UPDATED_FIELDS = ("campaign", "published_at", "content_type", "format", "variant_label", "text",
                  "text_length", *COUNTERS)
BATCH = 2000


def upsert_posts(profile, records):
    """`records`: dicts with external_id and the fields of `UPDATED_FIELDS` (text_length is
    computed). Returns (created, updated). Runs inside the caller's transaction."""
    created = updated = 0
    for start in range(0, len(records), BATCH):
        batch = records[start:start + BATCH]
        existing = {post.external_id: post for post in
                    Post.objects.filter(profile=profile, external_id__in=[r["external_id"] for r in batch])}
        new, changed = [], []
        for record in batch:
            values = {**record, "text_length": len(record.get("text") or "")}
            post = existing.get(record["external_id"])
            if post is None:
                new.append(Post(profile=profile, **values))
                continue
            for name in UPDATED_FIELDS:
                if name in values:
                    setattr(post, name, values[name])
            post.updated_at = timezone.now()
            changed.append(post)
        Post.objects.bulk_create(new)
        if changed:
            Post.objects.bulk_update(changed, [*UPDATED_FIELDS, "updated_at"])
        created += len(new)
        updated += len(changed)
    return created, updated
