// name: upsert_entities
// description: Merge extracted entity nodes by their deterministic key and set their labels and properties.
// param: rows: list[map] = required — {key, labels, props}
UNWIND $rows AS row
MERGE (n:Entity {key: row.key})
SET n = row.props
SET n:$(row.labels)
