// name: path
// description: A shortest path between two entities through entity nodes (at most 8 steps), with each step's relationship type.
// param: source: string = required — key of the first entity
// param: target: string = required — key of the second entity
// returns: nodes[{key, name, labels}], relationships[{type, source, target}], length
MATCH (a:Entity {key: $source}), (b:Entity {key: $target})
MATCH p = shortestPath((a)-[*..8]-(b))
WHERE all(x IN nodes(p) WHERE x:Entity)
RETURN [x IN nodes(p) | x {.key, .name, labels: labels(x)}] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).key, target: endNode(r).key}] AS relationships,
       length(p) AS length
