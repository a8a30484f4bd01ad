// name: overview
// description: The best-connected entities and the relationships among them — a first look at the graph.
// param: limit: int 1..2000 = 200 — how many entities to draw
// returns: nodes[{key, name, labels}], edges[{source, target, type}]
MATCH (n:Entity)
WITH n, COUNT { (n)--(:Entity) } AS degree
ORDER BY degree DESC, n.key
LIMIT $limit
WITH collect(n) AS picked
UNWIND picked AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE b IN picked
WITH picked, collect(CASE WHEN r IS NULL THEN NULL ELSE {source: a.key, target: b.key, type: type(r)} END) AS edges
RETURN [n IN picked | n {.key, .name, labels: labels(n)}] AS nodes, edges
