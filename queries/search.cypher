// name: search
// description: Full-text search over entity names and aliases (CJK analyser), best matches first.
// param: q: string 1..500 = required — search text, e.g. 小镇工会
// param: limit: int 1..200 = 20 — at most this many hits
// returns: rows of {key, name, labels, aliases, score}
CALL db.index.fulltext.queryNodes('entityNames', $q) YIELD node, score
RETURN node.key AS key, node.name AS name, labels(node) AS labels, coalesce(node.aliases, []) AS aliases, score
ORDER BY score DESC, name
LIMIT $limit
