// name: stale_evidence
// description: A batch of a document's evidence left over from an earlier version of it.
// param: docId: string = required — document id
// param: hash: string = required — current content hash
// param: batch: int = 5000 — batch size
MATCH (e:Evidence {docId: $docId})
WHERE e.loadHash <> $hash
RETURN e.key AS key, e.target AS target
LIMIT $batch
