// name: entity
// description: One entity by key with its properties, its own evidence, and its neighbours (optionally only some relationship types), each relationship with its evidence.
// param: key: string = required — the entity's stable key, e.g. union-organization/浙江省总工会 (URL-encoded in the key)
// param: types: list[string] = null — relationship types to include, e.g. ADOPTS,COVERS
// param: limit: int 1..2000 = 200 — at most this many relationships
// returns: entity, relationships[{type, direction, properties, neighbour, evidence[]}], evidence[]
MATCH (n:Entity {key: $key})
OPTIONAL MATCH (n)-[r]-(m:Entity)
WHERE $types IS NULL OR type(r) IN $types
WITH n, r, m ORDER BY type(r), m.name LIMIT $limit
OPTIONAL MATCH (ev:Evidence {target: r.key})
WITH n, r, m, collect(ev {.quote, .docId, .articleId, .rawStart, .rawEnd, .date, .page})[0..5] AS evidence
WITH n, collect(CASE WHEN r IS NULL THEN NULL ELSE {
       type: type(r),
       direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
       properties: properties(r),
       neighbour: m {.key, .name, labels: labels(m)},
       evidence: evidence} END) AS relationships
OPTIONAL MATCH (own:Evidence {target: n.key})
WITH n, relationships, collect(own {.quote, .docId, .articleId, .rawStart, .rawEnd, .date})[0..20] AS evidence
RETURN n {.*, labels: labels(n)} AS entity, relationships, evidence
