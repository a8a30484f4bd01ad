// name: view_subgraph
// description: The entities named by a list of keys or concept ids (in that order), with their properties and first evidence sentences, and every relationship among them with its evidence — how the query view draws any named query's result.
// param: refs: list[string] = required — entity keys (union-organization/…) or concept ids (craftsman-school), first = most important
// param: limit: int 1..2000 = 300 — draw at most this many entities
// returns: total, nodes[{key, name, labels, props, evidence[], evidenceCount}], edges[{key, source, target, type, evidence[]}]
UNWIND range(0, size($refs) - 1) AS position
WITH position, $refs[position] AS ref
CALL (ref) {
  MATCH (n:Entity {key: ref}) RETURN n
  UNION
  MATCH (n:Practice {id: ref}) RETURN n
  UNION
  MATCH (n:PracticeCategory {id: ref}) RETURN n
  UNION
  MATCH (n:Program {id: ref}) RETURN n
}
WITH n, min(position) AS position ORDER BY position
WITH collect(n) AS found
WITH size(found) AS total, found[0..$limit] AS picked
CALL (picked) {
  UNWIND picked AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN picked
  RETURN collect({key: r.key, source: a.key, target: b.key, type: type(r),
                  evidence: COLLECT { MATCH (ev:Evidence {target: r.key})
                                      OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                                      RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                                      ORDER BY ev.date, ev.rawStart LIMIT 3 }}) AS edges
}
CALL (picked) {
  UNWIND picked AS n
  RETURN collect(n {.key, .name, labels: labels(n), props: properties(n),
           evidence: COLLECT { MATCH (ev:Evidence {target: n.key})
                               OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                               RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                               ORDER BY ev.date, ev.rawStart LIMIT 3 },
           evidenceCount: COUNT { (ev:Evidence {target: n.key}) }}) AS nodes
}
RETURN total, nodes, edges
