// name: review_edges
// description: Extracted relationships for review, least certain first (the extractor's rule confidence, lowest first), filterable by practice, relationship type, region and status; each with both ends (name, aliases), rule, confidence, status, year, and its first evidence sentence with the surface forms of both ends. Also the relationship types among the matches (for the filter) and whether the practice and region exist.
// param: practice: string 1..200 = null — practice or category id: edges with that practice (or, for a category, one of its practices) at an end, e.g. craftsman-school
// param: type: string 1..64 = null — relationship type, e.g. ADOPTS
// param: region: string 1..200 = null — canonical name of a place (city, county …): edges with an end that is the place or lies in it, as `organizations` filters by place
// param: status: string 1..32 = null — only edges with this status: extracted, confirmed, corrected or added
// param: limit: int 1..500 = 50 — page size
// param: offset: int 0..100000 = 0 — page start
// returns: total, practiceFound, regionFound, types[{type, count}], items[{key, type, head{key, name, aliases}, tail{key, name, aliases}, confidence, rule, status, year, evidence, evidenceCount}]
CALL {
  MATCH (h:Entity)-[r]->(t:Entity)
  WHERE r.rule IS NOT NULL AND r.confidence IS NOT NULL
    AND ($status IS NULL OR coalesce(r.status, 'extracted') = $status)
    AND ($practice IS NULL
         OR h.id = $practice OR t.id = $practice
         OR EXISTS { (t)-[:BROADER]->(category) WHERE category.id = $practice }
         OR EXISTS { (h)-[:BROADER]->(category) WHERE category.id = $practice })
    AND ($region IS NULL
         OR (h:Place AND h.name = $region) OR (t:Place AND t.name = $region)
         OR EXISTS { (h)-[:COVERS|LOCATED_IN]->()-[:LOCATED_IN*0..5]->(p:Place) WHERE p.name = $region }
         OR EXISTS { (t)-[:COVERS|LOCATED_IN]->()-[:LOCATED_IN*0..5]->(p:Place) WHERE p.name = $region })
  RETURN h, r, t
}
WITH h, r, t ORDER BY r.confidence, r.key
WITH collect({h: h, r: r, t: t}) AS matched
CALL {
  WITH matched
  UNWIND matched AS x
  WITH type(x.r) AS relType, count(*) AS n ORDER BY relType
  RETURN collect({type: relType, count: n}) AS types
}
WITH types, [x IN matched WHERE $type IS NULL OR type(x.r) = $type] AS rows
WITH types, size(rows) AS total, rows[$offset..($offset + $limit)] AS page
UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE range(0, size(page) - 1) END AS i
WITH types, total, i, page[i] AS row
OPTIONAL MATCH (ev:Evidence {target: row.r.key})
WITH types, total, i, row, ev ORDER BY ev.docId, ev.rawStart
WITH types, total, i, row,
     collect(ev {.quote, .docId, .articleId, .rawStart, .rawEnd, .date, .page, .surfaces}) AS evidence
ORDER BY i
WITH types, total,
     collect(CASE WHEN row IS NULL THEN NULL ELSE {
       key: row.r.key, type: type(row.r),
       head: {key: row.h.key, name: row.h.name, aliases: coalesce(row.h.aliases, [])},
       tail: {key: row.t.key, name: row.t.name, aliases: coalesce(row.t.aliases, [])},
       confidence: row.r.confidence, rule: row.r.rule, status: coalesce(row.r.status, 'extracted'),
       year: row.r.year, evidence: evidence[0], evidenceCount: size(evidence)} END) AS items
RETURN total, items, types,
       $practice IS NULL OR EXISTS { MATCH (c) WHERE (c:Practice OR c:PracticeCategory) AND c.id = $practice } AS practiceFound,
       $region IS NULL OR EXISTS { MATCH (p:Place {name: $region}) } AS regionFound
