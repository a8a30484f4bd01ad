// name: create_evidence
// description: Create evidence nodes of the document being loaded (its leftovers at this load stamp were deleted first: nothing to merge with).
// param: rows: list[map] = required — Evidence properties including key, target, docId
// param: hash: string = required — load stamp of the document being loaded
UNWIND $rows AS row
CREATE (e:Evidence)
SET e = row, e.loadHash = $hash
