// name: view_region
// description: The region view's graph: a city or county (key or canonical name) with the places and carriers inside it, the organisations located in or covering any of them, the party organisations linked to those by party building, and the practices the organisations adopt; every relationship among them with its evidence.
// param: place: string = required — key or canonical name of a city or county, e.g. 湖州市
// param: practices: bool = true — include the practices the organisations adopt
// param: party: bool = true — include party organisations linked by party building (党建带工建)
// param: limit: int 1..2000 = 300 — draw at most this many nodes (the place, then places, carriers, organisations, party organisations, practices)
// returns: total, nodes[{key, name, labels, props, evidence[], evidenceCount, role}], edges[{key, source, target, type, evidence[]}]
MATCH (region:Place)
WHERE region.key = $place OR region.name = $place
WITH region ORDER BY CASE WHEN region.key = $place THEN 0 ELSE 1 END, region.key LIMIT 1
CALL (region) {
  OPTIONAL MATCH (inner:Place)-[:LOCATED_IN*1..5]->(region)
  WITH region, collect(DISTINCT inner) AS linked
  OPTIONAL MATCH (carrier:Carrier)
  WHERE (carrier.city = region.name OR carrier.county = region.name) AND NOT carrier IN linked
  WITH linked, carrier ORDER BY carrier.name
  WITH linked, collect(carrier) AS carriers
  RETURN linked + carriers AS inner
}
CALL (region, inner) {
  OPTIONAL MATCH (o:Organization)-[:LOCATED_IN|COVERS]->(x:Place)
  WHERE x = region OR x IN inner
  WITH DISTINCT o ORDER BY o.name
  RETURN collect(o) AS orgs
}
CALL (orgs) {
  OPTIONAL MATCH (party:PartyOrganization)-[:PARTY_BUILDING]-(o:Organization)
  WHERE $party AND o IN orgs AND NOT party IN orgs
  WITH DISTINCT party ORDER BY party.name
  RETURN collect(party) AS parties
}
CALL (orgs, parties) {
  OPTIONAL MATCH (o:Organization)-[:ADOPTS]->(pr:Practice)
  WHERE $practices AND (o IN orgs OR o IN parties)
  WITH pr, count(DISTINCT o) AS adopters ORDER BY adopters DESC, pr.name
  RETURN collect(pr) AS practices
}
WITH [{node: region, role: 'region'}]
     + [n IN inner | {node: n, role: CASE WHEN n:Carrier THEN 'carrier' ELSE 'place' END}]
     + [n IN orgs | {node: n, role: 'organization'}]
     + [n IN parties | {node: n, role: 'party'}]
     + [n IN practices | {node: n, role: 'practice'}] AS everything
WITH size(everything) AS total, everything[0..$limit] AS picked
WITH total, picked, [p IN picked | p.node] AS pickedNodes
CALL (pickedNodes) {
  UNWIND pickedNodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN pickedNodes
  RETURN collect({key: r.key, source: a.key, target: b.key, type: type(r),
                  evidence: COLLECT { MATCH (ev:Evidence {target: r.key})
                                      OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                                      RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                                      ORDER BY ev.date, ev.rawStart LIMIT 3 }}) AS edges
}
UNWIND picked AS p
WITH total, edges, p.node AS n, p.role AS role
RETURN total,
       collect(n {.key, .name, labels: labels(n), props: properties(n), role: role,
         evidence: COLLECT { MATCH (ev:Evidence {target: n.key})
                             OPTIONAL MATCH (doc:SourceDocument {id: ev.docId})
                             RETURN ev {.quote, .docId, .date, .page, source: doc.publication}
                             ORDER BY ev.date, ev.rawStart LIMIT 3 },
         evidenceCount: COUNT { (ev:Evidence {target: n.key}) }}) AS nodes,
       edges
