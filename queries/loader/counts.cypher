// name: counts
// description: Node counts per label, relationship counts per type, and the totals (summaries, /health).
MATCH (n)
UNWIND labels(n) AS label
WITH label, count(*) AS count
RETURN 'node' AS kind, label AS name, count
UNION ALL
MATCH ()-[r]->()
RETURN 'relationship' AS kind, type(r) AS name, count(*) AS count
UNION ALL
MATCH (n)
RETURN 'total' AS kind, 'nodes' AS name, count(n) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'total' AS kind, 'relationships' AS name, count(r) AS count
