// name: snapshot_nodes
// description: Every node's labels and properties in a stable order (for graph checksums in tests and benchmarks).
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY coalesce(n.key, n.id), labels(n)[0]
