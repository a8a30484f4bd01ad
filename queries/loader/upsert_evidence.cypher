// name: upsert_evidence
// description: Merge evidence nodes (one per fact per sentence), stamped with the load hash of their document.
// param: rows: list[map] = required — Evidence properties including key, target, docId
// param: hash: string = required — content hash of the document being loaded
UNWIND $rows AS row
MERGE (e:Evidence {key: row.key})
SET e = row, e.loadHash = $hash
