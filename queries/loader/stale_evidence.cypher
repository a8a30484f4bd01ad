// name: stale_evidence
// description: Delete a batch of a document's evidence left over from an earlier version of it; return what each piece supported.
// param: docId: string = required — document id
// param: hash: string = required — current load stamp
// param: batch: int = 5000 — batch size
MATCH (e:Evidence {docId: $docId})
WHERE e.loadHash <> $hash
WITH e LIMIT $batch
WITH e, e.target AS target
DELETE e
RETURN target
