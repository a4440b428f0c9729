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
    computed). Returns (created, updated). Runs inside the caller's transaction.

    One `INSERT ... ON CONFLICT (profile, external_id) DO UPDATE` per batch: the UGC marks and
    rights of a post already there are left as they are."""
    created = updated = 0
    now = timezone.now()
    for start in range(0, len(records), BATCH):
        batch = records[start:start + BATCH]
        ids = [record["external_id"] for record in batch]
        existing = set(Post.objects.filter(profile=profile, external_id__in=ids).values_list("external_id", flat=True))
        posts = [Post(profile=profile, updated_at=now, **{**record, "text_length": len(record.get("text") or "")})
                 for record in batch]
        Post.objects.bulk_create(posts, update_conflicts=True, unique_fields=["profile", "external_id"],
                                 update_fields=[*UPDATED_FIELDS, "updated_at"])
        updated += len(existing)
        created += len(batch) - len(existing)
    return created, updated
