// name: document_state
// description: A source document's load stamp (content hash + pipeline fingerprint) and whether its last load completed.
// param: id: string = required — document id (file name without extension)
MATCH (d:SourceDocument {id: $id})
RETURN d.contentHash AS contentHash, d.loadStamp AS loadStamp, d.complete AS complete
