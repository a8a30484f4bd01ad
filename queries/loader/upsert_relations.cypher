// name: upsert_relations
// description: Merge relationships between entities already loaded; one edge per (head, type, tail).
// param: rows: list[map] = required — {head, tail, type, props}
UNWIND $rows AS row
MATCH (a:Entity {key: row.head})
MATCH (b:Entity {key: row.tail})
MERGE (a)-[r:$(row.type)]->(b)
SET r = row.props
