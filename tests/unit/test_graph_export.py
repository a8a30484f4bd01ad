"""GraphML and CSV export on small invented rows (no database): what Gephi, networkx and pandas read back.

The rows have the shape of the named query `export_graph`; the integration test
(tests/integration/test_exports.py) checks the same conversion on the loaded corpus.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from analytics.graph_export import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    ExportEdge,
    ExportGraph,
    ExportNode,
    csv_tables,
    graph_from_rows,
    most_specific_class,
    to_csv_zip,
    to_graphml,
)
from analytics.graph_selection import ExportFilterError, check_filters, exportable_types, read_export
from graph_loader.errors import InputError
from ontology.model import get_ontology
from queries import QueryReader, public_queries
from ukg.cli import app
from ukg.commands.graph_export import write_graph

UNION = "union-organization/湖州市南浔区善琏湖笔小镇工会联合会"
TOWN = "carrier/湖州市南浔区善琏湖笔小镇"
SCHOOL = "practice/craftsman-school"
PERSON = "person/张三"


def node_rows() -> list[dict[str, Any]]:
    return [
        {"key": UNION, "name": "湖州市南浔区善琏湖笔小镇工会联合会",
         "labels": ["UnionOrganization", "Entity", "Organization"],
         "form": "工会联合会", "level": "carrier", "evidenceCount": 3},
        {"key": TOWN, "name": "湖州市南浔区善琏湖笔小镇", "labels": ["Entity", "Carrier", "Place"],
         "carrierType": "town", "city": "湖州市", "county": "湖州市南浔区", "evidenceCount": 1},
        {"key": SCHOOL, "name": "工匠学堂", "labels": ["Entity", "Practice"], "category": "skills",
         "form": None, "evidenceCount": 0},
        # characters XML and CSV must escape or quote
        {"key": PERSON, "name": 'A & B <"主席", 书记>', "labels": ["Entity", "Person"], "evidenceCount": 1},
    ]  # fmt: skip


def edge_rows() -> list[dict[str, Any]]:
    return [
        {"key": f"{UNION}|ADOPTS|{SCHOOL}", "source": UNION, "target": SCHOOL, "type": "ADOPTS", "year": 2019,
         "rule": "rel_practices.adoptions", "confidence": 0.81, "evidenceCount": 2},
        {"key": f"{UNION}|COVERS|{TOWN}", "source": UNION, "target": TOWN, "type": "COVERS",
         "rule": "rel_places.covers", "confidence": 0.9, "year": None, "evidenceCount": 1},
        {"key": f"{UNION}|LOCATED_IN|{TOWN}", "source": UNION, "target": TOWN, "type": "LOCATED_IN",
         "rule": "rel_places.locations", "confidence": 0.84, "evidenceCount": 1},
        {"key": f"{PERSON}|HOLDS_POSITION|{UNION}", "source": PERSON, "target": UNION, "type": "HOLDS_POSITION",
         "title": "主席,书记", "evidenceCount": 1},
    ]  # fmt: skip


@pytest.fixture()
def graph() -> ExportGraph:
    return graph_from_rows(node_rows(), edge_rows(), get_ontology())


def test_most_specific_class_whatever_the_label_order() -> None:
    ont = get_ontology()
    assert most_specific_class(["Organization", "UnionOrganization", "Entity"], ont) == "UnionOrganization"
    assert most_specific_class(["Place", "Entity", "AdminArea"], ont) == "AdminArea"
    assert most_specific_class(["Entity", "Practice"], ont) == "Practice"
    assert most_specific_class(["Entity", "NotInTheOntology"], ont) == "Entity"


def test_graphml_reads_back_with_nodes_edges_and_typed_attributes(graph: ExportGraph) -> None:
    data = to_graphml(graph)
    assert data.startswith(b"<?xml") and "工匠学堂".encode() in data
    back = nx.read_graphml(io.BytesIO(data))
    assert isinstance(back, nx.MultiDiGraph)  # COVERS and LOCATED_IN join the same two nodes
    assert set(back.nodes) == {UNION, TOWN, SCHOOL, PERSON}
    union = back.nodes[UNION]
    assert union["label"] == "湖州市南浔区善琏湖笔小镇工会联合会" and union["class"] == "UnionOrganization"
    assert union["key"] == UNION and union["form"] == "工会联合会" and union["evidence_count"] == 3
    assert isinstance(union["evidence_count"], int)
    school = back.nodes[SCHOOL]
    assert school["class"] == "Practice" and school["evidence_count"] == 0 and school["category"] == "skills"
    assert "form" not in school and "city" not in school  # missing values are left out, never "None"
    assert back.nodes[PERSON]["label"] == 'A & B <"主席", 书记>'

    edges = {key: attrs for _, _, key, attrs in back.edges(keys=True, data=True)}
    assert set(edges) == {row["key"] for row in edge_rows()}
    adopts = edges[f"{UNION}|ADOPTS|{SCHOOL}"]
    assert adopts == {"type": "ADOPTS", "key": f"{UNION}|ADOPTS|{SCHOOL}", "year": 2019,
                      "rule": "rel_practices.adoptions", "confidence": 0.81, "evidence_count": 2}  # fmt: skip
    assert isinstance(adopts["year"], int) and isinstance(adopts["confidence"], float)
    assert "year" not in edges[f"{UNION}|COVERS|{TOWN}"]
    assert edges[f"{PERSON}|HOLDS_POSITION|{UNION}"]["title"] == "主席,书记"
    assert back.number_of_edges(UNION, TOWN) == 2
    assert "description" in back.graph


def test_graphml_drops_characters_xml_cannot_carry() -> None:
    rows = [{**node_rows()[3], "name": "张\x0b三\x00", "labels": ["Person"]}]
    back = nx.read_graphml(io.BytesIO(to_graphml(graph_from_rows(rows, [], get_ontology()))))
    assert back.nodes[PERSON]["label"] == "张三"
    assert csv_tables(graph_from_rows(rows, [], get_ontology()))["nodes.csv"].count(b"\x0b") == 1  # CSV keeps it


def test_csv_tables_read_back_with_pandas(graph: ExportGraph) -> None:
    tables = csv_tables(graph)
    nodes = pd.read_csv(io.BytesIO(tables["nodes.csv"]))
    edges = pd.read_csv(io.BytesIO(tables["edges.csv"]))
    assert tuple(nodes.columns) == NODE_COLUMNS and tuple(edges.columns) == EDGE_COLUMNS
    assert nodes["key"].is_unique and edges["key"].is_unique
    assert set(edges["source"]) | set(edges["target"]) <= set(nodes["key"])
    assert nodes["evidence_count"].dtype == "int64" and edges["evidence_count"].dtype == "int64"
    assert edges["confidence"].dtype == "float64"
    by_key = nodes.set_index("key")
    assert by_key.loc[UNION, "class"] == "UnionOrganization" and by_key.loc[TOWN, "carrier_type"] == "town"
    assert by_key.loc[PERSON, "label"] == 'A & B <"主席", 书记>'  # quoted, comma and quotes intact
    assert pd.isna(by_key.loc[SCHOOL, "form"])  # empty cell = unknown
    years = pd.read_csv(io.BytesIO(tables["edges.csv"]), dtype={"year": "Int64"}).set_index("key")["year"]
    assert years[f"{UNION}|ADOPTS|{SCHOOL}"] == 2019 and pd.isna(years[f"{UNION}|COVERS|{TOWN}"])
    assert edges.set_index("key").loc[f"{PERSON}|HOLDS_POSITION|{UNION}", "title"] == "主席,书记"
    assert not tables["nodes.csv"].startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM, as analytics/export.py


def test_zip_holds_both_tables_and_is_the_same_bytes_every_time(graph: ExportGraph) -> None:
    data = to_csv_zip(graph)
    assert data == to_csv_zip(graph_from_rows(node_rows(), edge_rows(), get_ontology()))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        assert {name: archive.read(name) for name in archive.namelist()} == csv_tables(graph)


def test_an_edge_end_that_is_not_a_node_or_a_repeated_key_is_refused() -> None:
    node = ExportNode(key="a", label="A", node_class="Person", evidence_count=0)
    edge = ExportEdge(source="a", target="b", type="PARTNERS_WITH", key="a|PARTNERS_WITH|b", evidence_count=0)
    with pytest.raises(ValueError, match="not a node"):
        ExportGraph(nodes=(node,), edges=(edge,))
    with pytest.raises(ValueError, match="node keys"):
        ExportGraph(nodes=(node, node), edges=())


def test_filters_are_checked_against_the_ontology() -> None:
    filters = check_filters("practice:craftsman-school", " 湖州市 ", "adopts, LOCATED_IN,ADOPTS")
    assert (filters.practice, filters.region, filters.types) == ("craftsman-school", "湖州市", ("ADOPTS", "LOCATED_IN"))
    assert check_filters("skills").practice == "skills"  # a category id takes its practices
    assert check_filters(None, "", "").types is None and check_filters().region is None
    with pytest.raises(ExportFilterError, match="practice: unknown practice id 'no-such-practice'"):
        check_filters("no-such-practice")
    with pytest.raises(ExportFilterError, match="types: .*FOO"):
        check_filters(types="ADOPTS,FOO")
    with pytest.raises(ExportFilterError, match="MENTIONED_IN"):  # bookkeeping, not exported
        check_filters(types="MENTIONED_IN")
    allowed = exportable_types(get_ontology())
    assert "ADOPTS" in allowed and "BROADER" in allowed
    assert not {"MENTIONED_IN", "AUTHORED", "PART_OF"} & set(allowed)


def test_read_export_runs_the_named_query_and_refuses_an_unknown_region() -> None:
    calls: list[tuple[str, dict[str, Any]]] = []

    def read(cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        calls.append((cypher, params))
        known = params["region"] != "火星"
        return [{"regionKnown": known, "nodes": node_rows() if known else [], "edges": edge_rows() if known else []}]

    reader = QueryReader(read)
    graph = read_export(reader, check_filters("craftsman-school", "湖州市", "ADOPTS"))
    assert calls[0][0] == public_queries()["export_graph"].text
    assert calls[0][1] == {"practice": "craftsman-school", "region": "湖州市", "types": ["ADOPTS"]}
    assert len(graph.nodes) == 4 and "practice=craftsman-school&region=湖州市&types=ADOPTS" in graph.description
    with pytest.raises(ExportFilterError, match="region: no place with key or name '火星'"):
        read_export(reader, check_filters(region="火星"))


def test_cli_writes_csv_into_a_folder_and_refuses_wrong_out_paths(graph: ExportGraph, tmp_path: Path) -> None:
    assert write_graph(graph, "csv", tmp_path / "tables").endswith("(4 nodes, 4 edges)")
    assert pd.read_csv(tmp_path / "tables" / "nodes.csv")["key"].tolist() == [row["key"] for row in node_rows()]
    assert (tmp_path / "tables" / "edges.csv").read_bytes() == csv_tables(graph)["edges.csv"]
    write_graph(graph, "graphml", tmp_path / "sub" / "g.graphml")
    assert nx.read_graphml(tmp_path / "sub" / "g.graphml").number_of_nodes() == 4
    with pytest.raises(InputError, match="is a folder"):
        write_graph(graph, "graphml", tmp_path)
    with pytest.raises(InputError, match="is a file"):
        write_graph(graph, "csv", tmp_path / "sub" / "g.graphml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "-f", "csv", "--no-start-neo4j"], "--out DIR"),
        (["export", "-f", "ttl", "--practice", "craftsman-school"], "graphml and csv only"),
        (["export", "-f", "graphml", "--corpus", "x", "--no-start-neo4j"], "--corpus applies to the RDF formats"),
        (["export", "-f", "graphml", "--practice", "nope", "--no-start-neo4j"], "unknown practice id 'nope'"),
        (["export", "-f", "xml"], "use one of ttl, jsonld, nt, graphml, csv"),
    ],
)
def test_cli_refuses_bad_options_before_reading_anything(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, args)
    assert isinstance(result.exception, InputError)  # ukg.cli.main prints it as one line, exit 1
    assert message in str(result.exception)
