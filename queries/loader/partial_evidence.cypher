// name: partial_evidence
// description: Delete a batch of the evidence an interrupted load of this very version wrote, so that writing it again creates no duplicates.
// param: docId: string = required — document id
// param: hash: string = required — the load stamp being loaded
// param: batch: int = 5000 — batch size
MATCH (e:Evidence {docId: $docId})
WHERE e.loadHash = $hash
WITH e LIMIT $batch
DELETE e
RETURN count(*) AS deleted
