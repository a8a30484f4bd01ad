// name: loaded_documents
// description: The ids of every source document in the graph (to find those whose file is gone).
MATCH (d:SourceDocument)
RETURN d.id AS id
ORDER BY id
