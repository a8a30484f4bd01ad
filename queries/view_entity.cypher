// name: view_entity
// description: The entity view's graph: one entity with its neighbours to depth 1 or 2 (optionally only some relationship types), every node with its properties and first evidence sentences, the relationships among the drawn nodes with theirs, and the relationship types around the entity (for the filter).
// param: key: string = required — the entity's key, e.g. practice/craftsman-school
// param: depth: int 1..2 = 1 — 1 or 2 steps out
// param: types: list[string] = null — relationship types to follow and draw, e.g. ADOPTS,COVERS
// param: limit: int 1..2000 = 300 — draw at most this many nodes (the entity first, then the nearest, by name)
// returns: total, nodes[{key, name, labels, props, evidence[], evidenceCount, distance}], edges[{key, source, target, type, evidence[]}], available[{type, count}]
MATCH (focus:Entity {key: $key})
OPTIONAL MATCH (focus) (()-[step]-(:Entity) WHERE $types IS NULL OR type(step) IN $types){1,2} (m:Entity)
WHERE size(step) <= $depth AND m <> focus
WITH focus, m, min(size(step)) AS distance
ORDER BY distance, m.name, m.key
WITH focus, collect(CASE WHEN m IS NULL THEN NULL ELSE {node: m, distance: distance} END) AS found
WITH focus, size(found) + 1 AS total, [{node: focus, distance: 0}] + found[0..($limit - 1)] AS picked
WITH focus, total, picked, [p IN picked | p.node] AS pickedNodes
CALL (pickedNodes) {
  UNWIND pickedNodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN pickedNodes AND ($types IS NULL OR type(r) IN $types)
  RETURN collect({key: r.key, source: a.key, target: b.key, type: type(r),
                  evidence: COLLECT { MATCH (ev:Evidence {target: r.key})
                                      OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                                      RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                                      ORDER BY ev.date, ev.rawStart LIMIT 3 }}) AS edges
}
CALL (focus) {
  MATCH (focus)-[r]-(:Entity)
  WITH type(r) AS type, count(*) AS count ORDER BY type
  RETURN collect({type: type, count: count}) AS available
}
UNWIND picked AS p
WITH total, edges, available, p.node AS n, p.distance AS distance
RETURN total,
       collect(n {.key, .name, labels: labels(n), props: properties(n), distance: distance,
         evidence: COLLECT { MATCH (ev:Evidence {target: n.key})
                             OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                             RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                             ORDER BY ev.date, ev.rawStart LIMIT 3 },
         evidenceCount: COUNT { (ev:Evidence {target: n.key}) }}) AS nodes,
       edges, available
