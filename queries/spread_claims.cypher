// name: spread_claims
// description: Explicit spread claims (SPREAD_TO: 推广至, 复制推广, 在全市推广) with the practice, the holder and its places, the target place, the year and the evidence — kept apart from the order inferred from adoption dates (docs/diffusion.md).
// param: practice: string = null — only claims about this practice id, e.g. gig-worker-enrollment
// returns: rows [{practice, source, county, city, target, year, linked[], chain[], evidence[]}]
MATCH (s)-[r:SPREAD_TO]->(t)
WHERE $practice IS NULL OR r.practice = $practice
OPTIONAL MATCH (ev:Evidence {target: r.key})
WITH s, r, t, collect(ev {.quote, .docId, .articleId, .rawStart, .rawEnd, .date, .datedValue, .dateBasis, .datePhrase}) AS evidence
RETURN r.practice AS practice, s.name AS source, s.county AS county, s.city AS city, t.name AS target,
       r.year AS year,
       [(s)-[:LOCATED_IN|COVERS]->(p) | p {.name, .county, .city}] AS linked,
       [(s)-[:LOCATED_IN|COVERS]->()-[:LOCATED_IN*1..5]->(c) | c.name] AS chain,
       evidence
ORDER BY practice, source, target
