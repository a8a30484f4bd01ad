// name: begin_document
// description: Record a document's new content hash and mark its load incomplete until finish_document.
// param: doc: map = required — SourceDocument properties, including id and contentHash
MERGE (d:SourceDocument {id: $doc.id})
SET d = $doc, d.complete = false
