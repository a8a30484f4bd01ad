// name: graph_version
// description: What changes whenever the graph does (the API's response-cache key): each document's load stamp and completion, and the node and relationship totals.
MATCH (d:SourceDocument)
WITH d ORDER BY d.id
WITH collect([d.id, d.loadStamp, toString(d.complete)]) AS documents
RETURN documents, COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships
