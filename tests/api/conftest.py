import json

import pytest
from django.urls import reverse

from api.services import create_token


@pytest.fixture
def api(client):
    """Call the API as `user` with a fresh token: api(user).get("api:campaign_list")."""

    class Caller:
        def __init__(self, user):
            self.token, self.secret = create_token(user=user, name="test")

        def _headers(self):
            return {"Authorization": f"Bearer {self.secret}"}

        def get(self, name, *args, **params):
            return client.get(reverse(name, args=args), params, headers=self._headers())

        def post(self, name, payload, *args):
            return client.post(reverse(name, args=args), json.dumps(payload), content_type="application/json",
                               headers=self._headers())

    return Caller
