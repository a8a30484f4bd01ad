// name: finish_document
// description: Mark a document's load complete; a load killed before this is redone on the next run.
// param: id: string = required — document id
// param: hash: string = required — the load stamp that was loaded
MATCH (d:SourceDocument {id: $id})
SET d.complete = true, d.loadStamp = $hash
