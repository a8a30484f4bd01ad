// name: upsert_concepts
// description: Practice/programme concept nodes from the ontology (no evidence; never garbage-collected).
// param: rows: list[map] = required — {key, props}; all rows of one call share the labels in the {{labels}} slot
UNWIND $rows AS row
MERGE (n:Entity {key: row.key})
SET n = row.props
SET n:{{labels}}
