// name: upsert_mentions
// description: MENTIONED_IN edges from entities to the articles that mention them, stamped with the load hash.
// param: rows: list[map] = required — {entity, article}; the MENTIONED_IN type fills the {{type}} slot
// param: hash: string = required — content hash of the document being loaded
UNWIND $rows AS row
MATCH (n:Entity {key: row.entity})
MATCH (a:Article {key: row.article})
MERGE (n)-[r:{{type}}]->(a)
SET r.loadHash = $hash
