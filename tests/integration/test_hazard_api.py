"""GET /diffusion/hazard on the real corpus: it answers (a fit or a refusal) without error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app

pytestmark = pytest.mark.integration


def test_hazard_endpoint_answers_on_the_corpus(built_graph) -> None:
    with TestClient(create_app()) as client:
        answer = client.get("/diffusion/hazard", params={"level": "city"})
        assert answer.status_code == 200, answer.text
        fit = answer.json()
        assert fit["adoptions"] == fit["exact"] + fit["interval_censored"] > 0
        # the corpus dates most adoptions by article only: refused, with that reason, and no estimate
        assert (fit["refused"] is None) != (fit["coefficients"] == [])
        assert fit["refused"] is None or "known year" in fit["refused"] or "few" in fit["refused"]
        assert client.get("/diffusion/hazard", params={"practice": "no-such-practice"}).status_code == 404
        assert client.get("/diffusion/hazard", params={"level": "province"}).status_code == 422
