// name: upsert_entities
// description: Merge extracted entity nodes by their deterministic key and set their labels and properties.
// param: rows: list[map] = required — {key, props}; all rows of one call share the labels in the {{labels}} slot
UNWIND $rows AS row
MERGE (n:Entity {key: row.key})
SET n = row.props
SET n:{{labels}}
