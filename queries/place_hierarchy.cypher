// name: place_hierarchy
// description: A place (by key or canonical name) with the places containing it, the places and carriers inside it, and the organisations located in or covering it or anything inside it.
// param: place: string = required — key or canonical name, e.g. 湖州市南浔区
// param: limit: int 1..5000 = 500 — at most this many organisations
// returns: place, ancestors[], children[], organizations[{key, name, labels, form, level}]
MATCH (p:Place)
WHERE p.key = $place OR p.name = $place
WITH p LIMIT 1
OPTIONAL MATCH (p)-[:LOCATED_IN*1..5]->(ancestor:Place)
WITH p, collect(DISTINCT ancestor {.key, .name, .adminLevel}) AS ancestors
OPTIONAL MATCH (child:Place)-[:LOCATED_IN]->(p)
WITH p, ancestors, collect(DISTINCT child {.key, .name, .adminLevel, .carrierType, labels: labels(child)}) AS children
OPTIONAL MATCH (o:Organization)-[:LOCATED_IN|COVERS]->(inner:Place)-[:LOCATED_IN*0..5]->(p)
WITH p, ancestors, children, o ORDER BY o.name
WITH p, ancestors, children, collect(DISTINCT o {.key, .name, .form, .level, labels: labels(o)})[0..$limit] AS organizations
RETURN p {.*, labels: labels(p)} AS place, ancestors, children, organizations
