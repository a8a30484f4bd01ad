// name: upsert_relations
// description: Merge relationships between entities already loaded; one edge per (head, type, tail).
// param: rows: list[map] = required — {head, tail, props}; all rows of one call share the type in the {{type}} slot
UNWIND $rows AS row
MATCH (a:Entity {key: row.head})
MATCH (b:Entity {key: row.tail})
MERGE (a)-[r:{{type}}]->(b)
ON CREATE SET r = row.props
ON MATCH SET r = row.props
