// name: ensure_entities
// description: Create entity nodes an edge of this document needs but that another document describes; an existing node is left as it is.
// param: rows: list[map] = required — {key, props}; all rows of one call share the labels in the {{labels}} slot
UNWIND $rows AS row
MERGE (n:Entity {key: row.key})
ON CREATE SET n = row.props, n:{{labels}}
