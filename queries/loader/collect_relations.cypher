// name: collect_relations
// description: Delete relationships whose last evidence is gone (garbage collection after a document changed).
// param: rows: list[map] = required — {head, relType, tail, target}
UNWIND $rows AS row
MATCH (a:Entity {key: row.head})-[r]->(b)
WHERE b.key = row.tail
  AND type(r) = row.relType AND NOT EXISTS { MATCH (e:Evidence {target: row.target}) }
DELETE r
