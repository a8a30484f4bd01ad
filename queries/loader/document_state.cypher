// name: document_state
// description: The stored content hash of a source document and whether its last load completed.
// param: id: string = required — document id (file name without extension)
MATCH (d:SourceDocument {id: $id})
RETURN d.contentHash AS contentHash, d.complete AS complete
