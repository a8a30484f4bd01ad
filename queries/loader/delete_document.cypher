// name: delete_document
// description: Remove a source document's own node, once its articles, evidence and what only they supported are collected.
// param: id: string = required — document id
MATCH (d:SourceDocument {id: $id})
DETACH DELETE d
