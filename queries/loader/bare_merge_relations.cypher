// name: bare_merge_relations
// description: Benchmark floor (bench/load.py): merge relationships with their properties between loaded entities and nothing else — no evidence, no entities, no bookkeeping — to compare the loader's rate with.
// param: rows: list[map] = required — {head, tail, props}; all rows of one call share the type in the {{type}} slot
UNWIND $rows AS row
MATCH (a:Entity {key: row.head})
MATCH (b:Entity {key: row.tail})
MERGE (a)-[r:{{type}}]->(b)
SET r = row.props
