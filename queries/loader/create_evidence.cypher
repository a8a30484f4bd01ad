// name: create_evidence
// description: Create evidence nodes of a document loaded for the first time (nothing to merge with: faster than upsert_evidence).
// param: rows: list[map] = required — Evidence properties including key, target, docId
// param: hash: string = required — content hash of the document being loaded
UNWIND $rows AS row
CREATE (e:Evidence)
SET e = row, e.loadHash = $hash
