// name: party_building
// description: Party-building links (党建带工建, 联建 …) from party organisations to unions and other bodies, optionally within a place, with evidence.
// param: place: string = null — canonical name of a place; both ends must lie in it when given
// param: evidence_limit: int 0..1000 = 1 — evidence items per fact, in document order (0: none); evidenceCount always gives how many there are
// param: limit: int 1..1000 = 100 — page size
// param: offset: int 0..100000 = 0 — page start
// returns: total, items[{party, organization, mode, evidence[], evidenceCount}]
MATCH (party:PartyOrganization)-[r:PARTY_BUILDING]->(o:Organization)
WHERE $place IS NULL
   OR EXISTS { (o)-[:LOCATED_IN|COVERS]->()-[:LOCATED_IN*0..5]->(p:Place) WHERE p.name = $place }
   OR EXISTS { (party)-[:LOCATED_IN|COVERS]->()-[:LOCATED_IN*0..5]->(p:Place) WHERE p.name = $place }
OPTIONAL MATCH (ev:Evidence {target: r.key})
WITH party, r, o, ev ORDER BY ev.docId, ev.rawStart
WITH party, r, o, collect(ev {.quote, .docId, .articleId, .date}) AS evidence
ORDER BY party.name, o.name
WITH collect({party: party {.key, .name}, organization: o {.key, .name, labels: labels(o)},
              mode: r.mode, evidence: evidence[0..$evidence_limit], evidenceCount: size(evidence)}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $limit)] AS items
