"""The real corpus under interval dating: publication order alone is no longer a significant edge."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app

pytestmark = pytest.mark.integration


def test_wenzhou_ningbo_rests_on_publication_order_and_is_not_significant(built_graph: object) -> None:
    client = TestClient(create_app())
    body = client.get("/diffusion/network", params={"all_edges": "true"}).json()
    pairs = body["pairs"]
    print(f"\nreal corpus, city level: {pairs}, significant edges {body['significant_edges']}")
    assert pairs["established"] > 0 and pairs["unknown"] > pairs["established"]  # most orders unknown
    edge = next((e for e in body["edges"] if (e["source"], e["target"]) == ("温州市", "宁波市")), None)
    if edge is not None:
        print(
            f"温州市 → 宁波市: weight {edge['weight']}/{edge['shared']}, q {edge['q_value']:.3g}, "
            f"established {edge['established']}, unknown {edge['unknown']}, tied {edge['tied']}"
        )
        assert not edge["significant"]
        assert edge["established"] + edge["unknown"] + edge["tied"] == edge["shared"]
        # only orders between intervals bounded at both ends are evidence; the rest are one-sided
        assert edge["weight"] + edge["against"] + edge["one_sided"] == edge["established"]
    assert body["significant_edges"] == 0
    page = client.get("/views/diffusion/network").text
    assert f"established {pairs['established']}" in page and f"unknown {pairs['unknown']}" in page
    assert f"{pairs['one_sided']} are one-sided" in page
    if edge is not None and edge["weight"] + edge["against"] >= body["min_weight"]:
        assert "<table class='closest'>" in page and "温州市" in page.split("<table class='closest'>")[1]
