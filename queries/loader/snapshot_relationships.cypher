// name: snapshot_relationships
// description: Every relationship's ends, type and properties in a stable order (for graph checksums).
MATCH (a)-[r]->(b)
RETURN coalesce(a.key, a.id) AS head, type(r) AS type, coalesce(b.key, b.id) AS tail, properties(r) AS props
ORDER BY head, type, tail
