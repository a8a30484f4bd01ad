// name: upsert_articles
// description: Merge a document's articles and link them to the document (PART_OF).
// param: rows: list[map] = required — {props} with props.key and props.docId
// param: hash: string = required — content hash of the document being loaded
UNWIND $rows AS row
MERGE (a:Article {key: row.props.key})
SET a = row.props, a.loadHash = $hash
WITH a, row
MATCH (d:SourceDocument {id: row.props.docId})
MERGE (a)-[:PART_OF]->(d)
